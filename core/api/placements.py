"""``/api/v1/placements``: placements, their cost agreements, cost entries and settlement."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, ClassVar

from litestar import Controller, Request, Response, get, post
from litestar.params import Parameter

from samverkan.api.caller import Caller
from samverkan.api.conventions import IdempotencyKey, IfMatch, RequiredIdempotencyKey, reply
from samverkan.cases.common import CASE_PATHS, etag
from samverkan.cases.placements import (
    CostAgreementRequest,
    CostEntryRequest,
    EndPlacement,
    OpenPlacement,
    Placements,
)

AnyRequest = Request[Any, Any, Any]


class PlacementController(Controller):
    path = CASE_PATHS["placement"]
    tags: ClassVar[list[str]] = ["placements"]

    @post("/", summary="Register a placement (a fact: breaches are flagged, never refused)")
    async def open_placement(
        self,
        request: AnyRequest,
        caller: Caller,
        placements: Placements,
        data: OpenPlacement,
        idempotency_key: IdempotencyKey = None,
    ) -> Response[Any]:
        return reply(placements.open(data, caller.change(request, idempotency_key)))

    @get("/", summary="Placements, filtered and paginated")
    async def list_placements(
        self,
        caller: Caller,
        placements: Placements,
        agreement: str | None = None,
        municipality: str | None = None,
        acute: bool | None = None,
        active_on: dt.date | None = None,
        limit: Annotated[int, Parameter(ge=1, le=500)] = 50,
        offset: Annotated[int, Parameter(ge=0, le=2**62)] = 0,  # within SQLite INTEGER
    ) -> dict[str, Any]:
        found = placements.list(
            agreement=agreement,
            municipality=municipality,
            acute=acute,
            active_on=active_on,
            limit=limit,
            offset=offset,
            scope=caller.principal,
        )
        caller.read("list", *found["items"])
        return found

    @get("/{placement_id:str}", summary="A placement, its cost agreements, disputes and compliance")
    async def get_placement(
        self, caller: Caller, placements: Placements, placement_id: str
    ) -> Response[Any]:
        view = placements.get(placement_id, caller.principal)
        caller.read("read", view)
        return Response(view, headers={"ETag": etag(view)})

    @post(
        "/{placement_id:str}/end",
        status_code=200,
        summary="End a placement, recording the joint planning of further insatser (If-Match)",
    )
    async def end_placement(
        self,
        request: AnyRequest,
        caller: Caller,
        placements: Placements,
        placement_id: str,
        data: EndPlacement,
        if_match: IfMatch = None,
        idempotency_key: IdempotencyKey = None,
    ) -> Response[Any]:
        change = caller.change(request, idempotency_key, if_match)
        return reply(placements.end(placement_id, data, change))

    @post(
        "/{placement_id:str}/cost-agreements",
        status_code=201,
        summary="Record a written cost agreement (If-Match; refused when it breaks a shall)",
    )
    async def add_cost_agreement(
        self,
        request: AnyRequest,
        caller: Caller,
        placements: Placements,
        placement_id: str,
        data: CostAgreementRequest,
        if_match: IfMatch = None,
        idempotency_key: IdempotencyKey = None,
    ) -> Response[Any]:
        change = caller.change(request, idempotency_key, if_match)
        return reply(placements.add_cost_agreement(placement_id, data, change))

    @post(
        "/{placement_id:str}/costs",
        status_code=201,
        summary="Append a cost entry to the ledger (Idempotency-Key required; no If-Match: "
        "entries commute)",
    )
    async def add_cost(
        self,
        request: AnyRequest,
        caller: Caller,
        placements: Placements,
        placement_id: str,
        data: CostEntryRequest,
        idempotency_key: RequiredIdempotencyKey,
    ) -> Response[Any]:
        change = caller.change(request, idempotency_key)
        return reply(placements.add_cost(placement_id, data, change))

    @get("/{placement_id:str}/costs", summary="The placement's cost entries")
    async def list_costs(
        self, caller: Caller, placements: Placements, placement_id: str
    ) -> list[dict[str, Any]]:
        found = placements.costs(placement_id, caller.principal)
        caller.read("read_costs", found.case)
        return list(found.answer)

    @get("/{placement_id:str}/settlement", summary="Who owes whom, to the öre, line by line")
    async def settlement(
        self,
        caller: Caller,
        placements: Placements,
        placement_id: str,
        as_of: Annotated[dt.date | None, Parameter(description="Default: today.")] = None,
    ) -> dict[str, Any]:
        found = placements.settlement(placement_id, as_of, caller.principal)
        caller.read("read_settlement", found.case)  # the audit row names the individual too
        return dict(found.answer)
