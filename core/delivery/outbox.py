"""The notification outbox: what the service has to tell, and to whom.

A notification is written in the same transaction as the firing that causes it; its unique
``dedupe_key`` makes the insert the claim, so an event exists once however often sweeps run.
Each configured webhook gets a delivery row in that transaction too; :mod:`.webhooks` sends
them. The feed (``GET /api/v1/notifications``) shows each notification with its deliveries.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import sqlite_utils

from samverkan.kernel.clock import Clock
from samverkan.kernel.config import WebhookConfig
from samverkan.store.db import Store
from samverkan.store.ids import new_id


class Outbox:
    """:param parties: agreement id -> its region's code and municipalities' codes, for
    webhooks bound to an ``org``."""

    def __init__(
        self,
        store: Store,
        webhooks: list[WebhookConfig],
        clock: Clock,
        parties: dict[str, tuple[str, frozenset[str]]] | None = None,
    ):
        self.store = store
        self.webhooks = {hook.name: hook for hook in webhooks}
        self.clock = clock
        self.parties = parties or {}

    def _receives(self, hook: WebhookConfig, agreement: str, municipality: str | None) -> bool:
        """A webhook bound to an organisation gets only that organisation's notifications."""
        if not hook.org:
            return True
        region, municipalities = self.parties.get(agreement, ("", frozenset()))
        if municipality is not None:  # a case: its municipality and its region
            return hook.org in (municipality, region)
        return hook.org == region or hook.org in municipalities  # a notice about the agreement

    def emit(
        self,
        db: sqlite_utils.Database,
        *,
        dedupe_key: str,
        event: str,
        subject_type: str,
        subject_id: str,
        agreement: str,
        municipality: str | None,
        fire_on: dt.date,
        payload: dict[str, Any],
        deadline_id: str | None = None,
    ) -> int | None:
        """Insert the notification unless its key exists; returns its id if this call made it."""
        now = self.clock.now().isoformat(timespec="seconds")
        uid = new_id("ntf")
        cursor = db.execute(
            "INSERT OR IGNORE INTO notifications (uid, dedupe_key, event, deadline_id, "
            "subject_type, subject_id, agreement, municipality, fire_on, payload, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                uid,
                dedupe_key,
                event,
                deadline_id,
                subject_type,
                subject_id,
                agreement,
                municipality,
                fire_on.isoformat(),
                json.dumps(payload, ensure_ascii=False),
                now,
            ],
        )
        if cursor.rowcount != 1:
            return None
        notification_id = int(cursor.lastrowid or 0)
        # delivery times are real UTC (what deliver_due compares with), never the service date
        due = dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds")
        for name, hook in self.webhooks.items():
            if not self._receives(hook, agreement, municipality):
                continue
            db.execute(
                "INSERT INTO deliveries (notification_id, webhook, status, attempts, "
                "next_attempt_at) VALUES (?, ?, 'pending', 0, ?)",
                [notification_id, name, due],
            )
        return notification_id

    # -- reads ----------------------------------------------------------------------------

    def feed(
        self,
        after: int,
        limit: int,
        *,
        event: str | None = None,
        delivery_status: str | None = None,
        scope: Any = None,
    ) -> dict[str, Any]:
        where, params = ["n.id > ?"], [after]
        if scope is not None:  # the caller's cases, and notices about its agreements
            visible, visible_params = scope.visible("n")
            related = scope.related() or ("",)
            where.append(
                f"({visible} OR (n.municipality IS NULL AND n.agreement IN "
                f"({','.join('?' * len(related))})))"
            )
            params += [*visible_params, *related]
        if event:
            where.append("n.event = ?")
            params.append(event)
        if delivery_status:
            where.append(
                "EXISTS (SELECT 1 FROM deliveries d WHERE d.notification_id = n.id "
                "AND d.status = ?)"
            )
            params.append(delivery_status)
        with self.store.read() as db:
            rows = list(
                db.query(
                    f"SELECT n.* FROM notifications n WHERE {' AND '.join(where)} ORDER BY n.id "
                    "LIMIT ?",
                    [*params, limit],
                )
            )
            items = [
                notification_view(
                    r,
                    list(
                        db.query(
                            "SELECT * FROM deliveries WHERE notification_id = ? ORDER BY webhook",
                            [r["id"]],
                        )
                    ),
                )
                for r in rows
            ]
        return {"items": items, "next_cursor": items[-1]["id"] if items else after}


def notification_view(row: dict[str, Any], deliveries: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "id": row["id"],
        "uid": row["uid"],
        "event": row["event"],
        "subject": {"type": row["subject_type"], "id": row["subject_id"]},
        "agreement": row["agreement"],
        "municipality": row["municipality"],
        "deadline_id": row["deadline_id"],
        "fire_on": row["fire_on"],
        "created_at": row["created_at"],
        **json.loads(row["payload"]),
        "deliveries": [
            {
                k: d[k]
                for k in (
                    "webhook",
                    "status",
                    "attempts",
                    "next_attempt_at",
                    "last_error",
                    "delivered_at",
                )
            }
            for d in deliveries
        ],
    }
