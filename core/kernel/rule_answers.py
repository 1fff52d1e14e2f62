"""What the rule endpoints answer (``/api/v1/agreements…``, ``/api/v1/compare``, ``/health``,
``/-/plugins``): one Struct per answer, built by :mod:`samverkan.kernel.rulebook`.

The rules themselves are the plugins' vocabulary (:mod:`samverkan.models`); an answer adds
which agreement, date and version it speaks for (``version`` and ``source`` are
:class:`~samverkan.kernel.answers.VersionRef`).
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from samverkan.kernel.answers import PartyAmounts, PartyShares, Remark, VersionRef
from samverkan.kernel.validity import Validity
from samverkan.models import (
    Base,
    CostPolicy,
    DeadlineRule,
    DeviationPolicy,
    Document,
    Ladder,
    Parties,
    Period,
    Renewal,
    Responsibility,
    Rule,
    SipRequirements,
    Version,
)


class VersionText(Base, kw_only=True):
    """A version of an agreement as its text gives it (``refines``: the parent version)."""

    key: str
    title: str
    document: Document
    valid_from: dt.date
    valid_to: dt.date
    refines: VersionRef | None
    validity: Rule
    extension: Rule | None
    renewal: Renewal | None
    notes: tuple[Rule, ...]


class Term(Base, kw_only=True):
    """How long a version is in force: its text's end, a notice, a configured extension."""

    version: VersionRef
    valid_from: dt.date
    text_ends_on: dt.date
    ends_on: dt.date | None
    extends_itself: bool
    notice_given_on: dt.date | None
    extended_to: dt.date | None
    described: str


class AgreementInfo(Base, kw_only=True):
    """An enabled agreement: its parties, versions and their terms."""

    id: str
    name: str
    name_en: str
    county: str
    parent: str | None
    parties: Parties
    versions: list[VersionText]
    terms: list[Term]


class SourcedLadder(Base, kw_only=True):
    source: VersionRef
    ladder: Ladder


class SourcedDeadline(Base, kw_only=True):
    source: VersionRef
    deadline: DeadlineRule


class SourcedCostPolicy(Base, kw_only=True):
    source: VersionRef
    policy: CostPolicy


class SourcedSipRequirements(Base, kw_only=True):
    source: VersionRef
    requirements: SipRequirements


class SourcedDeviationPolicy(Base, kw_only=True):
    source: VersionRef
    policy: DeviationPolicy


class RuleSet(Base, kw_only=True):
    """Everything in force for an agreement on a date, each part with the version that
    supplied it (``null`` where no plugin supplies that part)."""

    agreement: str
    name: str
    county: str
    parent: str | None
    parties: Parties
    on: dt.date
    version: VersionRef
    version_text: VersionText
    validity: Validity
    notices: list[Rule]
    responsibilities: list[Responsibility]
    ladders: list[SourcedLadder]
    deadlines: list[SourcedDeadline]
    cost_policy: SourcedCostPolicy | None
    sip_requirements: dict[str, SourcedSipRequirements]
    deviation_policy: SourcedDeviationPolicy | None


class LadderAnswer(Base, kw_only=True):
    """An escalation ladder in force on a date (``kinds``: the ladders there are)."""

    agreement: str
    on: dt.date
    version: VersionRef
    source: VersionRef
    kinds: list[str]
    notices: list[Rule]
    ladder: Ladder


class DayFacts(Base, kw_only=True):
    """What a date falls on: weekday, weekend, a Swedish public holiday or holiday eve."""

    weekday: str
    weekend: bool
    public_holiday: str | None
    holiday_eve: str | None
    working_day: bool


class DeadlineAnswer(Base, kw_only=True):
    """When a named deadline falls, counted from ``starts_on``, with its explanation."""

    agreement: str
    name: str
    starts_on: dt.date
    due_on: dt.date
    kind: Literal["due", "earliest"]
    strength: str
    period: Period
    falls_on: DayFacts
    explanation: str
    rule: DeadlineRule
    version: VersionRef
    source: VersionRef
    notices: list[Rule]


class SplitAnswer(Base, kw_only=True):
    """An amount split between the parties, exactly (``amounts_ore`` sums to ``amount_ore``)."""

    agreement: str
    on: dt.date
    version: VersionRef
    source: VersionRef
    amount_ore: int
    method: str
    amounts_ore: PartyAmounts
    shares: PartyShares
    rule: Rule
    warnings: list[Remark]
    notices: list[Rule]


class RequiredField(Base, kw_only=True):
    field: str
    label: str
    label_en: str
    strength: str


class SipCheckAnswer(Base, kw_only=True):
    """What a SIP lacks: *shall* fields in ``missing``, *should* fields in ``warnings``."""

    agreement: str
    on: dt.date
    version: VersionRef
    source: VersionRef
    asked_context: str
    context: str
    complete: bool
    missing: list[Remark]
    warnings: list[Remark]
    required: list[RequiredField]
    notices: list[Rule]


class TierBrief(Base, kw_only=True):
    key: str
    name: str
    days: int | None
    unit: str | None
    outcome: str


class DeadlineBrief(Base, kw_only=True):
    period: str
    kind: str
    strength: str
    citation: str


class SchablonBrief(Base, kw_only=True):
    region: str
    municipality: str
    requires_reason: bool
    citation: str


class RetroactivityBrief(Base, kw_only=True):
    planned: str
    acute: str


class CostBrief(Base, kw_only=True):
    schablon: SchablonBrief | None
    units: list[str]
    retroactivity: RetroactivityBrief
    placing_parties: list[str]
    acute_deadline: str


class RulesBrief(Base, kw_only=True):
    """A compact, comparable view of the rules in force.

    :param cost_policy: ``null`` when the agreement's plugin supplies none.
    :param sip_fields: the SIP fields of each context the agreement names (only those).
    :param missing: the parts the agreement's plugin does not supply (``ladders``,
        ``cost_policy``, ``sip``); empty when it supplies all.
    """

    version: VersionRef
    valid: str
    text_ends_on: dt.date
    notices: list[str]
    ladders: dict[str, list[TierBrief]]
    deadlines: dict[str, DeadlineBrief]
    cost_policy: CostBrief | None
    sip_fields: dict[str, list[str]]
    missing: list[Literal["ladders", "cost_policy", "sip"]]


class Compared(Base, kw_only=True):
    """One agreement's column: its rules, or why none is in force that day."""

    in_force: bool
    detail: str | None
    rules: RulesBrief | None


class Comparison(Base, kw_only=True):
    on: dt.date
    agreements: dict[str, Compared]


class PluginInfo(Base, kw_only=True):
    name: str
    module: str
    distribution: str | None
    version: str | None
    default: bool
    hooks: list[str]


AgreementState = Literal[
    "in_force", "in_force_by_extension", "ending_soon", "lapsed", "not_yet_in_force"
]


class AgreementStatus(Base, kw_only=True):
    """How an enabled agreement stands today, for its admin.

    :param status: ``in_force``; ``in_force_by_extension`` (only by ``extended_to`` in config);
        ``ending_soon`` (its end in force is within 90 days); ``lapsed`` (no version today);
        ``not_yet_in_force``.
    :param config_key: the config key that would extend it, where it lapsed or ends soon.
    """

    id: str
    status: AgreementState
    version: VersionRef | None
    ends_on: dt.date | None
    message: str
    config_key: str | None


class Health(Base, kw_only=True):
    """Liveness, the service's today, and each enabled agreement's status (``status`` is
    ``attention`` when one has lapsed or ends within 90 days)."""

    status: Literal["ok", "attention"]
    today: dt.date
    agreements: list[AgreementStatus]


__all__ = [
    "AgreementInfo",
    "AgreementStatus",
    "Comparison",
    "DeadlineAnswer",
    "Health",
    "LadderAnswer",
    "PartyAmounts",
    "PluginInfo",
    "RuleSet",
    "SipCheckAnswer",
    "SplitAnswer",
]


def version_text(version: Version) -> VersionText:
    """A version as answers show it (``refines`` as a :class:`VersionRef`)."""
    refines = version.refines
    return VersionText(
        key=version.key,
        title=version.title,
        document=version.document,
        valid_from=version.valid_from,
        valid_to=version.valid_to,
        refines=VersionRef(agreement=refines.agreement, key=refines.version) if refines else None,
        validity=version.validity,
        extension=version.extension,
        renewal=version.renewal,
        notes=version.notes,
    )
