"""Bounds on what a request may carry: the dates the service accepts.

Every date a client sends (in a body or a query) lies in 2000-01-01 – 2099-12-31: the cases
the service tracks happen in this century, and a date such as 9999-12-31 is a typing error or
a probe, never a fact (it would also overflow date arithmetic a year later).
"""

from __future__ import annotations

import datetime as dt
import re

from samverkan.kernel.i18n import _
from samverkan.models import Base

FIRST_DAY = dt.date(2000, 1, 1)
LAST_DAY = dt.date(2099, 12, 31)
DATE_RANGE = f"{FIRST_DAY} – {LAST_DAY}"
#: the one shape a date takes in a query or JSON (msgspec accepts no other)
ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def out_of_range(day: dt.date) -> str | None:
    """Why ``day`` is refused, or ``None`` when it is within the accepted range."""
    if FIRST_DAY <= day <= LAST_DAY:
        return None
    return _(
        "%(day)s is outside the dates the service accepts (%(range)s)",
        day=day.isoformat(),
        range=DATE_RANGE,
    )


class RequestBody(Base, kw_only=True):
    """A request body (or a part of one): each date field is checked as it is decoded.

    The error names the field (msgspec adds the path of a nested part), so the client sees
    e.g. ``adjustment.effective_from: 9999-12-31 is outside …``.
    """

    def __post_init__(self) -> None:
        for name in self.__struct_fields__:
            value = getattr(self, name)
            if isinstance(value, dt.date) and (why := out_of_range(value)):
                raise ValueError(f"`{name}`: {why}")
