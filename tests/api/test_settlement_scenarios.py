"""Settlement scenarios, played through HTTP: each plugin ships ``scenarios/settlements.toml``
in its package, found through its ``samverkan`` entry point (:func:`core.plugins.scenario_files`).

Each ``[[scenario]]`` registers a placement, posts its cost agreements in order (a refused one
names its expected status and field), its cost entries, and any cost dispute resolved with a
retroactive adjustment; then each ``[[scenario.expect]]`` reads the settlement as of a date and
compares it with the hand-computed figures written next to it in the file.

One real ``samverkan serve`` process with its own SQLite file; its date is fixed at 2027-06-30,
late enough for every step in the files to have happened (disputes refuse future days).
Dalarna's scenarios start before its text lapsed (2025-06-30): a placement is pinned to the
version in force on its start date, so the lapse does not touch them.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from samverkan.kernel.loading import scenario_files
from tests.support.inprocess import CONFIG, InProcess, running

TODAY = "2027-06-30"

#: A SIP that shows everything any of the four agreements asks for.
SIP = {
    "kind": "sip",
    "consent": True,
    "needs": "Behov av boende, skola och psykiatrisk behandling",
    "goal": "Stabil vardag och fungerande skolgång",
    "wishes": "Vill bo nära familjen",
    "responsibilities": "Kommunen: boende och skola. Regionen: psykiatrisk behandling",
    "performers": "HVB utför boende; BUP utför behandlingen",
    "school_occupation": "Skola vid HVB",
    "follow_up": "Var tredje månad",
    "overall_responsibility": "Kommunen",
    "others_measures": "Inga",
    "who_does_what": "Se ansvar ovan",
}


def _json(value: Any) -> Any:
    """TOML dates to ISO strings, recursively."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_json(v) for v in value]
    return value


def load() -> list[Any]:
    return [
        pytest.param(name, scenario, id=f"{name}-{index}")
        for name, path in sorted(scenario_files("settlements").items())
        for index, scenario in enumerate(tomllib.loads(path.read_text())["scenario"])
    ]


def cost_agreement(placement: dict[str, Any], given: dict[str, Any]) -> dict[str, Any]:
    """The fields every cost agreement must show, filled in; the scenario's own on top."""
    body = {
        "goal": "Stabil vardag och fungerande skolgång",
        "responsibilities": "Kommunen: boende och skola. Regionen: psykiatrisk behandling",
        "health_care_provision": "BUP/psykiatrin behandlar på HVB:t",
        "municipal_provision": "Socialtjänsten köper boende och skola av HVB:t",
        "follow_up_on": "2027-12-31",
        "signatories": [
            {
                "name": "Eva Ek",
                "role": "Enhetschef",
                "party": "municipality",
                "economic_mandate": True,
            },
            {
                "name": "Per Berg",
                "role": "Verksamhetschef",
                "party": "region",
                "economic_mandate": True,
            },
        ],
        "sip": SIP,
        **given,
    }
    if placement["agreement"] == "dalarna" and placement["acute"]:
        body.setdefault("registration_municipality", placement["municipality"])
    for key in ("expect_status", "expect_field"):
        body.pop(key, None)
    return body


@pytest.fixture(scope="module")
def proc(tmp_path_factory: pytest.TempPathFactory) -> Iterator[InProcess]:
    workdir = tmp_path_factory.mktemp("settlements")
    with running(workdir, CONFIG, {"SAMVERKAN_TODAY": TODAY}) as service:
        yield service


@pytest.fixture(scope="module")
def http(proc: InProcess) -> httpx.Client:
    return proc.client


@pytest.fixture(scope="module")
def region(http: httpx.Client) -> dict[str, str]:
    """Each enabled agreement's region code, as the service lists its parties."""
    listed = http.get("/api/v1/agreements").json()
    items = listed["items"] if isinstance(listed, dict) else listed
    return {item["id"]: item["parties"]["region_code"] for item in items}


def play_dispute(
    http: httpx.Client,
    proc: InProcess,
    placement: dict[str, Any],
    placement_id: str,
    dispute: dict[str, Any],
) -> None:
    """A cost dispute linked to the placement, resolved with its retroactive adjustment."""
    org = placement["municipality"]
    headers = proc.headers(org, "Ekonom")
    body = {
        "agreement": placement["agreement"],
        "municipality": org,
        "subject": "cost",
        "title": "Oenighet om kostnadsfördelningen",
        "description": "Parterna är oense om hur placeringens kostnad ska delas.",
        "placement_id": placement_id,
        "opened_on": dispute["opened_on"],
        "temporary_arrangement": {
            "started_on": dispute["temporary_from"],
            "description": "Kommunen betalar tills vidare; delningen avgörs i tvisten.",
        },
    }
    if "tier" in dispute:
        body["tier"] = dispute["tier"]
    opened = http.post("/api/v1/disputes", json=body, headers=headers)
    assert opened.status_code == 201, opened.text
    dispute_id = opened.json()["id"]
    assert opened.json()["placement"]["id"] == placement_id
    resolved = http.post(
        f"/api/v1/disputes/{dispute_id}/resolve",
        json={
            "outcome": "Parterna delar kostnaden enligt beslutet.",
            "on": dispute["resolved_on"],
            "adjustment": dispute["adjustment"],
        },
        headers={**headers, "If-Match": opened.headers["etag"]},
    )
    assert resolved.status_code == 200, resolved.text


@pytest.mark.parametrize(("agreement", "scenario"), load())
def test_settlement_scenario(
    http: httpx.Client,
    proc: InProcess,
    region: dict[str, str],
    agreement: str,
    scenario: dict[str, Any],
) -> None:
    scenario = _json(scenario)
    placement = scenario["placement"]
    assert placement["agreement"] == agreement
    placing_org = region[agreement] if placement["placing_party"] == "region" else None
    org = placing_org or placement["municipality"]
    headers = proc.headers(org, "Handlaggare")
    created = http.post("/api/v1/placements", json={"sip": SIP, **placement}, headers=headers)
    assert created.status_code == 201, created.text
    placement_id = created.json()["id"]
    url = f"/api/v1/placements/{placement_id}"

    accepted = 0
    etag = created.headers["etag"]
    for given in scenario.get("cost_agreements", []):
        response = http.post(
            f"{url}/cost-agreements",
            json=cost_agreement(placement, given),
            headers={**headers, "If-Match": etag},
        )
        if "expect_status" in given:
            assert response.status_code == given["expect_status"], response.text
            problem = response.json()
            assert [e["field"] for e in problem["errors"]] == [given["expect_field"]]
            assert problem["errors"][0]["rule"]["quote"], "a refusal names its rule"
        else:
            assert response.status_code == 201, response.text
            etag = response.headers["etag"]  # the agreement moved the placement on
            accepted += 1
    for index, entry in enumerate(scenario.get("costs", [])):
        payer = region[agreement] if entry["paid_by"] == "region" else placement["municipality"]
        response = http.post(
            f"{url}/costs",
            json={"invoice_ref": f"F-{index + 1}", **entry},
            headers={**proc.headers(payer, "Ekonom"), "Idempotency-Key": f"{placement_id}-{index}"},
        )
        assert response.status_code == 201, response.text
    for dispute in scenario.get("disputes", []):
        play_dispute(http, proc, placement, placement_id, dispute)

    view = http.get(url, headers=headers).json()
    assert len(view["cost_agreements"]) == accepted  # every accepted one stays in the history

    # the placing party reads the settlement, and the other party reads the same
    other = placement["municipality"] if placing_org else region[agreement]
    for expect in scenario["expect"]:
        readers = [
            http.get(f"{url}/settlement", params={"as_of": expect["as_of"]}, headers=reader)
            for reader in (headers, proc.headers(other, "Ekonom"))
        ]
        for response in readers:
            assert response.status_code == 200, response.text
        result = readers[0].json()
        assert readers[1].json() == result
        parties = result["parties"]
        for party, want in expect["parties"].items():
            got = parties[party]
            assert (got["owes_ore"], got["paid_ore"], got["balance_ore"]) == (
                want["owes"],
                want["paid"],
                want["balance"],
            ), f"{party} as of {expect['as_of']}: {got}"
        assert sum(p["balance_ore"] for p in result["parties"].values()) == 0
        transfer = expect["transfer"]
        assert result["transfer"] == (None if transfer == "none" else transfer)
        if "lines" in expect:
            lines = [
                {
                    "days": line["days"],
                    "amount_ore": line["amount_ore"],
                    "region": line["owes_ore"]["region"],
                }
                for line in result["lines"]
            ]
            assert lines == expect["lines"]
        for line in result["lines"]:
            assert line["why"] and line["citation"]["document"], line
        if "notice" in scenario:
            assert any(scenario["notice"] in notice for notice in result["notices"])


def test_every_agreement_has_settlement_scenarios(region: dict[str, str]) -> None:
    assert (
        set(scenario_files("settlements"))
        == set(region)
        == {
            "vgr",
            "sodra_alvsborg",
            "goteborg",
            "dalarna",
        }
    )
    assert region["vgr"] == region["goteborg"] == "14" and region["dalarna"] == "20"
