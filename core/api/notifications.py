"""``/api/v1/notifications`` (a feed to poll) and ``/api/v1/deadlines`` (what is watched)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from litestar import get
from litestar.params import Parameter

from core.deadlines import Deadlines
from core.errors import InvalidInput, field_error
from core.notify import Outbox


@get(
    "/api/v1/notifications",
    tags=["deadlines"],
    summary="Notifications after a cursor, oldest first, with each webhook delivery's status",
)
async def notifications(
    outbox: Outbox,
    after: Annotated[int, Parameter(ge=0, description="The last id you have seen.")] = 0,
    limit: Annotated[int, Parameter(ge=1, le=500)] = 100,
    event: str | None = None,
    delivery_status: Literal["pending", "delivered", "failed"] | None = None,
) -> dict[str, Any]:
    return outbox.feed(after, limit, event=event, delivery_status=delivery_status)


@get("/api/v1/deadlines", tags=["deadlines"], summary="Deadlines, with their explanation")
async def deadlines(
    deadlines: Deadlines,
    overdue: bool | None = None,
    agreement: str | None = None,
    municipality: str | None = None,
    due_before: dt.date | None = None,
    status: Literal["open", "met", "closed"] | None = "open",
    subject_type: Literal["dispute", "placement", "agreement_version"] | None = None,
    subject_id: str | None = None,
    limit: Annotated[int, Parameter(ge=1, le=500)] = 100,
    offset: Annotated[int, Parameter(ge=0)] = 0,
) -> dict[str, Any]:
    if subject_id and not subject_type:
        raise InvalidInput(
            "subject_id needs subject_type (dispute, placement or agreement_version)",
            errors=[field_error("subject_type", "needed with subject_id")],
        )
    with deadlines.store.read() as db:
        return deadlines.list(
            db,
            subject_type=subject_type,
            subject_id=subject_id,
            overdue=overdue,
            agreement=agreement,
            municipality=municipality,
            due_before=due_before,
            status=status,
            limit=limit,
            offset=offset,
        )
