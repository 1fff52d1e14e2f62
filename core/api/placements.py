"""``/api/v1/placements``: placements, their cost agreements, cost entries and settlement."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, ClassVar

import sqlite_utils
from litestar import Controller, Request, Response, get, post
from litestar.params import Parameter

from samverkan.api.caller import Caller
from samverkan.api.conventions import (
    IdempotencyKey,
    IfMatch,
    Outcome,
    RequiredIdempotencyKey,
    once,
)
from samverkan.cases.common import etag
from samverkan.cases.placements import (
    CostAgreementRequest,
    CostEntryRequest,
    EndPlacement,
    OpenPlacement,
    Placements,
)


class PlacementController(Controller):
    path = "/api/v1/placements"
    tags: ClassVar[list[str]] = ["placements"]

    @post("/", summary="Register a placement (a fact: breaches are flagged, never refused)")
    async def open_placement(
        self,
        request: Request[Any, Any, Any],
        caller: Caller,
        placements: Placements,
        data: OpenPlacement,
        idempotency_key: IdempotencyKey = None,
    ) -> Response[Any]:
        def create(db: sqlite_utils.Database) -> Outcome:
            placement_id = placements.open(db, data, caller.actor)
            view = placements.view(db, placements._load(db, placement_id))
            headers = {"ETag": etag(view), "Location": f"{self.path}/{placement_id}"}
            return Outcome(view, [view], headers)

        return once(
            request, caller, placements, data, idempotency_key, create, action="create", status=201
        )

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
        request: Request[Any, Any, Any],
        caller: Caller,
        placements: Placements,
        placement_id: str,
        data: EndPlacement,
        if_match: IfMatch = None,
        idempotency_key: IdempotencyKey = None,
    ) -> Response[Any]:
        def end(db: sqlite_utils.Database) -> Outcome:
            row = placements.end(db, placement_id, data, caller.actor, if_match)
            view = placements.view(db, row)
            return Outcome(view, [view], {"ETag": etag(view)})

        return once(request, caller, placements, data, idempotency_key, end, action="end")

    @post(
        "/{placement_id:str}/cost-agreements",
        status_code=201,
        summary="Record a written cost agreement (If-Match; refused when it breaks a shall)",
    )
    async def add_cost_agreement(
        self,
        request: Request[Any, Any, Any],
        caller: Caller,
        placements: Placements,
        placement_id: str,
        data: CostAgreementRequest,
        if_match: IfMatch = None,
        idempotency_key: IdempotencyKey = None,
    ) -> Response[Any]:
        def agree(db: sqlite_utils.Database) -> Outcome:
            record = placements.add_cost_agreement(db, placement_id, data, caller.actor, if_match)
            view = placements.view(db, placements._load(db, placement_id))
            added = next(a for a in view["cost_agreements"] if a["id"] == record["id"])
            body = {"cost_agreement": added, "warnings": added["warnings"], "placement": view}
            headers = {"ETag": etag(view), "Location": f"{self.path}/{placement_id}"}
            return Outcome(body, [view], headers)

        return once(
            request,
            caller,
            placements,
            data,
            idempotency_key,
            agree,
            action="cost_agreement",
            status=201,
        )

    @post(
        "/{placement_id:str}/costs",
        status_code=201,
        summary="Append a cost entry to the ledger (Idempotency-Key required; no If-Match: "
        "entries commute)",
    )
    async def add_cost(
        self,
        request: Request[Any, Any, Any],
        caller: Caller,
        placements: Placements,
        placement_id: str,
        data: CostEntryRequest,
        idempotency_key: RequiredIdempotencyKey,
    ) -> Response[Any]:
        def append(db: sqlite_utils.Database) -> Outcome:
            entry = placements.add_cost(db, placement_id, data, caller.actor)
            row = placements._load(db, placement_id)
            return Outcome(entry, [row], {"Location": f"{self.path}/{placement_id}/costs"})

        return once(
            request,
            caller,
            placements,
            data,
            idempotency_key,
            append,
            action="cost_entry",
            status=201,
        )

    @get("/{placement_id:str}/costs", summary="The placement's cost entries")
    async def list_costs(
        self, caller: Caller, placements: Placements, placement_id: str
    ) -> list[dict[str, Any]]:
        with placements.store.read() as db:
            row = placements._load(db, placement_id, caller.principal)
        caller.read("read_costs", row)
        with placements.store.read() as db:
            return list(
                db.query(
                    "SELECT * FROM cost_entries WHERE placement_id = ? ORDER BY seq", [placement_id]
                )
            )

    @get("/{placement_id:str}/settlement", summary="Who owes whom, to the öre, line by line")
    async def settlement(
        self,
        caller: Caller,
        placements: Placements,
        placement_id: str,
        as_of: Annotated[dt.date | None, Parameter(description="Default: today.")] = None,
    ) -> dict[str, Any]:
        result = placements.settlement(placement_id, as_of, caller.principal)
        with placements.store.read() as db:  # the audit row names the individual too
            row = placements._load(db, placement_id, caller.principal)
        caller.read("read_settlement", row)
        return result
