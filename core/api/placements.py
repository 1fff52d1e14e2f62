"""``/api/v1/placements``: placements, their cost agreements, cost entries and settlement."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, ClassVar

import sqlite_utils
from litestar import Controller, Request, Response, get, post
from litestar.params import Parameter

from core.api.actors import actor_from
from core.api.conventions import created
from core.placements import (
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
        self, request: Request[Any, Any, Any], placements: Placements, data: OpenPlacement
    ) -> Response[Any]:
        actor = actor_from(request)

        def create(db: sqlite_utils.Database) -> tuple[dict[str, Any], str]:
            placement_id = placements.open(db, data, actor)
            view = placements.view(db, placements._load(db, placement_id))
            return view, f"/api/v1/placements/{placement_id}"

        return created(
            request, placements.store, placements.clock, "POST /api/v1/placements", data, create
        )

    @get("/", summary="Placements, filtered and paginated")
    async def list_placements(
        self,
        placements: Placements,
        agreement: str | None = None,
        municipality: str | None = None,
        acute: bool | None = None,
        active_on: dt.date | None = None,
        limit: Annotated[int, Parameter(ge=1, le=500)] = 50,
        offset: Annotated[int, Parameter(ge=0)] = 0,
    ) -> dict[str, Any]:
        return placements.list(
            agreement=agreement,
            municipality=municipality,
            acute=acute,
            active_on=active_on,
            limit=limit,
            offset=offset,
        )

    @get("/{placement_id:str}", summary="A placement, its cost agreements, disputes and compliance")
    async def get_placement(self, placements: Placements, placement_id: str) -> dict[str, Any]:
        return placements.get(placement_id)

    @post(
        "/{placement_id:str}/end",
        status_code=200,
        summary="End a placement, recording the joint planning of further insatser",
    )
    async def end_placement(
        self,
        request: Request[Any, Any, Any],
        placements: Placements,
        placement_id: str,
        data: EndPlacement,
    ) -> dict[str, Any]:
        actor = actor_from(request)
        with placements.store.write() as db:
            row = placements.end(db, placement_id, data, actor)
            return placements.view(db, row)

    @post(
        "/{placement_id:str}/cost-agreements",
        status_code=201,
        summary="Record a written cost agreement (refused when it breaks a shall)",
    )
    async def add_cost_agreement(
        self,
        request: Request[Any, Any, Any],
        placements: Placements,
        placement_id: str,
        data: CostAgreementRequest,
    ) -> Response[Any]:
        actor = actor_from(request)
        with placements.store.write() as db:
            record = placements.add_cost_agreement(db, placement_id, data, actor)
            view = placements.view(db, placements._load(db, placement_id))
        added = next(a for a in view["cost_agreements"] if a["id"] == record["id"])
        return Response(
            {"cost_agreement": added, "warnings": added["warnings"], "placement": view},
            status_code=201,
            headers={"Location": f"/api/v1/placements/{placement_id}"},
        )

    @post(
        "/{placement_id:str}/costs",
        status_code=201,
        summary="Record a cost entry (never edited; a correction is a new entry)",
    )
    async def add_cost(
        self,
        request: Request[Any, Any, Any],
        placements: Placements,
        placement_id: str,
        data: CostEntryRequest,
    ) -> dict[str, Any]:
        actor = actor_from(request)
        with placements.store.write() as db:
            return placements.add_cost(db, placement_id, data, actor)

    @get("/{placement_id:str}/costs", summary="The placement's cost entries")
    async def list_costs(self, placements: Placements, placement_id: str) -> list[dict[str, Any]]:
        with placements.store.read() as db:
            placements._load(db, placement_id)
            return list(
                db.query(
                    "SELECT * FROM cost_entries WHERE placement_id = ? ORDER BY seq", [placement_id]
                )
            )

    @get("/{placement_id:str}/settlement", summary="Who owes whom, to the öre, line by line")
    async def settlement(
        self,
        placements: Placements,
        placement_id: str,
        as_of: Annotated[dt.date | None, Parameter(description="Default: today.")] = None,
    ) -> dict[str, Any]:
        return placements.settlement(placement_id, as_of)
