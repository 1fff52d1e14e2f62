"""Money splits and calendar arithmetic, with properties checked over many inputs."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from samverkan.kernel.dates import add_months, add_period, day_facts
from samverkan.kernel.i18n import speaking
from samverkan.kernel.split import allocate
from samverkan.models import Period


@given(
    total=st.integers(min_value=0, max_value=10**13),
    numerator=st.integers(min_value=0, max_value=10_000),
)
def test_allocate_sums_exactly_and_stays_within_one_ore(total: int, numerator: int) -> None:
    region = Fraction(numerator, 10_000)
    parts = allocate(total, {"region": region, "municipality": 1 - region})
    assert parts["region"] + parts["municipality"] == total
    assert abs(parts["region"] - total * region) < 1
    assert min(parts.values()) >= 0


def test_allocate_schablon_largest_remainder() -> None:
    thirds = {"region": Fraction(1, 3), "municipality": Fraction(2, 3)}
    assert allocate(100001, thirds) == {"region": 33334, "municipality": 66667}
    assert allocate(100000, thirds) == {"region": 33333, "municipality": 66667}
    assert allocate(2, thirds) == {"region": 1, "municipality": 1}


def test_allocate_tie_break_is_deterministic() -> None:
    half = {"region": Fraction(1, 2), "municipality": Fraction(1, 2)}
    assert allocate(3, half) == {"region": 2, "municipality": 1}
    assert allocate(3, half) == allocate(3, dict(reversed(list(half.items()))))


def test_allocate_refuses_weights_not_summing_to_one() -> None:
    with pytest.raises(ValueError):
        allocate(10, {"region": Fraction(1, 2), "municipality": Fraction(1, 3)})


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        ("2025-01-31", 1, "2025-02-28"),
        ("2024-01-31", 1, "2024-02-29"),
        ("2025-03-01", 1, "2025-04-01"),
        ("2025-12-31", 2, "2026-02-28"),
        ("2025-03-31", -1, "2025-02-28"),
    ],
)
def test_calendar_months_clamp(start: str, months: int, expected: str) -> None:
    assert add_months(dt.date.fromisoformat(start), months) == dt.date.fromisoformat(expected)


@given(st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2100, 1, 1)))
def test_a_month_later_is_never_more_than_31_days(start: dt.date) -> None:
    due = add_period(start, Period(amount=1, unit="months"))
    assert 28 <= (due - start).days <= 31
    assert due.day == start.day or due.day < start.day  # clamped, never rolled over


def test_thirty_days_are_calendar_days() -> None:
    assert add_period(dt.date(2025, 1, 31), Period(amount=30, unit="days")) == dt.date(2025, 3, 2)


def test_day_facts_know_swedish_holidays() -> None:
    with speaking("sv"):
        assert day_facts(dt.date(2026, 6, 6))["public_holiday"] == "Nationaldagen"
        assert day_facts(dt.date(2026, 6, 19))["holiday_eve"] == "Midsommarafton"
        assert day_facts(dt.date(2026, 12, 24))["holiday_eve"] == "Julafton"
        assert day_facts(dt.date(2026, 12, 24))["weekday"] == "torsdag"
    assert day_facts(dt.date(2026, 6, 6))["public_holiday"] == "National Day"
    assert day_facts(dt.date(2026, 12, 24))["holiday_eve"] == "Christmas Eve"
    assert day_facts(dt.date(2026, 12, 24))["weekday"] == "Thursday"
    assert day_facts(dt.date(2026, 3, 2))["working_day"] is True
    assert day_facts(dt.date(2025, 3, 2))["weekend"] is True


def test_split_methods_come_from_the_default_plugin(registry) -> None:  # type: ignore[no-untyped-def]
    methods: dict[str, object] = {}
    for found in registry.pm.hook.samverkan_split_methods():
        methods.update(found)
    assert {"schablon", "percent", "amount"} <= set(methods)
