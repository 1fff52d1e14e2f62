"""``/api/v1/deviations``: deviations (*avvikelser*) and their escalation into disputes."""

from __future__ import annotations

from typing import Annotated, Any, ClassVar, Literal

from litestar import Controller, Request, Response, get, post
from litestar.params import Parameter

from samverkan.api.caller import Caller
from samverkan.api.conventions import IdempotencyKey, IfMatch, reply
from samverkan.cases.common import CASE_PATHS, etag
from samverkan.cases.deviations import Deviations, EscalateDeviation, RecordDeviation

AnyRequest = Request[Any, Any, Any]


class DeviationController(Controller):
    path = CASE_PATHS["deviation"]
    tags: ClassVar[list[str]] = ["deviations"]

    @post("/", summary="Record a deviation from one party to the other (Idempotency-Key honoured)")
    async def record_deviation(
        self,
        request: AnyRequest,
        caller: Caller,
        deviations: Deviations,
        data: RecordDeviation,
        idempotency_key: IdempotencyKey = None,
    ) -> Response[Any]:
        return reply(deviations.record(data, caller.change(request, idempotency_key)))

    @get("/", summary="Deviations the caller may see, filtered and paginated")
    async def list_deviations(
        self,
        caller: Caller,
        deviations: Deviations,
        agreement: str | None = None,
        municipality: str | None = None,
        status: Literal["open", "escalated", "closed"] | None = None,
        from_party: Literal["region", "municipality"] | None = None,
        category: str | None = None,
        limit: Annotated[int, Parameter(ge=1, le=500)] = 50,
        offset: Annotated[int, Parameter(ge=0, le=2**62)] = 0,  # within SQLite INTEGER
    ) -> dict[str, Any]:
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
        caller.read("list", *found["items"])
        return found

    @get("/{deviation_id:str}", summary="A deviation with the agreement's deviation policy")
    async def get_deviation(
        self, caller: Caller, deviations: Deviations, deviation_id: str
    ) -> Response[Any]:
        view = deviations.get(deviation_id, caller.principal)
        caller.read("read", view)
        return Response(view, headers={"ETag": etag(view)})

    @post(
        "/{deviation_id:str}/escalate",
        summary="Turn an unsolved deviation into a dispute at the first tier (If-Match, "
        "Idempotency-Key honoured)",
    )
    async def escalate(
        self,
        request: AnyRequest,
        caller: Caller,
        deviations: Deviations,
        deviation_id: str,
        data: EscalateDeviation,
        if_match: IfMatch = None,
        idempotency_key: IdempotencyKey = None,
    ) -> Response[Any]:
        change = caller.change(request, idempotency_key, if_match)
        return reply(deviations.escalate(deviation_id, data, change))
