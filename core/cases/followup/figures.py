"""The figures' shapes filled in: a count per agreement, a breakdown by key, percentiles, and
the versions a period spans. Shared by every section of the report."""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from samverkan.cases.followup import texts
from samverkan.cases.followup.schemas import Breakdown, Count, Item
from samverkan.kernel.errors import ProblemError
from samverkan.kernel.registry import InForce, Registry
from samverkan.kernel.validity import Term


@dataclass
class Tally:
    """Numbers per key and agreement, for the agreements the report counts (each present in
    every figure, zeros included)."""

    agreements: tuple[str, ...]
    lang: texts.Language
    values: dict[str, dict[str, int]] = field(default_factory=lambda: defaultdict(dict))

    def add(self, key: str, agreement: str, value: int | None = 1) -> None:
        found = self.values[key]
        found[agreement] = found.get(agreement, 0) + int(value or 0)

    def per_agreement(self, key: str) -> dict[str, int]:
        found = self.values.get(key, {})
        return {a: found.get(a, 0) for a in self.agreements}

    def count(self, key: str, counted: str | None = None) -> Count:
        """The figure ``key``; explained by ``texts.COUNTED[counted or key]``."""
        per = self.per_agreement(key)
        return Count(
            value=sum(per.values()),
            by_agreement=per,
            counted=texts.counted(counted or key, self.lang),
        )

    def breakdown(self, prefix: str, keys: Iterable[str], counted: str) -> Breakdown:
        """The figures ``prefix.<key>`` for ``keys`` (in order) and any other key found."""
        found = [k.split(".", 1)[1] for k in self.values if k.startswith(prefix + ".")]
        ordered = list(dict.fromkeys([*keys, *sorted(found)]))
        items = []
        for key in ordered:
            per = self.per_agreement(f"{prefix}.{key}")
            items.append(
                Item(
                    key=key,
                    label=texts.label(f"{prefix}.{key}", self.lang),
                    value=sum(per.values()),
                    by_agreement=per,
                )
            )
        return Breakdown(items=items, counted=texts.counted(counted, self.lang))


def nearest_rank(values: list[int], percent: int) -> int | None:
    """The ``percent``th percentile by nearest rank (the smallest value with at least that
    share of the values at or below it); ``None`` for no values."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(1, math.ceil(percent * len(ordered) / 100)) - 1]


def in_period(day: str | None, first: dt.date, last: dt.date) -> bool:
    return day is not None and first.isoformat() <= day <= last.isoformat()


def versions_in_force(
    registry: Registry, agreement: str, first: dt.date, last: dt.date
) -> list[InForce]:
    """The versions in force on some day of the period, in order (one per version): asked on
    the period's first day and on every day a version of the agreement or of what it refines
    begins or ends inside it."""
    days = {first}
    lineage = [agreement]
    while (parent := registry.agreement(lineage[-1]).parent) is not None:
        lineage.append(parent)
    for name in lineage:
        for version in registry.agreement(name).versions:
            term: Term = registry.term(name, version.key)
            ends = [e for e in (version.valid_to, term.ends_on) if e and e < dt.date.max]
            for day in [version.valid_from, *(e + dt.timedelta(days=1) for e in ends)]:
                if first < day <= last:
                    days.add(day)
    found: dict[tuple[str, str], InForce] = {}
    for day in sorted(days):
        try:
            in_force = registry.in_force(agreement, day)
        except ProblemError:
            continue
        found.setdefault((in_force.version_agreement, in_force.version.key), in_force)
    return list(found.values())
