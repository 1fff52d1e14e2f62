"""``/api/v1/disputes``: cases up the escalation ladder (API key required)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, ClassVar, Literal

from litestar import Controller, MediaType, Response, get, post
from litestar.params import FromPath, JSONBody, QueryParameter

from samverkan.api.conventions import AnyRequest, Limit, Offset, Who, reply, shown
from samverkan.api.declare import CHANGE, CREATE, READ, READ_CASE, IdempotencyKey, IfMatch, Named
from samverkan.cases.common import CASE_PATHS
from samverkan.cases.disputes import (
    Disputes,
    Escalate,
    OpenDispute,
    RecordOutcome,
    Resolve,
    Respond,
    Withdraw,
)
from samverkan.cases.disputes.answers import Dispute, DisputeSummary, TierNotice
from samverkan.kernel.answers import page_of

Service = Named[Disputes]
DisputePage = page_of(DisputeSummary)
Id = FromPath[str]


class DisputeController(Controller):
    path = CASE_PATHS["dispute"]
    tags: ClassVar[list[str]] = ["disputes"]

    @post("/", summary="Open a dispute", operation_id="openDispute", **CREATE)
    async def open_dispute(
        self,
        request: AnyRequest,
        caller: Who,
        disputes: Service,
        data: JSONBody[OpenDispute],
        idempotency_key: IdempotencyKey = None,
    ) -> Response[Dispute]:
        return reply(disputes.open(data, caller.change(request, idempotency_key)), Dispute)

    @get(
        "/",
        summary="Disputes the caller may see, filtered and paginated",
        operation_id="listDisputes",
        **READ,
    )
    async def list_disputes(
        self,
        caller: Who,
        disputes: Service,
        agreement: Annotated[str | None, QueryParameter()] = None,
        municipality: Annotated[str | None, QueryParameter()] = None,
        status: Annotated[Literal["open", "resolved", "withdrawn"] | None, QueryParameter()] = None,
        tier: Annotated[str | None, QueryParameter(description="Current tier key.")] = None,
        overdue: Annotated[bool | None, QueryParameter()] = None,
        due_before: Annotated[dt.date | None, QueryParameter()] = None,
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> DisputePage:  # type: ignore[valid-type]
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
        caller.read("list", *found.items)
        return found

    @get(
        "/{dispute_id:str}",
        summary="A dispute with its history and next steps",
        operation_id="getDispute",
        **READ_CASE,
    )
    async def get_dispute(
        self, caller: Who, disputes: Service, dispute_id: Id
    ) -> Response[Dispute]:
        view = disputes.get(dispute_id, caller.principal)
        caller.read("read", view)
        return shown(view)

    @get(
        "/{dispute_id:str}/notice",
        summary="The current tier's notice filled from the case (JSON, or a printable Swedish "
        "page with ?format=html or Accept: text/html)",
        operation_id="getDisputeNotice",
        media_type=MediaType.JSON,
        **READ,
    )
    async def get_notice(
        self,
        request: AnyRequest,
        caller: Who,
        disputes: Service,
        dispute_id: Id,
        format: Annotated[Literal["json", "html"] | None, QueryParameter()] = None,
    ) -> Response[TierNotice]:
        found = disputes.tier_form(dispute_id, caller.principal)
        caller.read("read_notice", found.case)
        wants_html = format == "html" or (
            format is None and "text/html" in request.headers.get("accept", "")
        )
        if wants_html:
            page = found.answer.page()  # Swedish throughout, whatever the request asked
            return Response(page, media_type=MediaType.HTML, headers={"Content-Language": "sv"})  # type: ignore[return-value]
        return Response(found.answer.data())

    @post(
        "/{dispute_id:str}/escalate",
        summary="Escalate to the next tier",
        operation_id="escalateDispute",
        **CHANGE,
    )
    async def escalate(
        self,
        request: AnyRequest,
        caller: Who,
        disputes: Service,
        dispute_id: Id,
        data: JSONBody[Escalate],
        if_match: IfMatch = None,
        idempotency_key: IdempotencyKey = None,
    ) -> Response[Dispute]:
        change = caller.change(request, idempotency_key, if_match)
        return reply(disputes.escalate(dispute_id, data, change), Dispute)

    @post(
        "/{dispute_id:str}/recommendation",
        summary="Record the tier body's recommendation or decision",
        operation_id="recordDisputeOutcome",
        **CHANGE,
    )
    async def recommendation(
        self,
        request: AnyRequest,
        caller: Who,
        disputes: Service,
        dispute_id: Id,
        data: JSONBody[RecordOutcome],
        if_match: IfMatch = None,
        idempotency_key: IdempotencyKey = None,
    ) -> Response[Dispute]:
        change = caller.change(request, idempotency_key, if_match)
        return reply(disputes.record_outcome(dispute_id, data, change), Dispute)

    @post(
        "/{dispute_id:str}/responses",
        summary="A party accepts or rejects the recommendation (both accept: resolved)",
        operation_id="respondToDispute",
        **CHANGE,
    )
    async def responses(
        self,
        request: AnyRequest,
        caller: Who,
        disputes: Service,
        dispute_id: Id,
        data: JSONBody[Respond],
        if_match: IfMatch = None,
        idempotency_key: IdempotencyKey = None,
    ) -> Response[Dispute]:
        change = caller.change(request, idempotency_key, if_match)
        return reply(disputes.respond(dispute_id, data, change), Dispute)

    @post(
        "/{dispute_id:str}/resolve",
        summary="Resolve, with a retroactive adjustment where the ladder allows it",
        operation_id="resolveDispute",
        **CHANGE,
    )
    async def resolve(
        self,
        request: AnyRequest,
        caller: Who,
        disputes: Service,
        dispute_id: Id,
        data: JSONBody[Resolve],
        if_match: IfMatch = None,
        idempotency_key: IdempotencyKey = None,
    ) -> Response[Dispute]:
        change = caller.change(request, idempotency_key, if_match)
        return reply(disputes.resolve(dispute_id, data, change), Dispute)

    @post(
        "/{dispute_id:str}/withdraw",
        summary="Withdraw the dispute",
        operation_id="withdrawDispute",
        **CHANGE,
    )
    async def withdraw(
        self,
        request: AnyRequest,
        caller: Who,
        disputes: Service,
        dispute_id: Id,
        data: JSONBody[Withdraw],
        if_match: IfMatch = None,
        idempotency_key: IdempotencyKey = None,
    ) -> Response[Dispute]:
        change = caller.change(request, idempotency_key, if_match)
        return reply(disputes.withdraw(dispute_id, data, change), Dispute)
