"""``/api/v1/deviations``: deviations (*avvikelser*) and their escalation into disputes."""

from __future__ import annotations

from typing import Annotated, ClassVar, Literal

from litestar import Controller, Response, get, post
from litestar.params import FromPath, JSONBody, QueryParameter

from samverkan.api.conventions import AnyRequest, Limit, Offset, Who, reply, shown
from samverkan.api.declare import (
    CHANGE,
    CREATE,
    LOCATION,
    READ,
    READ_CASE,
    IdempotencyKey,
    IfMatch,
    Named,
)
from samverkan.cases.common import CASE_PATHS
from samverkan.cases.deviations import Deviations, EscalateDeviation, RecordDeviation
from samverkan.cases.deviations.answers import Deviation, DeviationSummary, EscalatedDeviation
from samverkan.kernel.answers import page_of

Service = Named[Deviations]
DeviationPage = page_of(DeviationSummary)
Id = FromPath[str]


class DeviationController(Controller):
    path = CASE_PATHS["deviation"]
    tags: ClassVar[list[str]] = ["deviations"]

    @post(
        "/",
        summary="Record a deviation from one party to the other",
        operation_id="recordDeviation",
        **CREATE,
    )
    async def record_deviation(
        self,
        request: AnyRequest,
        caller: Who,
        deviations: Service,
        data: JSONBody[RecordDeviation],
        idempotency_key: IdempotencyKey = None,
    ) -> Response[Deviation]:
        change = caller.change(request, idempotency_key)
        return reply(deviations.record(data, change), Deviation)

    @get(
        "/",
        summary="Deviations the caller may see, filtered and paginated",
        operation_id="listDeviations",
        **READ,
    )
    async def list_deviations(
        self,
        caller: Who,
        deviations: Service,
        agreement: Annotated[str | None, QueryParameter()] = None,
        municipality: Annotated[str | None, QueryParameter()] = None,
        status: Annotated[Literal["open", "escalated", "closed"] | None, QueryParameter()] = None,
        from_party: Annotated[Literal["region", "municipality"] | None, QueryParameter()] = None,
        category: Annotated[str | None, QueryParameter()] = None,
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> DeviationPage:  # type: ignore[valid-type]
        found = deviations.list(
            agreement=agreement,
            municipality=municipality,
            status=status,
            from_party=from_party,
            category=category,
            limit=limit,
            offset=offset,
            scope=caller.principal,
        )
        caller.read("list", *found.items)
        return found

    @get(
        "/{deviation_id:str}",
        summary="A deviation with the agreement's deviation policy",
        operation_id="getDeviation",
        **READ_CASE,
    )
    async def get_deviation(
        self, caller: Who, deviations: Service, deviation_id: Id
    ) -> Response[Deviation]:
        view = deviations.get(deviation_id, caller.principal)
        caller.read("read", view)
        return shown(view)

    @post(
        "/{deviation_id:str}/escalate",
        summary="Turn an unsolved deviation into a dispute "
        "at the first tier (Location: the dispute)",
        operation_id="escalateDeviation",
        **{
            **CHANGE,
            "status_code": 201,
            "response_headers": [*CHANGE["response_headers"], LOCATION],
        },
    )
    async def escalate(
        self,
        request: AnyRequest,
        caller: Who,
        deviations: Service,
        deviation_id: Id,
        data: JSONBody[EscalateDeviation],
        if_match: IfMatch = None,
        idempotency_key: IdempotencyKey = None,
    ) -> Response[EscalatedDeviation]:
        change = caller.change(request, idempotency_key, if_match)
        return reply(deviations.escalate(deviation_id, data, change), EscalatedDeviation)
