"""Finding Swedish personnummer and samordningsnummer in text, so they are never stored.

The text is first brought to one normal form (:mod:`samverkan.access.textnorm`: any decimal digits, any
dash, format characters removed, escapes decoded). A match is then 10 digits (YYMMDD NNNC) or
12 digits (CCYYMMDD NNNC, century 18, 19 or 20), written

- as one run, or in groups split only where the number's parts meet: before the birth number
  by a space or two, ``-``, ``+``, ``.`` or ``/`` (with up to two spaces around it), and
  inside the date (between century, year, month and day) by spaces, ``.`` or ``/``, never a
  dash (``YY MM DD-NNNC``, ``YYYY.MM.DD/NNNC``; ``2026-03-20-1234`` is a date and a number);
- not glued to other digits (a longer run is an invoice number, not a personnummer);
- whose date part is a real calendar date (for a samordningsnummer the day plus 60; a ``+``
  before the birth number of the 10-digit form means a hundred years or older);
- whose last digit is the Luhn check digit over the 10-digit form.

Digits that merely look like one (an invoice number, a wrong check digit, a phone number
grouped as phone numbers are) are not matched.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from samverkan.access.textnorm import has_ten_digits, normalise

_CHAIN = re.compile(r"[0-9]+(?:(?: {0,2}[-+./] {0,2}| {1,2})[0-9]+)*")
_GROUP = re.compile(r"[0-9]+")
#: where a written number may be split (between its parts, never inside one): the main split
#: before the birth number, and the splits inside the date
_MAIN = {10: 6, 12: 8}
_SPLITS = {10: frozenset({2, 4, 6}), 12: frozenset({2, 4, 6, 8})}
_CENTURIES = frozenset({18, 19, 20})


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


def is_number(digits: str, centenarian: bool = False) -> bool:
    """Whether 10 or 12 digits are a valid personnummer or samordningsnummer.

    :param centenarian: the 10-digit form was written with ``+`` before the birth number.
    """
    if len(digits) == 12:
        if int(digits[:2]) not in _CENTURIES:
            return False
        ten = digits[2:]
        if not luhn_ok(ten):
            return False
        return _date_ok(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
    if len(digits) != 10 or not luhn_ok(digits):
        return False
    yy, month, day = int(digits[:2]), int(digits[2:4]), int(digits[4:6])
    centuries = (1800, 1900) if centenarian else (1900, 2000)
    return any(_date_ok(century + yy, month, day) for century in centuries)


def _candidates(text: str) -> Iterator[tuple[str, bool]]:
    """Each written 10- or 12-digit number in normalised ``text``: (digits, centenarian)."""
    for chain in _CHAIN.finditer(text):
        written = chain.group()
        if len(written) < 10:
            continue
        groups = [(g.start(), g.end()) for g in _GROUP.finditer(written)]
        if len(groups) == 1:
            if len(written) in _SPLITS:
                yield written, False
            continue
        for first in range(len(groups)):
            total = 0
            splits: dict[int, str] = {}  # digits before the split -> its separator
            for last in range(first, len(groups)):
                start, end = groups[last]
                if last > first:
                    splits[total] = written[groups[last - 1][1] : start]
                total += end - start
                if total > 12:
                    break
                if total in _SPLITS and _fits(total, splits):
                    digits = "".join(written[s:e] for s, e in groups[first : last + 1])
                    yield digits, total == 10 and "+" in splits.get(6, "")


def _fits(total: int, splits: dict[int, str]) -> bool:
    """Whether the splits fall between the number's parts; inside the date only spaces, ``.``
    or ``/`` (a ``-`` there is an ISO date: "2026-03-20-1234" is a date and a number)."""
    main = _MAIN[total]
    return all(
        at in _SPLITS[total] and (at == main or ("-" not in sep and "+" not in sep))
        for at, sep in splits.items()
    )


def contains_personnummer(text: str) -> bool:
    """Whether ``text`` holds a valid personnummer or samordningsnummer anywhere, however
    written (see the module docstring)."""
    if len(text) < 10 or not has_ten_digits(text):  # fewer digits hold no number
        return False
    return any(is_number(digits, plus) for digits, plus in _candidates(normalise(text)))
