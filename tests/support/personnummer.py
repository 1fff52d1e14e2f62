"""Test personnummer, built in code: each from a date, a birth number and its computed Luhn
check digit (a hook refuses personnummer-shaped literals in the repository)."""

from __future__ import annotations

import datetime as dt

from samverkan.access.pnr import luhn_ok


def check_digit(nine: str) -> str:
    """The Luhn digit that completes the nine digits YYMMDDNNN."""
    return next(str(c) for c in range(10) if luhn_ok(nine + str(c)))


def number(day: dt.date, birth: int, *, form: str, sep: str, coordination: bool = False) -> str:
    """A personnummer (or samordningsnummer: the day plus 60) for ``day``.

    :param form: ``"10"`` (YYMMDD) or ``"12"`` (YYYYMMDD).
    """
    dd = day.day + (60 if coordination else 0)
    six = f"{day.year % 100:02d}{day.month:02d}{dd:02d}"
    tail = f"{birth:03d}"
    tail += check_digit(six + tail)
    head = f"{day.year:04d}{day.month:02d}{dd:02d}" if form == "12" else six
    return head + sep + tail
