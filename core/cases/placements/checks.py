"""The rules a placement and its documents are checked against: who may place and act, what
a written cost agreement must show and how far back it may reach, and what a cost entry may
cover. A placement is a fact (stored even when it broke a *shall*); a cost agreement is a
document (refused when it breaks a *shall*, accepted with a warning for a *should*)."""

from __future__ import annotations

import datetime as dt
import json
from fractions import Fraction
from typing import Any

from samverkan.cases.placements.schemas import (
    CostAgreementRequest,
    CostEntryRequest,
    OpenPlacement,
)
from samverkan.kernel.errors import Forbidden, InvalidInput, RuleViolation, field_error
from samverkan.kernel.registry import InForce
from samverkan.kernel.sip import SipDocument, check_sip
from samverkan.models import (
    PARTIES,
    Agreement,
    CostPolicy,
    DocumentField,
    Party,
    Rule,
    SipRequirements,
    Strength,
)


def prerequisite(policy: CostPolicy, key: str) -> Rule | None:
    return next((rule for rule in policy.prerequisites if rule.key == key), None)


def weights(
    policy: CostPolicy, request: CostAgreementRequest
) -> tuple[dict[Party, Fraction], Rule]:
    """Each party's share of the cost, exactly, and the rule that allows the method."""
    if request.method == "schablon":
        if policy.schablon is None:
            rule = policy.no_schablon or policy.main_rule
            raise RuleViolation(
                "this agreement has no schablon: " + rule.text,
                errors=[
                    field_error(
                        "method", "schablon is not allowed here", rule.citation, rule.strength
                    )
                ],
            )
        sch = policy.schablon
        if sch.requires_reason and not request.schablon_reason.strip():
            rule = sch.restriction
            raise RuleViolation(
                "the schablon may be used here only with a written reason why the split is "
                "unclear" + (f": {rule.text}" if rule else ""),
                errors=[
                    field_error(
                        "schablon_reason",
                        "why the split is unclear",
                        (rule or sch).citation,
                        (rule or sch).strength,
                    )
                ],
            )
        return (
            {
                "region": Fraction(sch.region.numerator, sch.region.denominator),
                "municipality": Fraction(sch.municipality.numerator, sch.municipality.denominator),
            },
            Rule(text=f"Schablon: {sch.condition}", strength=sch.strength, citation=sch.citation),
        )
    if request.method not in policy.units:
        raise RuleViolation(
            f"{request.method} is not a unit this agreement allows",
            errors=[
                field_error(
                    "method",
                    policy.units_rule.text,
                    policy.units_rule.citation,
                    policy.units_rule.strength,
                )
            ],
        )
    if request.method == "percent":
        shares = request.shares or {}
        if set(shares) != set(PARTIES) or any(not 0 <= v <= 100 for v in shares.values()):
            raise InvalidInput(
                "percent needs shares for region and municipality, each 0–100",
                errors=[field_error("shares", '{"region": R, "municipality": M}')],
            )
        if sum(shares.values()) != 100:
            raise InvalidInput(
                f"shares sum to {sum(shares.values())}, not 100",
                errors=[field_error("shares", "percentages sum to exactly 100")],
            )
        return {p: Fraction(shares[p]) / 100 for p in PARTIES}, policy.units_rule
    amounts = request.amounts_ore or {}
    if set(amounts) != set(PARTIES) or sum(amounts.values()) <= 0:
        raise InvalidInput(
            "amount needs amounts_ore (per period) for region and municipality, not all zero",
            errors=[field_error("amounts_ore", '{"region": R, "municipality": M} in öre')],
        )
    total = sum(amounts.values())
    return {p: Fraction(amounts[p], total) for p in PARTIES}, policy.units_rule


def check_document(
    row: dict[str, Any],
    requirements: SipRequirements,
    policy: CostPolicy,
    request: CostAgreementRequest,
) -> list[dict[str, Any]]:
    """Refuse what breaks a *shall*; return a warning for each *should* not met.

    :param requirements: what a SIP must contain for this placement (its context).
    """
    acute = bool(row["acute"])
    problems: list[dict[str, Any]] = []
    warnings: list[dict[str, Any]] = []
    for field in policy.agreement_fields:
        if field.applies_to == ("planned" if acute else "acute"):
            continue
        if not shows(field, request, row):
            entry = {
                **field_error(
                    field_name(field),
                    f"the agreement must show {field.label_en} ({field.label})",
                    field.citation,
                    field.strength,
                ),
                "label": field.label,
            }
            (problems if field.strength == Strength.SHALL else warnings).append(entry)
    sip = request.sip or (SipDocument(**json.loads(row["sip"])) if row["sip"] else None)
    sip_rule = prerequisite(policy, "sip_before_placement")
    if sip is None:
        # without a rule asking for a SIP before the placement (Dalarna: "Vid behov ska
        # SIP upprättas när samtycke finns"), a missing SIP is a warning, not a refusal
        strength = sip_rule.strength if sip_rule else Strength.SHOULD
        entry = field_error(
            "sip",
            "the SIP the cost agreement rests on is missing",
            (sip_rule or requirements).citation,
            strength,
        )
        (problems if strength == Strength.SHALL else warnings).append(entry)
    else:
        checked = check_sip(requirements, sip)
        problems += checked["missing"]
        warnings += checked["warnings"]
    if problems:
        raise RuleViolation(
            "the cost agreement does not show what its agreement requires: "
            + "; ".join(p["field"] for p in problems),
            errors=problems,
        )
    return warnings


def field_name(field: DocumentField) -> str:
    return {
        "follow_up": "follow_up_on",
        "economic_mandate": "signatories",
        "split": "method",
    }.get(field.key, field.key)


def shows(field: DocumentField, request: CostAgreementRequest, row: dict[str, Any]) -> bool:
    key = field.key
    if key == "split":
        return True  # the method and its shares, checked above
    if key == "follow_up":
        return request.follow_up_on is not None
    if key == "economic_mandate":
        return all(
            any(s.economic_mandate and s.party == p for s in request.signatories) for p in PARTIES
        )
    if key == "sip":
        return request.sip is not None or row["sip"] is not None
    value = getattr(request, key, None)
    return bool(value and str(value).strip())


def check_reach(row: dict[str, Any], policy: CostPolicy, request: CostAgreementRequest) -> None:
    """How far back ``effective_from`` may reach (DOMAIN.md, "How far back …")."""
    start = dt.date.fromisoformat(row["start_date"])
    retro = policy.retroactivity
    if request.effective_from < start:
        raise RuleViolation(
            f"effective_from {request.effective_from} is before the placement started ({start})",
            errors=[field_error("effective_from", f"on or after {start}")],
        )
    if row["end_date"] and request.effective_from > dt.date.fromisoformat(row["end_date"]):
        raise InvalidInput(
            "effective_from is after the placement ended",
            errors=[field_error("effective_from", f"on or before {row['end_date']}")],
        )
    reach = retro.acute if row["acute"] else retro.planned
    if reach == "agreed_on" and request.effective_from < request.agreed_on:
        raise RuleViolation(
            f"under this agreement a split for a {'acute' if row['acute'] else 'planned'} "
            f"placement applies from its written date ({request.agreed_on}), never earlier: "
            + retro.rule.text,
            errors=[
                field_error(
                    "effective_from",
                    f"on or after agreed_on {request.agreed_on}",
                    retro.rule.citation,
                    retro.rule.strength,
                )
            ],
        )


# -- cost entries -----------------------------------------------------------------------


def sip_context(row: dict[str, Any]) -> str:
    """The SIP context of a placement: a child's or an adult's."""
    return "child_placement" if row["child"] else "placement"


def check_opening(agreement: Agreement, request: OpenPlacement, org: str) -> None:
    """Who may register the placement, and whether the agreement covers it.

    :param org: the acting organisation (only a party acts).
    """
    codes = {m.code: m.name for m in agreement.parties.municipalities}
    if request.municipality not in codes:
        raise RuleViolation(
            f"municipality {request.municipality} is not a party to {agreement.id}; its "
            f"parties are {agreement.parties.region_name} ({agreement.parties.region_code}) "
            "and " + ", ".join(f"{name} ({code})" for code, name in codes.items()),
            errors=[
                field_error("municipality", "a party to the agreement", agreement.parties.citation)
            ],
        )
    if org not in (agreement.parties.region_code, request.municipality):
        raise Forbidden(
            f"organisation {org} is not a party to this placement; only a party acts",
            errors=[field_error("Authorization", "a key of the region or the municipality")],
        )


def check_placing(
    agreement: Agreement, request: OpenPlacement, in_force: InForce, policy: CostPolicy
) -> None:
    """The placing party is one the agreement allows, and the agreement covers the individual."""
    if request.placing_party not in policy.placing_parties:
        rule = policy.placing_rule
        raise RuleViolation(
            f"under {agreement.id} only the {' or '.join(policy.placing_parties)} places"
            + (f": {rule.text}" if rule else ""),
            errors=[
                field_error(
                    "placing_party",
                    f"one of {', '.join(policy.placing_parties)}",
                    rule.citation if rule else None,
                    rule.strength if rule else None,
                )
            ],
        )
    scope = next((n for n in in_force.version.notes if n.key == "scope_children"), None)
    if scope is not None and not request.child and in_force.version_agreement == agreement.id:
        raise RuleViolation(
            f"{agreement.name} covers children and young people only; register an adult's "
            f"placement under {agreement.parent or 'the parent agreement'}",
            errors=[field_error("child", scope.text, scope.citation, scope.strength)],
        )


def party_of(row: dict[str, Any], region: str, org: str) -> Party:
    """The party ``org`` acts for on the placement; 403 for anyone else."""
    if org == region:
        return "region"
    if org == row["municipality"]:
        return "municipality"
    raise Forbidden(
        f"organisation {org} is not a party to this placement; only a party acts",
        errors=[field_error("Authorization", "a key of the region or the municipality")],
    )


def check_end(row: dict[str, Any], end_date: dt.date) -> None:
    if row["end_date"]:
        raise RuleViolation(
            f"the placement already ended on {row['end_date']}",
            errors=[field_error("end_date", "a placement ends once")],
        )
    if end_date < dt.date.fromisoformat(row["start_date"]):
        raise InvalidInput(
            "end_date is before the placement started",
            errors=[field_error("end_date", f"on or after {row['start_date']}")],
        )


def check_cost_entry(row: dict[str, Any], request: CostEntryRequest) -> None:
    """The entry's period lies within the placement and its amount is not zero."""
    start = dt.date.fromisoformat(row["start_date"])
    if request.period_to < request.period_from:
        raise InvalidInput(
            "period_to is before period_from",
            errors=[field_error("period_to", "on or after period_from (inclusive)")],
        )
    if request.period_from < start or (
        row["end_date"] and request.period_to > dt.date.fromisoformat(row["end_date"])
    ):
        raise InvalidInput(
            f"the period must lie within the placement ({start} – {row['end_date'] or 'ongoing'})",
            errors=[field_error("period_from", "within the placement")],
        )
    if request.amount_ore == 0:
        raise InvalidInput("amount_ore is zero", errors=[field_error("amount_ore", "non-zero")])
