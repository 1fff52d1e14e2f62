"""Filtered, paginated listings of a case table, and one case as its caller may see it."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import sqlite_utils

from samverkan.kernel.errors import NotFound
from samverkan.kernel.i18n import N_, _

#: what a missing row is called in the 404 (its table's case type)
NOUNS = {"dispute": N_("dispute"), "placement": N_("placement"), "deviation": N_("deviation")}


class Filter:
    """SQL conditions built up from optional filters; ``None`` values are left out."""

    def __init__(self, equal: Iterable[tuple[str, object | None]] = ()):
        self.conditions: list[str] = []
        self.params: list[object] = []
        for column, value in equal:
            if value is not None:
                self.add(f"{column} = ?", value)

    def add(self, condition: str, *params: object) -> None:
        self.conditions.append(condition)
        self.params.extend(params)

    def scoped(self, principal: Any, alias: str = "") -> Filter:
        """Keep only the rows the caller may see (inside the query, never afterwards)."""
        if principal is not None:
            condition, params = principal.visible(alias)
            self.add(condition, *params)
        return self

    def clause(self) -> str:
        return (" WHERE " + " AND ".join(self.conditions)) if self.conditions else ""


def page(
    db: sqlite_utils.Database,
    table: str,
    where: Filter,
    order_by: str,
    limit: int,
    offset: int,
    show: Callable[[dict[str, Any]], dict[str, Any]],
) -> dict[str, Any]:
    """One page of ``table``: ``items`` (each row through ``show``), ``total`` and offsets."""
    clause = where.clause()
    total = db.execute(f"SELECT COUNT(*) FROM {table}{clause}", where.params).fetchone()[0]
    rows = list(
        db.query(
            f"SELECT * FROM {table}{clause} ORDER BY {order_by} LIMIT ? OFFSET ?",
            [*where.params, limit, offset],
        )
    )
    return {
        "items": [show(row) for row in rows],
        "total": total,
        "limit": limit,
        "offset": offset,
        "next_offset": offset + limit if offset + limit < total else None,
    }


def visible_one(
    db: sqlite_utils.Database, table: str, row_id: str, scope: Any, noun: str
) -> dict[str, Any]:
    """The row, if the caller (``scope``, ``None``: the service itself) may see it; 404 alike
    for missing and not-yours, naming the ``noun``."""
    where = Filter((("id", row_id),)).scoped(scope)
    rows = list(db.query(f"SELECT * FROM {table}{where.clause()}", where.params))
    if not rows:
        raise NotFound(_("no %(noun)s %(id)s", noun=_(NOUNS.get(noun, noun)), id=row_id))
    return rows[0]
