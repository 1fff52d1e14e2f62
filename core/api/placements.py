"""``/api/v1/placements``: placements, their cost agreements, cost entries and settlement."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, ClassVar

from litestar import Controller, Response, get, post
from litestar.params import FromPath, JSONBody, QueryParameter

from samverkan.api.conventions import AnyRequest, Limit, Offset, Who, reply, shown
from samverkan.api.declare import (
    BEARER,
    CHANGE,
    CREATE,
    LOCATION,
    READ,
    READ_CASE,
    REPLAYED,
    IdempotencyKey,
    IfMatch,
    Named,
    RequiredIdempotencyKey,
    problems,
)
from samverkan.cases.common import CASE_PATHS
from samverkan.cases.placements import (
    CostAgreementRequest,
    CostEntryRequest,
    EndPlacement,
    OpenPlacement,
    Placements,
)
from samverkan.cases.placements.answers import (
    CostAgreementRecorded,
    CostEntry,
    Placement,
    Settlement,
)
from samverkan.kernel.answers import page_of

Service = Named[Placements]
PlacementPage = page_of(Placement)
CostPage = page_of(CostEntry)
Id = FromPath[str]
#: appending to the ledger: Idempotency-Key required, no If-Match (entries commute)
APPEND: dict[str, Any] = {
    "status_code": 201,
    "security": BEARER,
    "responses": problems(401, 403, 404, 413),
    "response_headers": [LOCATION, REPLAYED],
}


class PlacementController(Controller):
    path = CASE_PATHS["placement"]
    tags: ClassVar[list[str]] = ["placements"]

    @post(
        "/",
        summary="Register a placement (a fact: breaches are flagged, never refused)",
        operation_id="openPlacement",
        **CREATE,
    )
    async def open_placement(
        self,
        request: AnyRequest,
        caller: Who,
        placements: Service,
        data: JSONBody[OpenPlacement],
        idempotency_key: IdempotencyKey = None,
    ) -> Response[Placement]:
        change = caller.change(request, idempotency_key)
        return reply(placements.open(data, change), Placement)

    @get("/", summary="Placements, filtered and paginated", operation_id="listPlacements", **READ)
    async def list_placements(
        self,
        caller: Who,
        placements: Service,
        agreement: Annotated[str | None, QueryParameter()] = None,
        municipality: Annotated[str | None, QueryParameter()] = None,
        acute: Annotated[bool | None, QueryParameter()] = None,
        active_on: Annotated[dt.date | None, QueryParameter()] = None,
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> PlacementPage:  # type: ignore[valid-type]
        found = placements.list(
            agreement=agreement,
            municipality=municipality,
            acute=acute,
            active_on=active_on,
            limit=limit,
            offset=offset,
            scope=caller.principal,
        )
        caller.read("list", *found.items)
        return found

    @get(
        "/{placement_id:str}",
        summary="A placement, its cost agreements, disputes and compliance",
        operation_id="getPlacement",
        **READ_CASE,
    )
    async def get_placement(
        self, caller: Who, placements: Service, placement_id: Id
    ) -> Response[Placement]:
        view = placements.get(placement_id, caller.principal)
        caller.read("read", view)
        return shown(view)

    @post(
        "/{placement_id:str}/end",
        summary="End a placement, recording the joint planning of further insatser",
        operation_id="endPlacement",
        **CHANGE,
    )
    async def end_placement(
        self,
        request: AnyRequest,
        caller: Who,
        placements: Service,
        placement_id: Id,
        data: JSONBody[EndPlacement],
        if_match: IfMatch = None,
        idempotency_key: IdempotencyKey = None,
    ) -> Response[Placement]:
        change = caller.change(request, idempotency_key, if_match)
        return reply(placements.end(placement_id, data, change), Placement)

    @post(
        "/{placement_id:str}/cost-agreements",
        summary="Record a written cost agreement (refused when it breaks a shall)",
        operation_id="recordCostAgreement",
        **{**CHANGE, "status_code": 201},
    )
    async def add_cost_agreement(
        self,
        request: AnyRequest,
        caller: Who,
        placements: Service,
        placement_id: Id,
        data: JSONBody[CostAgreementRequest],
        if_match: IfMatch = None,
        idempotency_key: IdempotencyKey = None,
    ) -> Response[CostAgreementRecorded]:
        change = caller.change(request, idempotency_key, if_match)
        answer = placements.add_cost_agreement(placement_id, data, change)
        return reply(answer, CostAgreementRecorded)

    @post(
        "/{placement_id:str}/costs",
        summary="Append a cost entry to the ledger "
        "(Idempotency-Key required; no If-Match: entries commute)",
        operation_id="addCostEntry",
        **APPEND,
    )
    async def add_cost(
        self,
        request: AnyRequest,
        caller: Who,
        placements: Service,
        placement_id: Id,
        data: JSONBody[CostEntryRequest],
        idempotency_key: RequiredIdempotencyKey,
    ) -> Response[CostEntry]:
        change = caller.change(request, idempotency_key)
        return reply(placements.add_cost(placement_id, data, change), CostEntry)

    @get(
        "/{placement_id:str}/costs",
        summary="The placement's cost entries, in the order recorded",
        operation_id="listCostEntries",
        **READ,
    )
    async def list_costs(
        self,
        caller: Who,
        placements: Service,
        placement_id: Id,
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> CostPage:  # type: ignore[valid-type]
        found = placements.costs(placement_id, limit, offset, caller.principal)
        caller.read("read_costs", found.case)
        return found.answer

    @get(
        "/{placement_id:str}/settlement",
        summary="Who owes whom, to the öre, line by line",
        operation_id="getSettlement",
        **READ,
    )
    async def settlement(
        self,
        caller: Who,
        placements: Service,
        placement_id: Id,
        as_of: Annotated[dt.date | None, QueryParameter(description="Default: today.")] = None,
    ) -> Settlement:
        found = placements.settlement(placement_id, as_of, caller.principal)
        caller.read("read_settlement", found.case)  # the audit row names the individual too
        return found.answer
