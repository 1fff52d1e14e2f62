"""What a dispute request carries: ``POST /api/v1/disputes`` and each step after it."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

import msgspec

from samverkan.cases.common import IndividualRef, MunicipalityCode, Note, Text, Title
from samverkan.kernel.bounds import RequestBody
from samverkan.models import Party, SubjectKind

FormAnswers = dict[Annotated[str, msgspec.Meta(max_length=64)], Text]
EscalationReason = Literal[
    "rejected_recommendation", "no_agreement", "time_ran_out", "no_recommendation_given"
]


class TemporaryArrangement(RequestBody, kw_only=True):
    """What holds meanwhile so the individual is never left without care.

    :param started_on: the day it started.
    :param description: who provides and who pays what meanwhile.
    :param region: the region's own part (under Dalarna: how it secures its insatser).
    :param municipality: the municipality's own part.
    """

    started_on: dt.date
    description: Text
    region: Text | None = None
    municipality: Text | None = None


class OpenDispute(RequestBody, kw_only=True):
    """``POST /api/v1/disputes``."""

    agreement: str
    municipality: MunicipalityCode
    subject: SubjectKind
    title: Title
    description: Text
    individual_ref: IndividualRef | None = None
    placement_id: str | None = None
    concerns_individual: bool | None = None
    temporary_arrangement: TemporaryArrangement | None = None
    opened_on: dt.date | None = None
    tier: str | None = None
    clock_started_on: dt.date | None = None
    form: FormAnswers = msgspec.field(default_factory=dict)


class Escalate(RequestBody, kw_only=True):
    """``POST /api/v1/disputes/{id}/escalate``.

    :param reason: why the case goes on: the current tier's recommendation was rejected, the
        parties reached no agreement, the tier's time ran out, or its body could not give a
        recommendation.
    :param form: answers to the next tier's dispute-form fields the case does not yet hold.
    :param clock_started_on: the day the next tier received the case (default: ``on``).
    """

    reason: EscalationReason
    form: FormAnswers = msgspec.field(default_factory=dict)
    clock_started_on: dt.date | None = None
    on: dt.date | None = None
    note: Note = ""


class Respond(RequestBody, kw_only=True):
    """``POST /api/v1/disputes/{id}/responses``: one party accepts or rejects the outcome."""

    response: Literal["accept", "reject"]
    party: Party | None = None
    on: dt.date | None = None
    note: Note = ""


class SplitSpec(RequestBody, kw_only=True):
    method: Literal["schablon", "percent", "amount"]
    shares: dict[Literal["region", "municipality"], int] | None = None
    amounts_ore: dict[Literal["region", "municipality"], int] | None = None


class Adjustment(RequestBody, kw_only=True):
    """A retroactive adjustment settlement will use.

    :param effective_from: the day the new responsibility or split applies from.
    :param insats_started_on: the day the insats started (where the ladder allows reaching back
        to it, Södra Älvsborg 5).
    """

    effective_from: dt.date
    responsibility: Text | None = None
    split: SplitSpec | None = None
    insats_started_on: dt.date | None = None


class Resolve(RequestBody, kw_only=True):
    outcome: Text
    on: dt.date | None = None
    adjustment: Adjustment | None = None


class RecordOutcome(RequestBody, kw_only=True):
    """``POST /api/v1/disputes/{id}/recommendation``: the tier body's recommendation or decision.

    :param adjustment: the retroactive adjustment it recommends, where the tier allows one; if
        both parties accept, the resolution carries it to the settlement.
    """

    text: Text
    given_on: dt.date | None = None
    by: Note = ""
    adjustment: Adjustment | None = None


class Withdraw(RequestBody, kw_only=True):
    reason: Text
    on: dt.date | None = None
