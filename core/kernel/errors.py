"""Errors the service raises, each rendered as ``application/problem+json``."""

from __future__ import annotations

from typing import Any

from samverkan.kernel.i18n import N_, _
from samverkan.models import Citation, Strength


class ProblemError(Exception):
    """An error with an HTTP status and a problem+json body.

    :param status: HTTP status code.
    :param title: short, stable summary of the problem type.
    :param detail: what went wrong in this instance, in full sentences.
    :param errors: per-field entries: ``field``, ``message`` and, where a rule is broken,
        ``rule`` (its citation) and ``strength``.
    """

    status = 400
    type = "urn:samverkan:problem:bad-request"
    title = N_("The request cannot be read")

    def __init__(
        self,
        detail: str,
        *,
        errors: list[dict[str, Any]] | None = None,
        headers: dict[str, str] | None = None,
        **extra: Any,
    ):
        super().__init__(detail)
        self.detail = detail
        self.errors = [
            {"in": "body", "rule": None, "strength": None, "label": None, **e} for e in errors or []
        ]
        self.headers = headers or {}
        title = extra.pop("title", None)
        self.title = title or _(type(self).title)
        kind = extra.pop("type_", None)
        self.type = f"urn:samverkan:problem:{kind}" if kind else type(self).type
        self.extra = extra

    def body(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "type": self.type,
            "title": self.title,
            "status": self.status,
            "detail": self.detail,
            "errors": self.errors,
        }
        body.update(self.extra)
        return body


class NotFound(ProblemError):
    status = 404
    type = "urn:samverkan:problem:not-found"
    title = N_("Not found")


class RuleViolation(ProblemError):
    """A request breaks a *shall* of the agreement (or asks for a rule that does not exist)."""

    status = 422
    type = "urn:samverkan:problem:rule-violation"
    title = N_("The request breaks a rule of the agreement")


class InvalidInput(ProblemError):
    status = 422
    type = "urn:samverkan:problem:invalid-input"
    title = N_("The request is not valid")


class OutOfValidity(ProblemError):
    """No version of the agreement covers the date asked about."""

    status = 422
    type = "urn:samverkan:problem:no-version-in-force"
    title = N_("No version of the agreement is in force on that date")


class ConfigError(Exception):
    """Start-up configuration is wrong; the message says how to fix it."""


def field_error(
    field: str,
    message: str,
    citation: Citation | None = None,
    strength: Strength | None = None,
    where: str = "body",
) -> dict[str, Any]:
    """One entry of a problem's ``errors`` list (also used for warnings): the field, where it
    is (``body``, ``query``, ``header``, ``path``), what is wrong and what is allowed, and the
    rule broken, if one is."""
    return {
        "field": field,
        "in": where,
        "message": message,
        "rule": (
            {
                "document": citation.document,
                "clause": citation.clause,
                "quote": citation.quote,
                "note": citation.note,
            }
            if citation is not None
            else None
        ),
        "strength": str(strength) if strength is not None else None,
        "label": None,
    }


class Conflict(ProblemError):
    """The case's state does not allow the step; the body says what is allowed now."""

    status = 409
    type = "urn:samverkan:problem:transition-not-allowed"
    title = N_("The step is not allowed in the case's current state")


class PreconditionRequired(ProblemError):
    status = 428
    type = "urn:samverkan:problem:if-match-required"
    title = N_("If-Match is required to change a case")


class PreconditionFailed(ProblemError):
    status = 412
    type = "urn:samverkan:problem:stale-version"
    title = N_("The case has changed since you read it")


class BadRequest(ProblemError):
    """The request cannot be read: malformed JSON, an undeclared query parameter, a malformed
    header."""

    status = 400


class Unauthorized(ProblemError):
    """401, with ``WWW-Authenticate: Bearer``."""

    status = 401
    type = "urn:samverkan:problem:unauthorized"
    title = N_("A valid API key is required")

    def __init__(self, detail: str, **kwargs: Any):
        super().__init__(detail, **kwargs)
        self.headers.setdefault("WWW-Authenticate", 'Bearer realm="samverkan"')


class Forbidden(ProblemError):
    status = 403
    type = "urn:samverkan:problem:forbidden"
    title = N_("Your organisation may not do this")


class TooManyRequests(ProblemError):
    status = 429
    type = "urn:samverkan:problem:rate-limited"
    title = N_("Too many requests for this API key")
