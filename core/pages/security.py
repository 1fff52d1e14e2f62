"""What keeps the pages safe: the Content-Security-Policy, the session (server-side, a new id
at every sign-in, shared by every worker and surviving a restart) and CSRF on every form.

The JSON API (``/api/``) is outside both: it takes a Bearer key, carries no ambient
credential, and so needs no CSRF token and sets no cookie.
"""

from __future__ import annotations

import asyncio
import logging
import os
import secrets
import string
from pathlib import Path
from typing import Any

from litestar.config.csrf import CSRFConfig
from litestar.connection import ASGIConnection
from litestar.middleware.session.server_side import (
    ServerSideSessionBackend,
    ServerSideSessionConfig,
)
from litestar.stores.file import FileStore
from litestar.types import Message, ScopeSession

from samverkan.kernel.config import Settings

#: every page and its assets: nothing from another origin, no inline script or style
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'"
)
#: the paths that are not pages: no session, no CSRF cookie, no page CSP
NOT_PAGES = ["^/api/", "^/health$", "^/schema", "^/-/", "^/static/"]
SESSION_COOKIE = "samverkan_session"
CSRF_COOKIE = "samverkan_csrf"
#: what a signed-in session holds (the key's id, never the key) and the flag that rotates it
KEY_ID, ROTATE = "key_id", "_rotate"


def state_dir(settings: Settings) -> Path:
    """Where sessions and the CSRF secret live (``[pages] state_dir``, or next to the
    database)."""
    if settings.pages.state_dir:
        return Path(settings.pages.state_dir)
    return Path(settings.database.path).resolve().parent / "sessions"


def csrf_secret(directory: Path) -> str:
    """The CSRF secret every worker shares: made once (the first worker to link its file in
    wins; the others read it), readable by the owner only."""
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / "csrf-secret"
    if not path.exists():
        draft = directory / f".csrf-secret.{os.getpid()}.{secrets.token_hex(4)}"
        descriptor = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as file:
            file.write(secrets.token_hex(32))
        try:
            os.link(draft, path)  # atomic: never a half-written secret
        except FileExistsError:
            pass
        finally:
            draft.unlink()
    return path.read_text().strip()


class RotatingBackend(ServerSideSessionBackend):
    """Litestar keeps the session id a browser sends; a sign-in must get a new one (else an
    id planted before sign-in would be signed in: session fixation). An anonymous visitor
    gets no session at all."""

    def generate_session_id(self) -> str:
        """48 random letters (about 273 bits): like every identifier the service hands out, no
        digits, so the guard's personnummer check never trips on one."""
        return "".join(secrets.choice(string.ascii_letters) for _ in range(48))

    def get_session_id(self, connection: ASGIConnection[Any, Any, Any, Any]) -> str:
        return connection.scope.get("new_session_id") or super().get_session_id(connection)

    async def store_in_message(
        self,
        scope_session: ScopeSession,
        message: Message,
        connection: ASGIConnection[Any, Any, Any, Any],
    ) -> None:
        had_cookie = self.config.key in connection.cookies
        if isinstance(scope_session, dict):
            if not scope_session and not had_cookie:
                return  # nothing to keep, nothing to forget
            if scope_session.pop(ROTATE, False):
                if had_cookie:
                    store = self.config.get_store_from_app(connection.scope["app"])
                    await self.delete(connection.cookies[self.config.key], store)
                connection.scope["new_session_id"] = self.generate_session_id()
        await super().store_in_message(scope_session, message, connection)


class SessionConfig(ServerSideSessionConfig):
    _backend_class = RotatingBackend  # type: ignore[assignment]


def session_config(settings: Settings) -> SessionConfig:
    """HttpOnly, SameSite=Strict, Secure by ``[pages] secure_cookies``; kept in the app's
    ``sessions`` store (:func:`session_store`)."""
    return SessionConfig(
        key=SESSION_COOKIE,
        httponly=True,
        samesite="strict",
        secure=settings.pages.secure_cookies,
        max_age=settings.pages.session_hours * 3600,
        renew_on_access=True,
        exclude=NOT_PAGES,
        store="sessions",
    )


def session_store(settings: Settings) -> FileStore:
    """Sessions as files under :func:`state_dir`: every worker sees the same, and a restart
    keeps them."""
    return FileStore(state_dir(settings) / "store", create_directories=True)


#: how often expired sessions are deleted from the store (the first time shortly after start)
EXPIRE_EVERY_SECONDS = 3600.0
EXPIRE_FIRST_AFTER_SECONDS = 10.0

log = logging.getLogger("samverkan.pages")


async def expire_sessions(
    store: FileStore, every: float | None = None, first_after: float | None = None
) -> None:
    """Delete expired sessions from ``store`` now and then, until cancelled. Litestar deletes an
    expired session only when its cookie comes back; one whose browser never returns would
    otherwise stay on disk, with the id of the key it signed in with. Every worker may run
    this: a file another removed first is skipped."""
    await asyncio.sleep(EXPIRE_FIRST_AFTER_SECONDS if first_after is None else first_after)
    while True:
        try:
            await store.delete_expired()
        except Exception:  # a file half-written by another worker: the next round sees it whole
            log.warning("could not delete every expired session this time", exc_info=True)
        await asyncio.sleep(EXPIRE_EVERY_SECONDS if every is None else every)


def csrf_config(settings: Settings) -> CSRFConfig:
    """A token in every form (``csrf_input``), checked on every POST outside the API."""
    return CSRFConfig(
        secret=csrf_secret(state_dir(settings)),
        cookie_name=CSRF_COOKIE,
        cookie_httponly=True,
        cookie_samesite="strict",
        cookie_secure=settings.pages.secure_cookies,
        exclude=NOT_PAGES,
    )
