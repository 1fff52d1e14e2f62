"""Cross-agreement views and service metadata: ``/api/v1/compare``, ``/-/plugins``, ``/health``."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from litestar import get
from litestar.params import QueryParameter

from samverkan.api.declare import RULE, Named
from samverkan.kernel.rule_answers import Comparison, Health, PluginInfo
from samverkan.kernel.rulebook import RuleBook


@get(
    "/api/v1/compare",
    tags=["agreements"],
    summary="The same rules side by side",
    operation_id="compareAgreements",
    **RULE,
)
async def compare(
    rulebook: Named[RuleBook],
    agreements: Annotated[
        str,
        QueryParameter(
            description="Comma-separated agreement ids (as /api/v1/agreements lists them)."
        ),
    ],
    on: Annotated[dt.date | None, QueryParameter(description="Default: today.")] = None,
) -> Comparison:
    ids = [part.strip() for part in agreements.split(",") if part.strip()]
    return rulebook.compare(ids, on)


@get(
    "/-/plugins",
    tags=["meta"],
    summary="Loaded plugins and the hooks each implements",
    operation_id="listPlugins",
)
async def plugins(rulebook: Named[RuleBook]) -> list[PluginInfo]:
    return rulebook.plugins()


@get(
    "/health",
    tags=["meta"],
    operation_id="getHealth",
    summary="Liveness, and each enabled agreement's status (in force, by a configured "
    "extension, ending within 90 days, lapsed)",
)
async def health(rulebook: Named[RuleBook]) -> Health:
    return rulebook.health()
