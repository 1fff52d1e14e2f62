"""Errors the service raises, each rendered as ``application/problem+json``."""

from __future__ import annotations

from typing import Any

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
    type = "about:blank"
    title = "Bad request"

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
        self.errors = errors or []
        self.headers = headers or {}
        self.extra = extra

    def body(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "type": self.type,
            "title": self.title,
            "status": self.status,
            "detail": self.detail,
        }
        if self.errors:
            body["errors"] = self.errors
        body.update(self.extra)
        return body


class NotFound(ProblemError):
    status = 404
    type = "urn:samverkan:problem:not-found"
    title = "Not found"


class RuleViolation(ProblemError):
    """A request breaks a *shall* of the agreement (or asks for a rule that does not exist)."""

    status = 422
    type = "urn:samverkan:problem:rule-violation"
    title = "The request breaks a rule of the agreement"


class InvalidInput(ProblemError):
    status = 422
    type = "urn:samverkan:problem:invalid-input"
    title = "The request is not valid"


class OutOfValidity(ProblemError):
    """No version of the agreement covers the date asked about."""

    status = 422
    type = "urn:samverkan:problem:no-version-in-force"
    title = "No version of the agreement is in force on that date"


class ConfigError(Exception):
    """Start-up configuration is wrong; the message says how to fix it."""


def field_error(
    field: str,
    message: str,
    citation: Citation | None = None,
    strength: Strength | None = None,
) -> dict[str, Any]:
    """One entry of a problem's ``errors`` list (also used for warnings)."""
    entry: dict[str, Any] = {"field": field, "message": message}
    if citation is not None:
        entry["rule"] = {
            "document": citation.document,
            "clause": citation.clause,
            "quote": citation.quote,
            **({"note": citation.note} if citation.note else {}),
        }
    if strength is not None:
        entry["strength"] = str(strength)
    return entry


class Conflict(ProblemError):
    """The case's state does not allow the step; the body says what is allowed now."""

    status = 409
    type = "urn:samverkan:problem:transition-not-allowed"
    title = "The step is not allowed in the case's current state"


class PreconditionRequired(ProblemError):
    status = 428
    type = "urn:samverkan:problem:if-match-required"
    title = "If-Match is required to change a case"


class PreconditionFailed(ProblemError):
    status = 412
    type = "urn:samverkan:problem:stale-version"
    title = "The case has changed since you read it"


class Unauthorized(ProblemError):
    status = 401
    type = "urn:samverkan:problem:unauthorized"
    title = "An API key is required"


class Forbidden(ProblemError):
    status = 403
    type = "urn:samverkan:problem:forbidden"
    title = "Your organisation may read this case but not act on it"


class TooManyRequests(ProblemError):
    status = 429
    type = "urn:samverkan:problem:rate-limited"
    title = "Too many requests for this API key"
