"""Webhook deliveries: what the outbox queued, sent to each configured receiver.

Deliveries are signed (HMAC-SHA256 over the exact body), carry the notification's ``uid`` as
``Idempotency-Key``, are retried with exponential back-off, and after ``max_attempts`` are
marked failed: visible in the API, never dropped.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import msgspec

from samverkan.delivery.outbox import notification_view
from samverkan.kernel.config import WebhookConfig
from samverkan.kernel.logsafe import quote
from samverkan.store.db import Store

if TYPE_CHECKING:
    import httpx

log = logging.getLogger("samverkan.notify")


def signature(key: bytes, body: bytes) -> str:
    """The ``X-Samverkan-Signature`` header value: ``sha256=<hex>``."""
    return "sha256=" + hmac.new(key, body, hashlib.sha256).hexdigest()


class Webhooks:
    """Sends the pending deliveries to the configured webhooks."""

    def __init__(self, store: Store, webhooks: list[WebhookConfig]):
        self.store = store
        self.webhooks = {hook.name: hook for hook in webhooks}

    def deliver_due(
        self,
        client: Callable[[], httpx.Client],
        limit: int = 50,
        stop: Callable[[], bool] | None = None,
    ) -> int:
        """Deliver what is due; returns how many were attempted. Safe to run anywhere: each
        delivery is leased just before it is sent (not a whole batch up front, whose later
        leases could run out while earlier ones are still being sent), so two runners never
        send it at the same time. ``client`` gives the HTTP client (made on first use)."""
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
                self._send(client(), claimed)
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
        import httpx

        hook = self.webhooks[d["webhook"]]
        body = msgspec.json.encode(notification_view({**d, "id": d["notification_id"]}, None))
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
