"""Every error as ``application/problem+json`` (RFC 9457), naming the field and the rule."""

from __future__ import annotations

import logging
import re
from typing import Any

from litestar import Request, Response
from litestar.exceptions import HTTPException, ValidationException

from samverkan.kernel.errors import ProblemError
from samverkan.kernel.logsafe import quote

PROBLEM = "application/problem+json"
log = logging.getLogger("samverkan.api")
_MISSING = re.compile(r"^Missing required (header|query|path|cookie) parameter '([^']+)'")
_NAMED = re.compile(r"^`([A-Za-z_][A-Za-z0-9_]*)`: (.*?)(?: - at `\$[^`]*`)?$", re.DOTALL)


# The guard adds these to routed answers; errors raised before routing (an unknown path) get
# them here.
SECURITY = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}


def problem(status: int, title: str, detail: str, **extra: Any) -> Response[dict[str, Any]]:
    body = {"type": "about:blank", "title": title, "status": status, "detail": detail, **extra}
    return Response(content=body, status_code=status, media_type=PROBLEM, headers=SECURITY)


def on_problem(_: Request[Any, Any, Any], exc: ProblemError) -> Response[dict[str, Any]]:
    return Response(
        content=exc.body(),
        status_code=exc.status,
        media_type=PROBLEM,
        headers={**SECURITY, **exc.headers},
    )


def on_validation(_: Request[Any, Any, Any], exc: ValidationException) -> Response[dict[str, Any]]:
    errors = []
    for item in exc.extra if isinstance(exc.extra, list) else []:
        if isinstance(item, dict):
            field = item.get("key") or item.get("source") or "body"
            message = str(item.get("message", ""))
            # msgspec says "at `$.shares.region`": name the field the way a client wrote it
            if "at `$." in message:
                field = message.split("at `$.", 1)[1].rstrip("`")
            elif message.startswith("Object contains unknown field `"):
                field = message.split("`")[1]
            # a check of a decoded part names its own field: "`effective_from`: …"
            named = _NAMED.match(message)
            if named:
                inner = named.group(1)
                # the body's root is "data" (the handler's parameter) or "body"
                field = inner if field in ("body", "data", "", None) else f"{field}.{inner}"
                message = named.group(2)
            errors.append({"field": field, "message": message, "in": item.get("source", "body")})
    missing = _MISSING.match(str(exc.detail or ""))
    if missing and not errors:
        source, name = missing.groups()
        if name.lower() == "idempotency-key":  # as draft-ietf-httpapi-idempotency-key-header
            return problem(
                400,
                "Idempotency-Key is required",
                "send Idempotency-Key with a value unique to this request, and the same value "
                "when you retry it",
                type="urn:samverkan:problem:idempotency-key-required",
                errors=[{"field": "Idempotency-Key", "message": "required", "in": "header"}],
            )
        errors.append({"field": name, "message": "required", "in": source})
    detail = "; ".join(f"{e['field']}: {e['message']}" for e in errors) or exc.detail
    return problem(
        422,
        "The request is not valid",
        detail,
        type="urn:samverkan:problem:invalid-input",
        errors=errors,
    )


def on_http(_: Request[Any, Any, Any], exc: HTTPException) -> Response[dict[str, Any]]:
    titles = {404: "Not found", 405: "Method not allowed", 413: "Request body too large"}
    answer = problem(
        exc.status_code,
        titles.get(exc.status_code, "HTTP error"),
        str(exc.detail),
    )
    for name, value in (exc.headers or {}).items():  # e.g. Allow on a 405
        answer.headers[name] = value
    return answer


def on_error(request: Request[Any, Any, Any], exc: Exception) -> Response[dict[str, Any]]:
    log.exception("unhandled error on %s %s", quote(request.method), quote(request.url.path))
    return problem(500, "Internal server error", "the service failed; the error is logged")


EXCEPTION_HANDLERS: dict[Any, Any] = {
    ProblemError: on_problem,
    ValidationException: on_validation,
    HTTPException: on_http,
    Exception: on_error,
}
