"""Calendar arithmetic for the agreements' time limits, and what a date falls on.

"30 dagar" is 30 calendar days; "en månad" is one calendar month, clamped to the month's
last day (2025-01-31 + 1 month = 2025-02-28). A due date is never moved off a weekend or
holiday (no text says so); the answer only says what day it falls on.
"""

from __future__ import annotations

import calendar
import datetime as dt
from functools import lru_cache
from typing import TYPE_CHECKING

from samverkan.kernel.i18n import N_, _, language
from samverkan.models import Period

if TYPE_CHECKING:
    import holidays

WEEKDAYS = (
    N_("Monday"),
    N_("Tuesday"),
    N_("Wednesday"),
    N_("Thursday"),
    N_("Friday"),
    N_("Saturday"),
    N_("Sunday"),
)


def add_months(start: dt.date, months: int) -> dt.date:
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    day = min(start.day, calendar.monthrange(year, month)[1])
    return dt.date(year, month, day)


def add_period(start: dt.date, period: Period, *, sign: int = 1) -> dt.date:
    """``start`` plus (or, with ``sign=-1``, minus) a period of calendar days, months or years."""
    if period.unit == "days":
        return start + dt.timedelta(days=sign * period.amount)
    months = period.amount * (12 if period.unit == "years" else 1)
    return add_months(start, sign * months)


@lru_cache(maxsize=64)
def _swedish_holidays(year: int, lang: str = "sv") -> holidays.HolidayBase:
    import holidays  # on first use: not needed to start the service

    names = "sv" if lang == "sv" else "en_US"
    return holidays.country_holidays("SE", years=year, language=names, categories=("public",))


def day_facts(day: dt.date) -> dict[str, object]:
    """Weekday, weekend, and Swedish public holiday (by name) of a date."""
    name = _swedish_holidays(day.year, language()).get(day)
    # Midsommarafton, julafton and nyårsafton count as holidays for statutory time limits
    # (lag (1930:173) om beräkning av lagstadgad tid, 2 §): flagged, never moved.
    eve = None
    if day.month == 12 and day.day == 24:
        eve = _("Christmas Eve")
    elif day.month == 12 and day.day == 31:
        eve = _("New Year's Eve")
    elif day.month == 6 and day.weekday() == 4 and 19 <= day.day <= 25:
        eve = _("Midsummer Eve")
    return {
        "weekday": _(WEEKDAYS[day.weekday()]),
        "weekend": day.weekday() >= 5,
        "public_holiday": name,
        "holiday_eve": eve,
        "working_day": day.weekday() < 5 and name is None and eve is None,
    }


def describe_period(period: Period) -> str:
    """The period in words, in the answer's language."""
    n = period.amount
    if period.unit == "days":
        return _("1 calendar day") if n == 1 else _("%(n)s calendar days", n=n)
    if period.unit == "years":
        return _("1 year") if n == 1 else _("%(n)s years", n=n)
    if n == 1:
        return _("1 calendar month (clamped to the month's last day)")
    return _("%(n)s calendar months (clamped to the month's last day)", n=n)
