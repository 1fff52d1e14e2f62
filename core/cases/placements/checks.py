"""The rules a placement and its documents are checked against: who may place and act, what
a written cost agreement must show and how far back it may reach, and what a cost entry may
cover. A placement is a fact (stored even when it broke a *shall*); a cost agreement is a
document (refused when it breaks a *shall*, accepted with a warning for a *should*)."""

from __future__ import annotations

import datetime as dt
import json
from fractions import Fraction
from typing import Any

from samverkan.cases.common import check_municipality
from samverkan.cases.placements.schemas import (
    CostAgreementRequest,
    CostEntryRequest,
    OpenPlacement,
)
from samverkan.kernel.errors import Forbidden, InvalidInput, RuleViolation, field_error
from samverkan.kernel.i18n import N_, _, local
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

#: the parties, as a sentence names them
PARTY_WORDS = {"region": N_("the region"), "municipality": N_("the municipality")}


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
                _("this agreement has no schablon: %(text)s", text=rule.text),
                errors=[
                    field_error(
                        "method", _("schablon is not allowed here"), rule.citation, rule.strength
                    )
                ],
            )
        sch = policy.schablon
        if sch.requires_reason and not request.schablon_reason.strip():
            rule = sch.restriction
            raise RuleViolation(
                _(
                    "the schablon may be used here only with a written reason why the split is "
                    "unclear"
                ),
                errors=[
                    field_error(
                        "schablon_reason",
                        _("why the split is unclear"),
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
            Rule(
                text=_("Schablon: %(condition)s", condition=sch.condition),
                strength=sch.strength,
                citation=sch.citation,
            ),
        )
    if request.method not in policy.units:
        raise RuleViolation(
            _("%(method)s is not a unit this agreement allows", method=request.method),
            errors=[
                field_error(
                    "method",
                    _("one of %(allowed)s", allowed=", ".join(policy.units)),
                    policy.units_rule.citation,
                    policy.units_rule.strength,
                )
            ],
        )
    if request.method == "percent":
        shares = request.shares or {}
        if set(shares) != set(PARTIES) or any(round(v, 4) != v for v in shares.values()):
            raise InvalidInput(
                _(
                    "percent needs shares for region and municipality, each with at most four decimals"
                ),
                errors=[field_error("shares", '{"region": R, "municipality": M}')],
            )
        exacts = {p: Fraction(repr(shares[p])) for p in PARTIES}
        if sum(exacts.values()) != 100:
            total = f"{float(sum(exacts.values())):g}"
            raise InvalidInput(
                _("shares sum to %(total)s, not 100", total=total),
                errors=[field_error("shares", _("percentages sum to exactly 100"))],
            )
        return {p: exacts[p] / 100 for p in PARTIES}, policy.units_rule
    amounts = request.amounts_ore or {}
    if set(amounts) != set(PARTIES) or sum(amounts.values()) <= 0:
        raise InvalidInput(
            _("amount needs amounts_ore (per period) for region and municipality, not all zero"),
            errors=[field_error("amounts_ore", _('{"region": R, "municipality": M} in öre'))],
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
                    _(
                        "the agreement must show %(what)s",
                        what=local(field.label, f"{field.label_en} ({field.label})"),
                    ),
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
            _("the SIP the cost agreement rests on is missing"),
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
            _(
                "the cost agreement does not show what its agreement requires: %(fields)s",
                fields="; ".join(p["field"] for p in problems),
            ),
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
            _(
                "effective_from %(day)s is before the placement started (%(start)s)",
                day=request.effective_from,
                start=start,
            ),
            errors=[field_error("effective_from", _("on or after %(day)s", day=start))],
        )
    if row["end_date"] and request.effective_from > dt.date.fromisoformat(row["end_date"]):
        raise InvalidInput(
            _("effective_from is after the placement ended"),
            errors=[field_error("effective_from", _("on or before %(day)s", day=row["end_date"]))],
        )
    reach = retro.acute if row["acute"] else retro.planned
    if reach == "agreed_on" and request.effective_from < request.agreed_on:
        raise RuleViolation(
            (
                _(
                    "under this agreement a split for an acute placement applies from its "
                    "written date (%(day)s), never earlier",
                    day=request.agreed_on,
                )
                if row["acute"]
                else _(
                    "under this agreement a split for a planned placement applies from its "
                    "written date (%(day)s), never earlier",
                    day=request.agreed_on,
                )
            ),
            errors=[
                field_error(
                    "effective_from",
                    _("on or after agreed_on %(day)s", day=request.agreed_on),
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
    check_municipality(agreement, request.municipality)
    if org not in (agreement.parties.region_code, request.municipality):
        raise not_a_party(org)


def check_placing(
    agreement: Agreement, request: OpenPlacement, in_force: InForce, policy: CostPolicy
) -> None:
    """The placing party is one the agreement allows, and the agreement covers the individual."""
    if request.placing_party not in policy.placing_parties:
        rule = policy.placing_rule
        raise RuleViolation(
            _(
                "under %(id)s only %(parties)s places",
                id=agreement.id,
                parties=_(" or ").join(_(PARTY_WORDS[p]) for p in policy.placing_parties),
            ),
            errors=[
                field_error(
                    "placing_party",
                    _("one of %(allowed)s", allowed=", ".join(policy.placing_parties)),
                    rule.citation if rule else None,
                    rule.strength if rule else None,
                )
            ],
        )
    scope = next((n for n in in_force.version.notes if n.key == "scope_children"), None)
    if scope is not None and not request.child and in_force.version_agreement == agreement.id:
        raise RuleViolation(
            _(
                "%(name)s covers children and young people only; register an adult's "
                "placement under %(parent)s",
                name=agreement.name,
                parent=agreement.parent or _("the parent agreement"),
            ),
            errors=[
                field_error(
                    "child",
                    _("true: children and young people only"),
                    scope.citation,
                    scope.strength,
                )
            ],
        )


def party_of(row: dict[str, Any], region: str, org: str) -> Party:
    """The party ``org`` acts for on the placement; 403 for anyone else."""
    if org == region:
        return "region"
    if org == row["municipality"]:
        return "municipality"
    raise not_a_party(org)


def not_a_party(org: str) -> Forbidden:
    """403: only a party to the placement acts on it."""
    return Forbidden(
        _("organisation %(org)s is not a party to this placement; only a party acts", org=org),
        title=_("Only a party to the placement may act on it"),
        errors=[
            field_error(
                "Authorization", _("a key of the region or the municipality"), where="header"
            )
        ],
    )


def check_end(row: dict[str, Any], end_date: dt.date) -> None:
    if row["end_date"]:
        raise RuleViolation(
            _("the placement already ended on %(day)s", day=row["end_date"]),
            errors=[field_error("end_date", _("a placement ends once"))],
        )
    if end_date < dt.date.fromisoformat(row["start_date"]):
        raise InvalidInput(
            _("end_date is before the placement started"),
            errors=[field_error("end_date", _("on or after %(day)s", day=row["start_date"]))],
        )


def check_cost_entry(row: dict[str, Any], request: CostEntryRequest) -> None:
    """The entry's period lies within the placement and its amount is not zero."""
    start = dt.date.fromisoformat(row["start_date"])
    if request.period_to < request.period_from:
        raise InvalidInput(
            _("period_to is before period_from"),
            errors=[field_error("period_to", _("on or after period_from (inclusive)"))],
        )
    if request.period_from < start or (
        row["end_date"] and request.period_to > dt.date.fromisoformat(row["end_date"])
    ):
        raise InvalidInput(
            _(
                "the period must lie within the placement (%(start)s – %(end)s)",
                start=start,
                end=row["end_date"] or _("ongoing"),
            ),
            errors=[field_error("period_from", _("within the placement"))],
        )
    if request.amount_ore == 0:
        raise InvalidInput(
            _("amount_ore is zero"), errors=[field_error("amount_ore", _("not zero"))]
        )
