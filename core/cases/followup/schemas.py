"""The follow-up report as the API answers it: typed, so the OpenAPI document names every part.

Every figure is a :class:`Count` (or a :class:`Breakdown` of them) that says how it was
counted; a figure that rests on a rule (a tier's time limit, the acute cost agreement's
deadline) carries the rule with its citation. Party amounts are the shared
:class:`~samverkan.kernel.answers.PartyAmounts` and versions the shared
:class:`~samverkan.kernel.answers.VersionRef` (docs/api-conventions.md).
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from samverkan.kernel.answers import PartyAmounts, VersionRef
from samverkan.models import Base, Citation, Strength

Level = Literal["county", "sub_regional", "local"]
Language = Literal["sv", "en"]


class Answer(Base, kw_only=True):
    """What every part of the report is made of (answers only: never decoded from a client)."""


class Count(Answer):
    """One figure: its value, the same per counted agreement, and how it was counted.

    :param by_agreement: the value per agreement counted (the report's own and, at the county
        level, those that refine it); every counted agreement is present, zeros included.
    :param counted: which rows, dates and statuses the figure counts, in words.
    """

    value: int
    by_agreement: dict[str, int]
    counted: str


class Item(Answer):
    """One row of a breakdown: a key, its label in the answer's language, its count."""

    key: str
    label: str
    value: int
    by_agreement: dict[str, int]


class Breakdown(Answer):
    items: list[Item]
    counted: str


class CitedRule(Answer):
    """A rule of the agreement: its words, force and source."""

    text: str
    strength: Strength
    citation: Citation


class Ask(Answer):
    """Something a text asks the follow-up to show, and the report's sections that answer it
    (none: not covered, the service holds no data for it)."""

    key: str
    text: str
    covered_by: list[str]
    note: str
    version: VersionRef
    strength: Strength
    citation: Citation


class FollowUpRules(Answer):
    """What the versions in force in the period say about following them up."""

    rules: list[CitedRule]
    covered: list[Ask]
    not_covered: list[Ask]


class TierRef(Answer):
    """A tier of a ladder of a version: ``step`` counts from 1."""

    version: VersionRef
    ladder: str
    tier: str
    step: int
    name: str


class TimeLimitRule(Answer):
    """A tier's time limit: the period, what starts it, what its end means, and its source."""

    amount: int
    unit: Literal["days", "months", "years"]
    starts: str
    on_expiry: str
    strength: Strength
    citation: Citation


class TierTimes(Answer):
    """Time spent at one tier, against its time limit.

    :param stays_ended: stays at the tier that ended in the period (escalated, resolved or
        withdrawn).
    :param median_days: their median length in days (nearest rank); ``None`` without any.
    :param p90_days: their 90th percentile in days (nearest rank); ``None`` without any.
    :param over_limit: of those, the stays that ended after the tier's due date.
    :param at_tier_at_end: cases still at the tier on the period's last day.
    :param deadlines_passed: due dates of the tier whose next day fell in the period with the
        case still at the tier.
    :param time_limit: the tier's time limit, or ``None`` where the text gives none.
    :param pace: the text's words on speed where it gives no days ("utan dröjsmål").
    """

    tier: TierRef
    stays_ended: int
    median_days: int | None
    p90_days: int | None
    over_limit: int
    at_tier_at_end: int
    deadlines_passed: int
    time_limit: TimeLimitRule | None
    pace: str


class TierCount(Answer):
    tier: TierRef
    value: int
    by_agreement: dict[str, int]


class TierBreakdown(Answer):
    items: list[TierCount]
    counted: str


class TierTimesTable(Answer):
    items: list[TierTimes]
    counted: str


class Lesson(Answer):
    """A resolved dispute's outcome, for lessons learned (HSA 6 "lärdomar")."""

    id: str
    agreement: str
    municipality: str
    subject: str
    title: str
    tier: TierRef
    closed_on: dt.date
    outcome: str
    via: str
    adjustment_from: dt.date | None


class Lessons(Answer):
    """The outcomes of the disputes resolved in the period that the key may see through
    ``/api/v1/disputes``; ``not_shown`` counts the others."""

    items: list[Lesson]
    not_shown: int
    counted: str


class DisputeFigures(Answer):
    opened: Count
    resolved: Count
    withdrawn: Count
    open_at_end: Count
    by_subject: Breakdown
    by_highest_tier: TierBreakdown
    time_at_tier: TierTimesTable
    deadlines_passed: Count
    recommendations_given: Count
    recommendations_accepted: Count
    recommendations_rejected: Count
    with_retroactive_adjustment: Count
    lessons: Lessons


class DeviationFigures(Answer):
    reported: Count
    by_direction: Breakdown
    by_category: Breakdown
    escalated: Count
    drafts: Count


class Money(Answer):
    """An amount per party, in total and per counted agreement."""

    parties: PartyAmounts
    total_ore: int
    by_agreement: dict[str, PartyAmounts]
    counted: str


class FollowUpDeadline(Answer):
    """The deadline a figure is measured against, for one version."""

    version: VersionRef
    name: str
    amount: int
    unit: Literal["days", "months", "years"]
    text: str
    strength: Strength
    citation: Citation


class AcuteCostAgreements(Answer):
    """Acute placements started in the period: did the written cost agreement come within
    the agreement's deadline?"""

    within: Count
    late: Count
    missing: Count
    pending: Count
    rules: list[FollowUpDeadline]


class PlacementFigures(Answer):
    started: Count
    ended: Count
    by_urgency: Breakdown
    by_age: Breakdown
    by_home_kind: Breakdown
    placement_days: Count
    cost_ore: Money
    balance_ore: Money
    acute_cost_agreements: AcuteCostAgreements


class DeadlineFigures(Answer):
    reminders: Count
    overdue_notices: Count
    other_notices: Count
    failed_deliveries: Count


class FollowUpReport(Answer):
    """``GET /api/v1/followup``: the yearly follow-up of an agreement, from its cases.

    :param level: ``county`` (an agreement no other refines: counts its own cases and those of
        the agreements that refine it), ``sub_regional`` (a refining agreement), ``local`` (one
        municipality).
    :param agreements: the agreements whose cases are counted.
    :param versions: the versions in force in the period.
    :param language: the language of the report's words (``Content-Language``).
    :param generated_at: when the report was made (UTC).
    """

    agreement: str
    name: str
    level: Level
    municipality: str | None
    municipality_name: str | None
    period_from: dt.date
    period_to: dt.date
    agreements: list[str]
    versions: list[VersionRef]
    language: Language
    generated_at: dt.datetime
    follow_up: FollowUpRules
    disputes: DisputeFigures
    deviations: DeviationFigures
    placements: PlacementFigures
    deadlines: DeadlineFigures
    notices: list[str]
