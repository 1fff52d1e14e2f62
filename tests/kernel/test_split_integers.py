"""The split in integers (:func:`samverkan.kernel.split.allocate_scaled`, the schablon's weights
scaled once) gives exactly what the largest-remainder split over exact fractions gives."""

from __future__ import annotations

import math
from fractions import Fraction

from hypothesis import example, given, settings
from hypothesis import strategies as st

from samverkan.kernel.split import allocate, allocate_scaled, scaled_weights
from samverkan.models import PARTIES


def by_fractions(total: int, weights: dict[str, Fraction]) -> dict[str, int]:
    """The rule as the module states it, in Fraction arithmetic: each party's floor of its
    exact share, the öre left over to the largest remainders, ties to the larger exact share
    and then to region before municipality."""
    exact = {p: total * weights.get(p, Fraction(0)) for p in PARTIES}
    parts = {p: math.floor(exact[p]) for p in PARTIES}
    left = total - sum(parts.values())
    order = sorted(PARTIES, key=lambda p: (-(exact[p] - parts[p]), -exact[p], PARTIES.index(p)))
    for p in order[:left]:
        parts[p] += 1
    return parts


weights = st.fractions(min_value=0, max_value=1, max_denominator=10**7).map(
    lambda region: {"region": region, "municipality": 1 - region}
)


@settings(max_examples=2000, deadline=None)
@given(st.integers(min_value=0, max_value=10**15), weights)
@example(1_234_567, {"region": Fraction(1, 3), "municipality": Fraction(2, 3)})
@example(1, {"region": Fraction(1, 2), "municipality": Fraction(1, 2)})
@example(
    10**15, {"region": Fraction(333_333, 1_000_000), "municipality": Fraction(666_667, 1_000_000)}
)
def test_the_integer_split_is_the_fraction_split(total: int, split: dict[str, Fraction]) -> None:
    expected = by_fractions(total, split)
    assert allocate_scaled(total, *scaled_weights(split)) == expected
    assert allocate(total, split) == expected
    assert sum(expected.values()) == total
