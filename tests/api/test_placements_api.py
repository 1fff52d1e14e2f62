"""Placements, cost agreements, cost entries and the settlement, end to end: a real
``samverkan serve`` process, a real SQLite file, every request over HTTP.

One server whose date is fixed at 2027-06-30 (so Dalarna's text, which ends 2025-06-30, has
lapsed, and the default config declares no extension). Each test uses its own municipality or
its own placements, so the shared database does not couple the tests.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.support import payloads
from tests.support.inprocess import CONFIG, InProcess, running

TODAY = "2027-06-30"
URL = "/api/v1/placements"
VGR, DALARNA = "14", "20"
MOLNDAL, GOTEBORG, PARTILLE, HARRYDA, OCKERO = "1481", "1480", "1402", "1401", "1407"
BORAS, MARK, ULRICEHAMN = "1490", "1463", "1491"
FALUN, LEKSAND = "2080", "2029"
PERSON = "Anna Handlaggare"

SIP = {
    "consent": True,
    "needs": "Stöd i vardagen, behandling för ångest, skolstöd",
    "goal": "Stabil vardag och fungerande skolgång",
    "wishes": "Vill bo nära familjen",
    "responsibilities": "Kommunen: boende och skola. Regionen: BUP-behandling",
    "performers": "HVB utför boende; BUP utför behandling",
    "school_occupation": "Skola vid HVB",
    "overall_responsibility": "Kommunen",
    "follow_up": "Var tredje månad",
}
MANDATED = [
    {"name": "Eva Ek", "role": "Socialchef", "party": "municipality", "economic_mandate": True},
    {
        "name": "Per Berg",
        "role": "Verksamhetschef BUP",
        "party": "region",
        "economic_mandate": True,
    },
]


def placement(**fields: Any) -> dict[str, Any]:
    """A Göteborg child placement by Mölndal unless overridden."""
    return payloads.placement(**{"sip": SIP, **fields})


def cost_agreement(**fields: Any) -> dict[str, Any]:
    return {
        "effective_from": "2026-03-01",
        "agreed_on": "2026-03-20",
        "method": "schablon",
        "goal": "Stabil vardag",
        "responsibilities": "Kommunen: boende och skola. Regionen: BUP",
        "health_care_provision": "BUP behandlar på HVB:t",
        "municipal_provision": "Socialtjänsten köper boende och skola",
        "follow_up_on": "2026-06-01",
        "signatories": MANDATED,
        **fields,
    }


def problem(response: httpx.Response, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    body = response.json()
    assert body["status"] == status and body["detail"]
    return dict(body)


def fields(body: dict[str, Any]) -> list[str]:
    return [error["field"] for error in body["errors"]]


@dataclass
class Api:
    """Changes act with the acting organisation's API key; reads use :meth:`reader`, an admin
    key over every agreement, so they see every placement whoever registered it."""

    http: httpx.Client
    db: Path
    server: InProcess

    def actor(self, org: str) -> dict[str, str]:
        return self.server.headers(org, PERSON)

    def reader(self) -> dict[str, str]:
        return self.server.headers(VGR, PERSON, role="admin", agreements=("vgr", "dalarna"))

    def read(self, path: str, params: dict[str, Any] | None = None) -> httpx.Response:
        return self.http.get(path, params=params, headers=self.reader())

    def post(self, path: str, body: dict[str, Any], org: str) -> httpx.Response:
        """POST as ``org``, as a careful client does: a cost entry with a fresh
        ``Idempotency-Key``, a change to a placement with ``If-Match`` from a read just before."""
        headers = self.actor(org)
        if path.endswith("/costs"):
            headers["Idempotency-Key"] = str(uuid.uuid4())
        elif path.endswith(("/end", "/cost-agreements")):
            current = self.read(path.rsplit("/", 1)[0])
            if current.status_code == 200:
                headers["If-Match"] = current.headers["etag"]
        return self.http.post(path, json=body, headers=headers)

    def open(self, body: dict[str, Any], org: str | None = None) -> dict[str, Any]:
        response = self.post(URL, body, org or body["municipality"])
        assert response.status_code == 201, response.text
        assert response.headers["location"] == f"{URL}/{response.json()['id']}"
        return dict(response.json())

    def agree(self, placement_id: str, body: dict[str, Any], org: str) -> dict[str, Any]:
        response = self.post(f"{URL}/{placement_id}/cost-agreements", body, org)
        assert response.status_code == 201, response.text
        return dict(response.json())

    def cost(
        self,
        placement_id: str,
        org: str,
        start: str,
        end: str,
        amount: int,
        paid_by: str,
        ref: str = "F-1",
    ) -> dict[str, Any]:
        body = {
            "period_from": start,
            "period_to": end,
            "amount_ore": amount,
            "paid_by": paid_by,
            "invoice_ref": ref,
        }
        response = self.post(f"{URL}/{placement_id}/costs", body, org)
        assert response.status_code == 201, response.text
        return dict(response.json())

    def get(self, placement_id: str) -> dict[str, Any]:
        response = self.read(f"{URL}/{placement_id}")
        assert response.status_code == 200, response.text
        return dict(response.json())

    def settlement(self, placement_id: str, as_of: str) -> dict[str, Any]:
        response = self.read(f"{URL}/{placement_id}/settlement", params={"as_of": as_of})
        assert response.status_code == 200, response.text
        body = dict(response.json())
        assert sum(p["balance_ore"] for p in body["parties"].values()) == 0
        return body


def owes(settlement: dict[str, Any]) -> dict[str, int]:
    return {party: p["owes_ore"] for party, p in settlement["parties"].items()}


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Api]:
    workdir = tmp_path_factory.mktemp("placements")
    with running(workdir, CONFIG, {"SAMVERKAN_TODAY": TODAY}) as service:
        yield Api(service.client, service.db, service)


# -- the must-show list -----------------------------------------------------------------------


def test_goteborg_molndal_schablon_settlement(api: Api) -> None:
    """Mölndal places a child acutely on 2026-03-01 in an HVB; the municipality pays 9 300 000
    (March) and 9 000 000 (April); schablon from 2026-03-01, signed 2026-03-20 by both parties'
    mandated signatories. Region owes 9 300 000 / 3 + 9 000 000 / 3 = 6 100 000."""
    placed = api.open(placement())
    assert placed["cost_agreement_deadline"]["due_on"] == "2026-03-31"
    api.cost(placed["id"], MOLNDAL, "2026-03-01", "2026-03-31", 9_300_000, "municipality", "F-3")
    api.cost(placed["id"], MOLNDAL, "2026-04-01", "2026-04-30", 9_000_000, "municipality", "F-4")
    added = api.agree(placed["id"], cost_agreement(), MOLNDAL)
    assert added["warnings"] == []
    assert added["cost_agreement"]["shares"] == {"region": 33.3333, "municipality": 66.6667}
    assert "1/3" in added["cost_agreement"]["rule"]["quote"]

    result = api.settlement(placed["id"], "2026-04-30")
    assert result["transfer"] == {"from": "region", "to": "municipality", "amount_ore": 6_100_000}
    assert {
        party: (p["owes_ore"], p["paid_ore"], p["balance_ore"])
        for party, p in result["parties"].items()
    } == {
        "region": (6_100_000, 0, -6_100_000),
        "municipality": (12_200_000, 18_300_000, 6_100_000),
    }
    assert [(line["invoice_ref"], line["owes_ore"]["region"]) for line in result["lines"]] == [
        ("F-3", 3_100_000),
        ("F-4", 3_000_000),
    ]
    assert all(line["citation"]["document"] for line in result["lines"])
    # agreed on 2026-03-20, within the 30 days: the acute deadline is met
    assert all(c["rule_key"] != "acute_cost_agreement" for c in api.get(placed["id"])["compliance"])


def test_goteborg_without_mandated_signatory_is_accepted_with_a_warning(api: Api) -> None:
    placed = api.open(placement(municipality=HARRYDA))
    unmandated = [{**s, "economic_mandate": s["party"] == "municipality"} for s in MANDATED]
    added = api.agree(placed["id"], cost_agreement(signatories=unmandated), HARRYDA)
    assert [w["field"] for w in added["warnings"]] == ["signatories"]
    warning = added["warnings"][0]
    assert warning["strength"] == "should"
    assert warning["rule"]["document"].startswith("Vägledning Göteborgsområdet")
    assert "mandat att fatta ekonomiska beslut" in warning["rule"]["quote"]
    # kept with the agreement in the placement's history
    assert api.get(placed["id"])["cost_agreements"][0]["warnings"] == added["warnings"]


def test_dalarna_refuses_the_schablon(api: Api) -> None:
    placed = api.open(
        placement(agreement="dalarna", municipality=FALUN, start_date="2025-03-01", acute=False)
    )
    refused = problem(
        api.post(
            f"{URL}/{placed['id']}/cost-agreements",
            cost_agreement(effective_from="2025-03-01", agreed_on="2025-03-01"),
            FALUN,
        ),
        422,
    )
    assert fields(refused) == ["method"]
    assert refused["errors"][0]["strength"] == "shall"
    assert "Ingen part kan i efterhand" in refused["errors"][0]["rule"]["quote"]
    assert api.get(placed["id"])["cost_agreements"] == []


def test_acute_cost_agreement_deadlines(api: Api) -> None:
    goteborg = api.open(placement(municipality=PARTILLE))
    assert goteborg["cost_agreement_deadline"]["due_on"] == "2026-03-31"  # 30 days
    dalarna = api.open(
        placement(agreement="dalarna", municipality=LEKSAND, start_date="2025-03-01")
    )
    deadline = dalarna["cost_agreement_deadline"]
    assert deadline["due_on"] == "2025-04-01"  # one calendar month
    assert deadline["strength"] == "should"
    assert deadline["rule"]["document"]
    # the municipality of registration should be settled with the acute split: a should
    added = api.agree(
        dalarna["id"],
        cost_agreement(
            effective_from="2025-03-01",
            agreed_on="2025-03-20",
            method="percent",
            shares={"region": 40, "municipality": 60},
        ),
        LEKSAND,
    )
    assert [w["field"] for w in added["warnings"]] == ["registration_municipality"]
    assert added["warnings"][0]["strength"] == "should"
    assert "folkbokföringskommun" in added["warnings"][0]["rule"]["quote"]


def test_dalarna_placement_after_the_agreement_lapsed_is_refused(api: Api) -> None:
    refused = problem(
        api.post(
            URL,
            placement(agreement="dalarna", municipality=FALUN, start_date="2025-07-01"),
            FALUN,
        ),
        422,
    )
    assert "2025-06-30" in refused["detail"] and "2021-07-01" in refused["detail"]
    stored = api.read(URL, params={"agreement": "dalarna", "municipality": FALUN}).json()
    assert "2025-07-01" not in [p["start_date"] for p in stored["items"]]


# -- placements: who places, scope, compliance ------------------------------------------------


def test_dalarna_placing_party_region_is_refused(api: Api) -> None:
    refused = problem(
        api.post(
            URL,
            placement(
                agreement="dalarna",
                municipality=FALUN,
                placing_party="region",
                start_date="2025-01-15",
            ),
            DALARNA,
        ),
        422,
    )
    assert fields(refused) == ["placing_party"]
    assert "Socialnämnden fattar beslut om placering" in refused["errors"][0]["rule"]["quote"]


def test_goteborg_adult_placement_is_refused(api: Api) -> None:
    refused = problem(api.post(URL, placement(municipality=OCKERO, child=False), OCKERO), 422)
    assert fields(refused) == ["child"]
    assert "children" in refused["detail"] and "vgr" in refused["detail"]
    assert api.read(URL, params={"municipality": OCKERO}).json()["total"] == 0
    # the adult's placement belongs under VGR, which takes it
    adult = api.open(placement(agreement="vgr", municipality=OCKERO, child=False))
    assert adult["agreement"] == "vgr" and adult["version"]["key"]


def test_only_a_party_acts_on_a_placement(api: Api) -> None:
    body = placement(municipality=MOLNDAL, start_date="2026-07-01")
    anonymous = problem(api.http.post(URL, json=body), 401)
    assert fields(anonymous) == ["Authorization"]
    # a municipality does not place for another, nor a region for another region's municipality
    for org in (PARTILLE, DALARNA):
        refused = problem(api.post(URL, body, org), 403)
        assert fields(refused) == ["Authorization"] and org in refused["detail"]
    placed = api.open(body)
    url = f"{URL}/{placed['id']}"
    entry = {
        "period_from": "2026-07-01",
        "period_to": "2026-07-31",
        "amount_ore": 100,
        "paid_by": "region",
        "invoice_ref": "R-1",
    }
    # the other organisations' keys do not see it: 404, as if it did not exist
    for org in (PARTILLE, DALARNA):
        for response in (
            api.http.get(url, headers=api.actor(org)),
            api.http.get(f"{url}/settlement", headers=api.actor(org)),
            api.post(f"{url}/costs", entry, org),
            api.post(f"{url}/cost-agreements", cost_agreement(), org),
            api.post(f"{url}/end", {"end_date": "2026-07-31"}, org),
        ):
            assert placed["id"] in problem(response, 404)["detail"]
        listed = api.http.get(URL, params={"limit": 500}, headers=api.actor(org)).json()
        assert placed["id"] not in [p["id"] for p in listed["items"]]
    # an admin of the agreement sees it, but only a party acts
    admin = api.server.headers(PARTILLE, PERSON, role="admin", agreements=("goteborg",))
    assert api.http.get(url, headers=admin).status_code == 200
    keyed = {**admin, "Idempotency-Key": str(uuid.uuid4())}
    refused = problem(api.http.post(f"{url}/costs", json=entry, headers=keyed), 403)
    assert fields(refused) == ["Authorization"] and PARTILLE in refused["detail"]
    assert api.read(f"{url}/costs").json()["items"] == []
    # the region is a party
    api.cost(placed["id"], VGR, "2026-07-01", "2026-07-31", 100, "region", "R-1")
    assert [e["invoice_ref"] for e in api.read(f"{url}/costs").json()["items"]] == ["R-1"]


def test_planned_placement_without_a_prior_cost_agreement_is_stored_with_the_breach(
    api: Api,
) -> None:
    placed = api.open(
        placement(
            agreement="sodra_alvsborg",
            municipality=ULRICEHAMN,
            acute=False,
            start_date="2026-05-01",
            sip={**SIP, "follow_up": None},
            child=False,
        )
    )
    assert api.get(placed["id"])["id"] == placed["id"]  # stored, never refused
    by_key = {c["rule_key"]: c for c in placed["compliance"]}
    before = by_key["cost_agreement_before_placement"]
    assert before["status"] == "breach" and before["candidate_deviation"] is True
    assert before["strength"] == "shall"
    assert "oavsett vem av huvudmännen" in before["rule"]["quote"]
    sip = by_key["sip_before_placement"]
    assert sip["candidate_deviation"] is True and "follow_up" in sip["what"]
    assert placed["cost_agreement_deadline"] is None  # planned: no acute deadline

    # an agreement written later does not undo the breach; it says when it came
    api.agree(
        placed["id"],
        cost_agreement(
            effective_from="2026-05-01",
            agreed_on="2026-05-10",
            method="percent",
            shares={"region": 30, "municipality": 70},
            sip=SIP,
        ),
        ULRICEHAMN,
    )
    later = {c["rule_key"]: c for c in api.get(placed["id"])["compliance"]}
    assert "first agreed 2026-05-10" in later["cost_agreement_before_placement"]["what"]


def test_acute_deadline_pending_then_breached(api: Api) -> None:
    pending = api.open(
        placement(agreement="vgr", municipality="1415", child=False, start_date="2027-06-20")
    )
    assert pending["cost_agreement_deadline"]["due_on"] == "2027-07-20"
    found = {c["rule_key"]: c for c in pending["compliance"]}["acute_cost_agreement"]
    assert found["status"] == "pending" and found["candidate_deviation"] is False
    assert "settle the split by 2027-07-20" in found["what"]
    # the 2027 version uses the carried-forward ÖK 3.5 rules and says so
    assert any("carried forward" in n for n in pending["notices"])

    breached = api.open(
        placement(agreement="vgr", municipality="1415", child=False, start_date="2027-05-01")
    )
    found = {c["rule_key"]: c for c in breached["compliance"]}["acute_cost_agreement"]
    assert found["status"] == "breach" and found["candidate_deviation"] is True
    assert found["strength"] == "should"
    assert "30 dagar" in found["rule"]["quote"]


def test_sip_refusals_name_the_missing_fields(api: Api) -> None:
    goteborg = api.open(placement(municipality=GOTEBORG, sip=None))
    refused = problem(
        api.post(
            f"{URL}/{goteborg['id']}/cost-agreements",
            cost_agreement(sip={**SIP, "overall_responsibility": ""}),
            GOTEBORG,
        ),
        422,
    )
    assert fields(refused) == ["sip.overall_responsibility"]
    assert refused["errors"][0]["rule"]["document"].startswith("Vägledning Göteborgsområdet")

    boras = api.open(
        placement(
            agreement="sodra_alvsborg",
            municipality=BORAS,
            child=False,
            sip={**SIP, "follow_up": None},
        )
    )
    refused = problem(
        api.post(
            f"{URL}/{boras['id']}/cost-agreements", cost_agreement(schablon_reason="Oklart"), BORAS
        ),
        422,
    )
    assert fields(refused) == ["sip.follow_up"]
    assert "När uppföljning ska ske" in refused["errors"][0]["rule"]["quote"]
    # Södra Älvsborg b.1: the SIP describes the individual's needs (a shall)
    refused = problem(
        api.post(
            f"{URL}/{boras['id']}/cost-agreements",
            cost_agreement(schablon_reason="Oklart", sip={**SIP, "needs": " "}),
            BORAS,
        ),
        422,
    )
    assert fields(refused) == ["sip.needs"]
    assert refused["errors"][0]["strength"] == "shall"
    assert refused["errors"][0]["rule"]["clause"].startswith("b. ")
    assert "individens behov och önskemål" in refused["errors"][0]["rule"]["quote"]
    # the agreement's own follow-up field is a separate shall of the written agreement
    refused = problem(
        api.post(
            f"{URL}/{boras['id']}/cost-agreements",
            cost_agreement(schablon_reason="Oklart", sip=SIP, follow_up_on=None),
            BORAS,
        ),
        422,
    )
    assert fields(refused) == ["follow_up_on"]
    assert api.get(boras["id"])["cost_agreements"] == []


def test_cost_agreement_reaching_back_too_far_is_refused(api: Api) -> None:
    placed = api.open(
        placement(agreement="dalarna", municipality="2085", acute=False, start_date="2025-02-01")
    )
    body = cost_agreement(
        effective_from="2025-02-01",
        agreed_on="2025-02-20",
        method="percent",
        shares={"region": 50, "municipality": 50},
    )
    refused = problem(api.post(f"{URL}/{placed['id']}/cost-agreements", body, "2085"), 422)
    assert fields(refused) == ["effective_from"]
    assert "2025-02-20" in refused["detail"]
    assert "Undantag från detta" in refused["errors"][0]["rule"]["quote"]
    # before the placement started is refused everywhere
    early = problem(
        api.post(
            f"{URL}/{placed['id']}/cost-agreements",
            {**body, "effective_from": "2025-01-31", "agreed_on": "2025-01-20"},
            "2085",
        ),
        422,
    )
    assert fields(early) == ["effective_from"]


def test_unknown_placement_is_404(api: Api) -> None:
    for response in (
        api.read(f"{URL}/plc_nope"),
        api.read(f"{URL}/plc_nope/settlement"),
        api.read(f"{URL}/plc_nope/costs"),
        api.post(
            f"{URL}/plc_nope/costs",
            {
                "period_from": "2026-01-01",
                "period_to": "2026-01-31",
                "amount_ore": 1,
                "paid_by": "region",
                "invoice_ref": "x",
            },
            VGR,
        ),
        api.post(f"{URL}/plc_nope/cost-agreements", cost_agreement(), VGR),
        api.post(f"{URL}/plc_nope/end", {"end_date": "2026-01-31"}, VGR),
    ):
        assert "plc_nope" in problem(response, 404)["detail"]


def test_cost_entries_are_append_only(api: Api) -> None:
    placed = api.open(placement(municipality=MOLNDAL, start_date="2026-06-01"))
    entry = api.cost(placed["id"], MOLNDAL, "2026-06-01", "2026-06-30", 3_000_000, "municipality")
    # a correction is a new entry
    api.cost(placed["id"], MOLNDAL, "2026-06-01", "2026-06-30", -150_000, "municipality", "K-1")
    listed = api.read(f"{URL}/{placed['id']}/costs").json()["items"]
    assert [(e["seq"], e["amount_ore"]) for e in listed] == [(1, 3_000_000), (2, -150_000)]
    # no route edits or deletes one
    molndal = api.actor(MOLNDAL)
    assert api.http.delete(f"{URL}/{placed['id']}/costs", headers=molndal).status_code == 405
    assert api.http.put(f"{URL}/{placed['id']}/costs", json={}, headers=molndal).status_code == 405
    # and the database itself refuses to rewrite the record
    with sqlite3.connect(api.db) as conn:
        for statement, key in (
            ("UPDATE cost_entries SET amount_ore = 1 WHERE id = ?", entry["id"]),
            ("DELETE FROM cost_entries WHERE id = ?", entry["id"]),
            ("DELETE FROM cost_entries WHERE placement_id = ?", placed["id"]),
        ):
            with pytest.raises(sqlite3.DatabaseError, match="cost_entries is append-only"):
                conn.execute(statement, [key])
    amount = api.read(f"{URL}/{placed['id']}/costs").json()["items"][0]["amount_ore"]
    assert amount == 3_000_000
    assert (
        problem(
            api.post(
                f"{URL}/{placed['id']}/costs",
                {
                    "period_from": "2026-05-01",
                    "period_to": "2026-05-31",
                    "amount_ore": 1,
                    "paid_by": "region",
                    "invoice_ref": "x",
                },
                MOLNDAL,
            ),
            422,
        )["errors"][0]["field"]
        == "period_from"
    )


def test_ending_a_placement_with_and_without_joint_planning(api: Api) -> None:
    without = api.open(placement(municipality=PARTILLE, start_date="2026-08-01"))
    response = api.post(f"{URL}/{without['id']}/end", {"end_date": "2026-12-31"}, PARTILLE)
    assert response.status_code == 200, response.text
    ended = response.json()
    assert ended["end_date"] == "2026-12-31" and ended["joint_planning"] is None
    flagged = {c["rule_key"]: c for c in ended["compliance"]}["joint_planning_before_end"]
    assert flagged["candidate_deviation"] is True and flagged["strength"] == "shall"
    assert "gemensam planering för vidare insatser" in flagged["rule"]["quote"]
    again = problem(api.post(f"{URL}/{without['id']}/end", {"end_date": "2027-01-31"}, VGR), 422)
    assert "2026-12-31" in again["detail"]
    # a cost entry past the end is refused
    assert problem(
        api.post(
            f"{URL}/{without['id']}/costs",
            {
                "period_from": "2026-12-01",
                "period_to": "2027-01-31",
                "amount_ore": 5,
                "paid_by": "municipality",
                "invoice_ref": "x",
            },
            PARTILLE,
        ),
        422,
    )

    planned = api.open(placement(municipality=PARTILLE, start_date="2026-08-02"))
    text = "Gemensam SIP 2026-12-10: öppenvård via BUP och stöd i hemmet från socialtjänsten."
    ended = api.post(
        f"{URL}/{planned['id']}/end", {"end_date": "2026-12-31", "joint_planning": text}, VGR
    ).json()
    assert ended["joint_planning"] == {"text": text, "by": VGR, "person": "Anna Handlaggare"}
    assert all(c["rule_key"] != "joint_planning_before_end" for c in ended["compliance"])
    assert (
        problem(api.post(f"{URL}/{planned['id']}/end", {"end_date": "2026-07-01"}, VGR), 422)[
            "errors"
        ][0]["field"]
        == "end_date"
    )


def test_list_filters_and_pagination(api: Api) -> None:
    ids = [
        api.open(
            placement(
                agreement="sodra_alvsborg",
                municipality="1442",
                child=False,
                start_date=f"2026-0{month}-01",
                acute=month % 2 == 0,
            )
        )["id"]
        for month in (1, 2, 3, 4, 5)
    ]
    everything = api.read(URL, params={"municipality": "1442"}).json()
    assert everything["total"] == 5
    assert [p["id"] for p in everything["items"]] == ids  # by start date
    page = api.read(URL, params={"municipality": "1442", "limit": 2, "offset": 2}).json()
    assert [p["id"] for p in page["items"]] == ids[2:4] and page["next_offset"] == 4
    last = api.read(URL, params={"municipality": "1442", "limit": 2, "offset": 4}).json()
    assert [p["id"] for p in last["items"]] == ids[4:] and last["next_offset"] is None
    acute = api.read(URL, params={"municipality": "1442", "acute": "true"}).json()
    assert [p["id"] for p in acute["items"]] == [ids[1], ids[3]]
    api.post(f"{URL}/{ids[0]}/end", {"end_date": "2026-02-15", "joint_planning": "SIP"}, "1442")
    active = api.read(URL, params={"municipality": "1442", "active_on": "2026-03-15"}).json()
    assert [p["id"] for p in active["items"]] == ids[1:3]
    other = api.read(URL, params={"agreement": "dalarna", "municipality": "1442"}).json()
    assert other["total"] == 0
    assert fields(problem(api.read(URL, params={"limit": 0}), 422)) == ["limit"]


# -- cost disputes and the settlement -------------------------------------------------------


def _cost_dispute(api: Api, placed: dict[str, Any], org: str, opened_on: str) -> httpx.Response:
    return api.post(
        "/api/v1/disputes",
        {
            "agreement": placed["agreement"],
            "municipality": placed["municipality"],
            "subject": "cost",
            "title": "Oenighet om kostnadsfördelningen",
            "description": "Regionen anser att andelen är för hög.",
            "placement_id": placed["id"],
            "opened_on": opened_on,
            "temporary_arrangement": {
                "started_on": placed["start_date"],
                "description": "Kommunen betalar tills vidare enligt SIP.",
            },
        },
        org,
    )


def _resolve(api: Api, opened: httpx.Response, on: str, adjustment: dict[str, Any]) -> None:
    response = api.http.post(
        f"/api/v1/disputes/{opened.json()['id']}/resolve",
        json={"outcome": "Linjeorganisationen beslutade.", "on": on, "adjustment": adjustment},
        headers={**api.actor(VGR), "If-Match": opened.headers["etag"]},
    )
    assert response.status_code == 200, response.text


def test_cost_dispute_links_to_the_placement_and_its_resolution_feeds_the_settlement(
    api: Api,
) -> None:
    placed = api.open(placement(municipality=OCKERO, start_date="2026-05-01"))
    api.agree(
        placed["id"],
        cost_agreement(
            effective_from="2026-05-01",
            agreed_on="2026-05-20",
            method="percent",
            shares={"region": 20, "municipality": 80},
        ),
        OCKERO,
    )
    api.cost(placed["id"], OCKERO, "2026-05-01", "2026-05-31", 3_100_000, "municipality")
    api.cost(placed["id"], OCKERO, "2026-06-01", "2026-06-30", 3_000_000, "municipality")
    before = api.settlement(placed["id"], "2026-08-31")
    # 20 % of 6 100 000
    assert owes(before)["region"] == 1_220_000

    opened = _cost_dispute(api, placed, OCKERO, "2026-06-05")
    assert opened.status_code == 201, opened.text
    shown = opened.json()["placement"]
    assert shown["id"] == placed["id"] and shown["start_date"] == "2026-05-01"
    assert shown["settlement"] == f"{URL}/{placed['id']}/settlement"
    linked = api.get(placed["id"])["disputes"]
    assert [d["id"] for d in linked] == [opened.json()["id"]]
    assert linked[0]["subject"] == "cost" and linked[0]["status"] == "open"

    _resolve(
        api,
        opened,
        "2026-07-01",
        {
            "effective_from": "2026-06-01",
            "split": {"method": "percent", "shares": {"region": 50, "municipality": 50}},
        },
    )
    after = api.settlement(placed["id"], "2026-08-31")
    # May 20 % of 3 100 000 = 620 000; June 50 % of 3 000 000 = 1 500 000
    assert owes(after)["region"] == 2_120_000
    assert after["transfer"] == {"from": "region", "to": "municipality", "amount_ore": 2_120_000}
    outcome = [s for s in after["splits"] if s["source"].get("dispute")]
    assert outcome and outcome[0]["effective_from"] == "2026-06-01"
    assert "justering i efterhand" in outcome[0]["citation"]["quote"]
    assert api.get(placed["id"])["disputes"][0]["status"] == "resolved"


def test_a_later_agreement_supersedes_a_dispute_outcome_from_its_own_date(api: Api) -> None:
    """The split in force is the one agreed or decided last, from its own effective date,
    however quickly the records follow each other."""
    placed = api.open(placement(municipality=HARRYDA, start_date="2026-05-01"))
    api.agree(
        placed["id"],
        cost_agreement(
            effective_from="2026-05-01",
            agreed_on="2026-05-20",
            method="percent",
            shares={"region": 20, "municipality": 80},
        ),
        HARRYDA,
    )
    for start, end, amount in (
        ("2026-05-01", "2026-05-31", 3_100_000),
        ("2026-06-01", "2026-06-30", 3_000_000),
        ("2026-07-01", "2026-07-31", 3_100_000),
        ("2026-08-01", "2026-08-31", 3_100_000),
    ):
        api.cost(placed["id"], HARRYDA, start, end, amount, "municipality")
    opened = _cost_dispute(api, placed, HARRYDA, "2026-06-05")
    assert opened.status_code == 201, opened.text
    _resolve(
        api,
        opened,
        "2026-07-01",
        {
            "effective_from": "2026-06-01",
            "split": {"method": "percent", "shares": {"region": 50, "municipality": 50}},
        },
    )
    # renegotiated on 2026-08-01 as needs changed, recorded right after the dispute's outcome
    api.agree(
        placed["id"],
        cost_agreement(
            effective_from="2026-08-01",
            agreed_on="2026-08-01",
            method="percent",
            shares={"region": 10, "municipality": 90},
        ),
        HARRYDA,
    )
    result = api.settlement(placed["id"], "2026-08-31")
    # May 20 %: 620 000; June 50 %: 1 500 000; July 50 %: 1 550 000; August 10 %: 310 000
    assert [line["owes_ore"]["region"] for line in result["lines"]] == [
        620_000,
        1_500_000,
        1_550_000,
        310_000,
    ]
    assert owes(result)["region"] == 3_980_000
    assert [s["shares"]["region"] for s in result["splits"]] == [20, 50, 10]

    # and an old agreement registered late does not overturn a later decision
    late = api.open(placement(municipality=HARRYDA, start_date="2026-05-02"))
    api.cost(late["id"], HARRYDA, "2026-05-02", "2026-05-31", 3_000_000, "municipality")
    opened = _cost_dispute(api, late, HARRYDA, "2026-06-05")
    _resolve(
        api,
        opened,
        "2026-07-01",
        {
            "effective_from": "2026-05-02",
            "split": {"method": "percent", "shares": {"region": 50, "municipality": 50}},
        },
    )
    api.agree(
        late["id"],
        cost_agreement(
            effective_from="2026-05-02",
            agreed_on="2026-05-20",
            method="percent",
            shares={"region": 20, "municipality": 80},
        ),
        HARRYDA,
    )
    assert owes(api.settlement(late["id"], "2026-08-31"))["region"] == 1_500_000


def test_a_dispute_outcome_without_usable_shares_is_refused(api: Api) -> None:
    """An adjustment's split must be whole (both parties, none negative, percent summing to
    100) and one the agreement allows; otherwise resolving is refused and nothing changes."""
    placed = api.open(placement(municipality=GOTEBORG, start_date="2026-09-01"))
    api.cost(placed["id"], GOTEBORG, "2026-09-01", "2026-09-30", 3_000_000, "municipality")
    opened = _cost_dispute(api, placed, GOTEBORG, "2026-10-01")
    assert opened.status_code == 201, opened.text
    for split, field in (
        ({"method": "amount"}, "adjustment.split.amounts_ore"),
        (
            {"method": "amount", "amounts_ore": {"region": 0, "municipality": 0}},
            "adjustment.split.amounts_ore",
        ),
        (
            {"method": "percent", "shares": {"region": -10, "municipality": 110}},
            "adjustment.split.shares",
        ),
    ):
        response = api.http.post(
            f"/api/v1/disputes/{opened.json()['id']}/resolve",
            json={
                "outcome": "Beslut",
                "on": "2026-10-05",
                "adjustment": {"effective_from": "2026-09-01", "split": split},
            },
            headers={**api.actor(VGR), "If-Match": opened.headers["etag"]},
        )
        assert response.status_code == 422, response.text
        assert [e["field"] for e in response.json()["errors"]] == [field]
    assert api.read(f"/api/v1/disputes/{opened.json()['id']}").json()["status"] == "open"
    result = api.settlement(placed["id"], "2026-10-31")
    assert owes(result) == {"region": 0, "municipality": 3_000_000}


# -- property: every settlement balances ------------------------------------------------------


DAY0 = dt.date(2026, 1, 1)


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    splits=st.lists(st.tuples(st.integers(0, 90), st.integers(0, 100), st.booleans()), max_size=3),
    entries=st.lists(
        st.tuples(
            st.integers(0, 80),
            st.integers(0, 45),
            st.integers(-(10**6), 10**8).filter(lambda x: x != 0),
            st.sampled_from(["region", "municipality"]),
        ),
        min_size=1,
        max_size=6,
    ),
    as_of=st.integers(0, 140),
)
def test_every_settlement_balances_through_http(
    api: Api,
    splits: list[tuple[int, int, bool]],
    entries: list[tuple[int, int, int, str]],
    as_of: int,
) -> None:
    municipality = "1466"  # Herrljunga, Södra Älvsborg: splits may reach back to the start
    placed = api.open(
        placement(
            agreement="sodra_alvsborg",
            municipality=municipality,
            child=False,
            start_date=DAY0.isoformat(),
        )
    )
    for offset, region, by_amount in splits:
        day = (DAY0 + dt.timedelta(days=offset)).isoformat()
        split = (
            {
                "method": "amount",
                "amounts_ore": {"region": region * 1000 + 1, "municipality": (100 - region) * 700},
            }
            if by_amount
            else {"method": "percent", "shares": {"region": region, "municipality": 100 - region}}
        )
        api.agree(
            placed["id"],
            cost_agreement(effective_from=day, agreed_on=day, sip=SIP, **split),
            municipality,
        )
    for start, length, amount, payer in entries:
        first = DAY0 + dt.timedelta(days=start)
        api.cost(
            placed["id"],
            VGR if payer == "region" else municipality,
            first.isoformat(),
            (first + dt.timedelta(days=length)).isoformat(),
            amount,
            payer,
        )
    day = DAY0 + dt.timedelta(days=as_of)
    result = api.settlement(placed["id"], day.isoformat())
    parties = list(result["parties"].values())
    assert sum(p["balance_ore"] for p in parties) == 0
    assert sum(p["owes_ore"] for p in parties) == result["total_ore"]
    assert sum(p["paid_ore"] for p in parties) == result["total_ore"]
    assert sum(line["amount_ore"] for line in result["lines"]) == result["total_ore"]
    for line in result["lines"]:
        assert sum(line["owes_ore"].values()) == line["amount_ore"]
    whole = sum(amount for start, length, amount, _ in entries if start + length <= as_of)
    partial = [e for e in entries if e[0] <= as_of < e[0] + e[1]]
    if not partial:
        assert result["total_ore"] == whole
    debtor = [p for p in parties if p["balance_ore"] < 0]
    if debtor:
        assert result["transfer"]["amount_ore"] == -debtor[0]["balance_ore"]
    else:
        assert result["transfer"] is None
