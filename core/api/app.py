"""``create_app()``: the Litestar application factory."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from litestar import Litestar
from litestar.config.cors import CORSConfig
from litestar.di import Provide
from litestar.middleware import DefineMiddleware
from litestar.openapi import OpenAPIConfig

from samverkan.access.audit import Audit
from samverkan.access.keys import Keys
from samverkan.api.agreements import AgreementController
from samverkan.api.caller import RateLimits, provide_caller
from samverkan.api.deviations import DeviationController
from samverkan.api.disputes import DisputeController
from samverkan.api.guard import Guard
from samverkan.api.meta import compare, health, plugins
from samverkan.api.notifications import audit_log, notifications
from samverkan.api.notifications import deadlines as deadlines_route
from samverkan.api.placements import PlacementController
from samverkan.api.problems import EXCEPTION_HANDLERS
from samverkan.api.ratelimit import RateLimiter
from samverkan.cases.deadlines import Deadlines
from samverkan.cases.deviations import Deviations
from samverkan.cases.disputes import Disputes
from samverkan.cases.placements import Placements
from samverkan.delivery.outbox import Outbox
from samverkan.delivery.scheduler import start_scheduler
from samverkan.delivery.sweep import Sweeper
from samverkan.kernel.clock import Clock
from samverkan.kernel.config import Settings, load_settings
from samverkan.kernel.loading import make_plugin_manager
from samverkan.kernel.registry import Registry
from samverkan.kernel.rulebook import Service
from samverkan.store.db import Store
from samverkan.store.migrations import MIGRATIONS

#: the path prefixes whose endpoints need an API key (the rest answer anyone, limited per
#: client address)
KEYED = (
    DisputeController.path,
    PlacementController.path,
    DeviationController.path,
    "/api/v1/deadlines",
    "/api/v1/notifications",
    "/api/v1/audit",
)


def build_service(settings: Settings) -> Service:
    """Load the enabled plugins and the rules they supply (fails loudly on bad config)."""
    registry = Registry(make_plugin_manager(settings.enabled), settings)
    return Service(registry, Clock(settings.clock.timezone, settings.clock.today))


def create_app(settings: Settings | None = None, config_path: str | Path | None = None) -> Litestar:
    """The application: rules kernel, database (migrated at start-up) and API."""
    settings = settings or load_settings(config_path)
    service = build_service(settings)
    store = Store(settings.database.path, MIGRATIONS)
    deadlines = Deadlines(store, service.registry, settings.sweep, service.clock)
    disputes = Disputes(store, service.registry, service.clock, deadlines)
    parties = {
        a.id: (a.parties.region_code, frozenset(m.code for m in a.parties.municipalities))
        for a in service.registry.agreements.values()
    }
    outbox = Outbox(store, settings.webhooks, service.clock, parties)
    keys = Keys(store, service.registry)
    audit = Audit(store, service.clock)
    limits = RateLimits(
        per_key=RateLimiter(settings.server.rate_limit_per_minute),
        per_address=RateLimiter(settings.server.anonymous_rate_limit_per_minute),
    )
    sweeper = Sweeper(
        store, service.registry, deadlines, outbox, service.clock, settings.sweep.lease_seconds
    )
    deviations = Deviations(disputes)
    placements = Placements(store, service.registry, service.clock, deadlines)

    @asynccontextmanager
    async def database(_: Litestar) -> AsyncIterator[None]:
        try:
            yield
        finally:
            store.close()

    @asynccontextmanager
    async def scheduler(_: Litestar) -> AsyncIterator[None]:
        running = start_scheduler(sweeper, settings) if settings.sweep.enabled else None
        try:
            yield
        finally:
            if running is not None:
                running.shutdown(wait=True)
                sweeper.release()
            sweeper.client.close()

    app = Litestar(
        route_handlers=[
            AgreementController,
            DisputeController,
            DeviationController,
            PlacementController,
            notifications,
            deadlines_route,
            audit_log,
            compare,
            plugins,
            health,
        ],
        dependencies={
            "service": Provide(lambda: service, use_cache=True, sync_to_thread=False),
            "disputes": Provide(lambda: disputes, use_cache=True, sync_to_thread=False),
            "deviations": Provide(lambda: deviations, use_cache=True, sync_to_thread=False),
            "placements": Provide(lambda: placements, use_cache=True, sync_to_thread=False),
            "deadlines": Provide(lambda: deadlines, use_cache=True, sync_to_thread=False),
            "outbox": Provide(lambda: outbox, use_cache=True, sync_to_thread=False),
            "keys": Provide(lambda: keys, use_cache=True, sync_to_thread=False),
            "audit": Provide(lambda: audit, use_cache=True, sync_to_thread=False),
            "limits": Provide(lambda: limits, use_cache=True, sync_to_thread=False),
            "caller": Provide(provide_caller, sync_to_thread=False),
        },
        lifespan=[database, scheduler],
        middleware=[
            DefineMiddleware(
                Guard,
                max_body_bytes=settings.server.max_body_bytes,
                max_json_depth=settings.server.max_json_depth,
                per_address=limits.per_address,
                keyed=KEYED,
            )
        ],
        cors_config=(
            CORSConfig(allow_origins=settings.server.cors_origins)
            if settings.server.cors_origins
            else None
        ),
        exception_handlers=EXCEPTION_HANDLERS,
        openapi_config=OpenAPIConfig(
            title="samverkan",
            version="0.1.0",
            description=(
                "Care-cooperation agreements between a Swedish region and its municipalities "
                "as executable rules, each answer with the clause it comes from."
            ),
            path="/schema",
        ),
        debug=bool(os.environ.get("SAMVERKAN_DEBUG")),
    )
    app.state.service = service
    app.state.store = store
    app.state.sweeper = sweeper
    app.state.settings = settings
    return app
