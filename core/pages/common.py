"""What every page shares: who is signed in (the same access layer as the API, every read
audited as the API audits it), rendering a template in the request's language, and the answers
a page gives instead of problem+json (sign in first; an HTML error page)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any
from urllib.parse import quote, urlsplit

from litestar import MediaType, Request, Response
from litestar.di import NamedDependency
from litestar.exceptions import HTTPException
from litestar.response import Redirect, Template

from samverkan.access.audit import Audit
from samverkan.access.keys import Keys, Principal
from samverkan.cases.common import audited
from samverkan.kernel.errors import ProblemError, Unauthorized
from samverkan.kernel.i18n import _, language
from samverkan.pages.security import KEY_ID

AnyRequest = Request[Any, Any, Any]
SIGN_IN = "/sign-in"


class SignInRequired(Exception):
    """A case page without a signed-in session: answered with 303 to the sign-in page."""

    def __init__(self, back_to: str):
        super().__init__(back_to)
        self.back_to = back_to


@dataclass(frozen=True)
class Viewer:
    """The signed-in key: what it may see (:class:`Principal`), and the audit of its reads."""

    principal: Principal
    audit: Audit

    def read(self, action: str, *cases: Any) -> None:
        """Audit a page's read before the page goes out, as the API audits its reads."""
        self.audit.read(self.principal, action, [audited(case) for case in cases])

    def lists(
        self, request: AnyRequest, found: Any, template: str, title: str, **context: Any
    ) -> Template:
        """A page listing ``found`` (a page of cases), each case audited as listed."""
        self.read("list", *found.items)
        return render(request, template, title, found=found, **context)


def provide_viewer(
    request: AnyRequest, keys: NamedDependency[Keys], audit: NamedDependency[Audit]
) -> Viewer:
    """The session's key, checked on every page: revoked since sign-in means signed out."""
    key_id = request.session.get(KEY_ID) if request.scope.get("session") else None
    if not key_id:
        raise SignInRequired(request.url.path)
    try:
        principal = keys.principal_of(str(key_id))
    except Unauthorized:
        request.clear_session()
        raise SignInRequired(request.url.path) from None
    return Viewer(principal, audit)


def safe_next(value: str | None) -> str:
    """Where to go after signing in: a path on this site only (never ``//host`` or a URL)."""
    if not value or not value.startswith("/") or value.startswith("//"):
        return "/cases"
    parts = urlsplit(value)
    return "/cases" if parts.scheme or parts.netloc or "\\" in value else value


def money(ore: int | None) -> str:
    """Öre as kronor in the request's language (``1 234,50 kr``; ``SEK 1,234.50``)."""
    if ore is None:
        return "—"
    locale = "sv_SE" if language() == "sv" else "en_GB"
    from babel.numbers import format_currency  # the first amount shown imports it

    return format_currency(Decimal(ore) / 100, "SEK", locale=locale)


def render(
    request: AnyRequest, template: str, title: str, status_code: int = 200, **context: Any
) -> Template:
    """``template`` with what every page shows: its title, the language, who is signed in."""
    session = request.session if request.scope.get("session") else {}
    return Template(
        template,
        status_code=status_code,
        context={
            "title": title,
            "lang": language(),
            "signed_in": session.get("label") if session.get(KEY_ID) else None,
            "path": request.url.path,
            **context,
        },
    )


def sign_in_first(request: AnyRequest, exc: SignInRequired) -> Response[Any]:
    return Redirect(f"{SIGN_IN}?next={quote(exc.back_to)}", status_code=303)


def error_page(request: AnyRequest, exc: Exception) -> Response[Any]:
    """A problem (404 alike for missing and not-yours, a bad date …) as a page."""
    if isinstance(exc, ProblemError):
        status, detail = exc.status, exc.detail
    elif isinstance(exc, HTTPException):
        status, detail = exc.status_code, _("The request cannot be read: check the address.")
    else:
        raise exc
    titles = {404: _("Not found"), 403: _("Not allowed")}
    title = titles.get(status, _("Something is wrong with the request"))
    page = render(request, "error.html", title, status_code=status, detail=detail)
    page.media_type = MediaType.HTML
    return page


EXCEPTION_HANDLERS: dict[Any, Any] = {
    SignInRequired: sign_in_first,
    ProblemError: error_page,
    HTTPException: error_page,
}
