"""The OpenAPI document (``/schema/openapi.json``) and its interactive page (Swagger UI at
``/schema`` and ``/schema/swagger``), served offline: the page's scripts and styles come from
the installed ``swagger-ui-bundle-v2`` package, under ``/schema/assets``, never from a CDN.

Litestar writes the document from the controllers' types and declarations
(:mod:`.declare`); :func:`finish` adds what it cannot say per operation: the Bearer scheme,
``Content-Language`` on every answer, ``WWW-Authenticate`` on 401 and ``Retry-After`` on 429,
``Accept-Language`` on every operation, ``additionalProperties: false`` where unknown fields
are refused, and the other media types of the notice (HTML) and the audit log (CSV).
"""

from __future__ import annotations

import copy
from typing import Any

from litestar import Request
from litestar.openapi import OpenAPIConfig
from litestar.openapi.plugins import JsonRenderPlugin, SwaggerRenderPlugin
from litestar.openapi.spec import Components, SecurityScheme
from litestar.static_files import create_static_files_router
from litestar.types import ControllerRouterHandler
from swagger_ui_bundle import swagger_ui_path

ASSETS = "/schema/assets"
#: components that may carry more properties than they name (a problem's extensions)
OPEN_COMPONENTS = {"Problem"}
#: other media types an operation answers with, beside JSON
ALTERNATIVES = {
    "getDisputeNotice": ("text/html", {"type": "string"}),
    "getAuditLog": ("text/csv", {"type": "string"}),
}
_HEADER = {"schema": {"type": "string"}, "required": True}


def _header(description: str) -> dict[str, Any]:
    return {**_HEADER, "description": description}


def finish(schema: dict[str, Any]) -> dict[str, Any]:
    """The document Litestar wrote, completed (a copy; see the module's docstring)."""
    done = copy.deepcopy(schema)
    components = done.setdefault("components", {})
    components.setdefault("securitySchemes", {})["bearer"] = {
        "type": "http",
        "scheme": "bearer",
        "description": "An API key (samverkan keys create): Authorization: Bearer smv_…",
    }
    for name, component in components.get("schemas", {}).items():
        if component.get("type") == "object" and name not in OPEN_COMPONENTS:
            component["additionalProperties"] = False
    for path, item in done.get("paths", {}).items():
        for operation in item.values():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            _operation(path, operation)
    return done


def _operation(path: str, operation: dict[str, Any]) -> None:
    if path.startswith("/api/"):
        operation.setdefault("parameters", []).append(
            {
                "name": "Accept-Language",
                "in": "header",
                "required": False,
                "description": "sv (the default) or en: the language of messages and "
                "explanations; the answer says which in Content-Language.",
                "schema": {"type": "string"},
            }
        )
    for status, response in operation["responses"].items():
        headers = response.setdefault("headers", {})
        headers["Content-Language"] = _header("The language of the answer's words: sv or en.")
        if status == "401":
            headers["WWW-Authenticate"] = _header('Bearer realm="samverkan"')
        if status == "429":
            headers["Retry-After"] = _header("Seconds until a request may be made again.")
    alternative = ALTERNATIVES.get(operation.get("operationId", ""))
    if alternative:
        media, body = alternative
        ok = operation["responses"].get("200", {})
        ok.setdefault("content", {})[media] = {"schema": body}


class _Finished:
    """A render plugin that renders the finished document."""

    _done: tuple[int, dict[str, Any]] | None = None

    def finished(self, schema: dict[str, Any]) -> dict[str, Any]:
        if self._done is None or self._done[0] != id(schema):
            self._done = (id(schema), finish(schema))
        return self._done[1]


class Document(_Finished, JsonRenderPlugin):
    def render(self, request: Request[Any, Any, Any], openapi_schema: dict[str, Any]) -> bytes:
        return super().render(request, self.finished(openapi_schema))


class Page(_Finished, SwaggerRenderPlugin):
    def render(self, request: Request[Any, Any, Any], openapi_schema: dict[str, Any]) -> bytes:
        page = super().render(request, self.finished(openapi_schema))
        return page.replace(b"<html>", b'<html lang="en">', 1)


def openapi_config(version: str) -> OpenAPIConfig:
    page = Page(
        path=["/", "/swagger"],
        js_url=f"{ASSETS}/swagger-ui-bundle.js",
        css_url=f"{ASSETS}/swagger-ui.css",
        standalone_preset_js_url=f"{ASSETS}/swagger-ui-standalone-preset.js",
        favicon=f"<link rel='icon' type='image/png' href='{ASSETS}/favicon-32x32.png'>",
    )
    return OpenAPIConfig(
        title="samverkan",
        version=version,
        description=(
            "Care-cooperation agreements between a Swedish region and its municipalities as "
            "executable rules, each answer with the clause it comes from. Conventions (shapes, "
            "paging, dates, errors, concurrency, languages): docs/api-conventions.md."
        ),
        path="/schema",
        render_plugins=[Document(path="/openapi.json"), page],
        components=Components(
            security_schemes={"bearer": SecurityScheme(type="http", scheme="bearer")}
        ),
    )


def assets() -> ControllerRouterHandler:
    """Swagger UI's files, from the installed package."""
    return create_static_files_router(
        path=ASSETS, directories=[swagger_ui_path], include_in_schema=False
    )
