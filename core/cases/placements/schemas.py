"""What a placement request carries: the placement, its end, a written cost agreement and a
cost entry."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

import msgspec

from samverkan.cases.common import IndividualRef, MunicipalityCode, Note, Text
from samverkan.kernel.bounds import RequestBody
from samverkan.kernel.sip import SipDocument
from samverkan.kernel.split import Percent
from samverkan.models import Party

HomeKind = Literal["hvb", "family_home", "other_24h_care", "sis"]
Ore = Annotated[int, msgspec.Meta(ge=-(10**13), le=10**13)]
Code = MunicipalityCode


class OpenPlacement(RequestBody, kw_only=True):
    """``POST /api/v1/placements``.

    :param placing_party: who made the placement (under Dalarna only the municipality's social
        welfare board places).
    :param child: the individual was under 18 on ``start_date`` (HSA 9: *barn och unga* 0–17).
    :param compulsory_care: a placement proposed from compulsory psychiatric care (LPT/LRV);
        ÖK 3.6: the same split rules apply.
    :param home_in_county: whether the home is within the county (a *should* where the texts
        say "i första hand").
    :param sip: the SIP (or, where the agreement allows it, an equivalent plan) it rests on.
    """

    agreement: str
    municipality: Code
    placing_party: Party
    start_date: dt.date
    acute: bool
    home_kind: HomeKind
    child: bool
    compulsory_care: bool = False
    home_in_county: bool | None = None
    individual_ref: IndividualRef | None = None
    sip: SipDocument | None = None
    note: Note = ""


class EndPlacement(RequestBody, kw_only=True):
    """``POST /api/v1/placements/{id}/end``: the end date and the joint planning of further insatser."""

    end_date: dt.date
    joint_planning: Text | None = None


class Signatory(RequestBody, kw_only=True):
    name: Annotated[str, msgspec.Meta(min_length=1, max_length=200)]
    role: Annotated[str, msgspec.Meta(min_length=1, max_length=200)]
    party: Party
    economic_mandate: bool


class CostAgreementRequest(RequestBody, kw_only=True):
    """``POST /api/v1/placements/{id}/cost-agreements``: the written agreement on cost."""

    effective_from: dt.date
    agreed_on: dt.date
    method: Literal["schablon", "percent", "amount"]
    shares: dict[Literal["region", "municipality"], Percent] | None = None
    amounts_ore: (
        dict[Literal["region", "municipality"], Annotated[int, msgspec.Meta(ge=0)]] | None
    ) = None
    goal: Text | None = None
    responsibilities: Text | None = None
    health_care_provision: Text | None = None
    municipal_provision: Text | None = None
    follow_up_on: dt.date | None = None
    registration_municipality: Code | None = None
    signatories: list[Signatory] = msgspec.field(default_factory=list)
    sip: SipDocument | None = None
    schablon_reason: Note = ""


class CostEntryRequest(RequestBody, kw_only=True):
    """``POST /api/v1/placements/{id}/costs``: never edited; a correction is a new entry."""

    period_from: dt.date
    period_to: dt.date
    amount_ore: Ore
    paid_by: Party
    invoice_ref: Annotated[str, msgspec.Meta(min_length=1, max_length=200)]
    note: Note = ""
