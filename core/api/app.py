"""``create_app()``: the Litestar application factory."""

from __future__ import annotations

import os
from pathlib import Path

from litestar import Litestar
from litestar.di import Provide
from litestar.openapi import OpenAPIConfig

from core.api.agreements import AgreementController
from core.api.meta import compare, health, plugins
from core.api.problems import EXCEPTION_HANDLERS
from core.clock import Clock
from core.config import Settings, load_settings
from core.plugins import make_plugin_manager
from core.rules import Registry
from core.service import Service


def build_service(settings: Settings) -> Service:
    """Load the enabled plugins and the rules they supply (fails loudly on bad config)."""
    registry = Registry(make_plugin_manager(settings.enabled), settings)
    return Service(registry, Clock(settings.clock.timezone, settings.clock.today))


def create_app(settings: Settings | None = None, config_path: str | Path | None = None) -> Litestar:
    settings = settings or load_settings(config_path)
    service = build_service(settings)
    app = Litestar(
        route_handlers=[AgreementController, compare, plugins, health],
        dependencies={"service": Provide(lambda: service, use_cache=True, sync_to_thread=False)},
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
    app.state.settings = settings
    return app
