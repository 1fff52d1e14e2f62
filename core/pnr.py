"""Finding Swedish personnummer and samordningsnummer in text, so they are never stored.

A match is 10 digits (YYMMDD-NNNC, separator ``-``, ``+`` or none) or 12 digits
(YYYYMMDD-NNNC), whose date part is a real calendar date (for a samordningsnummer the day is
increased by 60) and whose last digit is the Luhn check digit over the 10-digit form. Digits that
merely look like one (an invoice number, a wrong check digit) are not matched.
"""

from __future__ import annotations

import datetime as dt
import re

_CANDIDATE = re.compile(r"(?<![0-9])([0-9]{6}|[0-9]{8})([-+ ]?)([0-9]{4})(?![0-9])")


def luhn_ok(ten_digits: str) -> bool:
    total = 0
    for index, char in enumerate(ten_digits):
        value = int(char) * (2 if index % 2 == 0 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def _date_ok(year: int, month: int, day: int) -> bool:
    if day > 60:  # samordningsnummer: the day of birth plus 60
        day -= 60
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


def _is_number(date_part: str, separator: str, tail: str) -> bool:
    ten = date_part[-6:] + tail
    if not luhn_ok(ten):
        return False
    month, day = int(date_part[-4:-2]), int(date_part[-2:])
    if len(date_part) == 8:
        return _date_ok(int(date_part[:4]), month, day)
    yy = int(date_part[:2])
    centuries = (1800, 1900) if separator == "+" else (1900, 2000)
    return any(_date_ok(century + yy, month, day) for century in centuries)


def contains_personnummer(text: str) -> bool:
    """Whether ``text`` holds a valid personnummer or samordningsnummer anywhere."""
    if not any(char.isdigit() for char in text):
        return False
    return any(_is_number(m.group(1), m.group(2), m.group(3)) for m in _CANDIDATE.finditer(text))
