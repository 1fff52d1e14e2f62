"""An ASGI guard in front of the whole API.

- A personnummer or samordningsnummer anywhere in a request (a JSON string or key, the query
  string, a header value, the path) is refused with 422 naming where it was, before any handler
  runs; the number is not echoed, logged or stored.
- A body larger than the configured maximum is refused with 413.
- Every response carries security headers; case data is never cached.
- The access log names method, path (never the query string) and status.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any
from urllib.parse import parse_qsl, unquote

from core.pnr import contains_personnummer

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

access_log = logging.getLogger("samverkan.access")

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
PNR_MESSAGE = (
    "contains what looks like a personnummer or samordningsnummer; the service stores only a "
    "pseudonymous reference (see individual_ref in the README)"
)


def _problem(status: int, title: str, detail: str, errors: list[dict[str, str]]) -> bytes:
    return json.dumps(
        {
            "type": "urn:samverkan:problem:" + title.lower().replace(" ", "-"),
            "title": title,
            "status": status,
            "detail": detail,
            "errors": errors,
        },
        ensure_ascii=False,
    ).encode()


def find_in_json(value: Any, path: str = "") -> list[str]:
    """The JSON paths of strings (and keys) holding a personnummer."""
    found: list[str] = []
    if isinstance(value, str):
        if contains_personnummer(value):
            found.append(path or "body")
    elif isinstance(value, dict):
        for key, item in value.items():
            name = str(key)
            if contains_personnummer(name):
                found.append(f"{path or 'body'} (a key)")
                name = "(a key)"  # the key itself is never echoed
            where = f"{path}.{name}" if path else name
            found += find_in_json(item, where)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += find_in_json(item, f"{path}[{index}]")
    elif (
        isinstance(value, int) and not isinstance(value, bool) and contains_personnummer(str(value))
    ):
        found.append(path or "body")
    return found


class Guard:
    def __init__(self, app: ASGIApp, *, max_body_bytes: int):
        self.app = app
        self.max_body_bytes = max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.monotonic()
        path: str = scope.get("path", "")
        status_seen: list[int] = []

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                status_seen.append(int(message["status"]))
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                extra = [h for h in SECURITY_HEADERS if h[0] not in present]
                if path.startswith("/api/") or path == "/health":
                    extra += [h for h in (API_CSP, NO_STORE) if h[0] not in present]
                message["headers"] = headers + extra
            await send(message)

        try:
            refusal = self._inspect_head(scope)
            body = b""
            if refusal is None:
                body, refusal = await self._read_body(scope, receive)
            if refusal is not None:
                status, payload = refusal
                await self._answer(send_with_headers, status, payload)
                return

            sent = False

            async def replay() -> Message:
                nonlocal sent
                if not sent:
                    sent = True
                    return {"type": "http.request", "body": body, "more_body": False}
                return await receive()

            await self.app(scope, replay, send_with_headers)
        finally:
            access_log.info(
                "%s %s %s %.0fms",
                scope.get("method"),
                # a refused path is not logged as sent: the number must not reach the log
                "(path refused)" if contains_personnummer(unquote(path)) else path,
                status_seen[0] if status_seen else "-",
                (time.monotonic() - started) * 1000,
            )

    def _inspect_head(self, scope: Scope) -> tuple[int, bytes] | None:
        where: list[str] = []
        if contains_personnummer(unquote(scope.get("path", ""))):
            where.append("path")
        for key, value in parse_qsl(
            scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True
        ):
            if contains_personnummer(key):
                where.append("query (a parameter name)")  # never echoed
            elif contains_personnummer(value):
                where.append(f"query {key}")
        for name, value in scope.get("headers", []):
            if contains_personnummer(unquote(name.decode("latin-1"))):
                where.append("header (a header name)")  # never echoed
            elif contains_personnummer(unquote(value.decode("latin-1"))):
                where.append(f"header {name.decode('latin-1')}")
        if not where:
            return None
        return 422, _pnr_problem(where)

    async def _read_body(
        self, scope: Scope, receive: Receive
    ) -> tuple[bytes, tuple[int, bytes] | None]:
        declared = dict(scope.get("headers", [])).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_body_bytes:
            return b"", (413, _too_large(self.max_body_bytes))
        chunks: list[bytes] = []
        size = 0
        more = True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                break
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_body_bytes:
                return b"", (413, _too_large(self.max_body_bytes))
            chunks.append(chunk)
            more = message.get("more_body", False)
        body = b"".join(chunks)
        if not body:
            return body, None
        text = body.decode("utf-8", errors="replace")
        try:
            where = find_in_json(json.loads(text))
        except ValueError:
            where = ["body"] if contains_personnummer(text) else []
        return body, (422, _pnr_problem(where)) if where else None

    @staticmethod
    async def _answer(send: Send, status: int, payload: bytes) -> None:
        await send(
            {
                "type": "http.response.start",
                "status": status,
                "headers": [
                    (b"content-type", b"application/problem+json"),
                    (b"content-length", str(len(payload)).encode()),
                ],
            }
        )
        await send({"type": "http.response.body", "body": payload})


def _pnr_problem(where: list[str]) -> bytes:
    return _problem(
        422,
        "Personal identity number refused",
        "the request was refused and nothing was stored: " + ", ".join(where) + " " + PNR_MESSAGE,
        [{"field": field, "message": PNR_MESSAGE} for field in where],
    )


def _too_large(limit: int) -> bytes:
    return _problem(
        413,
        "Request body too large",
        f"the body is larger than the service accepts ({limit} bytes)",
        [{"field": "body", "message": f"at most {limit} bytes"}],
    )
