"""The settlement computation: exact to the öre, balanced, and explained line by line."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from samverkan.kernel.settlement import Entry, Split, settle, timeline

D = dt.date.fromisoformat
CITE = {"document": "T", "clause": "1", "quote": ""}


def split(start: str, region: Fraction, label: str = "s") -> Split:
    return Split(D(start), {"region": region, "municipality": 1 - region}, label, "why", CITE)


def test_goteborg_schablon_example() -> None:
    """Mölndal places a child acutely 2026-03-01; schablon from 2026-03-01 (hand-computed:
    9 300 000 / 3 + 9 000 000 / 3 = 6 100 000 öre owed by the region)."""
    base = split("2026-03-01", Fraction(0), "placing party bears the cost")
    schablon = split("2026-03-01", Fraction(1, 3), "schablon")
    entries = [
        Entry("e1", D("2026-03-01"), D("2026-03-31"), 9_300_000, "municipality"),
        Entry("e2", D("2026-04-01"), D("2026-04-30"), 9_000_000, "municipality"),
    ]
    result = settle(base, [schablon], entries, D("2026-04-30"))
    parties = result["parties"]
    assert parties["region"]["owes_ore"] == 6_100_000
    assert parties["municipality"]["paid_ore"] == 18_300_000
    assert result["transfer"] == {"from": "region", "to": "municipality", "amount_ore": 6_100_000}


def test_entry_straddling_a_change_is_divided_by_days() -> None:
    """31 days of 3 100 000 öre; the split changes on the 11th: 10 days placing party,
    21 days thirds: 1 000 000 + 2 100 000; region owes 700 000."""
    base = split("2026-03-01", Fraction(0))
    later = split("2026-03-11", Fraction(1, 3))
    entry = Entry("e", D("2026-03-01"), D("2026-03-31"), 3_100_000, "municipality")
    result = settle(base, [later], [entry], D("2026-03-31"))
    assert [line["amount_ore"] for line in result["lines"]] == [1_000_000, 2_100_000]
    assert result["parties"]["region"]["owes_ore"] == 700_000


def test_as_of_counts_only_days_up_to_it() -> None:
    base = split("2026-03-01", Fraction(1, 2))
    entry = Entry("e", D("2026-03-01"), D("2026-03-10"), 1000, "region")
    result = settle(base, [], [entry], D("2026-03-05"))
    assert result["total_ore"] == 500
    assert result["transfer"] == {"from": "municipality", "to": "region", "amount_ore": 250}


def test_later_record_supersedes_from_its_own_date() -> None:
    base = split("2026-01-01", Fraction(0), "base")
    first = split("2026-02-01", Fraction(1, 3), "first")
    second = split("2026-01-15", Fraction(1, 2), "second")
    assert [s.label for s in timeline(base, [first, second])] == ["base", "second"]


@settings(max_examples=200, deadline=None)
@given(
    amounts=st.lists(st.integers(min_value=-(10**7), max_value=10**9), min_size=1, max_size=8),
    starts=st.lists(st.integers(min_value=0, max_value=120), min_size=1, max_size=8),
    lengths=st.lists(st.integers(min_value=0, max_value=60), min_size=1, max_size=8),
    changes=st.lists(
        st.tuples(st.integers(min_value=0, max_value=150), st.integers(0, 100)), max_size=5
    ),
    payers=st.lists(st.sampled_from(["region", "municipality"]), min_size=1, max_size=8),
    as_of=st.integers(min_value=0, max_value=200),
)
def test_settlement_always_balances(amounts, starts, lengths, changes, payers, as_of) -> None:  # type: ignore[no-untyped-def]
    day0 = D("2026-01-01")
    entries = [
        Entry(
            f"e{i}",
            day0 + dt.timedelta(days=starts[i % len(starts)]),
            day0 + dt.timedelta(days=starts[i % len(starts)] + lengths[i % len(lengths)]),
            amount,
            payers[i % len(payers)],
        )
        for i, amount in enumerate(amounts)
    ]
    base = split("2026-01-01", Fraction(0))
    moves = [
        Split(
            day0 + dt.timedelta(days=d),
            {"region": Fraction(p, 100), "municipality": 1 - Fraction(p, 100)},
            "c",
            "w",
            CITE,
        )
        for d, p in changes
    ]
    result = settle(base, moves, entries, day0 + dt.timedelta(days=as_of))
    parties = result["parties"].values()
    assert sum(p["balance_ore"] for p in parties) == 0
    assert sum(p["owes_ore"] for p in parties) == result["total_ore"]
    assert sum(p["paid_ore"] for p in parties) == result["total_ore"]
    assert sum(line["amount_ore"] for line in result["lines"]) == result["total_ore"]
    for entry in entries:
        mine = [line for line in result["lines"] if line["entry_id"] == entry.id]
        if entry.period_to <= day0 + dt.timedelta(days=as_of):
            assert sum(line["amount_ore"] for line in mine) == entry.amount_ore
