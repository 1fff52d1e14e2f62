"""``/api/v1/notifications`` (a feed to poll) and ``/api/v1/deadlines`` (what is watched)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from litestar import MediaType, Response, get
from litestar.params import Parameter

from samverkan.access.audit import Audit
from samverkan.api.caller import Caller
from samverkan.cases.deadlines import Deadlines
from samverkan.delivery.outbox import Outbox


@get(
    "/api/v1/notifications",
    tags=["deadlines"],
    summary="Notifications after a cursor, oldest first, with each webhook delivery's status",
)
async def notifications(
    caller: Caller,
    outbox: Outbox,
    after: Annotated[int, Parameter(ge=0, le=2**62, description="The last id you have seen.")] = 0,
    limit: Annotated[int, Parameter(ge=1, le=500)] = 100,
    event: str | None = None,
    delivery_status: Literal["pending", "delivered", "failed"] | None = None,
) -> dict[str, Any]:
    return outbox.feed(
        after, limit, event=event, delivery_status=delivery_status, scope=caller.principal
    )


@get("/api/v1/deadlines", tags=["deadlines"], summary="Deadlines, with their explanation")
async def deadlines(
    caller: Caller,
    deadlines: Deadlines,
    overdue: bool | None = None,
    agreement: str | None = None,
    municipality: str | None = None,
    due_before: dt.date | None = None,
    status: Literal["open", "met", "closed"] | None = "open",
    subject_type: Literal["dispute", "placement", "agreement_version"] | None = None,
    subject_id: str | None = None,
    limit: Annotated[int, Parameter(ge=1, le=500)] = 100,
    offset: Annotated[int, Parameter(ge=0, le=2**62)] = 0,  # within SQLite INTEGER
) -> dict[str, Any]:
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
    summary="The audit log (admin keys; CSV with format=csv)",
    media_type=MediaType.JSON,
)
async def audit_log(
    caller: Caller,
    audit: Audit,
    org: str | None = None,
    object_type: Literal["dispute", "placement", "deviation", "followup"] | None = None,
    object_id: str | None = None,
    individual_ref: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    format: Literal["json", "csv"] = "json",
    limit: Annotated[int, Parameter(ge=1, le=10000)] = 1000,
    offset: Annotated[int, Parameter(ge=0, le=2**62)] = 0,  # within SQLite INTEGER
) -> Response[Any]:
    rows = audit.query(
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
        return Response(audit.to_csv(rows), media_type=CSV, headers=CSV_ATTACHMENT)
    return Response({"items": rows, "limit": limit, "offset": offset})
