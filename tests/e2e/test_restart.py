"""A restart on the same database file, and the version change on 2027-01-01: a real
``samverkan serve`` process on 2026-12-20, stopped, and started again on 2027-01-15 (the
disputes API otherwise runs in-process: ``tests/api/test_disputes_api.py``)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from tests.support.disputes_api import (
    CONFIG,
    FULL_FORM,
    INDIVIDUAL,
    VGR,
    Api,
    arrangement,
    case,
    problem,
)
from tests.support.server import ServerProcess

pytestmark = pytest.mark.e2e
#: the tests read the service's words in English (its default is Swedish)
ENGLISH = {"Accept-Language": "en"}


# -- restart and the version change on 2027-01-01 -----------------------------------------------


@dataclass
class Restarted:
    api: Api
    before: dict[str, dict[str, Any]]
    total: int


@pytest.fixture(scope="module")
def restarted(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Restarted]:
    """Cases made on 2026-12-20; the server stopped and started again on 2027-01-15."""
    workdir = tmp_path_factory.mktemp("restart")
    first = ServerProcess(workdir, CONFIG, env={"SAMVERKAN_TODAY": "2026-12-20"}).start()
    try:
        with httpx.Client(base_url=first.url, timeout=10, headers=ENGLISH) as http:
            api = Api(http, first)
            vgr = api.opened(
                case(
                    agreement="vgr",
                    municipality="1480",
                    individual_ref=INDIVIDUAL,
                    temporary_arrangement=arrangement("2026-12-01"),
                )
            )
            api.ok(vgr["id"], "escalate", {"reason": "no_agreement"}, "1480")
            sodra = api.opened(case(opened_on="2026-12-01"))
            api.ok(
                sodra["id"],
                "escalate",
                {"reason": "no_agreement", "on": "2026-12-09", "clock_started_on": "2026-12-10"},
            )
            api.ok(sodra["id"], "recommendation", {"text": "Regionen.", "given_on": "2026-12-18"})
            gone = api.opened(case(municipality="1491"))
            api.ok(gone["id"], "withdraw", {"reason": "x"}, "1491")
            before = {
                name: api.get(c["id"])
                for name, c in (("vgr", vgr), ("sodra", sodra), ("gone", gone))
            }
            total = api.list()["total"]
    finally:
        first.stop()
    assert (workdir / "samverkan.db").exists()
    second = ServerProcess(workdir, CONFIG, env={"SAMVERKAN_TODAY": "2027-01-15"}).start()
    try:
        with httpx.Client(base_url=second.url, timeout=10, headers=ENGLISH) as http:
            yield Restarted(Api(http, second, dict(api.etags)), before, total)
    finally:
        second.stop()


def test_every_case_and_its_history_survive_a_restart(restarted: Restarted) -> None:
    api = restarted.api
    assert api.list()["total"] == restarted.total == 3
    kept = (
        "history", "status", "tier", "ladder", "version", "form", "pending_outcome",
        "temporary_arrangement", "clock_started_on", "due_on", "opened_on", "closed_on",
        "revision", "title", "municipality",
    )  # fmt: skip
    for name, before in restarted.before.items():
        after = api.get(before["id"])
        assert {k: after[k] for k in kept} == {k: before[k] for k in kept}, name
    assert [e["action"] for e in restarted.before["sodra"]["history"]] == [
        "opened",
        "escalated",
        "recommendation",
    ]


def test_a_case_continues_after_the_restart(restarted: Restarted) -> None:
    api = restarted.api
    dispute_id = restarted.before["sodra"]["id"]
    api.ok(dispute_id, "responses", {"response": "reject", "on": "2027-01-05"})
    step = {"reason": "rejected_recommendation", "on": "2027-01-07", "form": FULL_FORM}
    on = api.ok(dispute_id, "escalate", step)
    # opened in 2026: still on Södra Älvsborg's own routine after 2027-01-01
    assert on["version"] == {"agreement": "sodra_alvsborg", "key": "rutin-2017"}
    assert on["tier"]["key"] == "sub_regional_steering_group"
    assert on["due_on"] == "2027-02-06"
    assert [e["seq"] for e in on["history"]] == [1, 2, 3, 4, 5]
    assert on["history"][:3] == restarted.before["sodra"]["history"]


def test_a_case_keeps_the_version_it_was_opened_under(restarted: Restarted) -> None:
    api = restarted.api
    ok = api.get(restarted.before["vgr"]["id"])
    assert ok["version"] == {"agreement": "vgr", "key": "ok-2017"}
    assert ok["ladder"]["tiers"] == ["local", "sub_regional", "lisa"]
    assert ok["tier"]["key"] == "sub_regional" and ok["due_on"] == "2027-01-19"
    lisa = api.ok(ok["id"], "escalate", {"reason": "no_agreement"}, VGR)
    assert lisa["version"]["key"] == "ok-2017"
    assert lisa["tier"]["key"] == "lisa"
    assert lisa["due_on"] == "2027-02-14"
    assert lisa["history"][-1]["citation"]["document"] == "ÖK 2017"

    last_day = api.opened(case(agreement="vgr", municipality="1480", opened_on="2026-12-31"))
    assert last_day["version"]["key"] == "ok-2017"

    for opened_on in ("2027-01-01", "2027-01-02"):
        hsa = api.opened(case(agreement="vgr", municipality="1480", opened_on=opened_on))
        assert hsa["version"] == {"agreement": "vgr", "key": "hsa-2027"}
        assert hsa["ladder"]["tiers"] == ["step_1", "step_2", "step_3"]
    assert hsa["tier"]["key"] == "step_1" and hsa["tier"]["case_label"] == "oenighet"
    assert hsa["due_on"] is None and hsa["overdue"] is False
    assert "utan dröjsmål" in hsa["due_explanation"]
    # the answer to the opening speaks as of its day; a read as of today (2027-01-15)
    assert "since 2027-01-02 (0 days)" in hsa["due_explanation"]
    read = api.get(hsa["id"])
    assert "since 2027-01-02 (13 days)" in read["due_explanation"]
    no_clock = problem(api.act(hsa["id"], "escalate", {"reason": "time_ran_out"}, "1480"), 409)
    assert "no time limit" in no_clock["detail"]
    step_2 = api.ok(hsa["id"], "escalate", {"reason": "no_agreement"}, "1480")
    step_3 = api.ok(hsa["id"], "escalate", {"reason": "no_agreement"}, "1480")
    assert (step_2["tier"]["key"], step_3["tier"]["key"]) == ("step_2", "step_3")
    assert step_3["tier"]["case_label"] == "tvist" and step_3["tier"]["outcome"] == "decision"
    top = problem(
        api.act(hsa["id"], "escalate", {"reason": "no_recommendation_given"}, "1480"), 409
    )
    assert "top" in top["detail"]

    # a Södra Älvsborg case opened in 2027 follows the HSA, with a notice saying why
    sodra = api.opened(case(opened_on="2027-01-02"))
    assert sodra["agreement"] == "sodra_alvsborg"
    assert sodra["version"] == {"agreement": "vgr", "key": "hsa-2027"}
    assert sodra["tier"]["key"] == "step_1"
    assert any("awaits revision" in notice for notice in sodra["notices"])
