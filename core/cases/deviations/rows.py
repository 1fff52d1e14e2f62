"""A deviation's rows: the deviation and its events (append-only). Every function runs
inside the caller's transaction."""

from __future__ import annotations

import json
from typing import Any

import msgspec
import sqlite_utils

from samverkan.store import sql
from samverkan.store.paging import visible_one

Row = dict[str, Any]


def load(db: sqlite_utils.Database, deviation_id: str, scope: Any = None) -> Row:
    """The deviation, if the caller may see it; 404 alike for missing and not-yours."""
    return visible_one(db, "deviations", deviation_id, scope, "deviation")


def insert(db: sqlite_utils.Database, row: Row) -> None:
    sql.insert(db, "deviations", row)


def update(db: sqlite_utils.Database, deviation_id: str, changes: dict[str, Any]) -> None:
    sql.update(db, "deviations", deviation_id, changes)


def append_event(db: sqlite_utils.Database, event: Row) -> None:
    """Append one event (numbered after the deviation's last); ``detail`` as data."""
    seq = db.execute(
        "SELECT COALESCE(MAX(seq), 0) + 1 FROM deviation_events WHERE deviation_id = ?",
        [event["deviation_id"]],
    ).fetchone()[0]
    detail = json.dumps(msgspec.to_builtins(event["detail"]), ensure_ascii=False)
    sql.insert(db, "deviation_events", {**event, "seq": seq, "detail": detail})


def events(db: sqlite_utils.Database, deviation_id: str) -> list[Row]:
    return list(
        db.query(
            "SELECT * FROM deviation_events WHERE deviation_id = ? ORDER BY seq", [deviation_id]
        )
    )
