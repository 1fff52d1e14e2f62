"""The audit log: who read or changed which case, when, from which organisation.

Append-only (the database refuses UPDATE and DELETE). Writes are logged in the same
transaction as the change; reads are logged before the answer is sent, and if the row cannot be
written the request fails.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable
from typing import Any

import sqlite_utils

from samverkan.access.keys import Principal
from samverkan.kernel.answers import utc
from samverkan.kernel.clock import Clock
from samverkan.kernel.errors import Forbidden, field_error
from samverkan.kernel.i18n import _
from samverkan.models import Base
from samverkan.store import sql
from samverkan.store.db import Store

COLUMNS = (
    "id",
    "at",
    "org",
    "key_id",
    "action",
    "object_type",
    "object_id",
    "individual_ref",
    "agreement",
)


class AuditEntry(Base, kw_only=True):
    """One row of the audit log: who read or changed which case, when (UTC)."""

    id: int
    at: dt.datetime
    org: str
    key_id: str
    action: str
    object_type: str
    object_id: str
    individual_ref: str | None
    agreement: str | None


def entry(row: dict[str, Any]) -> AuditEntry:
    return AuditEntry(**{**row, "at": utc(row["at"])})


class Audit:
    def __init__(self, store: Store, clock: Clock):
        self.store = store
        self.clock = clock

    def record(
        self,
        db: sqlite_utils.Database,
        principal: Principal,
        action: str,
        objects: Iterable[dict[str, Any]],
    ) -> None:
        """One row per object touched. ``objects`` carry ``object_type``, ``object_id`` and,
        where known, ``individual_ref`` and ``agreement``."""
        at = self.clock.now().isoformat(timespec="milliseconds")
        rows = [
            {
                "at": at,
                "org": principal.org,
                "key_id": principal.key_id,
                "action": action,
                "object_type": o["object_type"],
                "object_id": o["object_id"],
                "individual_ref": o.get("individual_ref"),
                "agreement": o.get("agreement"),
            }
            for o in objects
        ]
        if rows:
            sql.insert_many(db, "audit_log", rows)

    def read(self, principal: Principal, action: str, objects: Iterable[dict[str, Any]]) -> None:
        """Log reads in their own transaction, before the answer goes out."""
        with self.store.write() as db:
            self.record(db, principal, action, objects)

    def query(
        self,
        principal: Principal,
        *,
        org: str | None = None,
        object_type: str | None = None,
        object_id: str | None = None,
        individual_ref: str | None = None,
        since: dt.date | None = None,
        until: dt.date | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> dict[str, Any]:
        """A page of the rows about the agreements the admin key administers (scoped in the
        query); 403 for any other key."""
        if principal.role != "admin":
            raise Forbidden(
                _(
                    "only an admin key may read the audit log; this key's role is %(role)s",
                    role=principal.role,
                ),
                title=_("The audit log is for admin keys"),
                errors=[
                    field_error(
                        "Authorization",
                        _("an admin key of the agreements concerned"),
                        where="header",
                    )
                ],
            )
        agreements = principal.admin_agreements
        where = [f"agreement IN ({','.join('?' * len(agreements))})"] if agreements else ["0"]
        params: list[Any] = list(agreements)
        for column, value in (
            ("org", org),
            ("object_type", object_type),
            ("object_id", object_id),
            ("individual_ref", individual_ref),
        ):
            if value is not None:
                where.append(f"{column} = ?")
                params.append(value)
        if since is not None:
            where.append("at >= ?")
            params.append(since.isoformat())
        if until is not None:
            where.append("at < ?")
            params.append((until + dt.timedelta(days=1)).isoformat())
        clause = " AND ".join(where)
        with self.store.read() as db:
            total = int(
                db.execute(f"SELECT COUNT(*) FROM audit_log WHERE {clause}", params).fetchone()[0]
            )
            rows = list(
                db.query(
                    f"SELECT * FROM audit_log WHERE {clause} ORDER BY id LIMIT ? OFFSET ?",
                    [*params, limit, offset],
                )
            )
        return {
            "items": rows,
            "total": total,
            "limit": limit,
            "offset": offset,
            "next_offset": offset + limit if offset + limit < total else None,
        }

    @staticmethod
    def to_csv(rows: list[dict[str, Any]]) -> str:
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=COLUMNS, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
        return out.getvalue()

    @staticmethod
    def export(store: Store, since: dt.date | None, until: dt.date | None) -> list[dict[str, Any]]:
        """Every row from ``since`` to ``until`` (both inclusive, either open), oldest first."""
        where, params = [], []
        if since:
            where.append("at >= ?")
            params.append(since.isoformat())
        if until:
            where.append("at < ?")
            params.append((until + dt.timedelta(days=1)).isoformat())
        clause = (" WHERE " + " AND ".join(where)) if where else ""
        with store.read() as db:
            return list(db.query(f"SELECT * FROM audit_log{clause} ORDER BY id", params))
