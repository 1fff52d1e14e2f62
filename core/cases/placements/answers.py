"""What the placement endpoints answer: the placement, a recorded cost agreement, a cost
entry and the settlement."""

from __future__ import annotations

import datetime as dt
from typing import Literal

import msgspec

from samverkan.cases.disputes.answers import ActedBy
from samverkan.kernel.answers import PartyAmounts, PartyShares, Remark, VersionRef
from samverkan.kernel.sip import SipDocument
from samverkan.models import Base, Citation


class JointPlanning(Base, kw_only=True):
    """The joint planning of further insatser recorded at the end."""

    text: str | None
    by: str
    person: str


class CostAgreementDeadline(Base, kw_only=True):
    """When an acute placement's split must be settled."""

    name: str
    due_on: dt.date
    strength: str
    also_settles: list[str]
    rule: Citation


class SignatoryShown(Base, kw_only=True):
    name: str
    role: str
    party: str
    economic_mandate: bool


class CostAgreementDocument(Base, kw_only=True):
    """The written cost agreement as it was recorded."""

    effective_from: dt.date
    agreed_on: dt.date
    method: Literal["schablon", "percent", "amount"]
    shares: PartyShares | None = None
    amounts_ore: PartyAmounts | None = None
    goal: str | None = None
    responsibilities: str | None = None
    health_care_provision: str | None = None
    municipal_provision: str | None = None
    follow_up_on: dt.date | None = None
    registration_municipality: str | None = None
    signatories: list[SignatoryShown] = msgspec.field(default_factory=list)
    sip: SipDocument | None = None
    schablon_reason: str = ""


class CostAgreementShown(Base, kw_only=True):
    id: str
    seq: int
    effective_from: dt.date
    agreed_on: dt.date
    method: str
    shares: PartyShares
    document: CostAgreementDocument
    warnings: list[Remark]
    rule: Citation
    recorded_at: dt.datetime


class LinkedDispute(Base, kw_only=True):
    id: str
    subject: str
    status: str
    tier: str


class Compliance(Base, kw_only=True):
    """A fact that breaks the agreement (``breach``, a candidate deviation), one still
    pending, or a *should* not met (``warning``)."""

    rule_key: str
    status: Literal["breach", "pending", "warning"]
    what: str
    strength: str
    rule: Citation
    candidate_deviation: bool


class Placement(Base, kw_only=True):
    """A placement, its cost agreements (all, in order), linked disputes and compliance."""

    id: str
    agreement: str
    version: VersionRef
    municipality: str
    placing_party: str
    start_date: dt.date
    end_date: dt.date | None
    acute: bool
    home_kind: str
    child: bool
    compulsory_care: bool
    home_in_county: bool | None
    individual_ref: str | None
    sip: SipDocument | None
    joint_planning: JointPlanning | None
    note: str
    cost_agreement_deadline: CostAgreementDeadline | None
    cost_agreements: list[CostAgreementShown]
    disputes: list[LinkedDispute]
    compliance: list[Compliance]
    notices: list[str]
    revision: int


class CostAgreementRecorded(Base, kw_only=True):
    """A written cost agreement just recorded: it, its warnings, and the placement after it."""

    cost_agreement: CostAgreementShown
    warnings: list[Remark]
    placement: Placement


class CostEntry(Base, kw_only=True):
    """One entry of the ledger; never edited (a correction is a new, negative entry)."""

    id: str
    placement_id: str
    seq: int
    period_from: dt.date
    period_to: dt.date
    amount_ore: int
    paid_by: Literal["region", "municipality"]
    invoice_ref: str
    note: str
    recorded_by: ActedBy
    recorded_at: dt.datetime


class Balance(Base, kw_only=True):
    owes_ore: int
    paid_ore: int
    balance_ore: int


class PartyBalances(Base, kw_only=True):
    """Each party's share of the cost, what it paid and the difference; balances sum to 0."""

    region: Balance
    municipality: Balance


class Transfer(Base, kw_only=True):
    """The one payment that settles it."""

    from_: Literal["region", "municipality"] = msgspec.field(name="from")
    to: Literal["region", "municipality"]
    amount_ore: int


class SplitSource(Base, kw_only=True):
    cost_agreement: str | None = None
    dispute: str | None = None


class SplitPeriod(Base, kw_only=True):
    """A split in force from ``effective_from`` until the next one."""

    effective_from: dt.date
    split: str
    shares: PartyShares
    why: str
    citation: Citation
    source: SplitSource


class SettlementLine(Base, kw_only=True):
    """Which split applied to which days of one cost entry."""

    entry_id: str
    invoice_ref: str
    period_from: dt.date
    period_to: dt.date
    days: int
    of_days: int
    amount_ore: int
    paid_by: str
    split: str
    shares: PartyShares
    owes_ore: PartyAmounts
    why: str
    citation: Citation


class Settlement(Base, kw_only=True):
    """Who owes whom for a placement, to the öre, line by line, as of a day."""

    placement_id: str
    agreement: str
    version: VersionRef
    as_of: dt.date
    total_ore: int
    parties: PartyBalances
    transfer: Transfer | None
    splits: list[SplitPeriod]
    lines: list[SettlementLine]
    notices: list[str]
