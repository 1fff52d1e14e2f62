"""A placement's rows: the placement, its written cost agreements and its cost entries
(both append-only), and the disputes linked to it. Every function runs inside the caller's
transaction."""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlite_utils

from samverkan.store import sql
from samverkan.store.paging import visible_one

Row = dict[str, Any]


def load(db: sqlite_utils.Database, placement_id: str, scope: Any = None) -> Row:
    """The placement, if the caller may see it; 404 alike for missing and not-yours."""
    return visible_one(db, "placements", placement_id, scope, "placement")


def insert(db: sqlite_utils.Database, row: Row) -> None:
    sql.insert(db, "placements", row)


def update(db: sqlite_utils.Database, placement_id: str, changes: dict[str, Any]) -> None:
    sql.update(db, "placements", placement_id, changes)


def _next_seq(db: sqlite_utils.Database, table: str, placement_id: str) -> int:
    """The number after the placement's last record: both tables are append-only and
    numbered from 1, and ``UNIQUE (placement_id, seq)`` finds the last in its index (a count
    would read every record of the placement)."""
    return int(
        db.execute(
            f"SELECT COALESCE(MAX(seq), 0) + 1 FROM {table} WHERE placement_id = ?",
            [placement_id],
        ).fetchone()[0]
    )


def add_cost_agreement(db: sqlite_utils.Database, record: Row) -> Row:
    """Append a cost agreement, numbered after the placement's last; returns the record."""
    record = {**record, "seq": _next_seq(db, "cost_agreements", record["placement_id"])}
    sql.insert(db, "cost_agreements", record)
    return record


def add_cost_entry(db: sqlite_utils.Database, record: Row) -> Row:
    """Append a cost entry, numbered after the placement's last; returns the record."""
    record = {**record, "seq": _next_seq(db, "cost_entries", record["placement_id"])}
    sql.insert(db, "cost_entries", record)
    return record


def cost_agreements(
    db: sqlite_utils.Database, placement_id: str, agreed_by: dt.date | None = None
) -> list[Row]:
    """The placement's cost agreements in order (``agreed_by``: those agreed by that day)."""
    if agreed_by is None:
        query, params = "", [placement_id]
    else:
        query, params = " AND agreed_on <= ?", [placement_id, agreed_by.isoformat()]
    return list(
        db.query(
            f"SELECT * FROM cost_agreements WHERE placement_id = ?{query} ORDER BY seq", params
        )
    )


def cost_entries(
    db: sqlite_utils.Database, placement_id: str, starting_by: dt.date | None = None
) -> list[Row]:
    """The placement's cost entries in order (``starting_by``: periods starting by that day)."""
    if starting_by is None:
        query, params = "", [placement_id]
    else:
        query, params = " AND period_from <= ?", [placement_id, starting_by.isoformat()]
    return list(
        db.query(f"SELECT * FROM cost_entries WHERE placement_id = ?{query} ORDER BY seq", params)
    )


def disputes(db: sqlite_utils.Database, placement_id: str) -> list[Row]:
    """The disputes linked to the placement, in the order they were opened."""
    return list(
        db.query("SELECT * FROM disputes WHERE placement_id = ? ORDER BY opened_on", [placement_id])
    )


def resolved_disputes(db: sqlite_utils.Database, placement_id: str, by: dt.date) -> list[Row]:
    """The linked disputes resolved by ``by`` (their outcome may adjust the split)."""
    return list(
        db.query(
            "SELECT * FROM disputes WHERE placement_id = ? AND status = 'resolved' "
            "AND closed_on <= ?",
            [placement_id, by.isoformat()],
        )
    )
