"""An agreement's versions on a time line, drawn on the server as SVG (no script, no inline
style: the page's CSP allows neither). Its numbers are also in a table beside it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from samverkan.kernel.i18n import _
from samverkan.kernel.rule_answers import AgreementInfo

#: the drawing's width in its own units (the SVG scales to the page)
WIDTH = 1000
#: how far an agreement that extends itself (no last day) is drawn past its text's own term
OPEN_END_YEARS = 3


@dataclass(frozen=True)
class Bar:
    key: str
    label: str
    x: float
    width: float
    y: int
    valid_from: dt.date
    ends_on: dt.date | None
    open_end: bool


@dataclass(frozen=True)
class Timeline:
    """Bars in a 0–1000 wide coordinate space, one row per version, and the year ticks."""

    bars: list[Bar]
    years: list[tuple[float, int]]
    today: float | None
    height: int
    label: str


def timeline(agreements: list[AgreementInfo], today: dt.date) -> dict[str, Timeline]:
    """One time line per agreement, all on the same axis (so they compare by eye)."""
    spans = [
        (
            term.valid_from,
            term.ends_on or term.text_ends_on.replace(year=term.text_ends_on.year + OPEN_END_YEARS),
        )
        for a in agreements
        for term in a.terms
    ]
    if not spans:
        return {}
    first = dt.date(min(start for start, _end in spans).year, 1, 1)
    last = dt.date(max(end for _start, end in spans).year + 1, 1, 1)
    total = (last - first).days

    def x(day: dt.date) -> float:
        return round(WIDTH * (min(max(day, first), last) - first).days / total, 1)

    years = [(x(dt.date(year, 1, 1)), year) for year in range(first.year, last.year + 1)]
    drawn = {}
    for agreement in agreements:
        bars = []
        for row, term in enumerate(agreement.terms):
            open_end = term.ends_on is None
            end = spans_end(term.text_ends_on, term.ends_on)
            bars.append(
                Bar(
                    key=term.version.key,
                    label=term.version.key,
                    x=x(term.valid_from),
                    width=max(x(end) - x(term.valid_from), 2.0),
                    y=row,
                    valid_from=term.valid_from,
                    ends_on=term.ends_on,
                    open_end=open_end,
                )
            )
        drawn[agreement.id] = Timeline(
            bars=bars,
            years=years,
            today=x(today) if first <= today <= last else None,
            height=len(bars),
            label=_(
                "%(agreement)s: versions on a time line, see the table", agreement=agreement.id
            ),
        )
    return drawn


def spans_end(text_ends_on: dt.date, ends_on: dt.date | None) -> dt.date:
    if ends_on is not None:
        return ends_on
    return text_ends_on.replace(year=text_ends_on.year + OPEN_END_YEARS)
