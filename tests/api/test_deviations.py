"""Deviations (avvikelser) through real HTTP against a real server process, with a fixed date.

The policies come from ``samverkan_deviation_rules``: ÖK 4.2 and HSA 5.1 (vgr), Dalarna 12.1;
Göteborg and Södra Älvsborg inherit VGR's.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from samverkan.kernel.registry import Registry
from tests.support.inprocess import CONFIG, InProcess, running

TODAY = "2026-06-01"
PROBLEM = "application/problem+json"


class Api:
    """The HTTP client, with the headers of each acting organisation's API key."""

    def __init__(self, server: InProcess):
        self.server = server

    def __getattr__(self, name: str) -> Any:  # get, post, …: the test client's
        return getattr(self.server.client, name)

    def boras(self) -> dict[str, str]:
        return self.server.headers("1490", "Anna MAS")

    def vgr(self) -> dict[str, str]:
        return self.server.headers("14", "Bo Enhetschef")

    def falun(self) -> dict[str, str]:
        return self.server.headers("2080", "Cecilia")

    def region_dalarna(self) -> dict[str, str]:
        return self.server.headers("20", "Dan")

    def reader(self) -> dict[str, str]:
        """An admin key over every agreement: reads see every case, whoever recorded it."""
        return self.server.headers(
            "14", "Bo Enhetschef", role="admin", agreements=("vgr", "dalarna")
        )


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Api]:
    workdir: Path = tmp_path_factory.mktemp("deviations")
    with running(workdir, CONFIG, {"SAMVERKAN_TODAY": TODAY}) as service:
        yield Api(service)


def body(**changes: object) -> dict[str, object]:
    return {
        "agreement": "vgr",
        "municipality": "1490",
        "title": "Ingen SIP trots kallelse",
        "agreed": "Regionen deltar i SIP-möte inom överenskommen tid (ÖK 3.7).",
        "happened": "Ingen från psykiatrin kom till SIP-mötet 2026-05-20.",
        "occurred_on": "2026-05-20",
        **changes,
    }


def problem(response: httpx.Response, status: int) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith(PROBLEM)
    return response.json()


def record(api: Api, headers: dict[str, str], **changes: object) -> httpx.Response:
    response = api.post("/api/v1/deviations", json=body(**changes), headers=headers)
    assert response.status_code == 201, response.text
    return response


def test_record_list_and_get_with_the_policy(api: Api) -> None:
    created = record(api, api.boras(), reporting_role="MAS")
    deviation = created.json()
    assert created.headers["Location"] == f"/api/v1/deviations/{deviation['id']}"
    assert created.headers["ETag"] == f'"{deviation["id"]}.1"'
    assert deviation["from_party"] == "municipality" and deviation["to_party"] == "region"
    assert deviation["reported_on"] == TODAY and deviation["status"] == "open"
    assert deviation["version"] == {"agreement": "vgr", "key": "ok-2017"}
    assert deviation["recorded_by"] == {"org": "1490", "person": "Anna MAS"}
    assert deviation["warnings"] == [] and deviation["notes"] == []  # ÖK names no roles

    one = api.get(f"/api/v1/deviations/{deviation['id']}", headers=api.boras())
    assert one.status_code == 200 and one.headers["ETag"] == created.headers["ETag"]
    view = one.json()
    policy = view["policy"]
    assert policy["source"] == {"agreement": "vgr", "key": "ok-2017"}
    assert policy["rule"]["strength"] == "shall"
    assert "Varje vårdgivare har rutiner" in policy["rule"]["citation"]["quote"]
    assert any("LiSA" in rule["citation"]["quote"] for rule in policy["handling"])
    clauses = {c["clause"] for c in policy["citations"]}
    assert "4.2 Avvikelser" in clauses
    assert all(c["document"] == "ÖK 2017" and c["quote"] for c in policy["citations"])
    assert [e["action"] for e in view["history"]] == ["recorded"]
    assert view["history"][0]["actor"] == {"org": "1490", "person": "Anna MAS"}

    region = record(api, api.vgr(), municipality="1401", title="Utskrivning utan besked").json()
    assert region["from_party"] == "region" and region["to_party"] == "municipality"

    listed = api.get(
        "/api/v1/deviations", params={"municipality": "1490", "status": "open"}, headers=api.boras()
    )
    items = listed.json()["items"]
    assert deviation["id"] in [i["id"] for i in items]
    assert all(i["municipality"] == "1490" and "policy" not in i for i in items)
    page = api.get(
        "/api/v1/deviations", params={"agreement": "vgr", "limit": 1}, headers=api.reader()
    ).json()
    assert len(page["items"]) == 1 and page["total"] >= 2 and page["next_offset"] == 1
    by_region = api.get(
        "/api/v1/deviations", params={"from_party": "region"}, headers=api.reader()
    ).json()
    assert region["id"] in [i["id"] for i in by_region["items"]]
    assert deviation["id"] not in [i["id"] for i in by_region["items"]]


def test_parties_are_checked(api: Api) -> None:
    wrong = problem(
        api.post("/api/v1/deviations", json=body(municipality="2080"), headers=api.boras()), 422
    )
    assert wrong["errors"][0]["field"] == "municipality"
    assert "not a party to vgr" in wrong["detail"]

    # Region Dalarna is no party to a VGR case; Göteborg cannot act for Borås
    for outsider in (api.region_dalarna(), api.server.headers("1480", "Eva")):
        refused = problem(api.post("/api/v1/deviations", json=body(), headers=outsider), 403)
        assert refused["errors"][0]["field"] == "Authorization"
        assert "not a party" in refused["detail"]

    mixed = problem(
        api.post("/api/v1/deviations", json=body(from_party="region"), headers=api.boras()), 422
    )
    assert mixed["errors"][0]["field"] == "from_party"

    future = problem(
        api.post("/api/v1/deviations", json=body(reported_on="2026-06-02"), headers=api.boras()),
        422,
    )
    assert future["errors"][0]["field"] == "reported_on"

    anonymous = problem(api.post("/api/v1/deviations", json=body(), headers={}), 401)
    assert anonymous["errors"][0]["field"] == "Authorization"
    unknown = api.post("/api/v1/deviations", json=body(severity="high"), headers=api.boras())
    assert "severity" in problem(unknown, 422)["detail"]  # forbid_unknown_fields
    assert problem(api.get("/api/v1/deviations/dev_nope", headers=api.reader()), 404)
    assert problem(api.get("/api/v1/deviations/dev_nope"), 401)


def test_escalate_opens_the_linked_dispute_at_the_first_tier(api: Api) -> None:
    created = record(api, api.boras())
    deviation_id = created.json()["id"]
    url = f"/api/v1/deviations/{deviation_id}/escalate"

    problem(api.post(url, json={}, headers=api.boras()), 428)
    problem(api.post(url, json={}, headers={**api.boras(), "If-Match": f'"{deviation_id}.7"'}), 412)

    current = {"If-Match": created.headers["ETag"]}
    hidden = api.post(url, json={}, headers={**api.server.headers("1480", "Eva"), **current})
    assert problem(hidden, 404)["detail"] == f"no deviation {deviation_id}"
    admin = api.server.headers("1480", "Eva", role="admin", agreements=("vgr",))
    refused = problem(api.post(url, json={}, headers={**admin, **current}), 403)
    assert refused["errors"][0]["field"] == "Authorization"

    escalated = api.post(url, json={}, headers={**api.boras(), **current})
    assert escalated.status_code == 201, escalated.text
    view = escalated.json()
    dispute = view["dispute"]
    assert view["status"] == "escalated" and view["dispute_id"] == dispute["id"]
    assert escalated.headers["Location"] == f"/api/v1/disputes/{dispute['id']}"
    assert escalated.headers["ETag"] == f'"{deviation_id}.2"'
    assert dispute["subject"] == "deviation" and dispute["deviation_id"] == deviation_id
    assert dispute["tier"]["key"] == "local" and dispute["tier"]["step"] == 1
    assert dispute["title"] == "Ingen SIP trots kallelse"
    assert "Ingen från psykiatrin" in dispute["description"]
    assert dispute["history"][0]["actor"] == {"org": "1490", "person": "Anna MAS"}

    again = api.get(f"/api/v1/deviations/{deviation_id}", headers=api.reader()).json()
    assert again["dispute_id"] == dispute["id"]
    assert [e["action"] for e in again["history"]] == ["recorded", "escalated"]
    linked = api.get(f"/api/v1/disputes/{dispute['id']}", headers=api.reader()).json()
    assert linked["deviation_id"] == deviation_id

    twice = api.post(url, json={}, headers={**api.boras(), "If-Match": escalated.headers["ETag"]})
    assert problem(twice, 409)["dispute_id"] == dispute["id"]
    escalated_list = api.get(
        "/api/v1/deviations", params={"status": "escalated"}, headers=api.reader()
    ).json()
    assert deviation_id in [i["id"] for i in escalated_list["items"]]


def test_escalation_follows_the_dispute_rules(api: Api) -> None:
    ref = "pnr-0123456789abcdef0123456789abcdef"
    created = record(api, api.boras(), individual_ref=ref)
    url = f"/api/v1/deviations/{created.json()['id']}/escalate"
    headers = {**api.boras(), "If-Match": created.headers["ETag"]}
    refused = problem(api.post(url, json={}, headers=headers), 422)
    assert refused["errors"][0]["field"] == "temporary_arrangement"
    early = problem(api.post(url, json={"opened_on": "2026-05-01"}, headers=headers), 422)
    assert early["errors"][0]["field"] == "opened_on"
    arrangement = {"started_on": "2026-05-21", "description": "Kommunen ger stöd tills vidare."}
    ok = api.post(url, json={"temporary_arrangement": arrangement}, headers=headers)
    assert ok.status_code == 201, ok.text
    dispute = ok.json()["dispute"]
    assert dispute["concerns_individual"] and dispute["individual_ref"] == ref


def test_idempotency_key(api: Api) -> None:
    headers = {**api.boras(), "Idempotency-Key": "dev-key-1"}
    first = api.post("/api/v1/deviations", json=body(title="Idempotent"), headers=headers)
    second = api.post("/api/v1/deviations", json=body(title="Idempotent"), headers=headers)
    assert first.status_code == second.status_code == 201
    assert first.json()["id"] == second.json()["id"]
    assert second.headers["Idempotent-Replayed"] == "true"
    assert second.headers["ETag"] == first.headers["ETag"]
    listed = api.get("/api/v1/deviations", params={"limit": 500}, headers=api.reader()).json()[
        "items"
    ]
    assert [i["title"] for i in listed].count("Idempotent") == 1
    other = api.post("/api/v1/deviations", json=body(title="Another"), headers=headers)
    assert problem(other, 422)["errors"][0]["field"] == "Idempotency-Key"

    url = f"/api/v1/deviations/{first.json()['id']}/escalate"
    escalate_headers = {
        **api.boras(),
        "If-Match": first.headers["ETag"],
        "Idempotency-Key": "esc-1",
    }
    one = api.post(url, json={}, headers=escalate_headers)
    two = api.post(url, json={}, headers=escalate_headers)
    assert one.status_code == two.status_code == 201, two.text
    assert one.json()["dispute_id"] == two.json()["dispute_id"]
    assert two.headers["Idempotent-Replayed"] == "true"


def test_dalarna_roles_are_examples(api: Api) -> None:
    lapsed = body(agreement="dalarna", municipality="2080")  # reported today: 2026-06-01
    assert (
        problem(api.post("/api/v1/deviations", json=lapsed, headers=api.falun()), 422)["errors"][0][
            "field"
        ]
        == "on"
    )
    dalarna = {"agreement": "dalarna", "municipality": "2080", "occurred_on": "2025-02-27"}
    dalarna["reported_on"] = "2025-03-03"
    named = record(api, api.falun(), **dalarna, reporting_role="mas")
    assert named.json()["notes"] == [] and named.json()["warnings"] == []
    other = record(api, api.falun(), **dalarna, reporting_role="Enhetschef").json()
    assert other["warnings"] == []  # "ofta": a note, never a refusal
    (note,) = other["notes"]
    assert note["field"] == "reporting_role" and note["strength"] == "may"
    assert "MAS, MAR, SAS" in note["message"] and "ofta" in note["rule"]["quote"]

    policy = api.get(f"/api/v1/deviations/{other['id']}", headers=api.reader()).json()["policy"]
    assert policy["source"] == {"agreement": "dalarna", "key": "hvb-2021"}
    assert policy["system"] == "Synergi" and policy["reporting_roles"] == ["MAS", "MAR", "SAS"]
    assert policy["roles"] == "examples" and policy["roles_rule"]["strength"] == "may"
    assert policy["category_suggestion"] == "Samordnad vårdplanering"
    assert policy["title_suggestion"].startswith("Brister i samverkan utifrån")
    assert "another agreement" in policy["suggestion_rule"]["citation"]["note"]
    assert policy["escalation"]["strength"] == "may"
    assert "Synergiärenden" in policy["escalation"]["citation"]["quote"]

    rules = api.get("/api/v1/agreements/dalarna", params={"on": "2025-03-03"}).json()
    assert rules["deviation_policy"]["policy"]["system"] == "Synergi"

    url = f"/api/v1/deviations/{other['id']}/escalate"
    etag = f'"{other["id"]}.1"'
    opened = {"opened_on": "2025-03-10"}
    escalated = api.post(url, json=opened, headers={**api.region_dalarna(), "If-Match": etag})
    assert escalated.status_code == 201, escalated.text
    dispute = escalated.json()["dispute"]
    assert dispute["ladder"]["kind"] == "local"
    assert dispute["tier"]["key"] == "senior_officials"


def test_goteborg_inherits_vgr(api: Api) -> None:
    gbg = api.server.headers("1480", "Eva")
    created = record(api, gbg, agreement="goteborg", municipality="1480", reporting_role="MAS")
    view = api.get(f"/api/v1/deviations/{created.json()['id']}", headers=api.reader()).json()
    assert view["version"] == {"agreement": "goteborg", "key": "vagledning-2019"}
    assert view["policy"]["source"] == {"agreement": "vgr", "key": "ok-2017"}
    url = f"/api/v1/deviations/{view['id']}/escalate"
    escalated = api.post(url, json={}, headers={**gbg, "If-Match": created.headers["ETag"]})
    assert escalated.status_code == 201, escalated.text
    assert escalated.json()["dispute"]["agreement"] == "goteborg"


def test_the_hook_per_version(registry: Registry) -> None:
    hook = registry.pm.hook.samverkan_deviation_rules
    assert hook(agreement="goteborg", version="vagledning-2019") is None  # inherits
    hsa, source = registry.deviation_rules(registry.in_force("vgr", dt.date(2027, 1, 1)))
    assert (source.agreement, source.key) == ("vgr", "hsa-2027")
    assert hsa.system == "avsedd IT-tjänst"
    assert any("skyndsamt" in rule.citation.quote for rule in hsa.handling)
    assert "oenighet och tvist" in hsa.escalation.citation.quote
    later, source = registry.deviation_rules(
        registry.in_force("sodra_alvsborg", dt.date(2027, 6, 1))
    )
    assert later is hsa and source.key == "hsa-2027"
    assert hook(agreement="acme", version="x") is None


def test_category_defaults_to_the_agreements_suggestion(api: Api) -> None:
    """Dalarna's footnote after 12.3 suggests "Samordnad vårdplanering"; the ÖK suggests none."""
    falun = {
        "agreement": "dalarna",
        "municipality": "2080",
        "reported_on": "2025-03-03",
        "occurred_on": "2025-03-01",
    }
    dalarna = record(api, api.falun(), **falun).json()
    assert dalarna["category"] == "Samordnad vårdplanering"
    assert dalarna["policy"]["category_suggestion"] == dalarna["category"]
    chosen = record(api, api.falun(), **falun, category="Läkemedel").json()
    assert chosen["category"] == "Läkemedel"
    assert record(api, api.boras()).json()["category"] is None  # the ÖK suggests none
    listed = api.get(
        "/api/v1/deviations", params={"category": "Läkemedel"}, headers=api.reader()
    ).json()
    assert [i["id"] for i in listed["items"]] == [chosen["id"]]
    too_long = api.post("/api/v1/deviations", json=body(category="x" * 101), headers=api.boras())
    assert problem(too_long, 422)["errors"][0]["field"] == "category"
