"""120 simulated days across 2027-01-01: every reminder and overdue on its day, nothing else.

In-process, with the real components (SQLite file, registry, disputes, placements, deadlines,
outbox, sweep) and an injectable clock that steps through Europe/Stockholm local time, sweeping
four times a day including 00:30 local (when the UTC date is still the day before).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import msgspec

from samverkan.cases.changes import Change
from samverkan.cases.common import Actor
from samverkan.cases.deadlines import Deadlines
from samverkan.cases.deviations import Deviations
from samverkan.cases.disputes import Disputes, Escalate, OpenDispute, Resolve
from samverkan.cases.placements import CostAgreementRequest, OpenPlacement, Placements
from samverkan.delivery.outbox import Outbox
from samverkan.delivery.sweep import Sweeper
from samverkan.delivery.webhooks import Webhooks
from samverkan.kernel.clock import Clock
from samverkan.kernel.config import AgreementConfig, Settings, SweepConfig
from samverkan.kernel.loading import make_plugin_manager
from samverkan.kernel.registry import Registry
from samverkan.store.db import Store
from samverkan.store.migrations import MIGRATIONS

STOCKHOLM = ZoneInfo("Europe/Stockholm")
D = dt.date.fromisoformat


class SimClock(Clock):
    """A clock the test moves: local time in Europe/Stockholm."""

    def __init__(self, start: dt.datetime):
        super().__init__("Europe/Stockholm")
        self.current = start

    def now(self) -> dt.datetime:
        return self.current  # Clock.today() derives the date from this, as in production

    def at(self, day: dt.date, hour: int = 12, minute: int = 0) -> None:
        self.current = dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=STOCKHOLM)


def build(path: Path, clock: SimClock) -> tuple[Disputes, Placements, Sweeper, Store]:
    settings = Settings(
        agreements={
            "dalarna": AgreementConfig(
                extended_to=D("2027-06-30"),
                extension_reason="Välfärdsrådet (simulation)",
            )
        },
        sweep=SweepConfig(reminder_days=7, no_progress_days=14, version_ending_days=90),
    )
    registry = Registry(make_plugin_manager(settings.enabled), settings)
    store = Store(path, MIGRATIONS)
    deadlines = Deadlines(store, registry, settings.sweep, clock)
    disputes = Disputes(store, registry, clock, deadlines)
    placements = Placements(store, registry, clock, deadlines)
    sweeper = Sweeper(
        store,
        registry,
        clock,
        deadlines=deadlines,
        outbox=Outbox(store, [], clock),
        webhooks=Webhooks(store, []),
        deviations=Deviations(disputes),
    )
    return disputes, placements, sweeper, store


SIP = {
    "consent": True,
    "goal": "Stabil skolgång",
    "wishes": "Nära familjen",
    "responsibilities": "Kommunen: boende, skola; regionen: BUP",
    "performers": "HVB utför båda",
    "school_occupation": "Skola vid HVB",
    "overall_responsibility": "Kommunen",
}


def test_120_days_across_the_version_change(tmp_path: Path) -> None:
    clock = SimClock(dt.datetime(2026, 10, 1, 0, 30, tzinfo=STOCKHOLM))
    disputes, placements, sweeper, store = build(tmp_path / "sim.db", clock)
    ids: dict[str, str] = {}

    def open_dispute(name: str, day: str, org: str, **body: object) -> None:
        clock.at(D(day))
        request = msgspec.convert({"title": name, "description": name, **body}, OpenDispute)
        ids[name] = disputes.open(request, Change(Actor(org=org, person="sim"))).id

    def act(name: str, day: str, org: str, method: str, request: msgspec.Struct) -> None:
        clock.at(D(day))
        etag = f'"{ids[name]}.{disputes.get(ids[name]).revision}"'
        change = Change(Actor(org=org, person="sim"), if_match=etag)
        getattr(disputes, method)(ids[name], request, change)

    def place(name: str, day: str, org: str, **body: object) -> None:
        clock.at(D(day))
        request = msgspec.convert(body, OpenPlacement)
        ids[name] = placements.open(request, Change(Actor(org=org, person="sim"))).id

    actions = {
        # Dalarna 12.2: notice 2026-10-08, written submission no earlier than 2026-11-08;
        # its first tier names no time limit: no-progress warning after 14 days (2026-10-24)
        "2026-10-10": lambda: open_dispute(
            "dalarna_regional",
            "2026-10-10",
            "20",
            agreement="dalarna",
            municipality="2080",
            subject="interpretation",
            form={"notice_given_on": "2026-10-08"},
        ),
        # Södra Älvsborg line manager: 30 days from 2026-10-05 -> due 2026-11-04
        "2026-10-05": lambda: open_dispute(
            "sa",
            "2026-10-05",
            "1490",
            agreement="sodra_alvsborg",
            municipality="1490",
            subject="responsibility",
        ),
        # Dalarna acute placement: one calendar month -> due 2026-11-20
        "2026-10-20": lambda: place(
            "dalarna_acute",
            "2026-10-20",
            "2080",
            agreement="dalarna",
            municipality="2080",
            placing_party="municipality",
            start_date="2026-10-20",
            acute=True,
            home_kind="hvb",
            child=False,
        ),
        # Göteborg acute child placement: 30 days -> due 2026-12-01, never settled
        "2026-11-01": lambda: place(
            "gbg_unsettled",
            "2026-11-01",
            "1481",
            agreement="goteborg",
            municipality="1481",
            placing_party="municipality",
            start_date="2026-11-01",
            acute=True,
            home_kind="hvb",
            child=True,
            sip=SIP,
        ),
        # SA: time ran out on 2026-11-04; the chair receives it 2026-11-12 -> due 2026-12-12
        "2026-11-12": lambda: act(
            "sa", "2026-11-12", "1490", "escalate", Escalate(reason="time_ran_out")
        ),
        # SA resolved before the local group's due date: no overdue
        "2026-12-10": lambda: act(
            "sa", "2026-12-10", "1490", "resolve", Resolve(outcome="Regionen ansvarar")
        ),
        # Göteborg acute placement settled 5 days later; follow-up set to 2027-01-20
        "2026-12-15": lambda: place(
            "gbg_settled",
            "2026-12-15",
            "1480",
            agreement="goteborg",
            municipality="1480",
            placing_party="municipality",
            start_date="2026-12-15",
            acute=True,
            home_kind="hvb",
            child=True,
            sip=SIP,
        ),
        "2026-12-20": lambda: (
            open_dispute(
                "vgr_ok",
                "2026-12-20",
                "1401",
                agreement="vgr",
                municipality="1401",
                subject="responsibility",
            ),
            _settle("gbg_settled"),
        ),
        # ÖK local level names no limit: no-progress 2027-01-03; escalated 2027-01-05 to the
        # sub-regional level: 30 days -> due 2027-02-04, reminder 2027-01-28
        "2027-01-05": lambda: act(
            "vgr_ok", "2027-01-05", "1401", "escalate", Escalate(reason="no_agreement")
        ),
        # a case opened after 2027-01-01 is on the HSA: step 1 has no limit -> 2027-01-18
        "2027-01-04": lambda: open_dispute(
            "vgr_hsa",
            "2027-01-04",
            "1402",
            agreement="vgr",
            municipality="1402",
            subject="responsibility",
        ),
    }

    def _settle(name: str) -> None:
        placements.add_cost_agreement(
            ids[name],
            CostAgreementRequest(
                effective_from=D("2026-12-15"),
                agreed_on=D("2026-12-20"),
                method="percent",
                shares={"region": 40, "municipality": 60},
                responsibilities="r",
                health_care_provision="h",
                municipal_provision="m",
                follow_up_on=D("2027-01-20"),
                signatories=[],
            ),
            # If-Match: any revision (the simulation is the only writer)
            Change(Actor(org="1480", person="sim"), if_match="*"),
        )

    day = D("2026-10-01")
    for _ in range(120):
        for hour, minute in ((0, 30), (6, 30), (12, 30), (18, 30)):
            clock.at(day, hour, minute)
            sweeper.sweep()
            if (hour, minute) == (12, 30) and day.isoformat() in actions:
                actions[day.isoformat()]()
                clock.at(day, hour, minute)
        day += dt.timedelta(days=1)

    subject = {v: k for k, v in ids.items()}
    with store.read() as db:
        fired = sorted(
            (
                row["fire_on"],
                row["event"],
                subject.get(row["subject_id"], row["subject_id"]),
                row["created_at"][:10],
            )
            for row in db.query("SELECT * FROM notifications")
        )
        drafts = list(db.query("SELECT dispute_id, draft FROM deviations"))
    expected = sorted(
        [
            ("2026-10-02", "version_ending_soon", "goteborg/vagledning-2019"),  # 2026-12-31 - 90
            ("2026-10-02", "version_ending_soon", "sodra_alvsborg/rutin-2017"),
            ("2026-10-02", "version_ending_soon", "vgr/ok-2017"),
            ("2026-10-24", "no_progress", "dalarna_regional"),  # 2026-10-10 + 14 (a setting)
            ("2026-10-28", "reminder", "sa"),  # due 2026-11-04, 7 days before
            ("2026-11-05", "overdue", "sa"),  # the day after 2026-11-04
            ("2026-11-08", "earliest_date_reached", "dalarna_regional"),  # 2026-10-08 + 1 month
            ("2026-11-13", "reminder", "dalarna_acute"),  # due 2026-11-20
            ("2026-11-21", "overdue", "dalarna_acute"),
            ("2026-11-24", "reminder", "gbg_unsettled"),  # due 2026-12-01
            ("2026-12-02", "overdue", "gbg_unsettled"),
            ("2026-12-05", "reminder", "sa"),  # local group: 2026-11-12 + 30 = 2026-12-12
            ("2027-01-03", "no_progress", "vgr_ok"),  # ÖK local level, 2026-12-20 + 14
            ("2027-01-13", "reminder", "gbg_settled"),  # follow-up 2027-01-20
            ("2027-01-18", "no_progress", "vgr_hsa"),  # HSA step 1, 2027-01-04 + 14
            ("2027-01-21", "overdue", "gbg_settled"),  # the follow-up date passed
            ("2027-01-28", "reminder", "vgr_ok"),  # sub-regional: 2027-01-05 + 30 = 2027-02-04
        ]
    )
    assert [f[:3] for f in fired] == expected
    # each fired on its own day, in Stockholm time, never a day late
    assert all(fire_on == created for fire_on, _, _, created in fired)
    # the missed ladder deadline (SA, not the placements) left a draft deviation
    assert drafts == [{"dispute_id": ids["sa"], "draft": 1}]
    # the ÖK case stayed on the ÖK ladder after 2027-01-01, the new one is on the HSA
    assert disputes.get(ids["vgr_ok"]).tier.key == "sub_regional"
    assert disputes.get(ids["vgr_hsa"]).tier.key == "step_1"


def test_a_sweep_twice_fires_nothing_new(tmp_path: Path) -> None:
    clock = SimClock(dt.datetime(2026, 3, 1, 12, 0, tzinfo=STOCKHOLM))
    disputes, _, sweeper, store = build(tmp_path / "twice.db", clock)
    disputes.open(
        OpenDispute(
            agreement="sodra_alvsborg",
            municipality="1490",
            subject="responsibility",
            title="t",
            description="d",
        ),
        Change(Actor(org="1490", person="sim")),
    )
    clock.at(D("2026-04-15"), 0, 30)  # long after the due date 2026-03-31
    first = sweeper.sweep()
    assert len([n for n in first]) >= 1
    assert sweeper.sweep() == []
    with store.read() as db:
        events = [
            r["event"]
            for r in db.query("SELECT event FROM notifications WHERE subject_type = 'dispute'")
        ]
    assert events == ["overdue"]  # no late reminder for a date already passed


def test_spring_daylight_saving_change(tmp_path: Path) -> None:
    """2027-03-28 02:00 -> 03:00 in Stockholm: a 30-day limit from 2027-03-15 is due
    2027-04-14 and overdue on 2027-04-15 whatever the hour of the sweep."""
    clock = SimClock(dt.datetime(2027, 3, 15, 12, 0, tzinfo=STOCKHOLM))
    disputes, _, sweeper, _ = build(tmp_path / "dst.db", clock)
    disputes.open(
        OpenDispute(
            agreement="vgr",
            municipality="1490",
            subject="responsibility",
            title="t",
            description="d",
            tier="step_1",
        ),
        Change(Actor(org="1490", person="sim")),
    )
    # HSA step 1 has no limit: no-progress on 2027-03-29, the day after the clocks change
    moments = [
        dt.datetime(2027, 3, 28, 23, 59, tzinfo=STOCKHOLM),
        dt.datetime(2027, 3, 29, 0, 1, tzinfo=STOCKHOLM),
    ]
    fired_at: list[tuple[str, int]] = []
    for moment in moments:
        clock.current = moment
        fired_at.append((moment.isoformat(), len(sweeper.sweep())))
    assert [count for _, count in fired_at] == [0, 1]
