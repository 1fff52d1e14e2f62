"""What the deviation endpoints answer: the deviation with its agreement's policy, its list
item, and an escalated deviation with the dispute it opened."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from samverkan.cases.disputes.answers import ActedBy, Dispute
from samverkan.kernel.answers import Remark, VersionRef
from samverkan.models import Base, Citation, DeviationPolicy


class DeviationEvent(Base, kw_only=True):
    seq: int
    at: dt.datetime
    on: dt.date
    action: str
    actor: ActedBy
    detail: dict[str, Any]


class PolicyShown(DeviationPolicy, kw_only=True):
    """The agreement's deviation policy, with the version that supplied it (``source``) and
    every clause it rests on, once each (``citations``)."""

    source: VersionRef
    citations: list[Citation]


class DeviationSummary(Base, kw_only=True):
    """A deviation as a list shows it (without its policy and history).

    :param category: what kind of deviation it is: as reported, else the category the
        agreement's deviation policy suggests (Dalarna: "Samordnad vårdplanering"), else
        ``null``; ``GET /api/v1/deviations?category=`` filters on it.
    """

    id: str
    agreement: str
    version: VersionRef
    municipality: str
    from_party: Literal["region", "municipality"]
    to_party: Literal["region", "municipality"]
    title: str
    agreed: str
    happened: str
    reporting_role: str | None
    category: str | None
    individual_ref: str | None
    occurred_on: dt.date | None
    reported_on: dt.date
    status: Literal["open", "escalated", "closed"]
    dispute_id: str | None
    draft: bool
    recorded_by: ActedBy
    warnings: list[Remark]
    notes: list[Remark]
    notices: list[str]
    revision: int


class Deviation(DeviationSummary, kw_only=True):
    """A deviation with the policy of the version it keeps, and its history."""

    policy: PolicyShown | None
    history: list[DeviationEvent]


class EscalatedDeviation(Deviation, kw_only=True):
    """An escalated deviation and the dispute it opened (``dispute``)."""

    dispute: Dispute
