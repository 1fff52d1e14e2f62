"""Issue 10, "What the texts say": each correction through the real API.

Real ``samverkan serve`` processes on real SQLite files: one on the repository's config with its
date fixed at 2026-03-20 (disputes, placements and the agreement views), and two whose config
records a written notice of the HSA (``[agreements.vgr] notice_given_on``), dated 2027-03-01.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from tests.support.inprocess import ROOT, InProcess

CONFIG = (ROOT / "config" / "samverkan.toml").read_text()
VGR = "14"
INDIVIDUAL = "p-00112233445566778899aabbccddeeff"
SIP = {
    "consent": True,
    "goal": "Behandling för missbruk och stabilt boende",
    "wishes": "Vill bo nära familjen",
    "responsibilities": "Kommunen: boende och stöd (SoL); VGR: psykiatrisk behandling (HSL)",
    "performers": "HVB utför boende och behandling på uppdrag av båda",
    "school_occupation": "Daglig sysselsättning på HVB",
    "follow_up": "Gemensam uppföljning var tredje månad",
}


def start(tmp: Any, config: str, today: str) -> InProcess:
    return InProcess(tmp, config, env={"SAMVERKAN_TODAY": today}).start()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[InProcess]:
    proc = start(tmp_path_factory.mktemp("readings"), CONFIG, "2026-03-20")
    yield proc
    proc.stop()


@pytest.fixture(scope="module")
def http(server: InProcess) -> httpx.Client:
    return server.client


def post(
    http: httpx.Client, server: InProcess, path: str, body: dict[str, Any], org: str, **h: str
) -> httpx.Response:
    return http.post(path, json=body, headers={**server.headers(org), **h})


def step(
    http: httpx.Client, server: InProcess, case: dict[str, Any], action: str, body: Any
) -> dict[str, Any]:
    """One change to a dispute, sent with the case's current ETag; returns the case."""
    response = http.post(
        f"/api/v1/disputes/{case['id']}/{action}",
        json=body,
        headers={
            **server.headers(case["municipality"]),
            "If-Match": f'"{case["id"]}.{case["revision"]}"',
        },
    )
    assert response.status_code == 200, response.text
    return dict(response.json())


# -- 1. Göteborg cost disputes have a next step -----------------------------------------------


def test_goteborg_cost_dispute_goes_on_past_the_line_organisation(
    http: httpx.Client, server: InProcess
) -> None:
    body = {
        "agreement": "goteborg",
        "municipality": "1402",
        "subject": "cost",
        "title": "Kostnadsfördelning vid placering",
        "description": "Parterna är oense om fördelningen.",
        "individual_ref": INDIVIDUAL,
        "temporary_arrangement": {"started_on": "2026-02-20", "description": "50/50 tills vidare"},
        "opened_on": "2026-03-01",
    }
    opened = post(http, server, "/api/v1/disputes", body, "1402")
    assert opened.status_code == 201, opened.text
    case = opened.json()
    assert case["ladder"] == {
        "kind": "cost",
        "name": "Tvister om kostnadsansvar",
        "tiers": ["line_organisation", "sub_regional", "lisa"],
    }
    sub = step(http, server, case, "escalate", {"reason": "no_agreement", "on": "2026-03-05"})
    assert sub["tier"]["key"] == "sub_regional"
    assert sub["due_on"] == "2026-04-04"  # ÖK 4.3: 30 days at the sub-regional level
    assert sub["tier"]["citation"]["document"] == "ÖK 2017"
    escalated = sub["history"][-1]
    assert escalated["citation"]["document"] == "ÖK 2017"
    lisa = step(http, server, sub, "escalate", {"reason": "no_agreement", "on": "2026-03-10"})
    assert lisa["tier"]["key"] == "lisa" and lisa["tier"]["aka"] == [
        "VVG",
        "Vårdsamverkan Västra Götaland",
    ]
    assert lisa["due_on"] == "2026-04-09"
    assert "preparing the case" in lisa["due_explanation"]

    ladder = http.get(
        "/api/v1/agreements/goteborg/ladder", params={"on": "2026-03-01", "kind": "cost"}
    )
    tiers = {t["key"]: t for t in ladder.json()["ladder"]["tiers"]}
    for key in ("sub_regional", "lisa"):
        note = tiers[key]["citation"]["note"]
        assert note.startswith("Reading:") and "linjeorganisationen" in note
    assert [r["from"] for r in tiers["lisa"]["retroactive"]] == ["joint_split"]
    assert tiers["sub_regional"]["retroactive"] == []
    assert "bereda" in tiers["lisa"]["time_limit"]["citation"]["note"]

    # LiSA's outcome reaches back to the day a joint (temporary) split existed, no further
    adjustment = {"effective_from": "2026-02-19", "responsibility": "Regionen"}
    body = {"outcome": "Regionen ansvarar.", "adjustment": adjustment}
    headers = {**server.headers(VGR), "If-Match": f'"{lisa["id"]}.{lisa["revision"]}"'}
    refused = http.post(f"/api/v1/disputes/{lisa['id']}/resolve", json=body, headers=headers)
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["message"] == "on or after 2026-02-20"


# -- 2. Södra Älvsborg's placement SIP needs the individual's needs ----------------------------


def test_sodra_alvsborg_sip_without_needs_is_incomplete(http: httpx.Client) -> None:
    answer = http.post(
        "/api/v1/agreements/sodra_alvsborg/sip-check",
        json={"context": "placement", "on": "2026-03-01", "sip": SIP},
    ).json()
    assert answer["complete"] is False
    assert [e["field"] for e in answer["missing"]] == ["sip.needs"]
    rule = answer["missing"][0]["rule"]
    assert rule["clause"].startswith("b. Grundläggande förutsättningar") and "1." in rule["clause"]
    assert "individens behov och önskemål finns beskrivna" in rule["quote"]
    complete = http.post(
        "/api/v1/agreements/sodra_alvsborg/sip-check",
        json={"context": "placement", "on": "2026-03-01", "sip": {**SIP, "needs": "Behandling"}},
    ).json()
    assert complete["complete"] is True


# -- 3. How far back an outcome reaches, tier by tier --------------------------------------


def test_sodra_alvsborg_local_group_does_not_reach_back_without_a_placement(
    http: httpx.Client, server: InProcess
) -> None:
    body = {
        "agreement": "sodra_alvsborg",
        "municipality": "1466",
        "subject": "responsibility",
        "title": "Ansvar för hemsjukvård",
        "description": "Oense om ansvaret.",
        "tier": "local_steering_group",
        "opened_on": "2026-03-02",
    }
    opened = post(http, server, "/api/v1/disputes", body, "1466")
    assert opened.status_code == 201, opened.text
    case = opened.json()
    resolve = next(s for s in case["next_steps"] if s["action"] == "resolve")
    assert resolve["retroactive"] == "none"
    adjustment = {
        "effective_from": "2026-01-05",
        "insats_started_on": "2026-01-05",
        "responsibility": "Regionen",
    }
    headers = {**server.headers("1466"), "If-Match": f'"{case["id"]}.{case["revision"]}"'}
    refused = http.post(
        f"/api/v1/disputes/{case['id']}/resolve",
        json={"outcome": "Regionen ansvarar.", "adjustment": adjustment},
        headers=headers,
    )
    assert refused.status_code == 422, refused.text
    error = refused.json()["errors"][0]
    assert error["field"] == "adjustment"
    assert error["rule"]["clause"] == "5 Rutin för tvistehantering: Lokal nivå"
    assert "section d" in error["rule"]["note"]
    assert (
        http.get(f"/api/v1/disputes/{case['id']}", headers=server.headers("1466")).json()["status"]
        == "open"
    )

    # the same dispute about a cost (section d) may reach back to the insats start
    cost = post(http, server, "/api/v1/disputes", {**body, "subject": "cost"}, "1466").json()
    done = step(
        http, server, cost, "resolve", {"outcome": "Regionen betalar.", "adjustment": adjustment}
    )
    assert done["resolution"]["adjustment"]["reaches_back_to"] == "insats_start"
    assert done["resolution"]["adjustment"]["rule"]["clause"] == "d. Oenighet om placeringen"


# -- 4. Rules a sub-region inherits ------------------------------------------------------------


def test_sodra_alvsborg_cost_policy_keeps_the_ok_rules(http: httpx.Client) -> None:
    view = http.get("/api/v1/agreements/sodra_alvsborg", params={"on": "2026-03-01"}).json()
    policy = view["cost_policy"]["policy"]
    rules = {r["key"]: r for r in (*policy["prerequisites"], *policy["notes"])}
    coordination = rules["coordination_responsibility"]["citation"]
    assert coordination["document"] == "ÖK 2017" and coordination["clause"] == "3.5 Ansvar"
    own = rules["own_performance"]["citation"]
    assert own["document"] == "Rutin tvistehantering Södra Älvsborg"
    assert own["quote"].startswith("Varje huvudman äger själv rätt")
    assert rules["compulsory_care_placements"]["citation"]["clause"].startswith("3.6")


# -- 5. HSA 2.1–2.5 responsibilities -------------------------------------------------------


def test_vgr_view_lists_the_hsa_responsibilities(http: httpx.Client) -> None:
    view = http.get("/api/v1/agreements/vgr", params={"on": "2027-06-01"}).json()
    found = {r["key"]: r for r in view["responsibilities"]}
    assert set(found) == {
        "physicians",
        "nurses_therapists",
        "hvb_short_stay_health_care",
        "home_visits",
        "medicine_costs",
        "personal_aids_costs",
        "children_aids_costs",
    }
    for rule in found.values():
        assert rule["citation"]["document"] == "HSA 2027" and rule["citation"]["quote"]
        assert rule["strength"] == "shall"
    assert found["physicians"]["citation"]["quote"] == "VGR ansvarar för läkare"
    assert found["home_visits"]["kind"] == "principle"
    assert "helhetsbedömning" in found["home_visits"]["assessment"]["citation"]["quote"]
    assert found["medicine_costs"]["kind"] == "cost"
    assert found["children_aids_costs"]["exception_to"] == "personal_aids_costs"
    before = http.get("/api/v1/agreements/vgr", params={"on": "2026-06-01"}).json()
    assert before["responsibilities"] == []


# -- 6. The HSA extends itself ---------------------------------------------------------------


def test_hsa_in_force_after_2030_by_its_own_extension(http: httpx.Client) -> None:
    response = http.get("/api/v1/agreements/vgr", params={"on": "2031-06-01"})
    assert response.status_code == 200, response.text
    view = response.json()
    assert view["version"]["key"] == "hsa-2027"
    assert view["validity"]["text_ends_on"] == "2030-12-31"
    assert view["validity"]["ends_on"] == "2033-12-31"
    assert view["validity"]["extends"] is True
    assert view["validity"]["term"] == 1
    extension = [n for n in view["notices"] if "extension" in n["text"]]
    assert extension and "2031-01-01 – 2033-12-31" in extension[0]["text"]
    assert "tre år i taget" in extension[0]["citation"]["quote"]
    listing = {a["id"]: a for a in http.get("/api/v1/agreements").json()["items"]}
    term = listing["vgr"]["terms"][-1]
    assert term["text_ends_on"] == "2030-12-31" and term["extends_itself"] is True


@pytest.mark.parametrize(
    ("notice", "status", "ends_on"),
    [("2029-05-01", 404, "2030-12-31"), ("2029-09-01", 200, "2033-12-31")],
)
def test_a_written_notice_ends_the_hsa(
    tmp_path: Any, notice: str, status: int, ends_on: str
) -> None:
    config = (
        CONFIG
        + f'\n[agreements.vgr]\nnotice_given_on = {notice}\nnotice_reason = "Kommunfullmäktige i '
        'Vara, beslut § 42"\n'
    )
    proc = start(tmp_path, config, "2027-03-01")
    try:
        answer = proc.client.get("/api/v1/agreements/vgr", params={"on": "2031-06-01"})
        assert answer.status_code == status, answer.text
        if status == 404:
            assert ends_on in answer.json()["detail"]
            versions = {v["key"]: v for v in answer.json()["versions"]}
            assert versions["hsa-2027"]["ends_on"] == ends_on
        else:
            validity = answer.json()["validity"]
            assert validity["ends_on"] == ends_on and validity["extends"] is False
            texts = [n["text"] for n in answer.json()["notices"]]
            assert any(f"Written notice given {notice}" in t and ends_on in t for t in texts)
        # a Göteborg cost dispute opened in 2027 follows the HSA ladder
        body = {
            "agreement": "goteborg",
            "municipality": "1481",
            "subject": "cost",
            "title": "Kostnad",
            "description": "Oense.",
            "opened_on": "2027-03-01",
        }
        opened = proc.client.post("/api/v1/disputes", json=body, headers=proc.headers("1481"))
        assert opened.status_code == 201, opened.text
        assert opened.json()["ladder"]["tiers"] == ["step_1", "step_2", "step_3"]
    finally:
        proc.stop()


# -- 7. Göteborg before 2019-11-14 ---------------------------------------------------------


def test_goteborg_before_the_guidance_answers_with_the_ok(http: httpx.Client) -> None:
    response = http.get("/api/v1/agreements/goteborg", params={"on": "2019-06-01"})
    assert response.status_code == 200, response.text
    view = response.json()
    assert view["version"] == {"agreement": "vgr", "key": "ok-2017"}
    [notice] = view["notices"]
    assert "2019-11-14" in notice["text"] and "ÖK 2017" in notice["text"]
    assert notice["citation"]["document"] == "Vägledning Göteborgsområdet 2019"
    assert "LGS" in notice["citation"]["quote"]
