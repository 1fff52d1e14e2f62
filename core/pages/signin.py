"""Sign-in with an API key (party or admin) and sign-out. The session keeps the key's id and
what the header shows, never the key; signing in always starts a new session id."""

from __future__ import annotations

from typing import Annotated, Any

from litestar import get, post
from litestar.di import NamedDependency
from litestar.params import QueryParameter, URLEncodedBody
from litestar.response import Redirect, Template

from samverkan.access.keys import Keys
from samverkan.kernel.errors import Unauthorized
from samverkan.kernel.i18n import _
from samverkan.pages.common import AnyRequest, render, safe_next
from samverkan.pages.security import KEY_ID, ROTATE

Next = Annotated[str | None, QueryParameter(name="next", max_length=500)]


@get("/sign-in", name="sign_in")
async def sign_in_form(request: AnyRequest, next_: Next = None) -> Template:
    return render(request, "sign_in.html", _("Sign in"), back_to=safe_next(next_), failed=False)


@post("/sign-in", status_code=303)
async def sign_in(
    request: AnyRequest, keys: NamedDependency[Keys], data: URLEncodedBody[dict[str, Any]]
) -> Template | Redirect:
    back_to = safe_next(str(data.get("next") or ""))
    key = str(data.get("key") or "").strip()
    try:
        principal = keys.principal(f"Bearer {key}")
    except Unauthorized:
        page = render(request, "sign_in.html", _("Sign in"), 401, back_to=back_to, failed=True)
        return page
    label = f"{principal.label} ({principal.org})" if principal.label else principal.org
    request.set_session({KEY_ID: principal.key_id, "label": label, ROTATE: True})
    return Redirect(back_to, status_code=303)


@post("/sign-out", status_code=303)
async def sign_out(request: AnyRequest) -> Redirect:
    request.clear_session()
    return Redirect("/", status_code=303)


HANDLERS = [sign_in_form, sign_in, sign_out]
