"""Bounds on what a request may carry: the dates the service accepts.

Every date a client sends (in a body or a query) lies in 2000-01-01 – 2099-12-31: the cases
the service tracks happen in this century, and a date such as 9999-12-31 is a typing error or
a probe, never a fact (it would also overflow date arithmetic a year later).
"""

from __future__ import annotations

import datetime as dt
import re
from types import UnionType
from typing import Annotated, Any, Literal, Union, get_args, get_origin

import msgspec

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
        kind = type(self)
        names = _DATE_FIELDS.get(kind)
        if names is None:
            names = _DATE_FIELDS[kind] = date_fields(kind)
        for name in names:
            value = getattr(self, name)
            if isinstance(value, dt.date) and (why := out_of_range(value)):
                raise ValueError(f"`{name}`: {why}")


#: each request body type's fields that may hold a date (found once per type)
_DATE_FIELDS: dict[type, tuple[str, ...]] = {}


def date_fields(kind: type) -> tuple[str, ...]:
    """The fields of the Struct ``kind`` whose value may be a date: typed as one (or a union
    or ``Annotated`` holding one), or as something this cannot tell (``Any``, a type
    variable): a list or a mapping of dates is never a date itself."""
    return tuple(f.name for f in msgspec.structs.fields(kind) if _may_be_date(f.type))


def _may_be_date(kind: Any) -> bool:
    origin = get_origin(kind)
    if origin is Annotated:
        return _may_be_date(get_args(kind)[0])
    if origin in (Union, UnionType):
        return any(_may_be_date(arg) for arg in get_args(kind))
    if origin is Literal or kind is type(None) or kind is None:
        return False
    if origin is not None:  # list[...], dict[...], tuple[...]: a container, never a date
        return False
    if isinstance(kind, type):
        return issubclass(kind, dt.date) or kind is object
    return True  # Any, a TypeVar, a NewType: it may be
