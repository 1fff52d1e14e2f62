"""How a placement's cost is split: schablon, units, acute rule, retroactivity, prerequisites."""

from __future__ import annotations

from typing import Annotated, Literal

import msgspec

from samverkan.models.rules import Base, Citation, DocumentField, Key, Party, Rule, Strength


class Fraction(Base, kw_only=True):
    numerator: Annotated[int, msgspec.Meta(ge=0)]
    denominator: Annotated[int, msgspec.Meta(gt=0)]


class Schablon(Base, kw_only=True):
    """A fixed split the parties *may* choose when the split is unclear. Never automatic.

    :param shares: each party's share as an exact fraction; they sum to one.
    :param condition: when the text allows it.
    :param requires_reason: the text restricts it (Södra Älvsborg c: "ska användas restriktivt"),
        so a cost agreement using it must give a written reason why the split is unclear.
    """

    region: Fraction
    municipality: Fraction
    condition: str
    requires_reason: bool = False
    strength: Strength
    citation: Citation
    restriction: Rule | None = None


class AcuteRule(Base, kw_only=True):
    """What holds for an acute placement until the split is agreed."""

    deadline: Key
    cost_stays_with_placing_party: Rule
    settle_by: Rule


class RetroactivityPolicy(Base, kw_only=True):
    """How far back a written cost agreement's ``effective_from`` may reach.

    Values: ``placement_start`` (always, Södra Älvsborg c), ``placement_start_if_stated``
    (when the written agreement says so), ``agreed_on`` (never before the written date).
    """

    planned: Literal["placement_start", "placement_start_if_stated", "agreed_on"]
    acute: Literal["placement_start", "placement_start_if_stated", "agreed_on"]
    rule: Rule
    dispute_outcome: Rule | None = None


class CostPolicy(Base, kw_only=True):
    """How a placement's cost is split under an agreement version.

    :param main_rule: each party pays for its own responsibility.
    :param schablon: the fixed split the parties may choose, or ``None``.
    :param no_schablon: the rule that forbids one, where the text does (Dalarna).
    :param units: how a written split may be expressed: ``percent`` and/or ``amount`` (kronor).
    :param units_rule: the rule naming the units.
    :param acute: the acute-placement rule.
    :param retroactivity: how far back an agreed split may reach.
    :param prerequisites: what must exist before a placement with shared cost (SIP, written agreement …).
    :param agreement_fields: what the written cost agreement must show.
    :param placing_parties: who may place under this agreement (Dalarna: only the municipality).
    :param assumption: a project assumption every answer using this policy states to the user.
    """

    main_rule: Rule
    schablon: Schablon | None = None
    no_schablon: Rule | None = None
    units: tuple[Literal["percent", "amount"], ...] = ("percent", "amount")
    units_rule: Rule
    acute: AcuteRule
    retroactivity: RetroactivityPolicy
    prerequisites: tuple[Rule, ...] = ()
    agreement_fields: tuple[DocumentField, ...] = ()
    placing_parties: tuple[Party, ...] = ("municipality", "region")
    placing_rule: Rule | None = None
    notes: tuple[Rule, ...] = ()
    assumption: str = ""


#: What a written cost agreement may be required to show (``CostPolicy.agreement_fields``).
COST_AGREEMENT_FIELD_KEYS: dict[str, str] = {
    "goal": "goal of the placement",
    "responsibilities": "each party's responsibility for the care and support insatser",
    "health_care_provision": "how the health-care insatser are provided",
    "municipal_provision": "how the municipality's insatser are provided",
    "split": "the split of the cost in kronor or percent",
    "follow_up": "follow-up",
    "registration_municipality": "the municipality of registration (folkbokföringskommun)",
    "economic_mandate": "people with a mandate to make economic decisions take part in / sign it",
    "sip": "the SIP (or equivalent plan) it rests on",
}
