"""Who owes whom for a placement, exactly to the öre, and why.

A pure computation: a timeline of splits (before any split applies the placing party bears the
whole cost; each written cost agreement or dispute outcome applies from its ``effective_from``
and supersedes what came before from that day) is laid over the cost entries. An entry whose
period straddles a change is divided by days (largest remainder), and each part is split by the
split in force (largest remainder). The work grows with entries × splits, never with days.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from samverkan.kernel.split import allocate
from samverkan.models import PARTIES, Party

ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class Split:
    """A split that applies from ``effective_from`` until a later one replaces it.

    :param weights: each party's share of the cost, summing to one.
    :param label: what it is, e.g. "cost agreement #2 (schablon)".
    :param why: the rule that makes it apply, in words.
    :param citation: the rule's source.
    """

    effective_from: dt.date
    weights: dict[Party, Fraction]
    label: str
    why: str
    citation: dict[str, str]
    source: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Entry:
    """A cost entry: an amount for an inclusive period, paid by one party."""

    id: str
    period_from: dt.date
    period_to: dt.date
    amount_ore: int
    paid_by: Party
    invoice_ref: str = ""


def timeline(base: Split, changes: list[Split]) -> list[Split]:
    """Apply the changes in the order they were recorded: each one replaces everything from its
    own ``effective_from`` onwards. The result is sorted by date, one split per start date."""
    segments = [base]
    for change in changes:
        segments = [s for s in segments if s.effective_from < change.effective_from] + [change]
    return segments


def _days(start: dt.date, end: dt.date) -> int:
    return (end - start).days + 1


def settle(
    base: Split, changes: list[Split], entries: list[Entry], as_of: dt.date
) -> dict[str, Any]:
    """The settlement as of a date: each party's share, payments, balance and the one transfer.

    Only days up to ``as_of`` count; an entry reaching past it is divided by days like any
    other change of period.
    """
    segments = timeline(base, changes)
    owes: dict[Party, int] = dict.fromkeys(PARTIES, 0)
    paid: dict[Party, int] = dict.fromkeys(PARTIES, 0)
    lines: list[dict[str, Any]] = []
    # by period, then in the order given (the order recorded): ids are random, not an order
    for entry in sorted(entries, key=lambda e: e.period_from):
        total_days = _days(entry.period_from, entry.period_to)
        end = min(entry.period_to, as_of)
        if end < entry.period_from:
            continue
        pieces = _pieces(entry.period_from, entry.period_to, segments)
        counted = [(s, a, b) for s, a, b in pieces if a <= end]
        counted = [(s, a, min(b, end)) for s, a, b in counted]
        day_weights = [Fraction(_days(a, b), total_days) for _, a, b in counted]
        outside = Fraction(total_days - sum(_days(a, b) for _, a, b in counted), total_days)
        amounts = _allocate_many(entry.amount_ore, [*day_weights, outside])
        counted_amount = sum(amounts[:-1])
        paid[entry.paid_by] += counted_amount
        for (segment, start, stop), amount in zip(counted, amounts, strict=False):
            split = (
                allocate(amount, segment.weights)
                if amount >= 0
                else _negate(allocate(-amount, segment.weights))
            )
            for party in PARTIES:
                owes[party] += split[party]
            lines.append(
                {
                    "entry_id": entry.id,
                    "invoice_ref": entry.invoice_ref,
                    "period_from": start,
                    "period_to": stop,
                    "days": _days(start, stop),
                    "of_days": total_days,
                    "amount_ore": amount,
                    "paid_by": entry.paid_by,
                    "split": segment.label,
                    "shares": {p: _percent(segment.weights[p]) for p in PARTIES},
                    "owes_ore": split,
                    "why": segment.why,
                    "citation": segment.citation,
                }
            )
    balances = {p: paid[p] - owes[p] for p in PARTIES}
    if sum(balances.values()) != 0:  # every öre paid is owed by someone
        raise AssertionError(f"settlement does not balance: {balances}")
    transfer = None
    debtor = next((p for p in PARTIES if balances[p] < 0), None)
    if debtor is not None:
        creditor = next(p for p in PARTIES if p != debtor)
        transfer = {"from": debtor, "to": creditor, "amount_ore": -balances[debtor]}
    return {
        "as_of": as_of,
        "total_ore": sum(paid.values()),
        "parties": {
            p: {"owes_ore": owes[p], "paid_ore": paid[p], "balance_ore": balances[p]}
            for p in PARTIES
        },
        "transfer": transfer,
        "splits": [
            {
                "effective_from": s.effective_from,
                "split": s.label,
                "shares": {p: _percent(s.weights[p]) for p in PARTIES},
                "why": s.why,
                "citation": s.citation,
                "source": s.source,
            }
            for s in segments
        ],
        "lines": lines,
    }


def _pieces(
    start: dt.date, end: dt.date, segments: list[Split]
) -> list[tuple[Split, dt.date, dt.date]]:
    """The parts of [start, end] under each segment in force."""
    pieces = []
    for index, segment in enumerate(segments):
        seg_end = segments[index + 1].effective_from - ONE_DAY if index + 1 < len(segments) else end
        a, b = max(start, segment.effective_from), min(end, seg_end)
        if a <= b:
            pieces.append((segment, a, b))
    return pieces


def _allocate_many(total: int, weights: list[Fraction]) -> list[int]:
    """Largest remainder over any number of parts (ties to the earlier part)."""
    if total < 0:
        return [-x for x in _allocate_many(-total, weights)]
    exact = [total * w for w in weights]
    parts = [int(x) for x in exact]
    left = total - sum(parts)
    order = sorted(range(len(weights)), key=lambda i: (-(exact[i] - parts[i]), i))
    for i in order[:left]:
        parts[i] += 1
    return parts


def _negate(parts: dict[Party, int]) -> dict[Party, int]:
    return {p: -v for p, v in parts.items()}


def _percent(weight: Fraction) -> float:
    """A share in percent, as a number of at most four decimals."""
    return round(float(weight * 100), 4)
