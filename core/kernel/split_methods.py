"""The three ways to split a placement cost: schablon, percent and fixed amounts."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from fractions import Fraction
from typing import Any

from samverkan.hookspecs import hookimpl
from samverkan.kernel.errors import RuleViolation, field_error
from samverkan.kernel.split import SplitRequest, SplitResult, allocate
from samverkan.models import PARTIES, CostPolicy, Party, Rule


def _percent_text(weight: Fraction) -> str:
    value = weight * 100
    return str(value.numerator) if value.denominator == 1 else f"{float(value):.4f}".rstrip("0")


def schablon(*, amount_ore: int, request: SplitRequest, policy: CostPolicy) -> SplitResult:
    """Split by the agreement's schablon; refused where the agreement has none."""
    if policy.schablon is None:
        rule = policy.no_schablon
        raise RuleViolation(
            "this agreement has no schablon: the split must follow each party's responsibility"
            + (f" ({rule.citation.document} {rule.citation.clause})" if rule else ""),
            errors=[
                field_error(
                    "method",
                    rule.text if rule else "the agreement names no schablon",
                    rule.citation if rule else policy.main_rule.citation,
                    rule.strength if rule else None,
                )
            ],
        )
    sch = policy.schablon
    weights: dict[Party, Fraction] = {
        "region": Fraction(sch.region.numerator, sch.region.denominator),
        "municipality": Fraction(sch.municipality.numerator, sch.municipality.denominator),
    }
    warnings = []
    if sch.requires_reason and not request.schablon_reason.strip():
        restriction = sch.restriction
        warnings.append(
            field_error(
                "schablon_reason",
                "the schablon is restricted here; a cost agreement using it must state why the "
                "split is unclear" + (f": {restriction.text}" if restriction else ""),
                (restriction.citation if restriction else sch.citation),
                (restriction.strength if restriction else sch.strength),
            )
        )
    rule = Rule(
        text=(
            f"Schablon: region {sch.region.numerator}/{sch.region.denominator}, municipality "
            f"{sch.municipality.numerator}/{sch.municipality.denominator} of the placement cost. "
            f"Condition: {sch.condition}"
        ),
        strength=sch.strength,
        citation=sch.citation,
    )
    return SplitResult(
        method="schablon",
        amounts_ore=dict(allocate(amount_ore, weights)),
        shares={party: _percent_text(weights[party]) for party in PARTIES},
        rule=rule,
        warnings=warnings,
    )


def _check_unit(policy: CostPolicy, unit: str, method: str) -> None:
    if unit not in policy.units:
        raise RuleViolation(
            f"method {method!r} is not a unit this agreement allows ({', '.join(policy.units)})",
            errors=[
                field_error(
                    "method",
                    policy.units_rule.text,
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
        raise RuleViolation(
            "method 'percent' needs shares for both region and municipality",
            errors=[field_error("shares", 'give {"region": R, "municipality": M}, R + M = 100')],
        )
    out_of_range = [p for p in PARTIES if not 0 <= shares[p] <= 100]
    if out_of_range:
        raise RuleViolation(
            f"shares.{out_of_range[0]} must be between 0 and 100",
            errors=[field_error(f"shares.{p}", "a percentage from 0 to 100") for p in out_of_range],
        )
    total = sum(shares.values())
    if total != 100:
        raise RuleViolation(
            f"shares sum to {total}, not 100",
            errors=[field_error("shares", f"percentages must sum to exactly 100 (got {total})")],
        )
    weights: dict[Party, Fraction] = {p: Fraction(shares[p]) / 100 for p in PARTIES}
    return SplitResult(
        method="percent",
        amounts_ore=dict(allocate(amount_ore, weights)),
        shares={p: str(shares[p]) for p in PARTIES},
        rule=policy.units_rule,
    )


def amount(*, amount_ore: int, request: SplitRequest, policy: CostPolicy) -> SplitResult:
    """Split by fixed amounts in öre (kronor), which must sum to the total."""
    _check_unit(policy, "amount", "amount")
    amounts = request.amounts_ore
    if not amounts or set(amounts) != set(PARTIES):
        raise RuleViolation(
            "method 'amount' needs amounts_ore for both region and municipality",
            errors=[field_error("amounts_ore", 'give {"region": R, "municipality": M} in öre')],
        )
    if sum(amounts.values()) != amount_ore:
        raise RuleViolation(
            f"amounts_ore sum to {sum(amounts.values())}, not amount_ore {amount_ore}",
            errors=[field_error("amounts_ore", "the parties' amounts must sum to amount_ore")],
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
