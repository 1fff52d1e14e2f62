"""Cross-agreement views and service metadata: ``/api/v1/compare``, ``/-/plugins``, ``/health``."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from litestar import get
from litestar.params import Parameter

from samverkan.kernel.rulebook import RuleBook


@get("/api/v1/compare", tags=["agreements"], summary="The same rules side by side")
async def compare(
    rulebook: RuleBook,
    agreements: Annotated[
        str,
        Parameter(description="Comma-separated agreement ids (as /api/v1/agreements lists them)."),
    ],
    on: Annotated[dt.date | None, Parameter(description="Default: today.")] = None,
) -> dict[str, Any]:
    ids = [part.strip() for part in agreements.split(",") if part.strip()]
    return rulebook.compare(ids, on)


@get("/-/plugins", tags=["meta"], summary="Loaded plugins and the hooks each implements")
async def plugins(rulebook: RuleBook) -> list[dict[str, object]]:
    return rulebook.plugins()


@get("/health", tags=["meta"], summary="Liveness and what is loaded")
async def health(rulebook: RuleBook) -> dict[str, Any]:
    return {
        "status": "ok",
        "today": rulebook.clock.today(),
        "agreements": sorted(rulebook.registry.agreements),
    }
