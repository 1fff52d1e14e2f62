"""``Idempotency-Key`` for creating requests: the same key and body replay the first answer.

Keys are scoped to the calling organisation, so one organisation's key never finds another's
answer. The answer is stored in the same transaction as the change it reports.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

import sqlite_utils

from core.errors import InvalidInput, field_error


def body_hash(canonical: bytes) -> str:
    return hashlib.sha256(canonical).hexdigest()


def replay(
    db: sqlite_utils.Database, org: str, key: str, route: str, digest: str
) -> tuple[int, Any, dict[str, str]] | None:
    """The stored answer for this key, ``None`` if new; 422 if the key came with another body."""
    rows = list(db.query("SELECT * FROM idempotency_keys WHERE org = ? AND key = ?", [org, key]))
    if not rows:
        return None
    row = rows[0]
    if row["route"] != route or row["body_hash"] != digest:
        raise InvalidInput(
            "this Idempotency-Key was used with another request; use a new key for a new request",
            errors=[field_error("Idempotency-Key", "reuse a key only to retry the same request")],
        )
    return int(row["status"]), json.loads(row["response"]), json.loads(row["headers"])


def remember(
    db: sqlite_utils.Database,
    org: str,
    key: str,
    route: str,
    digest: str,
    status: int,
    response: Any,
    headers: dict[str, str],
    now: str,
) -> None:
    db["idempotency_keys"].insert(
        {
            "org": org,
            "key": key,
            "route": route,
            "body_hash": digest,
            "status": status,
            "response": json.dumps(response, ensure_ascii=False, default=str),
            "headers": json.dumps(headers),
            "created_at": now,
        }
    )
