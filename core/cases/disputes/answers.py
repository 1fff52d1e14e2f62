"""What the dispute endpoints answer: the case (:class:`Dispute`), its list item
(:class:`DisputeSummary`) and the tier's notice (:class:`TierNotice`)."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from samverkan.kernel.answers import PartyAmounts, PartyShares, VersionRef
from samverkan.models import Base, Citation


class ActedBy(Base, kw_only=True):
    """Who acted: the organisation (SCB or county code) and the person."""

    org: str
    person: str


class DisputeEvent(Base, kw_only=True):
    """One step in the case's immutable history (``detail``: what the step recorded)."""

    seq: int
    at: dt.datetime
    on: dt.date
    action: str
    tier_key: str
    tier_name: str
    case_label: str
    actor: ActedBy
    detail: dict[str, Any]
    citation: Citation


class LinkedPlacement(Base, kw_only=True):
    """What a cost dispute shows of its placement; its resolution feeds the settlement."""

    id: str
    start_date: dt.date
    end_date: dt.date | None
    acute: bool
    home_kind: str
    child: bool
    placing_party: str
    settlement: str


class LadderRef(Base, kw_only=True):
    kind: str
    name: str
    tiers: list[str]


class TierInfo(Base, kw_only=True):
    step: int
    key: str
    name: str
    name_en: str
    aka: list[str]
    case_label: str
    body: str
    outcome: str
    citation: Citation


class Arrangement(Base, kw_only=True):
    """The temporary arrangement agreed meanwhile."""

    started_on: dt.date
    description: str
    region: str | None = None
    municipality: str | None = None


class SplitShown(Base, kw_only=True):
    method: Literal["schablon", "percent", "amount"]
    shares: PartyShares | None = None
    amounts_ore: PartyAmounts | None = None


class AdjustmentShown(Base, kw_only=True):
    """A retroactive adjustment, with how far back the tier's rule lets it reach."""

    effective_from: dt.date
    responsibility: str | None = None
    split: SplitShown | None = None
    insats_started_on: dt.date | None = None
    reaches_back_to: str
    rule: Citation


class PartyResponse(Base, kw_only=True):
    response: Literal["accept", "reject"]
    on: dt.date
    by: str
    note: str = ""


class PendingOutcome(Base, kw_only=True):
    """The tier body's recommendation or decision, awaiting the parties' responses."""

    kind: str
    text: str
    given_on: dt.date
    by: str
    tier_key: str
    adjustment: AdjustmentShown | None = None
    responses: dict[str, PartyResponse]


class Resolution(Base, kw_only=True):
    outcome: str
    via: str
    on: dt.date
    by_party: str | None = None
    adjustment: AdjustmentShown | None = None


class FormFieldNeeded(Base, kw_only=True):
    key: str
    label: str


class EscalateStep(Base, kw_only=True, tag_field="action", tag="escalate"):
    """Escalation is allowed now (``required``: the time ran out and the text sends it on)."""

    to_tier: str
    to_tier_name: str
    reasons: list[str]
    required: bool
    form_fields_needed: list[FormFieldNeeded]
    citation: Citation


class RecommendationStep(Base, kw_only=True, tag_field="action", tag="recommendation"):
    """The tier's body may record its recommendation or decision (``due_on``: by when)."""

    kind: str
    by: str
    due_on: dt.date | None


class ResponsesStep(Base, kw_only=True, tag_field="action", tag="responses"):
    waiting_for: list[str]


class ResolveStep(Base, kw_only=True, tag_field="action", tag="resolve"):
    """Resolve; ``retroactive``: how far back an outcome may reach at this tier."""

    retroactive: str


class WithdrawStep(Base, kw_only=True, tag_field="action", tag="withdraw"):
    pass


NextStep = EscalateStep | RecommendationStep | ResponsesStep | ResolveStep | WithdrawStep


class DisputeSummary(Base, kw_only=True):
    """A dispute as a list shows it: everything but its history."""

    id: str
    agreement: str
    version: VersionRef
    municipality: str
    subject: str
    title: str
    description: str
    individual_ref: str | None
    placement_id: str | None
    placement: LinkedPlacement | None
    deviation_id: str | None
    concerns_individual: bool
    temporary_arrangement: Arrangement | None
    status: Literal["open", "resolved", "withdrawn"]
    opened_on: dt.date
    closed_on: dt.date | None
    ladder: LadderRef
    tier: TierInfo
    clock_started_on: dt.date
    due_on: dt.date | None
    overdue: bool
    due_explanation: str
    form: dict[str, str]
    pending_outcome: PendingOutcome | None
    resolution: Resolution | None
    next_steps: list[NextStep]
    notices: list[str]
    revision: int


class Dispute(DisputeSummary, kw_only=True):
    """A dispute with its history; ``next_steps`` and ``overdue`` are as of the day of the
    step just made (in a step's answer) or today (on a read)."""

    history: list[DisputeEvent]


class NoticeField(Base, kw_only=True):
    key: str
    label: str
    label_en: str
    value: str | None
    required: bool
    citation: Citation


class NoticeCase(Base, kw_only=True):
    title: str
    description: str
    subject: str
    opened_on: dt.date
    individual_ref: str | None
    status: str


class NoticeStep(Base, kw_only=True):
    on: dt.date
    action: str
    tier: str
    by: str


class TierNotice(Base, kw_only=True):
    """The current tier's dispute form filled from the case (``GET …/notice``)."""

    dispute_id: str
    title: str
    agreement: str
    version: VersionRef
    municipality: str
    tier: TierInfo
    preparer: str | None
    case: NoticeCase
    temporary_arrangement: Arrangement | None
    form: list[NoticeField]
    due_on: dt.date | None
    due_explanation: str
    pending_outcome: PendingOutcome | None
    history: list[NoticeStep]
