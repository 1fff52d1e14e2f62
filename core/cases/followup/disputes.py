"""The disputes' figures: counts per status, subject and highest tier, time at each tier against
its time limit, tier deadlines passed, recommendations accepted and rejected, and the outcomes
of resolved disputes for lessons learned.

Each dispute's stays at its tiers are read from its history (its events up to the period's last
day): a stay starts when the case is opened at or escalated to a tier, its clock on the day the
tier received the case (``clock_started_on``), and ends when the case is escalated on, resolved
or withdrawn. A tier's time limit comes from the ladder of the version the case is pinned to.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from samverkan.cases.followup import texts
from samverkan.cases.followup.figures import Tally, in_period, nearest_rank
from samverkan.cases.followup.rows import Row, Scope
from samverkan.cases.followup.schemas import (
    DisputeFigures,
    Lesson,
    Lessons,
    TierBreakdown,
    TierCount,
    TierRef,
    TierTimes,
    TierTimesTable,
    TimeLimitRule,
    VersionRef,
)
from samverkan.kernel.dates import add_period
from samverkan.kernel.errors import ProblemError
from samverkan.kernel.i18n import local
from samverkan.kernel.registry import InForce, Registry
from samverkan.models import ON_EXPIRY, Ladder, SubjectKind, Tier

SUBJECTS: tuple[SubjectKind, ...] = ("responsibility", "cost", "interpretation", "deviation")
OUTCOMES = ("recommendation", "decision", "judgment")
#: (version agreement, version key, ladder kind, tier key): one tier of one ladder
TierId = tuple[str, str, str, str]


@dataclass
class Stay:
    tier: TierId
    clock: dt.date
    left_on: dt.date | None = None


@dataclass
class History:
    """What a dispute's events up to the period's end say."""

    stays: list[Stay] = field(default_factory=list)
    given: list[dt.date] = field(default_factory=list)
    accepted: list[dt.date] = field(default_factory=list)
    rejected: list[dt.date] = field(default_factory=list)


def version_of(dispute: Row) -> tuple[str, str, str]:
    """The version and ladder a dispute climbs."""
    return dispute["version_agreement"], dispute["version"], dispute["ladder_kind"]


def read_history(dispute: Row, events: Iterable[Row]) -> History:
    """The stays and the fate of each recommendation, from the events in order."""
    history = History()
    version = version_of(dispute)
    pending: dict[str, bool] | None = None
    previous = ""
    for event in events:
        action, day = event["action"], dt.date.fromisoformat(event["on_date"])
        if action in ("opened", "escalated"):
            if history.stays and action == "escalated":
                history.stays[-1].left_on = day
            clock = event["clock_started_on"]
            start = dt.date.fromisoformat(clock) if clock else day
            history.stays.append(Stay((*version, event["tier_key"]), start))
            pending = None
        elif action in ("resolved", "withdrawn"):
            if history.stays:
                history.stays[-1].left_on = day
            if action == "resolved" and previous == "response_accept" and pending is not None:
                history.accepted.append(day)
            pending = None
        elif action in OUTCOMES:
            history.given.append(day)
            pending = {"rejected": False}
        elif action == "response_reject" and pending is not None and not pending["rejected"]:
            pending["rejected"] = True
            history.rejected.append(day)
        previous = action
    return history


class Ladders:
    """The ladders the report's disputes climb, each tier with its step and time limit."""

    def __init__(self, registry: Registry):
        self.registry = registry
        self.found: dict[tuple[str, str, str], Ladder | None] = {}

    def add(self, in_force: InForce, ladder: Ladder) -> None:
        self.found[(in_force.version_agreement, in_force.version.key, ladder.kind)] = ladder

    def of(self, dispute: Row) -> Ladder | None:
        key = version_of(dispute)
        if key not in self.found:
            try:
                in_force = self.registry.in_force(
                    dispute["agreement"], dt.date.fromisoformat(dispute["opened_on"])
                )
                self.found[key] = self.registry.ladder(in_force, dispute["ladder_kind"])[0]
            except ProblemError:  # the plugins no longer resolve the version it is pinned to
                self.found[key] = None
        return self.found[key]

    def tier(self, tier: TierId) -> tuple[int, Tier | None]:
        ladder = self.found.get(tier[:3])
        if ladder is not None:
            for index, candidate in enumerate(ladder.tiers):
                if candidate.key == tier[3]:
                    return index, candidate
        return -1, None

    def ref(self, tier: TierId) -> TierRef:
        index, found = self.tier(tier)
        return TierRef(
            version=VersionRef(agreement=tier[0], key=tier[1]),
            ladder=tier[2],
            tier=tier[3],
            step=index + 1,
            name=local(found.name, found.name_en) if found else tier[3],
        )

    def all_tiers(self) -> list[TierId]:
        return [
            (*key, tier.key)
            for key, ladder in self.found.items()
            if ladder is not None
            for tier in ladder.tiers
        ]


def due_on(tier: Tier | None, stay: Stay) -> dt.date | None:
    if tier is None or tier.time_limit is None:
        return None
    return add_period(stay.clock, tier.time_limit.period)


def time_limit(tier: Tier | None) -> TimeLimitRule | None:
    if tier is None or tier.time_limit is None:
        return None
    limit = tier.time_limit
    return TimeLimitRule(
        amount=limit.period.amount,
        unit=limit.period.unit,
        starts=limit.starts,
        on_expiry=ON_EXPIRY[limit.on_expiry],
        strength=limit.strength,
        citation=limit.citation,
    )


@dataclass
class TierStats:
    days: list[int] = field(default_factory=list)
    over: int = 0
    at_end: int = 0
    passed: int = 0


def dispute_figures(
    scope: Scope,
    tally: Tally,
    ladders: Ladders,
    rows: dict[str, list[Row]],
    visible: Callable[[str], bool],
) -> DisputeFigures:
    """The section from the queries' rows (``rows``: ``counts``, ``subjects``, ``disputes``,
    ``events``); ``visible(id)``: whether the key may see the dispute."""
    first, last = scope.first, scope.last
    for row in rows["counts"]:
        for name in ("opened", "resolved", "withdrawn", "open_at_end", "adjusted"):
            tally.add(name, row["agreement"], row[name])
    for row in rows["subjects"]:
        tally.add(f"subject.{row['subject']}", row["agreement"], row["value"])
    events: dict[str, list[Row]] = defaultdict(list)
    for event in rows["events"]:
        events[event["dispute_id"]].append(event)
    stats: dict[TierId, TierStats] = defaultdict(TierStats)
    highest: dict[TierId, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    lessons: list[Lesson] = []
    hidden = 0
    for dispute in rows["disputes"]:
        ladders.of(dispute)
        history = read_history(dispute, events[dispute["id"]])
        agreement = dispute["agreement"]
        for day in history.given:
            tally.add("given", agreement, in_period(day.isoformat(), first, last))
        for day in history.accepted:
            tally.add("accepted", agreement, in_period(day.isoformat(), first, last))
        for day in history.rejected:
            tally.add("rejected", agreement, in_period(day.isoformat(), first, last))
        for stay in history.stays:
            _, tier = ladders.tier(stay.tier)
            due = due_on(tier, stay)
            entry = stats[stay.tier]
            if stay.left_on is None:
                entry.at_end += 1
            elif first <= stay.left_on <= last:
                entry.days.append(max(0, (stay.left_on - stay.clock).days))
                entry.over += bool(due and stay.left_on > due)
            if due and first <= due + dt.timedelta(days=1) <= last:
                passed = stay.left_on is None or stay.left_on > due
                entry.passed += passed
                tally.add("deadlines_passed", agreement, passed)
        if history.stays:
            top = max(history.stays, key=lambda s: ladders.tier(s.tier)[0])
            highest[top.tier][agreement] += 1
        resolved = dispute["status"] == "resolved" and in_period(dispute["closed_on"], first, last)
        if resolved and visible(dispute["id"]):
            last_tier = history.stays[-1].tier if history.stays else None
            tier = last_tier or (*version_of(dispute), dispute["tier_key"])
            lessons.append(lesson(dispute, ladders.ref(tier)))
        elif resolved:
            hidden += 1
    return _section(tally, ladders, stats, highest, lessons, hidden)


def lesson(dispute: Row, tier: TierRef) -> Lesson:
    resolution: dict[str, Any] = json.loads(dispute["resolution"] or "{}")
    adjustment = resolution.get("adjustment") or {}
    effective = adjustment.get("effective_from")
    return Lesson(
        id=dispute["id"],
        agreement=dispute["agreement"],
        municipality=dispute["municipality"],
        subject=dispute["subject"],
        title=dispute["title"],
        tier=tier,
        closed_on=dt.date.fromisoformat(dispute["closed_on"]),
        outcome=str(resolution.get("outcome", "")),
        via=str(resolution.get("via", "")),
        adjustment_from=dt.date.fromisoformat(effective) if effective else None,
    )


def _section(
    tally: Tally,
    ladders: Ladders,
    stats: dict[TierId, TierStats],
    highest: dict[TierId, dict[str, int]],
    lessons: list[Lesson],
    hidden: int,
) -> DisputeFigures:
    lang, agreements = tally.lang, tally.agreements
    found = {*ladders.all_tiers(), *stats, *highest}
    tiers = sorted(found, key=lambda t: (*t[:3], ladders.tier(t)[0], t[3]))
    times = []
    for tier_id in tiers:
        _, tier = ladders.tier(tier_id)
        entry = stats.get(tier_id, TierStats())
        times.append(
            TierTimes(
                tier=ladders.ref(tier_id),
                stays_ended=len(entry.days),
                median_days=nearest_rank(entry.days, 50),
                p90_days=nearest_rank(entry.days, 90),
                over_limit=entry.over,
                at_tier_at_end=entry.at_end,
                deadlines_passed=entry.passed,
                time_limit=time_limit(tier),
                pace=tier.pace if tier else "",
            )
        )
    reached = [
        TierCount(
            tier=ladders.ref(t),
            value=sum(highest.get(t, {}).values()),
            by_agreement={a: highest.get(t, {}).get(a, 0) for a in agreements},
        )
        for t in tiers
    ]
    return DisputeFigures(
        opened=tally.count("opened", "disputes.opened"),
        resolved=tally.count("resolved", "disputes.resolved"),
        withdrawn=tally.count("withdrawn", "disputes.withdrawn"),
        open_at_end=tally.count("open_at_end", "disputes.open_at_end"),
        by_subject=tally.breakdown("subject", SUBJECTS, "disputes.by_subject"),
        by_highest_tier=TierBreakdown(
            items=reached, counted=texts.counted("disputes.by_highest_tier", lang)
        ),
        time_at_tier=TierTimesTable(
            items=times, counted=texts.counted("disputes.time_at_tier", lang)
        ),
        deadlines_passed=tally.count("deadlines_passed", "disputes.deadlines_passed"),
        recommendations_given=tally.count("given", "disputes.recommendations_given"),
        recommendations_accepted=tally.count("accepted", "disputes.recommendations_accepted"),
        recommendations_rejected=tally.count("rejected", "disputes.recommendations_rejected"),
        with_retroactive_adjustment=tally.count("adjusted", "disputes.with_retroactive_adjustment"),
        lessons=Lessons(
            items=sorted(lessons, key=lambda x: (x.closed_on, x.id)),
            not_shown=hidden,
            counted=texts.counted("disputes.lessons", lang),
        ),
    )
