"""The notification outbox: what the service has to tell, and to whom.

A notification is written in the same transaction as the firing that causes it; its unique
``dedupe_key`` makes the insert the claim, so an event exists once however often sweeps run.
Each configured webhook gets a delivery row in that transaction too; :mod:`.webhooks` sends
them. The feed (``GET /api/v1/notifications``) shows each notification with its deliveries.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any, Literal

import msgspec
import sqlite_utils

from samverkan.kernel.answers import utc
from samverkan.kernel.clock import Clock
from samverkan.kernel.config import WebhookConfig
from samverkan.kernel.i18n import localised
from samverkan.models import Base, Citation
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
        offset: int = 0,
        event: str | None = None,
        delivery_status: str | None = None,
        scope: Any = None,
    ) -> NotificationFeed:
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
        clause = " AND ".join(where)
        with self.store.read() as db:
            total = db.execute(f"SELECT COUNT(*) FROM notifications n WHERE {clause}", params)
            count = int(total.fetchone()[0])
            rows = list(
                db.query(
                    f"SELECT n.* FROM notifications n WHERE {clause} ORDER BY n.id "
                    "LIMIT ? OFFSET ?",
                    [*params, limit, offset],
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
        return NotificationFeed(
            items=items,
            total=count,
            limit=limit,
            offset=offset,
            next_offset=offset + limit if offset + limit < count else None,
            after=after,
            next_cursor=items[-1].id if items else after,
        )


class Delivery(Base, kw_only=True):
    """One webhook's delivery of a notification."""

    webhook: str
    status: Literal["pending", "delivered", "failed"]
    attempts: int
    next_attempt_at: dt.datetime | None
    last_error: str | None
    delivered_at: dt.datetime | None


class Notification(Base, kw_only=True):
    """What the service had to tell, about a case (``subject_type``, ``subject_id``) or an
    agreement version; the deadline's fields where a deadline fired it (else ``null``).
    ``deliveries`` is ``null`` in a webhook's body."""

    id: int
    uid: str
    event: str
    subject_type: str
    subject_id: str
    agreement: str
    municipality: str | None
    deadline_id: str | None
    fire_on: dt.date
    created_at: dt.datetime
    title: str
    due_on: dt.date | None = None
    explanation: str | None = None
    citation: Citation | None = None
    strength: str | None = None
    is_setting: bool | None = None
    deadline_kind: str | None = None
    note: str | None = None
    deliveries: list[Delivery] | None


class NotificationFeed(Base, kw_only=True):
    """A page of the feed: the page envelope, plus ``after`` (the cursor asked with) and
    ``next_cursor`` (the ``after`` of the next poll; unchanged when nothing is new)."""

    items: list[Notification]
    total: int
    limit: int
    offset: int
    next_offset: int | None
    after: int
    next_cursor: int


def notification_view(row: dict[str, Any], deliveries: list[dict[str, Any]] | None) -> Notification:
    payload = localised(json.loads(row["payload"]))
    return Notification(
        id=row["id"],
        uid=row["uid"],
        event=row["event"],
        subject_type=row["subject_type"],
        subject_id=row["subject_id"],
        agreement=row["agreement"],
        municipality=row["municipality"],
        deadline_id=row["deadline_id"],
        fire_on=dt.date.fromisoformat(row["fire_on"]),
        created_at=utc(row["created_at"]),  # type: ignore[arg-type]
        title=str(payload.pop("title", "")),
        **msgspec.convert(payload, PayloadFields).__dict_fields__(),
        deliveries=None
        if deliveries is None
        else [
            Delivery(
                webhook=d["webhook"],
                status=d["status"],
                attempts=d["attempts"],
                next_attempt_at=utc(d["next_attempt_at"], precise=True),
                last_error=d["last_error"],
                delivered_at=utc(d["delivered_at"], precise=True),
            )
            for d in deliveries
        ],
    )


class PayloadFields(Base, kw_only=True):
    """What a firing stored besides the title (every field optional)."""

    due_on: dt.date | None = None
    explanation: str | None = None
    citation: Citation | None = None
    strength: str | None = None
    is_setting: bool | None = None
    deadline_kind: str | None = None
    note: str | None = None

    def __dict_fields__(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.__struct_fields__}
