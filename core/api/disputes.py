"""``/api/v1/disputes``: cases up the escalation ladder (API key required)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, ClassVar, Literal

from litestar import Controller, MediaType, Request, Response, get, post
from litestar.params import Parameter

from samverkan.api.caller import Caller
from samverkan.api.conventions import IdempotencyKey, IfMatch, reply
from samverkan.cases.common import CASE_PATHS, etag
from samverkan.cases.disputes import (
    Disputes,
    Escalate,
    OpenDispute,
    RecordOutcome,
    Resolve,
    Respond,
    Withdraw,
)

AnyRequest = Request[Any, Any, Any]


class DisputeController(Controller):
    path = CASE_PATHS["dispute"]
    tags: ClassVar[list[str]] = ["disputes"]

    @post("/", summary="Open a dispute (Idempotency-Key honoured)")
    async def open_dispute(
        self,
        request: AnyRequest,
        caller: Caller,
        disputes: Disputes,
        data: OpenDispute,
        idempotency_key: IdempotencyKey = None,
    ) -> Response[Any]:
        return reply(disputes.open(data, caller.change(request, idempotency_key)))

    @get("/", summary="Disputes the caller may see, filtered and paginated")
    async def list_disputes(
        self,
        caller: Caller,
        disputes: Disputes,
        agreement: str | None = None,
        municipality: str | None = None,
        status: Literal["open", "resolved", "withdrawn"] | None = None,
        tier: Annotated[str | None, Parameter(description="Current tier key.")] = None,
        overdue: bool | None = None,
        due_before: dt.date | None = None,
        limit: Annotated[int, Parameter(ge=1, le=500)] = 50,
        offset: Annotated[int, Parameter(ge=0, le=2**62)] = 0,  # within SQLite INTEGER
    ) -> dict[str, Any]:
        found = disputes.list(
            agreement=agreement,
            municipality=municipality,
            status=status,
            tier=tier,
            overdue=overdue,
            due_before=due_before,
            limit=limit,
            offset=offset,
            scope=caller.principal,
        )
        caller.read("list", *found["items"])
        return found

    @get("/{dispute_id:str}", summary="A dispute with its history and next steps")
    async def get_dispute(
        self, caller: Caller, disputes: Disputes, dispute_id: str
    ) -> Response[Any]:
        view = disputes.get(dispute_id, caller.principal)
        caller.read("read", view)
        return Response(view, headers={"ETag": etag(view)})

    @get(
        "/{dispute_id:str}/notice",
        summary="The current tier's notice filled from the case (JSON, or HTML with ?format=html)",
        media_type=MediaType.JSON,
    )
    async def get_notice(
        self,
        request: AnyRequest,
        caller: Caller,
        disputes: Disputes,
        dispute_id: str,
        format: Literal["json", "html"] | None = None,
    ) -> Response[Any]:
        found = disputes.tier_form(dispute_id, caller.principal)
        caller.read("read_notice", found.case)
        wants_html = format == "html" or (
            format is None and "text/html" in request.headers.get("accept", "")
        )
        if wants_html:
            return Response(found.answer.page(), media_type=MediaType.HTML)
        return Response(found.answer.data())

    @post("/{dispute_id:str}/escalate", status_code=200, summary="Escalate to the next tier")
    async def escalate(
        self,
        request: AnyRequest,
        caller: Caller,
        disputes: Disputes,
        dispute_id: str,
        data: Escalate,
        if_match: IfMatch = None,
        idempotency_key: IdempotencyKey = None,
    ) -> Response[Any]:
        change = caller.change(request, idempotency_key, if_match)
        return reply(disputes.escalate(dispute_id, data, change))

    @post(
        "/{dispute_id:str}/recommendation",
        status_code=200,
        summary="Record the tier body's recommendation or decision",
    )
    async def recommendation(
        self,
        request: AnyRequest,
        caller: Caller,
        disputes: Disputes,
        dispute_id: str,
        data: RecordOutcome,
        if_match: IfMatch = None,
        idempotency_key: IdempotencyKey = None,
    ) -> Response[Any]:
        change = caller.change(request, idempotency_key, if_match)
        return reply(disputes.record_outcome(dispute_id, data, change))

    @post(
        "/{dispute_id:str}/responses",
        status_code=200,
        summary="A party accepts or rejects the recommendation (both accept: resolved)",
    )
    async def responses(
        self,
        request: AnyRequest,
        caller: Caller,
        disputes: Disputes,
        dispute_id: str,
        data: Respond,
        if_match: IfMatch = None,
        idempotency_key: IdempotencyKey = None,
    ) -> Response[Any]:
        change = caller.change(request, idempotency_key, if_match)
        return reply(disputes.respond(dispute_id, data, change))

    @post(
        "/{dispute_id:str}/resolve",
        status_code=200,
        summary="Resolve, with a retroactive adjustment where the ladder allows it",
    )
    async def resolve(
        self,
        request: AnyRequest,
        caller: Caller,
        disputes: Disputes,
        dispute_id: str,
        data: Resolve,
        if_match: IfMatch = None,
        idempotency_key: IdempotencyKey = None,
    ) -> Response[Any]:
        change = caller.change(request, idempotency_key, if_match)
        return reply(disputes.resolve(dispute_id, data, change))

    @post("/{dispute_id:str}/withdraw", status_code=200, summary="Withdraw the dispute")
    async def withdraw(
        self,
        request: AnyRequest,
        caller: Caller,
        disputes: Disputes,
        dispute_id: str,
        data: Withdraw,
        if_match: IfMatch = None,
        idempotency_key: IdempotencyKey = None,
    ) -> Response[Any]:
        change = caller.change(request, idempotency_key, if_match)
        return reply(disputes.withdraw(dispute_id, data, change))
