"""What a deviation request carries: ``POST /api/v1/deviations`` and its escalation."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import msgspec

from samverkan.cases.common import IndividualRef, MunicipalityCode, Text, Title
from samverkan.cases.disputes import TemporaryArrangement
from samverkan.kernel.bounds import RequestBody
from samverkan.models import Party

Role = Annotated[str, msgspec.Meta(min_length=1, max_length=100)]
Category = Annotated[str, msgspec.Meta(min_length=1, max_length=100)]
Municipality = MunicipalityCode


class RecordDeviation(RequestBody, kw_only=True):
    """``POST /api/v1/deviations``.

    :param from_party: the reporting party (default: the acting organisation's party); the
        deviation is directed to the other party.
    :param agreed: what the agreement, routine or plan said would be done.
    :param happened: what was done instead.
    :param reporting_role: the reporter's role, e.g. MAS, MAR or SAS (Dalarna 12.1).
    :param category: what kind of deviation it is; default: the category the agreement's
        deviation policy suggests, where it suggests one (Dalarna: "Samordnad vårdplanering").
    :param reported_on: default today; the rules are those in force on this day.
    """

    agreement: str
    municipality: Municipality
    from_party: Party | None = None
    title: Title
    agreed: Text
    happened: Text
    reporting_role: Role | None = None
    category: Category | None = None
    individual_ref: IndividualRef | None = None
    occurred_on: dt.date | None = None
    reported_on: dt.date | None = None


class EscalateDeviation(RequestBody, kw_only=True):
    """``POST /api/v1/deviations/{id}/escalate``: what the new dispute needs beyond the deviation.

    Title, description and individual default to the deviation's; the dispute rules apply as
    for ``POST /api/v1/disputes`` (a dispute about an individual's care needs the temporary
    arrangement).
    """

    title: Title | None = None
    description: Text | None = None
    individual_ref: IndividualRef | None = None
    concerns_individual: bool | None = None
    temporary_arrangement: TemporaryArrangement | None = None
    opened_on: dt.date | None = None
