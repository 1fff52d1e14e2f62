"""Disputes up the escalation ladder through the API: the application in-process on a real
SQLite file, every request through the HTTP test client.

Two servers: one whose date is fixed at 2026-03-20 (most tests), and one that is stopped and
started again on the same database file, first on 2026-12-20 and then on 2027-01-15, for the
restart and for the version change from the ÖK to the HSA on 2027-01-01.

Each test uses its own municipality (or its own cases) so the shared database does not couple
the tests.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import httpx
import pytest

from tests.support.disputes_api import (
    BORAS,
    CONFIG,
    FORM_KEYS,
    FULL_FORM,
    INDIVIDUAL,
    PERSON,
    TODAY,
    URL,
    VGR,
    Api,
    arrangement,
    case,
    fields,
    problem,
)
from tests.support.inprocess import running
from tests.support.personnummer import check_digit


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Api]:
    with running(
        tmp_path_factory.mktemp("disputes"), CONFIG, {"SAMVERKAN_TODAY": TODAY}
    ) as service:
        yield Api(service.client, service)


# -- the acceptance walk: Södra Älvsborg up three tiers ------------------------------------


def test_sodra_alvsborg_up_the_ladder_with_the_dispute_form(api: Api) -> None:
    opened = api.opened(
        case(
            individual_ref=INDIVIDUAL,
            temporary_arrangement=arrangement("2026-01-10"),
            opened_on="2026-01-10",
        )
    )
    dispute_id = opened["id"]
    assert opened["tier"]["key"] == "line_manager"
    assert opened["due_on"] == "2026-02-09"
    assert "2026-02-09" in opened["due_explanation"]
    assert "kvarstår efter 30 dagar" in opened["due_explanation"]

    local = api.ok(
        dispute_id,
        "escalate",
        {"reason": "time_ran_out", "on": "2026-02-12", "clock_started_on": "2026-02-12"},
    )
    assert local["tier"]["key"] == "local_steering_group"
    assert local["clock_started_on"] == "2026-02-12"
    assert local["due_on"] == "2026-03-14"

    api.ok(
        dispute_id,
        "recommendation",
        {"text": "Regionen bär kostnaden.", "given_on": "2026-03-10", "by": "LLG Borås"},
        org=VGR,
    )
    rejected = api.ok(dispute_id, "responses", {"response": "reject", "on": "2026-03-12"})
    escalate = next(s for s in rejected["next_steps"] if s["action"] == "escalate")
    assert escalate["to_tier"] == "sub_regional_steering_group"
    assert "rejected_recommendation" in escalate["reasons"]
    assert [f["key"] for f in escalate["form_fields_needed"]] == FORM_KEYS

    before = api.get(dispute_id)
    step = {"reason": "rejected_recommendation", "on": "2026-03-16"}
    missing = problem(api.act(dispute_id, "escalate", step), 422)
    assert fields(missing) == [f"form.{key}" for key in FORM_KEYS]
    for error in missing["errors"]:
        assert error["strength"] == "shall"
        assert error["label"]
        assert error["rule"]["clause"].endswith("Beredningsgrupp för tvister")
    assert "case_summary (short description" in missing["detail"]  # read in English
    assert missing["errors"][0]["label"] == "Kort beskrivning av ärendet"  # the form's own words

    partial = {
        k: v for k, v in FULL_FORM.items() if k not in ("what_happened", "temporary_solution")
    }
    still_missing = problem(api.act(dispute_id, "escalate", {**step, "form": partial}), 422)
    assert fields(still_missing) == ["form.what_happened", "form.temporary_solution"]
    assert api.get(dispute_id)["revision"] == before["revision"]
    assert api.get(dispute_id)["form"] == {}

    sub_regional = api.ok(dispute_id, "escalate", {**step, "form": FULL_FORM})
    assert sub_regional["tier"]["key"] == "sub_regional_steering_group"
    assert sub_regional["tier"]["body"] == "Styrgrupp för Närvårdssamverkan Södra Älvsborg"
    assert sub_regional["due_on"] == "2026-04-15"
    assert sub_regional["form"] == FULL_FORM
    assert sub_regional["pending_outcome"] is None

    history = api.get(dispute_id)["history"]
    assert [(e["seq"], e["action"], e["tier_key"], e["on"]) for e in history] == [
        (1, "opened", "line_manager", "2026-01-10"),
        (2, "escalated", "local_steering_group", "2026-02-12"),
        (3, "recommendation", "local_steering_group", "2026-03-10"),
        (4, "response_reject", "local_steering_group", "2026-03-12"),
        (5, "escalated", "sub_regional_steering_group", "2026-03-16"),
    ]
    for event in history:
        assert event["citation"]["document"] == "Rutin tvistehantering Södra Älvsborg"
        assert event["citation"]["clause"] and event["citation"]["quote"]
        assert event["case_label"] == "tvist"
        assert event["actor"]["person"] == PERSON
    assert [e["actor"]["org"] for e in history] == [BORAS, BORAS, VGR, BORAS, BORAS]
    assert "ran out on 2026-02-09" in history[1]["detail"]["basis"]
    assert history[1]["citation"]["clause"] == "5 Rutin för tvistehantering: Lokal nivå"
    assert "rejected by municipality" in history[4]["detail"]["basis"]
    assert history[4]["detail"]["form"] == FULL_FORM


# -- refusals at opening --------------------------------------------------------------------


def test_individual_care_needs_a_temporary_arrangement(api: Api) -> None:
    svenljunga = "1465"
    placement = api.http.post(
        "/api/v1/placements",
        headers=api.actor(svenljunga),
        json={
            "agreement": "sodra_alvsborg",
            "municipality": svenljunga,
            "placing_party": "municipality",
            "start_date": "2026-02-01",
            "acute": True,
            "home_kind": "hvb",
            "child": False,
        },
    )
    assert placement.status_code == 201, placement.text
    for body in (
        case(municipality=svenljunga, individual_ref=INDIVIDUAL),
        case(municipality=svenljunga, placement_id=placement.json()["id"]),
        case(municipality=svenljunga, concerns_individual=True),
        case(agreement="vgr", municipality=svenljunga, individual_ref=INDIVIDUAL),
    ):
        refused = problem(api.open(body), 422)
        assert fields(refused) == ["temporary_arrangement"]
        assert refused["errors"][0]["strength"] == "shall"
        assert refused["errors"][0]["rule"]["quote"]
    assert api.list(municipality=svenljunga)["total"] == 0

    # a dispute that does not concern an individual needs none
    api.opened(case(municipality=svenljunga))
    assert api.list(municipality=svenljunga)["total"] == 1


def test_a_municipality_outside_the_agreement_is_refused_naming_the_parties(api: Api) -> None:
    refused = problem(api.open(case(agreement="vgr", municipality="2080")), 422)
    assert fields(refused) == ["municipality"]
    assert "Västra Götalandsregionen (14)" in refused["detail"]
    assert "Borås (1490)" in refused["detail"]
    codes = [party["code"] for party in refused["parties"]]
    assert len(codes) == 49 and BORAS in codes and "2080" not in codes

    refused = problem(api.open(case(agreement="dalarna", municipality=BORAS)), 422)
    assert "Falun (2080)" in refused["detail"]
    assert api.list(municipality="2080")["total"] == 0


# -- If-Match --------------------------------------------------------------------------------


def test_changes_need_the_current_etag(api: Api) -> None:
    opened = api.opened(case(municipality="1466"))
    dispute_id, first_etag = opened["id"], api.etags[opened["id"]]

    required = problem(api.act(dispute_id, "withdraw", {"reason": "x"}, "1466", None), 428)
    assert fields(required) == ["If-Match"]

    api.ok(dispute_id, "escalate", {"reason": "no_agreement"}, "1466")
    current = api.get(dispute_id)

    stale = problem(api.act(dispute_id, "withdraw", {"reason": "x"}, "1466", first_etag), 412)
    assert stale["current_etag"] == f'"{dispute_id}.2"'
    after = api.get(dispute_id)
    assert after == current
    assert after["status"] == "open"
    assert after["tier"]["key"] == "local_steering_group"
    assert [e["action"] for e in after["history"]] == ["opened", "escalated"]

    # the current ETag (also weak, or one of several) is accepted
    tags = f'"{dispute_id}.1", W/"{dispute_id}.2"'
    response = api.act(dispute_id, "withdraw", {"reason": "Löst i linjen"}, "1466", tags)
    assert response.status_code == 200, response.text
    assert response.json()["status"] == "withdrawn"


# -- transitions the ladder does not allow ---------------------------------------------------


def test_time_cannot_run_out_before_the_due_date(api: Api) -> None:
    dispute_id = api.opened(case(municipality="1452"))["id"]  # due 2026-04-19
    conflict = problem(api.act(dispute_id, "escalate", {"reason": "time_ran_out"}, "1452"), 409)
    assert "2026-04-19" in conflict["detail"]
    escalate = next(s for s in conflict["allowed"] if s["action"] == "escalate")
    assert escalate["reasons"] == ["no_agreement"]
    assert {s["action"] for s in conflict["allowed"]} == {"escalate", "resolve", "withdraw"}

    # nor by dating the step after today
    future = {"reason": "time_ran_out", "on": "2026-05-01"}
    assert fields(problem(api.act(dispute_id, "escalate", future, "1452"), 422)) == ["on"]
    assert api.get(dispute_id)["revision"] == 1
    assert api.get(dispute_id)["tier"]["key"] == "line_manager"


def test_steps_are_dated_between_the_last_step_and_today(api: Api) -> None:
    future = problem(api.open(case(municipality="1452", opened_on="2026-03-21")), 422)
    assert fields(future) == ["opened_on"]
    dispute_id = api.opened(case(municipality="1452", opened_on="2026-03-01"))["id"]
    early = {"reason": "no_agreement", "on": "2026-02-28"}
    assert fields(problem(api.act(dispute_id, "escalate", early, "1452"), 422)) == ["on"]
    late_clock = {"reason": "no_agreement", "on": "2026-03-02", "clock_started_on": "2026-03-25"}
    assert fields(problem(api.act(dispute_id, "escalate", late_clock, "1452"), 422)) == [
        "clock_started_on"
    ]
    assert api.get(dispute_id)["revision"] == 1


def test_recommendation_at_a_tier_where_the_parties_settle_it_themselves(api: Api) -> None:
    dispute_id = api.opened(case(municipality="1443"))["id"]
    conflict = problem(api.act(dispute_id, "recommendation", {"text": "x"}, VGR), 409)
    assert "recommendation" not in {s["action"] for s in conflict["allowed"]}
    assert "resolve" in {s["action"] for s in conflict["allowed"]}

    # at a recommending tier "no_agreement" is not a reason; a rejection or silence is
    api.ok(dispute_id, "escalate", {"reason": "no_agreement"}, "1443")
    conflict = problem(api.act(dispute_id, "escalate", {"reason": "no_agreement"}, "1443"), 409)
    escalate = next(s for s in conflict["allowed"] if s["action"] == "escalate")
    assert escalate["reasons"] == ["no_recommendation_given"]
    conflict = problem(
        api.act(dispute_id, "escalate", {"reason": "rejected_recommendation"}, "1443"), 409
    )
    assert "none has been recorded" in conflict["detail"]
    assert problem(api.act(dispute_id, "responses", {"response": "accept"}, "1443"), 409)


def test_thirty_days_at_the_sub_regional_group_send_the_case_to_vvg(api: Api) -> None:
    opened = api.opened(
        case(
            municipality="1463",
            tier="sub_regional_steering_group",
            form=FULL_FORM,
            opened_on="2026-02-01",
        )
    )
    # the answer to the opening speaks as of its own day; a read, as of today (2026-03-20)
    assert opened["due_on"] == "2026-03-03" and opened["overdue"] is False
    first = next(s for s in opened["next_steps"] if s["action"] == "escalate")
    assert "time_ran_out" not in first["reasons"] and first["required"] is False
    opened = api.http.get(f"{URL}/{opened['id']}", headers=api.reader()).json()
    assert opened["overdue"] is True
    escalate = next(s for s in opened["next_steps"] if s["action"] == "escalate")
    assert escalate["to_tier"] == "vvg" and escalate["required"] is True
    assert "hänvisas den direkt till VVG" in escalate["citation"]["quote"]
    assert escalate["form_fields_needed"] == []
    vvg = api.ok(opened["id"], "escalate", {"reason": "time_ran_out"}, VGR)
    assert vvg["tier"]["key"] == "vvg" and vvg["tier"]["aka"] == ["LiSA", "Ledning i samverkan"]
    assert vvg["due_on"] == "2026-04-19" and vvg["overdue"] is False
    assert "ran out on 2026-03-03" in vvg["history"][-1]["detail"]["basis"]
    # VVG has no form of its own: its notice carries the blankett the case already holds
    notice = api.http.get(f"{URL}/{opened['id']}/notice", headers=api.reader()).json()
    assert {f["key"]: f["value"] for f in notice["form"]} == FULL_FORM


def test_no_tier_above_the_top(api: Api) -> None:
    # Södra Älvsborg opened at VVG, the top of its ladder
    dispute_id = api.opened(case(municipality="1463", tier="vvg", form=FULL_FORM))["id"]
    conflict = problem(
        api.act(dispute_id, "escalate", {"reason": "no_recommendation_given"}, "1463"), 409
    )
    assert "top" in conflict["detail"]
    assert "escalate" not in {s["action"] for s in conflict["allowed"]}
    assert "recommendation" in {s["action"] for s in conflict["allowed"]}
    assert api.get(dispute_id)["revision"] == 1


def test_no_change_on_a_closed_case(api: Api) -> None:
    resolved = api.opened(case(municipality="1463"))["id"]
    api.ok(resolved, "resolve", {"outcome": "Överens i linjen."}, "1463")
    withdrawn = api.opened(case(municipality="1463"))["id"]
    api.ok(withdrawn, "withdraw", {"reason": "Dras tillbaka."}, "1463")
    attempts = [
        ("escalate", {"reason": "no_agreement"}),
        ("recommendation", {"text": "x"}),
        ("responses", {"response": "accept"}),
        ("resolve", {"outcome": "x"}),
        ("withdraw", {"reason": "x"}),
    ]
    for dispute_id, status in ((resolved, "resolved"), (withdrawn, "withdrawn")):
        revision = api.get(dispute_id)["revision"]
        for action, body in attempts:
            conflict = problem(api.act(dispute_id, action, body, "1463"), 409)
            assert conflict["allowed"] == []
            assert f"the case is {status}" in conflict["detail"]
        view = api.get(dispute_id)
        assert view["revision"] == revision and view["status"] == status
        assert view["next_steps"] == []


# -- outcomes --------------------------------------------------------------------------------


def test_both_parties_accepting_the_recommendation_resolves_the_case(api: Api) -> None:
    dispute_id = api.opened(
        case(
            municipality="1491",
            tier="local_steering_group",
            opened_on="2026-03-01",
            clock_started_on="2026-03-02",
        )
    )["id"]
    assert api.get(dispute_id)["due_on"] == "2026-04-01"
    api.ok(
        dispute_id,
        "recommendation",
        {"text": "Kommunen ansvarar.", "given_on": "2026-03-15"},
        "1491",
    )
    half = api.ok(dispute_id, "responses", {"response": "accept", "party": "region"}, VGR)
    assert half["status"] == "open"
    waiting = next(s for s in half["next_steps"] if s["action"] == "responses")
    assert waiting["waiting_for"] == ["municipality"]

    wrong_party = api.act(
        dispute_id, "responses", {"response": "accept", "party": "municipality"}, VGR
    )
    assert fields(problem(wrong_party, 422)) == ["party"]

    done = api.ok(dispute_id, "responses", {"response": "accept"}, "1491")
    assert done["status"] == "resolved"
    assert done["closed_on"] == TODAY
    assert done["resolution"]["outcome"] == "Kommunen ansvarar."
    assert "both parties accepted" in done["resolution"]["via"]
    assert done["next_steps"] == []
    assert [e["action"] for e in done["history"]][-3:] == [
        "response_accept",
        "response_accept",
        "resolved",
    ]
    assert api.list(municipality="1491", status="resolved")["total"] == 1


def test_resolve_with_a_retroactive_adjustment(api: Api) -> None:
    mark = "1463"
    dispute_id = api.opened(
        case(
            municipality=mark,
            tier="sub_regional_steering_group",
            form=FULL_FORM,
            individual_ref=INDIVIDUAL,
            temporary_arrangement=arrangement("2026-02-01"),
            opened_on="2026-03-01",
        )
    )["id"]
    split = {"method": "percent", "shares": {"region": 40, "municipality": 60}}

    def resolve(adjustment: dict[str, Any]) -> httpx.Response:
        body = {"outcome": "Delad kostnad.", "adjustment": adjustment}
        return api.act(dispute_id, "resolve", body, mark)

    no_start = resolve({"effective_from": "2026-01-01", "split": split})
    assert fields(problem(no_start, 422)) == ["adjustment.insats_started_on"]
    too_far = resolve(
        {"effective_from": "2025-12-31", "insats_started_on": "2026-01-01", "split": split}
    )
    refused = problem(too_far, 422)
    assert fields(refused) == ["adjustment.effective_from"]
    assert "från den dag insatsen påbörjats" in refused["errors"][0]["rule"]["quote"]
    bad_split = {"method": "percent", "shares": {"region": 40, "municipality": 50}}
    wrong = resolve(
        {"effective_from": "2026-01-01", "insats_started_on": "2026-01-01", "split": bad_split}
    )
    assert fields(problem(wrong, 422)) == ["adjustment.split.shares"]
    assert api.get(dispute_id)["status"] == "open"

    response = resolve(
        {"effective_from": "2026-01-01", "insats_started_on": "2026-01-01", "split": split}
    )
    assert response.status_code == 200, response.text
    resolution = response.json()["resolution"]
    assert resolution["adjustment"]["effective_from"] == "2026-01-01"
    assert resolution["adjustment"]["reaches_back_to"] == "insats_start"
    assert resolution["adjustment"]["split"]["shares"] == {"region": 40, "municipality": 60}
    assert (
        resolution["adjustment"]["rule"]["clause"]
        == "5 Rutin för tvistehantering: Delregional nivå"
    )
    event = response.json()["history"][-1]
    assert event["action"] == "resolved"
    assert event["citation"]["clause"] == "5 Rutin för tvistehantering: Delregional nivå"

    # the line manager's tier has no retroactivity
    plain = api.opened(case(municipality=mark))["id"]
    body = {"outcome": "x", "adjustment": {"effective_from": "2026-03-01", "split": split}}
    assert fields(problem(api.act(plain, "resolve", body, mark), 422)) == ["adjustment"]
    assert api.get(plain)["status"] == "open"

    # ÖK 4.3: LiSA may reach back to the day a joint (temporary) split existed
    lisa = api.opened(
        case(
            agreement="vgr",
            municipality=mark,
            tier="lisa",
            individual_ref=INDIVIDUAL,
            temporary_arrangement=arrangement("2026-02-01"),
            opened_on="2026-03-01",
        )
    )
    assert lisa["tier"]["aka"] == ["VVG", "Vårdsamverkan Västra Götaland"]
    adjustment = {"effective_from": "2026-01-31", "responsibility": "Regionen"}
    body = {"outcome": "Regionen ansvarar.", "adjustment": adjustment}
    refused = problem(api.act(lisa["id"], "resolve", body, VGR), 422)
    assert refused["errors"][0]["message"] == "on or after 2026-02-01"
    adjustment["effective_from"] = "2026-02-01"
    done = api.ok(lisa["id"], "resolve", body, VGR)
    assert done["resolution"]["adjustment"]["reaches_back_to"] == "joint_split"
    assert done["resolution"]["by_party"] == "region"


def test_withdraw(api: Api) -> None:
    dispute_id = api.opened(case(municipality="1442", title="Dras tillbaka"))["id"]
    withdrawn = api.ok(dispute_id, "withdraw", {"reason": "Missförstånd."}, VGR)
    assert withdrawn["status"] == "withdrawn"
    assert withdrawn["closed_on"] == TODAY
    event = withdrawn["history"][-1]
    assert event["action"] == "withdrawn"
    assert event["detail"] == {"by_party": "region", "reason": "Missförstånd."}
    assert event["actor"] == {"org": VGR, "person": PERSON}


# -- agreement-specific ladders ----------------------------------------------------------------


def test_dalarna_arrangement_states_each_partys_own_part(api: Api) -> None:
    falun = "2080"
    body = case(
        agreement="dalarna",
        municipality=falun,
        subject="cost",
        individual_ref=INDIVIDUAL,
        opened_on="2025-03-01",
    )
    none = problem(api.open({**body, "temporary_arrangement": arrangement("2025-03-01")}), 422)
    assert fields(none) == ["temporary_arrangement.region", "temporary_arrangement.municipality"]
    region_only = arrangement("2025-03-01", region="Remiss till BUP.")
    one = problem(api.open({**body, "temporary_arrangement": region_only}), 422)
    assert fields(one) == ["temporary_arrangement.municipality"]
    assert api.list(agreement="dalarna")["total"] == 0

    both = arrangement("2025-03-01", region="Remiss till BUP.", municipality="Boende via SoL.")
    opened = api.opened({**body, "temporary_arrangement": both})
    assert opened["ladder"]["kind"] == "local"
    assert opened["ladder"]["tiers"] == [
        "senior_officials",
        "county_network",
        "welfare_council",
        "general_court",
    ]
    assert opened["temporary_arrangement"]["region"] == "Remiss till BUP."
    assert opened["temporary_arrangement"]["municipality"] == "Boende via SoL."
    assert opened["due_on"] is None

    without_notice = case(
        agreement="dalarna", municipality=falun, subject="interpretation", opened_on="2025-03-01"
    )
    refused = problem(api.open(without_notice, org="20"), 422)
    assert fields(refused) == ["form.notice_given_on"]  # 12.2: notice a month in advance
    regional = api.opened({**without_notice, "form": {"notice_given_on": "2025-02-10"}}, org="20")
    assert regional["ladder"]["kind"] == "regional"
    assert regional["tier"]["key"] == "county_network"
    # the text ends 2025-06-30: no case opens under it today
    lapsed = problem(api.open(case(agreement="dalarna", municipality=falun)), 422)
    assert "2025-06-30" in lapsed["detail"]


def test_goteborg_cost_disputes_use_the_line_organisation(api: Api) -> None:
    goteborg = "1480"
    cost = api.opened(
        case(
            agreement="goteborg",
            municipality=goteborg,
            subject="cost",
            individual_ref=INDIVIDUAL,
            temporary_arrangement=arrangement("2026-02-15"),
        )
    )
    assert cost["ladder"]["kind"] == "cost"
    assert cost["ladder"]["tiers"] == ["line_organisation", "sub_regional", "lisa"]
    assert cost["tier"]["key"] == "line_organisation"
    assert cost["tier"]["citation"]["clause"] == cost["history"][0]["citation"]["clause"]
    assert "linjeorganisationen" in cost["tier"]["citation"]["quote"]
    escalate = next(s for s in cost["next_steps"] if s["action"] == "escalate")
    assert escalate["to_tier"] == "sub_regional" and escalate["reasons"] == ["no_agreement"]

    adjustment = {
        "effective_from": "2026-02-15",
        "split": {"method": "percent", "shares": {"region": 50, "municipality": 50}},
    }
    done = api.ok(cost["id"], "resolve", {"outcome": "50/50.", "adjustment": adjustment}, VGR)
    assert done["resolution"]["adjustment"]["reaches_back_to"] == "stated_date"

    other = api.opened(case(agreement="goteborg", municipality=goteborg))
    assert other["ladder"]["kind"] == "default"
    assert other["ladder"]["tiers"] == ["local", "sub_regional", "lisa"]


# -- Idempotency-Key ---------------------------------------------------------------------------


def test_idempotency_key_replays_the_first_answer(api: Api) -> None:
    tranemo = "1452"
    body = case(municipality=tranemo, title="Idempotent")
    before = api.list(municipality=tranemo)["total"]
    first = api.open(body, **{"Idempotency-Key": "open-1"})
    assert first.status_code == 201
    assert "idempotent-replayed" not in first.headers
    again = api.open(body, **{"Idempotency-Key": "open-1"})
    assert again.status_code == 201
    assert again.headers["idempotent-replayed"] == "true"
    assert again.content == first.content  # the same bytes (the body is stored compressed)
    assert again.headers["etag"] == first.headers["etag"]
    assert again.headers["location"] == f"{URL}/{first.json()['id']}"
    assert api.list(municipality=tranemo)["total"] == before + 1

    other = api.open({**body, "title": "Annan"}, **{"Idempotency-Key": "open-1"})
    assert fields(problem(other, 422)) == ["Idempotency-Key"]
    assert api.list(municipality=tranemo)["total"] == before + 1

    # keys are scoped to the acting organisation
    region = api.open(body, org=VGR, **{"Idempotency-Key": "open-1"})
    assert region.status_code == 201
    assert "idempotent-replayed" not in region.headers
    assert region.json()["id"] != first.json()["id"]
    assert api.list(municipality=tranemo)["total"] == before + 2


# -- listing -----------------------------------------------------------------------------------


def test_list_filters_and_pagination(api: Api) -> None:
    m = "1444"  # Grästorp: VGR only, not Södra Älvsborg
    vgr = {"agreement": "vgr", "municipality": m}
    overdue = api.opened(case(**vgr, tier="sub_regional", opened_on="2026-01-10"))  # 02-09
    local = api.opened(case(**vgr, opened_on="2026-03-18"))  # no time limit
    soon = api.opened(case(**vgr, tier="sub_regional", opened_on="2026-03-01"))  # 03-31
    later = api.opened(case(**vgr, tier="lisa", opened_on="2026-03-10"))  # 04-09
    gone = api.opened(case(**vgr, tier="sub_regional", opened_on="2026-03-05"))  # 04-04
    api.ok(gone["id"], "withdraw", {"reason": "x"}, m)
    order = [overdue, soon, gone, later, local]  # by opened_on

    def ids(**params: Any) -> list[str]:
        return [item["id"] for item in api.list(municipality=m, **params)["items"]]

    assert ids() == [c["id"] for c in order]
    assert ids(agreement="vgr") == ids()
    assert ids(agreement="sodra_alvsborg") == []
    assert ids(status="withdrawn") == [gone["id"]]
    assert ids(status="open") == [overdue["id"], soon["id"], later["id"], local["id"]]
    assert ids(tier="sub_regional") == [overdue["id"], soon["id"], gone["id"]]
    assert ids(tier="lisa") == [later["id"]]
    assert ids(overdue="true") == [overdue["id"]]
    assert ids(overdue="false") == [soon["id"], gone["id"], later["id"], local["id"]]
    assert ids(due_before="2026-04-05") == [overdue["id"], soon["id"], gone["id"]]
    assert ids(due_before="2026-04-05", status="open", overdue="false") == [soon["id"]]
    listed = api.list(municipality=m)["items"]
    assert [item["overdue"] for item in listed] == [True, False, False, False, False]
    assert all("history" not in item for item in listed)

    pages, offset = [], 0
    while offset is not None:
        page = api.list(municipality=m, limit=2, offset=offset)
        assert page["total"] == 5 and page["limit"] == 2 and page["offset"] == offset
        pages.append([item["id"] for item in page["items"]])
        offset = page["next_offset"]
    assert pages == [
        [overdue["id"], soon["id"]],
        [gone["id"], later["id"]],
        [local["id"]],
    ]
    beyond = api.list(municipality=m, limit=2, offset=10)
    assert beyond["items"] == [] and beyond["total"] == 5 and beyond["next_offset"] is None

    for params in ({"limit": 0}, {"limit": 501}, {"offset": -1}, {"status": "closed"}):
        body = problem(api.http.get(URL, params=params, headers=api.reader()), 422)
        assert fields(body) == [next(iter(params))]
    soon = api.http.get(URL, params={"due_before": "soon"}, headers=api.reader())
    assert fields(problem(soon, 422)) == ["due_before"]


# -- the notice ---------------------------------------------------------------------------------


def test_notice_as_json_and_as_escaped_html(api: Api) -> None:
    title = "<script>alert('x')</script> & co"
    form = {**FULL_FORM, "what_happened": '<img src=x onerror="alert(1)">'}
    opened = api.opened(
        case(
            municipality="1490",
            title=title,
            tier="sub_regional_steering_group",
            form=form,
            opened_on="2026-03-02",
        )
    )
    url = f"{URL}/{opened['id']}/notice"
    boras = api.actor(BORAS)  # the municipality reads its own case's notice

    as_json = api.http.get(url, headers=boras)
    assert as_json.status_code == 200
    assert as_json.headers["content-type"].startswith("application/json")
    notice = as_json.json()
    assert notice["dispute_id"] == opened["id"]
    assert notice["case"]["title"] == title
    assert notice["title"] == "Tvist – anmälan till Styrgrupp för Närvårdssamverkan Södra Älvsborg"
    assert notice["preparer"].startswith("Beredningsgrupp för tvister")
    assert [f["key"] for f in notice["form"]] == FORM_KEYS
    assert all(f["required"] for f in notice["form"])
    assert {f["key"]: f["value"] for f in notice["form"]} == form
    assert notice["due_on"] == "2026-04-01"
    assert [h["action"] for h in notice["history"]] == ["opened"]

    for response in (
        api.http.get(url, params={"format": "html"}, headers=boras),
        api.http.get(url, headers={**boras, "Accept": "text/html,application/xhtml+xml"}),
    ):
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/html")
        page = response.text
        assert "<script>" not in page and "<img" not in page
        assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; co" in page
        assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in page
        assert "Kort beskrivning av ärendet *" in page

    explicit = api.http.get(
        url, params={"format": "json"}, headers={**boras, "Accept": "text/html"}
    )
    assert explicit.headers["content-type"].startswith("application/json")
    problem(api.http.get(url, params={"format": "pdf"}, headers=boras), 422)
    missing = api.http.get(f"{URL}/dsp_missing/notice", params={"format": "html"}, headers=boras)
    problem(missing, 404)


# -- API keys and problem+json -------------------------------------------------------------------


def test_api_keys_and_problem_json(api: Api) -> None:
    body = case(municipality="1442")
    before = api.list(municipality="1442")["total"]
    bare = api.actor("1442")["Authorization"].removeprefix("Bearer ")
    unauthorized = [
        api.http.post(URL, json=body),
        api.http.post(URL, json=body, headers={"X-Actor-Person": PERSON}),
        api.http.get(URL),
        api.http.post(URL, json=body, headers={"Authorization": bare}),  # without "Bearer "
        api.http.post(URL, json=body, headers={"Authorization": "Bearer smv_000000000000_nope"}),
    ]
    for response in unauthorized:
        assert fields(problem(response, 401)) == ["Authorization"]
    # (a revoked key: tests/test_security.py, through `samverkan keys revoke`)

    for org in ("1480", "20"):  # a VGR municipality that is not this case's, another region
        outsider = problem(api.open(body, org=org), 403)
        assert fields(outsider) == ["Authorization"]
        assert org in outsider["detail"]
    assert api.list(municipality="1442")["total"] == before

    opened = api.opened(body)
    dispute_id = opened["id"]
    assert opened["history"][0]["actor"] == {"org": "1442", "person": PERSON}
    headers = {"If-Match": api.etags[dispute_id]}
    url = f"{URL}/{dispute_id}/escalate"
    step = {"reason": "no_agreement"}
    anonymous = problem(api.http.post(url, json=step, headers=headers), 401)
    assert fields(anonymous) == ["Authorization"]
    # an organisation that may not see the case finds none, as if it did not exist
    for org in ("1480", "20"):
        hidden = problem(api.act(dispute_id, "escalate", step, org), 404)
        assert hidden["detail"] == f"no dispute {dispute_id}"
        read = api.http.get(f"{URL}/{dispute_id}", headers=api.actor(org))
        assert problem(read, 404)["detail"] == hidden["detail"]
    # an admin of the agreement sees the case but is no party to it: it may not act
    admin = api.server.headers("1480", PERSON, role="admin", agreements=("vgr",))
    assert api.http.get(f"{URL}/{dispute_id}", headers=admin).status_code == 200
    refused = problem(api.http.post(url, json=step, headers={**admin, **headers}), 403)
    assert fields(refused) == ["Authorization"]
    assert "1480" in refused["detail"] and "not a party" in refused["detail"]
    assert api.get(dispute_id)["revision"] == 1

    # X-Actor-Person is UTF-8 percent-encoded, or left out: then the key's label is recorded
    key = {"Authorization": api.actor("1442")["Authorization"]}
    named = {**key, "X-Actor-Person": quote("Åsa Öberg"), **headers}
    escalated = api.http.post(url, json=step, headers=named)
    assert escalated.status_code == 200, escalated.text
    unnamed = {**key, "If-Match": escalated.headers["etag"]}
    withdrawn = api.http.post(f"{URL}/{dispute_id}/withdraw", json={"reason": "x"}, headers=unnamed)
    assert withdrawn.status_code == 200, withdrawn.text
    assert [e["actor"] for e in withdrawn.json()["history"]] == [
        {"org": "1442", "person": PERSON},
        {"org": "1442", "person": "Åsa Öberg"},
        {"org": "1442", "person": "test 1442"},
    ]

    invalid = [
        ({**body, "subject": "money"}, "subject"),
        # a valid personnummer, built here rather than written out: refused as individual_ref
        ({**body, "individual_ref": f"19121212-121{check_digit('121212121')}"}, "individual_ref"),
        ({**body, "title": ""}, "title"),
        ({**body, "form": {"bogus": "x"}}, "form.bogus"),
        ({**body, "tier": "vvg_top"}, "tier"),
    ]
    for bad, name in invalid:
        assert name in fields(problem(api.open(bad), 422)), name
    unknown_field = problem(api.open({**body, "surprise": 1}), 422)
    assert fields(unknown_field) and "surprise" in unknown_field["detail"]
    unknown = problem(api.open(case(agreement="skane", municipality="1442")), 404)
    assert "sodra_alvsborg" in unknown["detail"]
    problem(api.http.get(f"{URL}/dsp_missing", headers=api.reader()), 404)
    problem(api.act("dsp_missing", "escalate", {"reason": "no_agreement"}, "1442", "*"), 404)
    malformed = api.http.post(
        URL,
        content=b"{not json",
        headers={**api.actor("1442"), "content-type": "application/json"},
    )
    assert malformed.status_code in (400, 422)
    assert malformed.headers["content-type"].startswith("application/problem+json")
