"""The follow-up's counts equal the generator's own record, on generated cases.

Hypothesis draws the stories (``bench/casegen.py``: disputes climbing their ladders,
recommendations rejected and accepted, deviations in both directions and escalated, placements
acute and planned with their written splits and monthly invoices) for a few municipalities of
VGR, Södra Älvsborg and Göteborgsområdet over 2025–2026; ``CaseWriter`` plays them through the
case services onto a real SQLite file; then for several periods and levels the report
(``FollowUp.report``) must count exactly what :func:`bench.casegen.expected` counts from the
stories alone.
"""

from __future__ import annotations

import datetime as dt
import random
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench import casegen, internals

D = dt.date
AREAS = ("1490", "1481", "1489")  # Borås (Södra Älvsborg), Mölndal (Göteborg), Alingsås
HORIZON = D(2027, 3, 31)
PERIODS = [
    (D(2026, 1, 1), D(2026, 12, 31)),
    (D(2025, 1, 1), D(2025, 12, 31)),
    (D(2026, 4, 1), D(2026, 6, 30)),
    (D(2026, 2, 1), D(2026, 2, 28)),
    (D(2025, 6, 1), D(2026, 5, 31)),
]
SIZES = st.fixed_dictionaries(
    {
        "disputes": st.integers(0, 5),
        "deviations": st.integers(0, 3),
        "placements": st.integers(0, 4),
    }
)


def found(report: dict[str, Any]) -> Counter[str]:
    """The report's counts, named as :func:`bench.casegen.expected` names them."""
    d, v, p = report["disputes"], report["deviations"], report["placements"]
    counts: Counter[str] = Counter()
    for name, key in (
        ("opened", "opened"),
        ("resolved", "resolved"),
        ("withdrawn", "withdrawn"),
        ("open_at_end", "open_at_end"),
        ("adjusted", "with_retroactive_adjustment"),
        ("given", "recommendations_given"),
        ("accepted", "recommendations_accepted"),
        ("rejected", "recommendations_rejected"),
    ):
        counts[name] = d[key]["value"]
    for item in d["by_subject"]["items"]:
        counts[f"subject.{item['key']}"] = item["value"]
    for item in d["by_highest_tier"]["items"]:
        counts[f"highest.{item['tier']['step']}"] += item["value"]
    for item in d["time_at_tier"]["items"]:
        counts[f"stays.{item['tier']['step']}"] += item["stays_ended"]
    counts["reported"] = v["reported"]["value"]
    counts["escalated"] = v["escalated"]["value"]
    for section, name in ((v, "by_direction"), (v, "by_category")):
        prefix = "direction" if name == "by_direction" else "category"
        for item in section[name]["items"]:
            counts[f"{prefix}.{item['key']}"] = item["value"]
    for name in ("started", "ended"):
        counts[name] = p[name]["value"]
    counts["days"] = p["placement_days"]["value"]
    for name in ("by_urgency", "by_age", "by_home_kind"):
        for item in p[name]["items"]:
            counts[f"{name[3:]}.{item['key']}"] = item["value"]
    for outcome in ("within", "late", "missing", "pending"):
        counts[f"acute.{outcome}"] = p["acute_cost_agreements"][outcome]["value"]
    for figure in ("cost", "balance"):
        for party, amount in p[f"{figure}_ore"]["parties"].items():
            counts[f"{figure}.{party}"] = amount
    return counts


def same(
    report: dict[str, Any], record: dict[str, object], money: bool = True
) -> dict[str, tuple[object, object]]:
    """Where the report and the record differ (zeros on either side count as absent; without
    ``money`` the amounts are left out: the record counts them for periods of whole months)."""
    counts = found(report)
    keys = {k for k, v in counts.items() if v} | {k for k, v in record.items() if v}
    if not money:
        keys = {k for k in keys if not k.startswith(("cost.", "balance."))}
    return {
        k: (counts.get(k, 0), record.get(k, 0))
        for k in keys
        if counts.get(k, 0) != record.get(k, 0)
    }


def edges(plan: casegen.Plan) -> list[tuple[dt.date, dt.date]]:
    """Periods that begin and end on days something happened (a dispute opened or closed, a
    placement started or ended), so a case's first or last day is the period's."""
    days = sorted(
        {d.opened_on for d in plan.all_disputes()}
        | {d.end.on for d in plan.all_disputes() if d.end}
        | {p.start for p in plan.placements}
        | {p.end for p in plan.placements if p.end}
    )
    if len(days) < 4:
        return []
    third = len(days) // 3
    return [(days[third], days[2 * third]), (days[1], days[-2])]


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    derandomize=True,
)
@given(rng=st.randoms(use_true_random=False), sizes=SIZES)
def test_the_report_counts_what_the_generator_made(
    rng: random.Random, sizes: dict[str, int]
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        writer = internals.CaseWriter(Path(folder) / "generated.db", sweep_every=0)
        try:
            areas = {code: writer.areas("vgr")[code] for code in AREAS}
            plan = casegen.Plan()
            for year in (2025, 2026):
                drawn = casegen.plan_year(
                    rng, writer.ladders, areas, D(year, 1, 1), D(year, 12, 31), HORIZON, sizes
                )
                plan.disputes += drawn.disputes
                plan.deviations += drawn.deviations
                plan.placements += drawn.placements
            writer.write(plan, D(2024, 12, 1), HORIZON)
            for first, last in PERIODS + edges(plan):
                aligned = (first, last) in PERIODS
                for municipality in (None, *AREAS):
                    report = writer.report("vgr", first, last, municipality)
                    record = casegen.expected(plan, first, last, municipality)
                    wrong = same(report, record, money=aligned)
                    assert not wrong, (first, last, municipality, wrong)
            sub_regional = writer.report("sodra_alvsborg", D(2026, 1, 1), D(2026, 12, 31))
            alone = casegen.Plan(
                [d for d in plan.disputes if d.agreement == "sodra_alvsborg"],
                [v for v in plan.deviations if v.agreement == "sodra_alvsborg"],
                [p for p in plan.placements if p.agreement == "sodra_alvsborg"],
            )
            record = casegen.expected(alone, D(2026, 1, 1), D(2026, 12, 31))
            assert not same(sub_regional, record)
        finally:
            writer.close()


def test_the_generator_makes_what_it_says() -> None:
    """The record is not empty: the stories hold every kind of case the report counts."""
    writer = internals.CaseWriter(Path(tempfile.mkdtemp()) / "g.db", sweep_every=0)
    try:
        areas = writer.areas("vgr")
        sizes = {"disputes": 6, "deviations": 3, "placements": 3}
        plan = casegen.plan_year(
            random.Random(15), writer.ladders, areas, D(2026, 1, 1), D(2026, 12, 31), HORIZON, sizes
        )
    finally:
        writer.close()
    record = casegen.expected(plan, D(2026, 1, 1), D(2026, 12, 31))
    for name in ("opened", "resolved", "withdrawn", "open_at_end", "adjusted", "given"):
        assert record[name], name
    for name in ("accepted", "rejected", "escalated", "stays.2", "highest.3", "acute.late"):
        assert record[name], name
    # the municipality pays every invoice, so what it is owed back is the region's share
    assert record["balance.municipality"] == record["cost.region"] > 0
    assert {d.agreement for d in plan.disputes} == {"vgr", "sodra_alvsborg", "goteborg"}
