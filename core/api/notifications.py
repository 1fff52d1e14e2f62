"""``/api/v1/notifications`` (a feed to poll), ``/api/v1/deadlines`` (what is watched) and
``/api/v1/audit`` (who read or changed which case)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from litestar import MediaType, Response, get
from litestar.params import QueryParameter

from samverkan.access.audit import Audit, AuditEntry, entry
from samverkan.api.conventions import Limit, Offset, Who
from samverkan.api.declare import READ, Named
from samverkan.cases.deadlines import Deadlines
from samverkan.cases.deadlines.answers import Deadline
from samverkan.delivery.outbox import NotificationFeed, Outbox
from samverkan.kernel.answers import page, page_of

DeadlinePage = page_of(Deadline)
AuditPage = page_of(AuditEntry)
Q = QueryParameter
#: what an audit row is about (``followup``: a follow-up report read)
ObjectType = Literal["dispute", "placement", "deviation", "followup"]


@get(
    "/api/v1/notifications",
    tags=["deadlines"],
    operation_id="listNotifications",
    summary="Notifications after a cursor, oldest first, with each webhook delivery's status",
    **READ,
)
async def notifications(
    caller: Who,
    outbox: Named[Outbox],
    after: Annotated[int, Q(ge=0, le=2**62, description="The last id you have seen.")] = 0,
    limit: Limit = 50,
    offset: Offset = 0,
    event: Annotated[str | None, Q()] = None,
    delivery_status: Annotated[Literal["pending", "delivered", "failed"] | None, Q()] = None,
) -> NotificationFeed:
    return outbox.feed(
        after,
        limit,
        offset=offset,
        event=event,
        delivery_status=delivery_status,
        scope=caller.principal,
    )


@get(
    "/api/v1/deadlines",
    tags=["deadlines"],
    summary="Deadlines, with their explanation",
    operation_id="listDeadlines",
    **READ,
)
async def deadlines(
    caller: Who,
    deadlines: Named[Deadlines],
    overdue: Annotated[bool | None, Q()] = None,
    agreement: Annotated[str | None, Q()] = None,
    municipality: Annotated[str | None, Q()] = None,
    due_before: Annotated[dt.date | None, Q()] = None,
    status: Annotated[Literal["open", "met", "closed"] | None, Q()] = "open",
    subject_type: Annotated[
        Literal["dispute", "placement", "agreement_version"] | None, Q()
    ] = None,
    subject_id: Annotated[str | None, Q()] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> DeadlinePage:  # type: ignore[valid-type]
    return deadlines.list(
        subject_type=subject_type,
        subject_id=subject_id,
        overdue=overdue,
        agreement=agreement,
        municipality=municipality,
        due_before=due_before,
        status=status,
        limit=limit,
        offset=offset,
        scope=caller.principal,
    )


CSV = "text/csv; charset=utf-8"
CSV_ATTACHMENT = {"Content-Disposition": 'attachment; filename="audit.csv"'}


@get(
    "/api/v1/audit",
    tags=["audit"],
    operation_id="getAuditLog",
    summary="The audit log (admin keys; CSV with format=csv)",
    media_type=MediaType.JSON,
    **READ,
)
async def audit_log(
    caller: Who,
    audit: Named[Audit],
    org: Annotated[str | None, Q()] = None,
    object_type: Annotated[ObjectType | None, Q()] = None,
    object_id: Annotated[str | None, Q()] = None,
    individual_ref: Annotated[str | None, Q()] = None,
    since: Annotated[dt.date | None, Q()] = None,
    until: Annotated[dt.date | None, Q()] = None,
    format: Annotated[Literal["json", "csv"], Q()] = "json",
    limit: Limit = 50,
    offset: Offset = 0,
) -> Response[AuditPage]:  # type: ignore[valid-type]
    found: dict[str, Any] = audit.query(
        caller.principal,
        org=org,
        object_type=object_type,
        object_id=object_id,
        individual_ref=individual_ref,
        since=since,
        until=until,
        limit=limit,
        offset=offset,
    )
    if format == "csv":
        text = audit.to_csv(found["items"])
        return Response(text, media_type=CSV, headers=CSV_ATTACHMENT)  # type: ignore[arg-type]
    typed = page(AuditEntry, {**found, "items": [entry(row) for row in found["items"]]})
    return Response(typed)
