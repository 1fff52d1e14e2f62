"""The notification outbox and its webhook deliveries.

A notification is written in the same transaction as the firing that causes it; its unique
``dedupe_key`` makes the insert the claim, so an event exists once however often sweeps run.
Each configured webhook gets a delivery row in that transaction too. Deliveries are signed
(HMAC-SHA256 over the exact body), carry the notification's ``uid`` as ``Idempotency-Key``,
are retried with exponential back-off, and after ``max_attempts`` are marked failed: visible
in the API, never dropped.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import logging
from collections.abc import Callable
from typing import Any

import httpx
import sqlite_utils

from samverkan.kernel.clock import Clock
from samverkan.kernel.config import WebhookConfig
from samverkan.kernel.logsafe import quote
from samverkan.store.db import Store
from samverkan.store.ids import new_id

log = logging.getLogger("samverkan.notify")


def signature(key: bytes, body: bytes) -> str:
    """The ``X-Samverkan-Signature`` header value: ``sha256=<hex>``."""
    return "sha256=" + hmac.new(key, body, hashlib.sha256).hexdigest()


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

    @staticmethod
    def view(row: dict[str, Any], deliveries: list[dict[str, Any]]) -> dict[str, Any]:
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
                self.view(
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

    # -- deliveries -----------------------------------------------------------------------

    def deliver_due(
        self, client: httpx.Client, limit: int = 50, stop: Callable[[], bool] | None = None
    ) -> int:
        """Deliver what is due; returns how many were attempted. Safe to run anywhere: each
        delivery is leased just before it is sent (not a whole batch up front, whose later
        leases could run out while earlier ones are still being sent), so two runners never
        send it at the same time."""
        stamp = dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds")
        with self.store.read() as db:
            due = [
                (r["notification_id"], r["webhook"])
                for r in db.query(
                    "SELECT notification_id, webhook FROM deliveries WHERE status = 'pending' "
                    "AND next_attempt_at <= ? AND (lease_until IS NULL OR lease_until < ?) "
                    "ORDER BY notification_id LIMIT ?",
                    [stamp, stamp, limit],
                )
                if r["webhook"] in self.webhooks
            ]
        sent = 0
        for notification_id, webhook in due:
            if stop is not None and stop():  # shutting down: the rest stay pending
                break
            claimed = self._claim(notification_id, webhook)
            if claimed is not None:
                self._send(client, claimed)
                sent += 1
        return sent

    def _claim(self, notification_id: int, webhook: str) -> dict[str, Any] | None:
        """Lease one delivery if it is still due and unleased; its row, or None."""
        now = dt.datetime.now(dt.UTC)
        stamp = now.isoformat(timespec="milliseconds")
        hook = self.webhooks[webhook]
        until = (now + dt.timedelta(seconds=hook.timeout_seconds * 2 + 1)).isoformat(
            timespec="milliseconds"
        )
        with self.store.write() as db:
            cursor = db.execute(
                "UPDATE deliveries SET lease_until = ? WHERE notification_id = ? AND webhook = ? "
                "AND status = 'pending' AND next_attempt_at <= ? "
                "AND (lease_until IS NULL OR lease_until < ?)",
                [until, notification_id, webhook, stamp, stamp],
            )
            if cursor.rowcount != 1:
                return None
            return next(
                db.query(
                    "SELECT d.*, n.uid, n.payload, n.event, n.subject_type, n.subject_id, "
                    "n.agreement, n.municipality, n.fire_on, n.deadline_id, n.created_at "
                    "FROM deliveries d JOIN notifications n ON n.id = d.notification_id "
                    "WHERE d.notification_id = ? AND d.webhook = ?",
                    [notification_id, webhook],
                )
            )

    def _send(self, client: httpx.Client, d: dict[str, Any]) -> None:
        hook = self.webhooks[d["webhook"]]
        body = json.dumps(
            self.view({**d, "id": d["notification_id"]}, []) | {"deliveries": None},
            ensure_ascii=False,
            separators=(",", ":"),
        ).encode()
        error = None
        try:
            response = client.post(
                hook.url,
                content=body,
                timeout=hook.timeout_seconds,
                headers={
                    "content-type": "application/json",
                    "X-Samverkan-Signature": signature(hook.key(), body),
                    "X-Samverkan-Notification": str(d["notification_id"]),
                    "Idempotency-Key": d["uid"],
                },
            )
            if not 200 <= response.status_code < 300:
                error = f"HTTP {response.status_code}"
        except httpx.HTTPError as exc:
            error = f"{type(exc).__name__}: {exc}"
        now = dt.datetime.now(dt.UTC)
        attempts = d["attempts"] + 1
        with self.store.write() as db:
            if error is None:
                db.execute(
                    "UPDATE deliveries SET status = 'delivered', attempts = ?, delivered_at = ?, "
                    "lease_until = NULL, last_error = NULL WHERE notification_id = ? AND webhook = ? "
                    "AND status = 'pending'",
                    [
                        attempts,
                        now.isoformat(timespec="seconds"),
                        d["notification_id"],
                        d["webhook"],
                    ],
                )
                return
            failed = attempts >= hook.max_attempts
            wait = hook.backoff_seconds * 2 ** (attempts - 1)
            db.execute(
                "UPDATE deliveries SET status = ?, attempts = ?, next_attempt_at = ?, "
                "lease_until = NULL, last_error = ? WHERE notification_id = ? AND webhook = ? "
                "AND status = 'pending'",
                [
                    "failed" if failed else "pending",
                    attempts,
                    (now + dt.timedelta(seconds=wait)).isoformat(timespec="milliseconds"),
                    error,
                    d["notification_id"],
                    d["webhook"],
                ],
            )
        log.warning(
            "delivery of notification %s to %s failed (%s), attempt %s%s",
            d["notification_id"],
            d["webhook"],
            quote(error),
            attempts,
            "; marked failed" if failed else "",
        )
