"""Pages for people, in the same application as the API: the agreements drawn, cases at a
glance, the yearly follow-up with charts. Server-rendered Jinja templates and one stylesheet,
every asset served by the service itself, under a strict Content-Security-Policy.

The pages read through the same services and the same access layer as the API (a key sees
exactly what it sees through ``/api/v1``, and every read of a case is audited); they change
nothing: changes go through the API.
"""

from __future__ import annotations

from importlib.resources import files
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from litestar import Router
from litestar.di import Provide
from litestar.middleware import DefineMiddleware
from litestar.middleware.csrf import CSRFMiddleware
from litestar.plugins.jinja import JinjaTemplateEngine
from litestar.static_files import create_static_files_router
from litestar.template import TemplateConfig

from samverkan.kernel.config import Settings
from samverkan.pages import agreements, cases, followup, signin
from samverkan.pages.common import EXCEPTION_HANDLERS, money, provide_viewer
from samverkan.pages.security import (
    CSP,
    csrf_config,
    expire_sessions,
    session_config,
    session_store,
)
from samverkan.pages.words import FILTERS, GLOBALS

__all__ = [
    "CSP",
    "csrf_config",
    "expire_sessions",
    "routers",
    "session_config",
    "session_store",
    "template_config",
]

PACKAGE = files("samverkan") / "pages"


def template_config() -> TemplateConfig[Any]:
    """Jinja, autoescaped, with the service's words and formatting helpers."""
    environment = Environment(
        loader=FileSystemLoader(str(PACKAGE / "templates")),
        autoescape=select_autoescape(default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.globals.update(GLOBALS)
    environment.filters.update(FILTERS, money=money)
    return TemplateConfig(instance=JinjaTemplateEngine.from_environment(environment))


def routers(settings: Settings, services: dict[str, Any] | None = None) -> list[Any]:
    """The pages and their static files (kept out of the API document). The session and
    the CSRF check wrap the pages alone: an API request never passes through them.

    :param services: providers of the case services for the pages (the API's own resolve
        them after the API key's caller, which a page does not have).
    """
    pages = Router(
        "/",
        route_handlers=[
            *agreements.HANDLERS,
            *signin.HANDLERS,
            *cases.HANDLERS,
            *followup.HANDLERS,
        ],
        dependencies={
            **(services or {}),
            "viewer": Provide(provide_viewer, sync_to_thread=False),
            **{
                name: Provide(make, sync_to_thread=False)
                for name, make in followup.DEPENDENCIES.items()
            },
        },
        exception_handlers=EXCEPTION_HANDLERS,
        middleware=[
            session_config(settings).middleware,
            DefineMiddleware(CSRFMiddleware, config=csrf_config(settings)),
        ],
        include_in_schema=False,
    )
    static = create_static_files_router(
        path="/static", directories=[str(PACKAGE / "static")], include_in_schema=False
    )
    return [pages, static]
