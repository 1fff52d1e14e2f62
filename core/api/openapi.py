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

from samverkan.kernel.registry import Registry

ASSETS = "/schema/assets"
PROBLEM = "application/problem+json"
#: components that may carry more properties than they name (a problem's extensions)
OPEN_COMPONENTS = {"Problem"}
#: other media types an operation answers with, beside JSON
ALTERNATIVES = {
    "getDisputeNotice": ("text/html", {"type": "string"}),
    "getAuditLog": ("text/csv", {"type": "string"}),
    "getFollowUp": ("text/csv", {"type": "string"}),
}
_HEADER = {"schema": {"type": "string"}, "required": True}
PROBLEM_EXAMPLE = {
    "type": "urn:samverkan:problem:invalid-input",
    "title": "The request is not valid",
    "status": 422,
    "detail": "opened_on: «2026-02-30» is not a date; expected a date YYYY-MM-DD from "
    "2000-01-01 to 2099-12-31",
    "errors": [
        {
            "field": "opened_on",
            "in": "body",
            "message": "«2026-02-30» is not a date; expected a date YYYY-MM-DD from 2000-01-01 "
            "to 2099-12-31",
            "rule": None,
            "strength": None,
            "label": None,
        }
    ],
}


def _header(description: str) -> dict[str, Any]:
    return {**_HEADER, "description": description}


def examples(registry: Registry) -> dict[str, dict[str, Any]]:
    """An example request body for the operations an integrator starts with, made from the
    first enabled agreement (Swagger UI's "Try it out" fills them in; schemathesis sends them)."""
    if not registry.agreements:
        return {}
    agreement = next(iter(registry.agreements.values()))
    code = agreement.parties.municipalities[0].code
    day = max(v.valid_from for v in agreement.versions[:1]).isoformat()
    where = {"agreement": agreement.id, "municipality": code}
    return {
        "openDispute": {
            **where,
            "subject": "responsibility",
            "title": "Ansvar för insatser",
            "description": "Parterna är oense om vem som ansvarar för boendestödet.",
            "opened_on": day,
        },
        "escalateDispute": {"reason": "no_agreement", "on": day},
        "openPlacement": {
            **where,
            "placing_party": "municipality",
            "start_date": day,
            "acute": True,
            "home_kind": "hvb",
            "child": True,
        },
        "addCostEntry": {
            "period_from": day,
            "period_to": day,
            "amount_ore": 9300000,
            "paid_by": "municipality",
            "invoice_ref": "F-2026-031",
        },
        "recordDeviation": {
            **where,
            "title": "Utskrivning utan samordning",
            "agreed": "Samordnad planering före utskrivning",
            "happened": "Ingen planering gjordes",
            "reported_on": day,
        },
        "splitCost": {
            "amount_ore": 100001,
            "method": "percent",
            "shares": {"region": 40, "municipality": 60},
            "on": day,
        },
        "checkSip": {"context": "general", "on": day, "sip": {"consent": True, "goal": "…"}},
    }


def finish(schema: dict[str, Any], bodies: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """The document Litestar wrote, completed (a copy; see the module's docstring), with the
    example request ``bodies`` by operation id."""
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
            _operation(path, operation, bodies)
    return done


def _operation(path: str, operation: dict[str, Any], bodies: dict[str, dict[str, Any]]) -> None:
    if operation.get("security"):
        operation.setdefault("parameters", []).append(
            {
                "name": "X-Actor-Person",
                "in": "header",
                "required": False,
                "description": "The person acting in the caller's own system (ASCII, or UTF-8 "
                "percent-encoded); recorded in the case's history and the audit log. Without "
                "it, the key's label is recorded.",
                "schema": {"type": "string", "maxLength": 600},
            }
        )
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
    example = bodies.get(operation.get("operationId", ""))
    if example is not None:
        operation["requestBody"]["content"]["application/json"]["example"] = example
    invalid = operation["responses"].get("422", {}).get("content", {}).get(PROBLEM)
    if invalid is not None:
        invalid["example"] = PROBLEM_EXAMPLE
    alternative = ALTERNATIVES.get(operation.get("operationId", ""))
    if alternative:
        media, body = alternative
        ok = operation["responses"].get("200", {})
        ok.setdefault("content", {})[media] = {"schema": body}


class _Finished:
    """A render plugin that renders the finished document."""

    _done: tuple[int, dict[str, Any]] | None = None
    bodies: dict[str, dict[str, Any]]

    def finished(self, schema: dict[str, Any]) -> dict[str, Any]:
        if self._done is None or self._done[0] != id(schema):
            self._done = (id(schema), finish(schema, self.bodies))
        return self._done[1]


class Document(_Finished, JsonRenderPlugin):
    def render(self, request: Request[Any, Any, Any], openapi_schema: dict[str, Any]) -> bytes:
        return super().render(request, self.finished(openapi_schema))


class Page(_Finished, SwaggerRenderPlugin):
    def render(self, request: Request[Any, Any, Any], openapi_schema: dict[str, Any]) -> bytes:
        page = super().render(request, self.finished(openapi_schema))
        return page.replace(b"<html>", b'<html lang="en">', 1)


def openapi_config(version: str, registry: Registry) -> OpenAPIConfig:
    bodies = examples(registry)
    page = Page(
        path=["/", "/swagger"],
        js_url=f"{ASSETS}/swagger-ui-bundle.js",
        css_url=f"{ASSETS}/swagger-ui.css",
        standalone_preset_js_url=f"{ASSETS}/swagger-ui-standalone-preset.js",
        favicon=f"<link rel='icon' type='image/png' href='{ASSETS}/favicon-32x32.png'>",
    )
    document = Document(path="/openapi.json")
    document.bodies = page.bodies = bodies
    return OpenAPIConfig(
        title="samverkan",
        version=version,
        description=(
            "Care-cooperation agreements between a Swedish region and its municipalities as "
            "executable rules, each answer with the clause it comes from. Conventions (shapes, "
            "paging, dates, errors, concurrency, languages): docs/api-conventions.md."
        ),
        path="/schema",
        render_plugins=[document, page],
        components=Components(
            security_schemes={"bearer": SecurityScheme(type="http", scheme="bearer")}
        ),
    )


def assets() -> ControllerRouterHandler:
    """Swagger UI's files, from the installed package."""
    return create_static_files_router(
        path=ASSETS, directories=[swagger_ui_path], include_in_schema=False
    )
