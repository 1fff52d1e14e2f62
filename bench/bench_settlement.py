"""Settlement cost grows with entries x splits, not with days. Reported as ratios.

Run: .venv/bin/python bench/bench_settlement.py
"""

from __future__ import annotations

import datetime as dt
import statistics
import time
from fractions import Fraction

from samverkan.kernel.settlement import Entry, Split, settle

CITE = {"document": "bench", "clause": "-", "quote": ""}
DAY0 = dt.date(2026, 1, 1)


def case(entries: int, days_each: int, splits: int) -> tuple[Split, list[Split], list[Entry]]:
    base = Split(DAY0, {"region": Fraction(0), "municipality": Fraction(1)}, "base", "w", CITE)
    span = entries * days_each
    changes = [
        Split(
            DAY0 + dt.timedelta(days=(i + 1) * span // (splits + 1)),
            {"region": Fraction(i % 3, 3), "municipality": 1 - Fraction(i % 3, 3)},
            "c",
            "w",
            CITE,
        )
        for i in range(splits)
    ]
    rows = [
        Entry(
            f"e{i}",
            DAY0 + dt.timedelta(days=i * days_each),
            DAY0 + dt.timedelta(days=(i + 1) * days_each - 1),
            9_300_000 + i,
            "municipality",
        )
        for i in range(entries)
    ]
    return base, changes, rows


def timed(entries: int, days_each: int, splits: int, repeat: int = 7) -> float:
    base, changes, rows = case(entries, days_each, splits)
    as_of = DAY0 + dt.timedelta(days=entries * days_each)
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        settle(base, changes, rows, as_of)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main() -> None:
    short = timed(200, 30, 5)
    long = timed(200, 3000, 5)  # the same entries, each 100 times longer
    more_entries = timed(2000, 30, 5)
    more_splits = timed(200, 30, 50)
    print(f"days x100 (same entries, splits):  time ratio {long / short:5.2f}  (expect ~1)")
    print(
        f"entries x10:                        time ratio {more_entries / short:5.2f}  (expect ~10)"
    )
    print(
        f"splits x10 (boundaries crossed):    time ratio {more_splits / short:5.2f}  "
        "(grows with pieces, not days)"
    )


if __name__ == "__main__":
    main()
