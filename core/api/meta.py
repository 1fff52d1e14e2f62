"""Cross-agreement views and service metadata: ``/api/v1/compare``, ``/-/plugins``, ``/health``."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from litestar import get
from litestar.params import Parameter

from samverkan.kernel.rulebook import Service


@get("/api/v1/compare", tags=["agreements"], summary="The same rules side by side")
async def compare(
    service: Service,
    agreements: Annotated[
        str, Parameter(description="Comma-separated agreement ids, e.g. vgr,dalarna.")
    ],
    on: Annotated[dt.date | None, Parameter(description="Default: today.")] = None,
) -> dict[str, Any]:
    ids = [part.strip() for part in agreements.split(",") if part.strip()]
    return service.compare(ids, on)


@get("/-/plugins", tags=["meta"], summary="Loaded plugins and the hooks each implements")
async def plugins(service: Service) -> list[dict[str, object]]:
    return service.plugins()


@get("/health", tags=["meta"], summary="Liveness and what is loaded")
async def health(service: Service) -> dict[str, Any]:
    return {
        "status": "ok",
        "today": service.clock.today(),
        "agreements": sorted(service.registry.agreements),
    }
