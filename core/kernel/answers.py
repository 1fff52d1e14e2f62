"""The shapes every answer shares (docs/api-conventions.md): the version an answer rests on,
amounts and shares keyed by party, a remark about a field, a page of a list, and timestamps.

Each is a msgspec Struct, so the OpenAPI document names it and a generated client decodes it.
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any, Literal

import msgspec

from samverkan.models import Base, Citation

Location = Literal["body", "query", "header", "path"]


class VersionRef(Base, kw_only=True):
    """The agreement version an answer rests on (or, as ``source``, supplied a rule)."""

    agreement: str
    key: str


class PartyAmounts(Base, kw_only=True):
    """An amount in öre for each party; both always present."""

    region: int
    municipality: int


class PartyShares(Base, kw_only=True):
    """Each party's share in percent, at most four decimals (the computation is exact)."""

    region: float
    municipality: float


class Remark(Base, kw_only=True):
    """One field at fault (in a problem's ``errors``) or worth a warning (in ``warnings``).

    :param field: a dotted path into the body, or a query parameter or header name.
    :param in_: where the field is: ``body``, ``query``, ``header`` or ``path``.
    :param message: what was wrong and what is allowed.
    :param rule: the citation of the agreement's rule, where one is broken.
    :param strength: that rule's force (``shall``, ``should``, ``may``).
    :param label: the Swedish label of a form field, where the field is one.
    """

    field: str
    in_: Location = msgspec.field(default="body", name="in")
    message: str
    rule: Citation | None = None
    strength: str | None = None
    label: str | None = None


def remark(entry: dict[str, Any]) -> Remark:
    """A stored or built field-error dict as a :class:`Remark`."""
    return msgspec.convert(entry, Remark)


def percent(value: Any) -> float:
    """A share given as a number or text, as a JSON number of at most four decimals."""
    return round(float(value), 4)


def utc(stamp: str | None, precise: bool = False) -> dt.datetime | None:
    """A stored timestamp (any offset) in UTC (shown as ``…Z``), to the second; ``precise``
    keeps the fraction (a webhook delivery's times, where retries are seconds apart)."""
    if not stamp:
        return None
    moment = dt.datetime.fromisoformat(stamp)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    moment = moment.astimezone(dt.UTC)
    return moment if precise else moment.replace(microsecond=0)


@functools.cache
def page_of(item: type) -> type[msgspec.Struct]:
    """The page envelope of ``item`` (the schema ``Page_<Item>``): ``items``, ``total``,
    ``limit``, ``offset`` and ``next_offset`` (``null`` on the last page)."""
    return msgspec.defstruct(
        f"Page_{item.__name__}",
        [
            ("items", list[item]),  # type: ignore[valid-type]
            ("total", int),
            ("limit", int),
            ("offset", int),
            ("next_offset", int | None),
        ],
        kw_only=True,
        frozen=True,
        forbid_unknown_fields=True,
        module=item.__module__,
    )


def page(item: type, found: dict[str, Any]) -> Any:
    """A page dict (``store.paging.page``) as the typed envelope of ``item``."""
    return msgspec.convert(found, page_of(item))
