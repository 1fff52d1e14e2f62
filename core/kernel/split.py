"""Splitting an amount in öre between the parties, exactly.

Every split goes through :func:`allocate`: largest remainder over exact fractions, ties
broken by the larger exact share and then region before municipality, so the parts always
sum to the total and the same input always gives the same answer.
"""

from __future__ import annotations

import datetime as dt
import math
from fractions import Fraction
from typing import Annotated, Any, Literal

import msgspec

from samverkan.kernel.bounds import RequestBody
from samverkan.models import PARTIES, Base, Party, Rule

Ore = Annotated[int, msgspec.Meta(ge=0, le=10**15)]
#: a share in percent: a JSON number (never a string), at most four decimals (checked by the
#: percent method, which reads it exactly as written)
Percent = Annotated[float, msgspec.Meta(ge=0, le=100)]


def allocate(total: int, weights: dict[Party, Fraction]) -> dict[Party, int]:
    """Split ``total`` öre by ``weights`` (summing to one) by largest remainder.

    In integers: over the weights' common denominator ``d`` each party's exact share is
    ``total * n / d``, its floor ``total * n // d`` and its remainder ``total * n % d``."""
    return allocate_scaled(total, *scaled_weights(weights))


def scaled_weights(weights: dict[Party, Fraction]) -> tuple[tuple[int, ...], int]:
    """``weights`` (summing to one) over their common denominator: ``(numerators, common)``,
    one numerator per party of :data:`PARTIES`, in that order."""
    fractions = [weights.get(party, _ZERO) for party in PARTIES]
    common = math.lcm(*(f.denominator for f in fractions))
    scaled = tuple(f.numerator * (common // f.denominator) for f in fractions)
    if sum(scaled) != common:
        raise ValueError(f"weights must sum to one, got {sum(fractions)}")
    return scaled, common


def allocate_scaled(total: int, scaled: tuple[int, ...], common: int) -> dict[Party, int]:
    """:func:`allocate` over weights already scaled (:func:`scaled_weights`), integers only."""
    exact = [total * n for n in scaled]  # each party's exact share, times ``common``
    parts = [e // common for e in exact]
    left = total - sum(parts)
    if left:
        order = sorted(
            range(len(PARTIES)),
            key=lambda i: (-(exact[i] - parts[i] * common), -exact[i], i),
        )
        for i in order[:left]:
            parts[i] += 1
    return dict(zip(PARTIES, parts, strict=True))


_ZERO = Fraction(0)


class SplitRequest(RequestBody, kw_only=True):
    """``POST /api/v1/agreements/{id}/cost-split``.

    :param amount_ore: the amount to split, in öre.
    :param method: ``schablon``, ``percent`` or ``amount`` (or a method a plugin adds).
    :param shares: for ``percent``: each party's percentage; they sum to exactly 100.
    :param amounts_ore: for ``amount``: each party's amount; they sum to ``amount_ore``.
    :param schablon_reason: why the split is unclear, where the agreement restricts the schablon.
    :param on: the date whose rules apply (default today).
    """

    amount_ore: Ore
    method: Annotated[str, msgspec.Meta(min_length=1, max_length=32)]
    shares: dict[Literal["region", "municipality"], Percent] | None = None
    amounts_ore: dict[Literal["region", "municipality"], Ore] | None = None
    schablon_reason: Annotated[str, msgspec.Meta(max_length=4000)] = ""
    on: dt.date | None = None


class SplitResult(Base, kw_only=True):
    """What a split method answers: each party's amount and the rule that made it so."""

    method: str
    amounts_ore: dict[str, int]
    shares: dict[str, str]
    rule: Rule
    warnings: list[dict[str, Any]] = msgspec.field(default_factory=list)
