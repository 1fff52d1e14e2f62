"""The three ways to split a placement cost: schablon, percent and fixed amounts."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from fractions import Fraction
from typing import Any

from samverkan.hookspecs import hookimpl
from samverkan.kernel.errors import InvalidInput, RuleViolation, field_error
from samverkan.kernel.i18n import _, language
from samverkan.kernel.split import (
    SplitRequest,
    SplitResult,
    allocate,
    allocate_scaled,
    scaled_weights,
)
from samverkan.models import PARTIES, CostPolicy, Party, Rule, Schablon


def _percent_text(weight: Fraction) -> str:
    hundreds, denominator = weight.numerator * 100, weight.denominator
    if hundreds % denominator == 0:
        return str(hundreds // denominator)
    return f"{hundreds / denominator:.4f}".rstrip("0")  # int / int: correctly rounded


def exact(share: float) -> Fraction:
    """A share sent as a JSON number, exactly as written (33.3333 is 333333/10000)."""
    return Fraction(repr(share))


def schablon(*, amount_ore: int, request: SplitRequest, policy: CostPolicy) -> SplitResult:
    """Split by the agreement's schablon; refused where the agreement has none."""
    if policy.schablon is None:
        rule = policy.no_schablon
        raise RuleViolation(
            _(
                "this agreement has no schablon: the split must follow each party's "
                "responsibility (%(document)s %(clause)s)",
                document=(rule or policy.main_rule).citation.document,
                clause=(rule or policy.main_rule).citation.clause,
            ),
            errors=[
                field_error(
                    "method",
                    _("the agreement names no schablon; use percent or amount"),
                    rule.citation if rule else policy.main_rule.citation,
                    rule.strength if rule else None,
                )
            ],
        )
    sch = policy.schablon
    warnings = []
    if sch.requires_reason and not request.schablon_reason.strip():
        restriction = sch.restriction
        warnings.append(
            field_error(
                "schablon_reason",
                _(
                    "the schablon is restricted here; a cost agreement using it must state why "
                    "the split is unclear"
                ),
                (restriction.citation if restriction else sch.citation),
                (restriction.strength if restriction else sch.strength),
            )
        )
    rule, shares, (scaled, common) = _schablon_rule(sch)
    return SplitResult(
        method="schablon",
        amounts_ore=allocate_scaled(amount_ore, scaled, common),
        shares=dict(shares),
        rule=rule,
        warnings=warnings,
    )


#: the schablon's rule and shares in words and its weights scaled to integers, per schablon and
#: language (they do not change)
_SCHABLON_WORDS: dict[
    tuple[int, str], tuple[Schablon, Rule, dict[str, str], tuple[tuple[int, ...], int]]
] = {}


def _schablon_rule(sch: Schablon) -> tuple[Rule, dict[str, str], tuple[tuple[int, ...], int]]:
    key = (id(sch), language())
    kept = _SCHABLON_WORDS.get(key)
    if kept is None or kept[0] is not sch:
        rule = Rule(
            text=_(
                "Schablon: region %(region)s, municipality %(municipality)s of the placement "
                "cost. Condition: %(condition)s",
                region=f"{sch.region.numerator}/{sch.region.denominator}",
                municipality=f"{sch.municipality.numerator}/{sch.municipality.denominator}",
                condition=sch.condition,
            ),
            strength=sch.strength,
            citation=sch.citation,
        )
        shares = {party: _percent_text(getattr(sch, party)) for party in PARTIES}
        weights: dict[Party, Fraction] = {"region": sch.region, "municipality": sch.municipality}
        if len(_SCHABLON_WORDS) >= 256:
            _SCHABLON_WORDS.clear()
        kept = _SCHABLON_WORDS[key] = (sch, rule, shares, scaled_weights(weights))
    return kept[1], kept[2], kept[3]


def _check_unit(policy: CostPolicy, unit: str, method: str) -> None:
    if unit not in policy.units:
        allowed = ", ".join(policy.units)
        raise RuleViolation(
            _(
                "method %(method)s is not a unit this agreement allows (%(allowed)s)",
                method=method,
                allowed=allowed,
            ),
            errors=[
                field_error(
                    "method",
                    _("one of %(allowed)s", allowed=allowed),
                    policy.units_rule.citation,
                    policy.units_rule.strength,
                )
            ],
        )


def percent(*, amount_ore: int, request: SplitRequest, policy: CostPolicy) -> SplitResult:
    """Split by the parties' agreed percentages (summing to exactly 100)."""
    _check_unit(policy, "percent", "percent")
    shares = request.shares
    if not shares or set(shares) != set(PARTIES):
        message = _('give {"region": R, "municipality": M}, R + M = 100')
        raise RuleViolation(
            _("method percent needs shares for both region and municipality"),
            errors=[field_error("shares", message)],
        )
    fine = [p for p in PARTIES if round(shares[p], 4) == shares[p]]
    if len(fine) != len(PARTIES):
        raise InvalidInput(
            _("a share has more than four decimals"),
            errors=[
                field_error(f"shares.{p}", _("a percentage with at most four decimals"))
                for p in PARTIES
                if p not in fine
            ],
        )
    exacts = {p: exact(shares[p]) for p in PARTIES}
    total = sum(exacts.values())
    if total != 100:
        shown = f"{float(total):g}"
        raise RuleViolation(
            _("shares sum to %(total)s, not 100", total=shown),
            errors=[
                field_error(
                    "shares", _("percentages must sum to exactly 100 (got %(total)s)", total=shown)
                )
            ],
        )
    weights: dict[Party, Fraction] = {p: exacts[p] / 100 for p in PARTIES}
    return SplitResult(
        method="percent",
        amounts_ore=dict(allocate(amount_ore, weights)),
        shares={p: _percent_text(weights[p]) for p in PARTIES},
        rule=policy.units_rule,
    )


def amount(*, amount_ore: int, request: SplitRequest, policy: CostPolicy) -> SplitResult:
    """Split by fixed amounts in öre (kronor), which must sum to the total."""
    _check_unit(policy, "amount", "amount")
    amounts = request.amounts_ore
    if not amounts or set(amounts) != set(PARTIES):
        raise RuleViolation(
            _("method amount needs amounts_ore for both region and municipality"),
            errors=[field_error("amounts_ore", _('give {"region": R, "municipality": M} in öre'))],
        )
    if sum(amounts.values()) != amount_ore:
        raise RuleViolation(
            _(
                "amounts_ore sum to %(sum)s, not amount_ore %(total)s",
                sum=sum(amounts.values()),
                total=amount_ore,
            ),
            errors=[field_error("amounts_ore", _("the parties' amounts must sum to amount_ore"))],
        )
    shares = {
        p: _percent_text(Fraction(amounts[p], amount_ore)) if amount_ore else "0" for p in PARTIES
    }
    return SplitResult(
        method="amount",
        amounts_ore={p: amounts[p] for p in PARTIES},
        shares=shares,
        rule=policy.units_rule,
    )


@hookimpl
def samverkan_split_methods() -> Mapping[str, Callable[..., Any]]:
    return {"schablon": schablon, "percent": percent, "amount": amount}
