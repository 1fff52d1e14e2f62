"""Generated cases for the follow-up: a plan of stories (what happens to each dispute, deviation
and placement, day by day) and the generator's own record of what the follow-up must count.

The plan is pure data: :mod:`bench.internals` (``CaseWriter``) plays it through the service's own
case services, and ``bench.followup`` measures the report on it; the property tests
(``tests/kernel/test_followup_properties.py``) draw plans with hypothesis and compare the report
with :func:`expected`, which counts from the stories alone, never from the database.

Stories obey the rules the writer meets (each tier's outcome, which tiers allow a retroactive
adjustment); the ladders come from the service through ``Ladders`` (a callable), so nothing
here names a rule of its own.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

ONE_DAY = dt.timedelta(days=1)
SUBJECTS = ("responsibility", "cost", "interpretation", "deviation")
HOME_KINDS = ("hvb", "family_home", "other_24h_care", "sis")
CATEGORIES = (None, None, "SIP", "Läkemedel", "Utskrivning", "Samordnad vårdplanering")
#: the acute cost agreement's deadline in days (30 days under every VGR text the plans use)
ACUTE_DAYS = 30


@dataclass(frozen=True)
class TierInfo:
    key: str
    outcome: str  # agreement | recommendation | decision | judgment
    retroactive: bool


#: the ladder a dispute of an agreement and subject climbs when opened on a day
Ladders = Callable[[str, str, dt.date], list[TierInfo]]


@dataclass(frozen=True)
class Step:
    """One step of a dispute: ``escalate``, ``recommend``, ``reject`` (the municipality),
    ``accept`` (both parties, resolving it), ``resolve`` or ``withdraw``."""

    kind: str
    on: dt.date
    adjusted: bool = False


@dataclass(frozen=True)
class Dispute:
    agreement: str
    municipality: str
    subject: str
    opened_on: dt.date
    by_region: bool
    steps: tuple[Step, ...]
    tiers: tuple[str, ...]  # the ladder's tier keys

    @property
    def end(self) -> Step | None:
        last = self.steps[-1] if self.steps else None
        return last if last and last.kind in ("accept", "resolve", "withdraw") else None


@dataclass(frozen=True)
class Deviation:
    agreement: str
    municipality: str
    from_region: bool
    reported_on: dt.date
    category: str | None
    dispute: Dispute | None  # its escalation: a dispute opened from it


@dataclass(frozen=True)
class Entry:
    period_from: dt.date
    period_to: dt.date
    amount_ore: int


@dataclass(frozen=True)
class Placement:
    agreement: str
    municipality: str
    registered_on: dt.date
    start: dt.date
    end: dt.date | None
    acute: bool
    child: bool
    home_kind: str
    agreed_on: dt.date | None
    region_percent: int
    entries: tuple[Entry, ...]


@dataclass
class Plan:
    disputes: list[Dispute] = field(default_factory=list)
    deviations: list[Deviation] = field(default_factory=list)
    placements: list[Placement] = field(default_factory=list)

    def all_disputes(self) -> list[Dispute]:
        return self.disputes + [d.dispute for d in self.deviations if d.dispute is not None]


# -- drawing stories ----------------------------------------------------------------------------


def dispute_story(
    rng: random.Random,
    ladders: Ladders,
    agreement: str,
    municipality: str,
    subject: str,
    opened_on: dt.date,
    horizon: dt.date,
) -> Dispute:
    """A dispute climbing its ladder: at each tier it stays 3–60 days; a tier that gives a
    recommendation or decision may give one, which is rejected before the case goes on, or
    accepted by both at the last tier; the case ends resolved or withdrawn, one in ten of them
    60–400 days later (what lies beyond ``horizon`` does not happen: the case stays open)."""
    tiers = ladders(agreement, subject, opened_on)
    climbs = min(len(tiers) - 1, rng.choices((0, 1, 2, 3), (60, 25, 12, 3))[0])
    steps: list[Step] = []
    day = opened_on
    for index in range(climbs + 1):
        tier = tiers[index]
        stay = rng.randint(3, 60)
        last = index == climbs
        gives = tier.outcome != "agreement"
        if gives and (not last or rng.random() < 0.6):
            steps.append(Step("recommend", day + dt.timedelta(days=stay * 6 // 10)))
            if not last or rng.random() < 0.25:
                steps.append(Step("reject", day + dt.timedelta(days=stay * 8 // 10)))
            elif rng.random() < 0.75:
                steps.append(Step("accept", day + dt.timedelta(days=stay), adjusted=False))
                break
        day += dt.timedelta(days=stay)
        if not last:
            steps.append(Step("escalate", day))
            continue
        roll = rng.random()
        if roll >= 0.9:  # a long one: settled a year or so later, if the horizon allows
            day += dt.timedelta(days=rng.randint(60, 400))
        if roll < 0.75 or roll >= 0.9:
            steps.append(Step("resolve", day, tier.retroactive and rng.random() < 0.3))
        else:
            steps.append(Step("withdraw", day))
    kept = tuple(s for s in steps if s.on <= horizon)
    return Dispute(
        agreement,
        municipality,
        subject,
        opened_on,
        rng.random() < 0.3,
        kept,
        tuple(t.key for t in tiers),
    )


def month_entries(start: dt.date, end: dt.date, daily_ore: int) -> tuple[Entry, ...]:
    """One invoice per calendar month the placement ran, for its days in that month."""
    entries = []
    first = start
    while first <= end:
        following = dt.date(first.year + first.month // 12, first.month % 12 + 1, 1)
        last = min(end, following - ONE_DAY)
        entries.append(Entry(first, last, ((last - first).days + 1) * daily_ore))
        first = following
    return tuple(entries)


def placement_story(
    rng: random.Random,
    agreement: str,
    municipality: str,
    start: dt.date,
    child: bool,
    horizon: dt.date,
) -> Placement:
    acute = rng.random() < 0.6
    length = 7 + int(min(713.0, rng.expovariate(1 / 110)))  # 7–720 days, most a few months
    end = start + dt.timedelta(days=length - 1)
    running = end > horizon
    if acute:
        late = rng.random() < 0.1  # the written split a long time coming
        agreed = start + dt.timedelta(days=rng.randint(90, 300) if late else rng.randint(3, 60))
        registered = start
    else:
        agreed = start - dt.timedelta(days=rng.randint(1, 20))
        registered = agreed - dt.timedelta(days=rng.randint(0, 5))
    if agreed is not None and agreed > horizon:
        agreed = None
    entries = month_entries(start, min(end, horizon), 100 * rng.randint(1_000, 4_000))
    return Placement(
        agreement=agreement,
        municipality=municipality,
        registered_on=registered,
        start=start,
        end=None if running else end,
        acute=acute,
        child=child,
        home_kind=rng.choices(HOME_KINDS, (50, 30, 15, 5))[0],
        agreed_on=agreed,
        region_percent=rng.choice((0, 20, 25, 30, 40, 50)),
        entries=tuple(e for e in entries if e.period_to <= horizon),
    )


def plan_year(
    rng: random.Random,
    ladders: Ladders,
    areas: dict[str, tuple[str, ...]],
    year_from: dt.date,
    year_to: dt.date,
    horizon: dt.date,
    sizes: dict[str, int],
) -> Plan:
    """One year of stories for every municipality of ``areas`` (municipality -> the agreements
    it is a party to, the county's first): ``sizes`` gives disputes, deviations and placements
    per municipality and year (a shorter span gets its share)."""
    plan = Plan()
    span = (year_to - year_from).days
    share = (span + 1) / 365  # a part of a year holds its part of a year's cases

    def how_many(name: str) -> int:
        exact = sizes[name] * share
        return int(exact) + (rng.random() < exact - int(exact))

    def day() -> dt.date:
        return year_from + dt.timedelta(days=rng.randint(0, span))

    for municipality, agreements in areas.items():
        county, local = agreements[0], agreements[1:]
        for _ in range(how_many("disputes")):
            subject = rng.choices(SUBJECTS, (40, 30, 15, 15))[0]
            agreement = local[0] if local and rng.random() < 0.5 else county
            plan.disputes.append(
                dispute_story(rng, ladders, agreement, municipality, subject, day(), horizon)
            )
        for _ in range(how_many("deviations")):
            agreement = local[0] if local and rng.random() < 0.5 else county
            reported = day()
            escalated = reported + dt.timedelta(days=rng.randint(3, 30))
            dispute = None
            if rng.random() < 0.15 and escalated <= horizon:
                dispute = dispute_story(
                    rng, ladders, agreement, municipality, "deviation", escalated, horizon
                )
            plan.deviations.append(
                Deviation(
                    agreement,
                    municipality,
                    rng.random() < 0.4,
                    reported,
                    rng.choice(CATEGORIES),
                    dispute,
                )
            )
        for _ in range(how_many("placements")):
            child = rng.random() < 0.35
            agreement = county
            if local and (child or "goteborg" not in local) and rng.random() < 0.6:
                agreement = local[0]
            story = placement_story(rng, agreement, municipality, day(), child, horizon)
            if story.registered_on >= year_from:
                plan.placements.append(story)
    return plan


# -- the generator's own record -------------------------------------------------------------------


def in_period(day: dt.date | None, first: dt.date, last: dt.date) -> bool:
    return day is not None and first <= day <= last


def stays(dispute: Dispute) -> list[tuple[int, dt.date, dt.date | None]]:
    """Each stay at a tier: its step (from 1), the day it began, the day it ended (or None)."""
    found: list[tuple[int, dt.date, dt.date | None]] = [(1, dispute.opened_on, None)]
    for step in dispute.steps:
        if step.kind in ("escalate", "accept", "resolve", "withdraw"):
            number, began, _ = found[-1]
            found[-1] = (number, began, step.on)
            if step.kind == "escalate":
                found.append((number + 1, step.on, None))
    return found


def expected(
    plan: Plan, first: dt.date, last: dt.date, municipality: str | None = None
) -> dict[str, object]:
    """What the report of the period must count, from the stories alone."""
    counts: Counter[str] = Counter()

    def mine(case: Dispute | Deviation | Placement) -> bool:
        return municipality is None or case.municipality == municipality

    for d in (d for d in plan.all_disputes() if mine(d)):
        end = d.end
        closed = end.on if end else None
        counts["opened"] += in_period(d.opened_on, first, last)
        counts[f"subject.{d.subject}"] += in_period(d.opened_on, first, last)
        resolved = end is not None and end.kind in ("accept", "resolve")
        counts["resolved"] += resolved and in_period(closed, first, last)
        counts["withdrawn"] += (
            end is not None and end.kind == "withdraw" and in_period(closed, first, last)
        )
        counts["adjusted"] += resolved and end.adjusted and in_period(closed, first, last)
        counts["open_at_end"] += d.opened_on <= last and (closed is None or closed > last)
        for step in d.steps:
            if in_period(step.on, first, last) and step.kind in ("recommend", "reject", "accept"):
                counts[
                    {"recommend": "given", "reject": "rejected", "accept": "accepted"}[step.kind]
                ] += 1
        if d.opened_on <= last and (closed is None or closed >= first):
            reached = [n for n, began, _ in stays(d) if began <= last]
            counts[f"highest.{max(reached)}"] += 1
        for number, _, left in stays(d):
            counts[f"stays.{number}"] += in_period(left, first, last)
    for v in (v for v in plan.deviations if mine(v)):
        if not in_period(v.reported_on, first, last):
            continue
        counts["reported"] += 1
        counts[
            "direction." + ("region_to_municipality" if v.from_region else "municipality_to_region")
        ] += 1
        counts[f"category.{v.category or ''}"] += 1
        counts["escalated"] += v.dispute is not None and v.dispute.opened_on <= last
    money: Counter[str] = Counter()
    for p in (p for p in plan.placements if mine(p)):
        end = p.end
        if p.start > last or (end is not None and end < first):
            continue
        started = in_period(p.start, first, last)
        counts["started"] += started
        counts["ended"] += in_period(end, first, last)
        counts["days"] += (min(end or last, last) - max(p.start, first)).days + 1
        if started:
            counts["urgency." + ("acute" if p.acute else "planned")] += 1
            counts["age." + ("child" if p.child else "adult")] += 1
            counts[f"home_kind.{p.home_kind}"] += 1
        if started and p.acute:
            due = p.start + dt.timedelta(days=ACUTE_DAYS)
            known = p.agreed_on if p.agreed_on is not None and p.agreed_on <= last else None
            outcome = (
                ("within" if known <= due else "late")
                if known
                else ("pending" if due >= last else "missing")
            )
            counts[f"acute.{outcome}"] += 1
        share = p.region_percent if p.agreed_on is not None and p.agreed_on <= last else 0
        for e in p.entries:  # monthly, so within a period of whole months or outside it
            if e.period_from < first or e.period_to > last:
                continue
            region = e.amount_ore * share // 100
            money["balance.region"] -= region
            money["balance.municipality"] += region
            money["cost.region"] += region
            money["cost.municipality"] += e.amount_ore - region
    return {**counts, **money}


def births(plan: Plan) -> Iterable[dt.date]:
    """The day each story begins (for choosing a period that holds some)."""
    yield from (d.opened_on for d in plan.disputes)
    yield from (d.reported_on for d in plan.deviations)
    yield from (p.start for p in plan.placements)
