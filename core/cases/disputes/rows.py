"""A dispute's rows: the case, its events (append-only), and what it reads of a linked
placement. Every function runs inside the caller's transaction."""

from __future__ import annotations

import json
from typing import Any

import msgspec
import sqlite_utils

from samverkan.store import sql
from samverkan.store.paging import visible_one


def load(db: sqlite_utils.Database, dispute_id: str, scope: Any = None) -> dict[str, Any]:
    """The case, if the caller may see it; 404 alike for missing and not-yours."""
    return visible_one(db, "disputes", dispute_id, scope, "dispute")


def insert(db: sqlite_utils.Database, row: dict[str, Any]) -> None:
    sql.insert(db, "disputes", row)


def update(db: sqlite_utils.Database, dispute_id: str, changes: dict[str, Any]) -> None:
    sql.update(db, "disputes", dispute_id, changes)


def last_step_on(db: sqlite_utils.Database, dispute_id: str) -> str | None:
    """The day of the case's last recorded step."""
    return db.execute(
        "SELECT MAX(on_date) FROM dispute_events WHERE dispute_id = ?", [dispute_id]
    ).fetchone()[0]


def append_event(
    db: sqlite_utils.Database, event: dict[str, Any], first: bool = False
) -> dict[str, Any]:
    """Append one event (numbered after the case's last; ``first``: the new case's first, 1);
    ``detail`` and ``citation`` as data. Returns the event's columns as stored (but its row
    id)."""
    seq = (
        1
        if first
        else db.execute(
            "SELECT COALESCE(MAX(seq), 0) + 1 FROM dispute_events WHERE dispute_id = ?",
            [event["dispute_id"]],
        ).fetchone()[0]
    )
    stored = {
        **event,
        "seq": seq,
        "detail": json.dumps(msgspec.to_builtins(event["detail"]), ensure_ascii=False),
        "citation": json.dumps(event["citation"], ensure_ascii=False),
    }
    sql.insert(db, "dispute_events", stored)
    return stored


def events(db: sqlite_utils.Database, dispute_id: str) -> list[dict[str, Any]]:
    return list(
        db.query("SELECT * FROM dispute_events WHERE dispute_id = ? ORDER BY seq", [dispute_id])
    )


def opener_org(db: sqlite_utils.Database, dispute_id: str) -> str | None:
    """The organisation that opened the case."""
    found = db.execute(
        "SELECT actor_org FROM dispute_events WHERE dispute_id = ? AND seq = 1", [dispute_id]
    ).fetchone()
    return found[0] if found else None


def placement(db: sqlite_utils.Database, placement_id: str) -> dict[str, Any] | None:
    """What a dispute reads of a linked placement, or ``None`` if there is none."""
    rows = list(
        db.query(
            "SELECT id, agreement, municipality, start_date, end_date, acute, home_kind, child, "
            "placing_party FROM placements WHERE id = ?",
            [placement_id],
        )
    )
    return rows[0] if rows else None
