"""``create_app()``: the Litestar application, assembled from the services
(:mod:`samverkan.wiring`), the controllers, the guard middleware and the problem handlers,
and the pages (:mod:`samverkan.pages`) with their session, CSRF and templates."""

from __future__ import annotations

import asyncio
import contextlib
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from litestar import Litestar
from litestar.config.cors import CORSConfig
from litestar.di import Provide
from litestar.middleware import DefineMiddleware
from litestar.plugins import PluginProtocol

from samverkan.api.agreements import AgreementController
from samverkan.api.caller import RateLimits, acting, caller_provider
from samverkan.api.contract import Contract
from samverkan.api.deviations import DeviationController
from samverkan.api.disputes import DisputeController
from samverkan.api.followup import followup_report
from samverkan.api.guard import Guard
from samverkan.api.head import HeadAsGet
from samverkan.api.meta import compare, health, plugins
from samverkan.api.notifications import audit_log, notifications
from samverkan.api.notifications import deadlines as deadlines_route
from samverkan.api.openapi import assets, openapi_config
from samverkan.api.placements import PlacementController
from samverkan.api.problems import EXCEPTION_HANDLERS
from samverkan.api.ratelimit import RateLimiter
from samverkan.api.rulecache import RuleAnswerCache
from samverkan.delivery.scheduler import start_scheduler
from samverkan.kernel.config import Settings, load_settings
from samverkan.kernel.logsafe import configure_logging
from samverkan.pages import CSP, expire_sessions, routers, session_store, template_config
from samverkan.wiring import Services, build

#: the version of the API document (``/api/v1`` changes only by adding: CHANGELOG.md)
VERSION = "1.0.0"
#: the path prefixes whose endpoints need an API key (the rest answer anyone, limited per
#: client address)
KEYED = (
    DisputeController.path,
    PlacementController.path,
    DeviationController.path,
    "/api/v1/deadlines",
    "/api/v1/notifications",
    "/api/v1/audit",
    "/api/v1/followup",
)


#: the case services a controller acts through
CASE_SERVICES = ("disputes", "deviations", "placements")


class ServiceApp(Litestar):
    """Litestar that answers ``HEAD`` for every ``GET`` (:mod:`samverkan.api.head`, before
    routing) and loads the one serialisation plugin the service uses. Litestar adds its pydantic
    and attrs plugins whenever those packages can be imported; the service's types are all
    msgspec Structs, and pydantic is installed only for copier (the plugin scaffold), so
    importing both plugins at every start (about a third of Litestar's own import) bought
    nothing. The OpenAPI document is the same without them (tests/api/test_app_plugins.py)."""

    @staticmethod
    def _get_default_plugins(plugins: list[PluginProtocol]) -> list[PluginProtocol]:
        from litestar.plugins.core import MsgspecDIPlugin

        plugins.append(MsgspecDIPlugin())
        return plugins

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # before routing, which sends a HEAD only to handlers declared for it
        self.asgi_handler = HeadAsGet(self.asgi_handler)


def create_app(settings: Settings | None = None, config_path: str | Path | None = None) -> Litestar:
    """The application: rules, database (migrated at start-up) and API."""
    configure_logging()  # a ``--workers`` process starts here
    return assemble(build(settings or load_settings(config_path)))


def _provide(value: Any) -> Provide:
    return Provide(lambda: value, use_cache=True, sync_to_thread=False)


def assemble(services: Services) -> Litestar:
    """The API on ``services``; its lifespan checkpoints the WAL in the background, runs the
    sweep's scheduler and closes the store."""
    settings = services.settings
    limits = RateLimits(
        per_key=RateLimiter(settings.server.rate_limit_per_minute),
        per_address=RateLimiter(settings.server.anonymous_rate_limit_per_minute),
    )
    sweeper = services.sweeper

    @asynccontextmanager
    async def database(_: Litestar) -> AsyncIterator[None]:
        services.serving()
        try:
            yield
        finally:
            services.close()

    @asynccontextmanager
    async def sessions(app: Litestar) -> AsyncIterator[None]:
        expiring = asyncio.create_task(expire_sessions(app.stores.get("sessions")))
        try:
            yield
        finally:
            expiring.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await expiring

    @asynccontextmanager
    async def scheduler(_: Litestar) -> AsyncIterator[None]:
        running = start_scheduler(sweeper, settings) if settings.sweep.enabled else None
        try:
            yield
        finally:
            if running is not None:
                # off the event loop, which keeps committing while a sweep finishes
                await asyncio.to_thread(running.shutdown, wait=True)
                sweeper.release()

    app = ServiceApp(
        route_handlers=[
            AgreementController,
            DisputeController,
            DeviationController,
            PlacementController,
            notifications,
            deadlines_route,
            audit_log,
            followup_report,
            compare,
            plugins,
            health,
            assets(),
            *routers(settings, {name: _provide(getattr(services, name)) for name in CASE_SERVICES}),
        ],
        dependencies={
            "rulebook": _provide(services.rulebook),
            # resolved after the caller, one at a time (caller.acting); the pages' own below
            **{
                name: Provide(acting(getattr(services, name)), sync_to_thread=False)
                for name in CASE_SERVICES
            },
            "followup": _provide(services.followup),
            "deadlines": _provide(services.deadlines),
            "outbox": _provide(services.outbox),
            "keys": _provide(services.keys),
            "audit": _provide(services.audit),
            "limits": _provide(limits),
            "caller": Provide(
                caller_provider(services.keys, limits, services.audit), sync_to_thread=False
            ),
        },
        lifespan=[database, sessions, scheduler],
        middleware=[
            DefineMiddleware(
                Guard,
                max_body_bytes=settings.server.max_body_bytes,
                max_json_depth=settings.server.max_json_depth,
                per_address=limits.per_address,
                keyed=KEYED,
                page_csp=CSP,
            ),
            DefineMiddleware(RuleAnswerCache, today=services.rulebook.clock.today),
            Contract(),
        ],
        stores={"sessions": session_store(settings)},
        template_config=template_config(),
        cors_config=(
            CORSConfig(allow_origins=settings.server.cors_origins)
            if settings.server.cors_origins
            else None
        ),
        exception_handlers=EXCEPTION_HANDLERS,
        # the service's logging (samverkan.kernel.logsafe.configure_logging), not Litestar's
        # queue listener thread
        logging_config=None,
        openapi_config=openapi_config(VERSION, services.rulebook.registry),
        debug=bool(os.environ.get("SAMVERKAN_DEBUG")),
    )
    app.state.services = services
    return app
