"""Every error as ``application/problem+json`` (RFC 9457): a ``type`` URI
(``urn:samverkan:problem:<name>``, listed in docs/api-conventions.md), a title and detail in
the request's language, and each field at fault in ``errors[]``."""

from __future__ import annotations

import logging
from typing import Any

import msgspec
from litestar import Request, Response
from litestar.exceptions import HTTPException, ValidationException

from samverkan.api.messages import detail as joined
from samverkan.kernel.answers import Remark
from samverkan.kernel.errors import ProblemError, field_error
from samverkan.kernel.i18n import N_, _
from samverkan.kernel.logsafe import quote

PROBLEM = "application/problem+json"
log = logging.getLogger("samverkan.api")

# The guard adds these to routed answers; errors raised before routing (an unknown path) get
# them here.
SECURITY = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}


class Problem(msgspec.Struct, kw_only=True, omit_defaults=True):
    """An error (RFC 9457).

    :param type: ``urn:samverkan:problem:<name>``, one of those docs/api-conventions.md lists.
    :param errors: each field at fault: where it is, what was wrong and what is allowed, and
        the agreement's rule where one is broken.
    :param allowed: on 409, the steps allowed now.
    :param current_etag: on 412, the case's current ETag.
    :param versions: when no version covers a date, the agreement's versions.
    :param enabled: for an unknown agreement, the enabled ones.
    :param parties: for a municipality that is not a party, the agreement's parties.
    :param limit: for a body nested too deeply, the deepest nesting read.
    :param plugin: for ``part-not-supplied``, the plugin (entry-point name) of the agreement.
    :param missing: for ``part-not-supplied``, the part it lacks (``ladders``, ``deadlines``,
        ``cost_policy``, ``sip``, ``deviations``, ``responsibilities``).
    """

    type: str
    title: str
    status: int
    detail: str
    errors: list[Remark]
    allowed: list[dict[str, Any]] | None = None
    current_etag: str | None = None
    versions: list[dict[str, Any]] | None = None
    enabled: list[str] | None = None
    parties: list[dict[str, Any]] | None = None
    limit: int | None = None
    dispute_id: str | None = None
    plugin: str | None = None
    missing: str | None = None


def problem_body(
    status: int, kind: str, title: str, detail: str, errors: list[dict[str, Any]] | None = None
) -> dict[str, Any]:
    """A problem+json body (docs/api-conventions.md), as every refusal of the service reads."""
    return {
        "type": f"urn:samverkan:problem:{kind}",
        "title": title,
        "status": status,
        "detail": detail,
        "errors": errors or [],
    }


#: the answer to a failure of the service's own (logged, never shown)
INTERNAL_ERROR = (
    "internal-error",
    N_("Internal server error"),
    N_("the service failed; the error is logged"),
)


def internal_error() -> dict[str, Any]:
    kind, title, detail = INTERNAL_ERROR
    return problem_body(500, kind, _(title), _(detail))


def problem(
    status: int,
    kind: str,
    title: str,
    detail: str,
    errors: list[dict[str, Any]] | None = None,
    headers: dict[str, str] | None = None,
) -> Response[dict[str, Any]]:
    return Response(
        content=problem_body(status, kind, title, detail, errors),
        status_code=status,
        media_type=PROBLEM,
        headers={**SECURITY, **(headers or {})},
    )


def on_problem(_request: Request[Any, Any, Any], exc: ProblemError) -> Response[dict[str, Any]]:
    return Response(
        content=exc.body(),
        status_code=exc.status,
        media_type=PROBLEM,
        headers={**SECURITY, **exc.headers},
    )


def on_validation(
    _request: Request[Any, Any, Any], exc: ValidationException
) -> Response[dict[str, Any]]:
    """Litestar's own validation (what :mod:`.contract` has not already refused): each item
    named, in our words as far as its message allows."""
    errors = []
    for item in exc.extra if isinstance(exc.extra, list) else []:
        if isinstance(item, dict):
            where = str(item.get("source") or "body")
            where = where if where in ("body", "query", "header", "path") else "body"
            errors.append(
                field_error(
                    str(item.get("key") or "body"), str(item.get("message", "")), where=where
                )
            )
    if not errors:
        errors.append(field_error("body", str(exc.detail or "")))
    return problem(422, "invalid-input", _("The request is not valid"), joined(errors), errors)


HTTP_PROBLEMS = {
    404: ("not-found", N_("Not found"), N_("there is nothing at %(path)s")),
    405: (
        "method-not-allowed",
        N_("Method not allowed"),
        N_("%(method)s is not allowed on %(path)s"),
    ),
    413: (
        "request-body-too-large",
        N_("Request body too large"),
        N_("the body is larger than the service accepts"),
    ),
}


def on_http(request: Request[Any, Any, Any], exc: HTTPException) -> Response[dict[str, Any]]:
    kind, title, detail = HTTP_PROBLEMS.get(
        exc.status_code, ("http-error", N_("HTTP error"), N_("the request failed"))
    )
    params = {"path": request.url.path, "method": request.method}
    answer = problem(exc.status_code, kind, _(title), _(detail, **params))
    for name, value in (exc.headers or {}).items():  # e.g. Allow on a 405
        answer.headers[name] = value
    return answer


def on_error(request: Request[Any, Any, Any], exc: Exception) -> Response[dict[str, Any]]:
    log.exception("unhandled error on %s %s", quote(request.method), quote(request.url.path))
    kind, title, detail = INTERNAL_ERROR
    return problem(500, kind, _(title), _(detail))


EXCEPTION_HANDLERS: dict[Any, Any] = {
    ProblemError: on_problem,
    ValidationException: on_validation,
    HTTPException: on_http,
    Exception: on_error,
}
