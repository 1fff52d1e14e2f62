"""An ASGI guard in front of the whole API.

- Requests to endpoints that need no key (the rules, ``/health``, the schema, unknown paths)
  are limited per client address (429 with ``Retry-After``).
- The request is inspected under the policy of :mod:`samverkan.access.inspection` before any handler
  runs: a personnummer anywhere is refused with 422 naming where it was (never echoed, logged
  or stored); control characters, out-of-range query dates and over-deep JSON are refused too.
- A body larger than the configured maximum is refused with 413; a client that goes away
  before its body is complete reaches no handler.
- Every response carries security headers; case data is never cached; pages (every path
  outside the API, the schema and the static files) get the pages' Content-Security-Policy.
- No answer's first byte leaves before the ``COMMIT`` that holds the request's changes (the
  group commit of :mod:`samverkan.store.db`); if that ``COMMIT`` failed, the answer is a 500
  problem+json instead, since nothing of the change was stored.
- The access log names method, path (escaped; never the query string) and status.
"""

from __future__ import annotations

import json
import time
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from litestar.types import Empty
from litestar.utils.scope.state import ScopeState

from samverkan.access.inspection import (
    NOT_JSON,
    TEXTS,
    Finding,
    inspect_headers,
    inspect_path,
    inspect_query,
    read_body,
    refusal,
)
from samverkan.api.head import HEAD_MARK
from samverkan.api.problems import internal_error, problem_body
from samverkan.api.ratelimit import RateLimiter, retry_after
from samverkan.cases.changes import committed, holding
from samverkan.kernel.i18n import _, negotiate, set_language
from samverkan.kernel.logsafe import AccessLog, quote

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

access_log = AccessLog("samverkan.access")

SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-resource-policy", b"same-origin"),
]
API_CSP = (
    b"content-security-policy",
    b"default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
)
NO_STORE = (b"cache-control", b"no-store")
FORM = b"application/x-www-form-urlencoded"
#: the client went away before its request was complete (nginx's code for it, in the log)
CLIENT_GONE = 499


def replaying(body: bytes, receive: Receive) -> Receive:
    """A ``receive`` that gives the body already read, whole, then what ``receive`` gives."""
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay


def share_body(scope: Scope, body: bytes, parsed: Any) -> None:
    """Leave the body read (and its JSON, if it is JSON) where the contract check and
    Litestar's request look first, so neither reads nor parses it again."""
    state = ScopeState.from_scope(scope)
    state.body = body
    if parsed is not NOT_JSON:
        state.json = parsed


def shared_body(scope: Scope) -> tuple[bytes | None, Any]:
    """What :func:`share_body` left: ``(body, parsed JSON or NOT_JSON)``, body ``None`` if
    the guard did not read it."""
    state = ScopeState.from_scope(scope)
    body = None if state.body is Empty else state.body
    return body, NOT_JSON if state.json is Empty else state.json


def kind_of(path: str) -> str:
    """``api`` (the API and ``/health``), ``other`` (the schema, ``/-/``, the static files) or
    ``page`` (every other path, an unknown one too): which headers the answer gets."""
    if path.startswith("/api/") or path == "/health":
        return "api"
    if path.startswith(("/schema", "/-/", "/static/")):
        return "other"
    return "page"


def problem_entry(field: str, message: str) -> dict[str, Any]:
    return {
        "field": field,
        "in": "body",
        "message": message,
        "rule": None,
        "strength": None,
        "label": None,
    }


def _problem(body: dict[str, Any]) -> bytes:
    return json.dumps(body, ensure_ascii=False).encode()


class Guard:
    """The middleware. ``keyed`` lists the path prefixes whose endpoints need an API key: those
    are limited per key (and an invalid key per address) by the caller dependency instead."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        max_body_bytes: int,
        max_json_depth: int,
        per_address: RateLimiter,
        keyed: tuple[str, ...] = (),
        page_csp: str = "",
    ):
        self.app = app
        self.max_body_bytes = max_body_bytes
        self.max_json_depth = max_json_depth
        self.per_address = per_address
        self.keyed = keyed
        self._keyed_paths = frozenset(keyed)
        self._keyed_prefixes = tuple(p + "/" for p in keyed)
        self.page_headers: tuple[tuple[bytes, bytes], ...] = (
            ((b"content-security-policy", page_csp.encode()), NO_STORE) if page_csp else ()
        )
        self._extras: dict[tuple[str, str], tuple[tuple[bytes, bytes], ...]] = {}

    def _anonymous(self, path: str) -> bool:
        return not (path in self._keyed_paths or path.startswith(self._keyed_prefixes))

    def _extra_headers(self, speaks: str, kind: str) -> tuple[tuple[bytes, bytes], ...]:
        """The headers every answer gets unless it has its own (built once per kind: ``api``,
        ``page``, or ``other``: the schema, ``/-/``, the static files)."""
        found = self._extras.get((speaks, kind))
        if found is None:
            found = (*SECURITY_HEADERS, (b"content-language", speaks.encode()))
            found += {"api": (API_CSP, NO_STORE), "page": self.page_headers}.get(kind, ())
            self._extras[(speaks, kind)] = found
        return found

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.monotonic()
        path: str = scope.get("path", "")
        raw_headers = scope.get("headers", [])
        headers_in = dict(raw_headers)
        speaks = negotiate(headers_in.get(b"accept-language", b"").decode("latin-1"))
        set_language(speaks)
        extra = self._extra_headers(speaks, kind_of(path))
        status_seen: list[int] = []
        path_refused = False
        waiting: list[Any] = []  # the group commits this request's changes joined
        failed: list[BaseException] = []

        async def send_with_headers(message: Message) -> None:
            if failed:  # a replaced answer: the handler's own body is dropped
                return
            if message["type"] == "http.response.start":
                if waiting and (error := await committed(waiting)) is not None:
                    # the commit that held this request's change failed: nothing of it is
                    # stored, so the answer it was to give is replaced by a 500
                    waiting.clear()
                    await self._answer(send_with_headers, 500, _problem(internal_error()))
                    failed.append(error)
                    return
                status_seen.append(int(message["status"]))
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _value in headers}
                headers += [h for h in extra if h[0] not in present]
                message["headers"] = headers
            await send(message)

        try:
            found = inspect_path(path)  # first: a refused path is not logged as sent
            path_refused = bool(found)
            if self._anonymous(path):
                client = scope.get("client")
                wait = self.per_address.wait(client[0] if client else "-")
                if wait:
                    await self._rate_limited(send_with_headers, wait)
                    return
            found += inspect_query(scope.get("query_string", b""))
            found += inspect_headers(raw_headers)
            if found:
                await self._refuse(send_with_headers, found)
                return
            body, complete, too_large = await self._read_body(headers_in, receive)
            if not complete:
                status_seen.append(CLIENT_GONE)
                return
            if too_large:
                await self._too_large(send_with_headers)
                return
            form = headers_in.get(b"content-type", b"").lower().startswith(FORM)
            found, parsed = read_body(body, self.max_json_depth, form)
            if found:
                await self._refuse(send_with_headers, found)
                return
            # read once, parsed once: the contract check and the handler take both from here
            share_body(scope, body, parsed)
            with holding(waiting):  # no answer leaves before its changes are committed
                await self.app(scope, replaying(body, receive), send_with_headers)
        finally:
            access_log.request(
                # a HEAD is routed as a GET (samverkan.api.head); the log names what came
                "HEAD" if scope.get(HEAD_MARK) else quote(scope.get("method")),
                # a refused path is not logged as sent: the number must not reach the log
                "(path refused)" if path_refused else quote(path),
                status_seen[0] if status_seen else "-",
                (time.monotonic() - started) * 1000,
            )

    async def _read_body(
        self, headers: dict[bytes, bytes], receive: Receive
    ) -> tuple[bytes, bool, bool]:
        """``(body, complete, too_large)``; incomplete when the client went away first."""
        declared = headers.get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_body_bytes:
            return b"", True, True
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return b"", False, False
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_body_bytes:
                return b"", True, True
            chunks.append(chunk)
            if not message.get("more_body", False):
                return chunks[0] if len(chunks) == 1 else b"".join(chunks), True, False

    async def _refuse(self, send: Send, found: list[Finding]) -> None:
        status, body = refusal(found, self.max_json_depth)
        await self._answer(send, status, _problem(body))

    async def _too_large(self, send: Send) -> None:
        limit = self.max_body_bytes
        body = problem_body(
            413,
            "request-body-too-large",
            _(TEXTS["size.title"]),
            _(TEXTS["size.detail"], limit=limit),
            [problem_entry("body", _(TEXTS["size.message"], limit=limit))],
        )
        await self._answer(send, 413, _problem(body))

    async def _rate_limited(self, send: Send, wait: float) -> None:
        retry = retry_after(wait)
        body = problem_body(
            429, "rate-limited", _(TEXTS["rate.title"]), _(TEXTS["rate.detail"], retry=retry)
        )
        await self._answer(send, 429, _problem(body), [(b"retry-after", retry.encode())])

    @staticmethod
    async def _answer(
        send: Send, status: int, payload: bytes, headers: list[tuple[bytes, bytes]] | None = None
    ) -> None:
        await send(
            {
                "type": "http.response.start",
                "status": status,
                "headers": [
                    (b"content-type", b"application/problem+json"),
                    (b"content-length", str(len(payload)).encode()),
                    *(headers or []),
                ],
            }
        )
        await send({"type": "http.response.body", "body": payload})
