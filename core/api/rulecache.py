"""The rule GETs' answers, kept as sent.

A rule answer (``GET /api/v1/agreements/…``: the list, a rule set, a ladder, a deadline) is
a function of the path, the query string, the language negotiated and today's date alone:
the agreements are loaded at start-up and do not change while the service runs. So the
first ``200`` answer to such a request is kept, bytes and headers, and sent again for the
same request on the same day without routing it further (the contract check, the handler
and the encoding are skipped; the guard in front still inspects, rate-limits, adds its
headers and logs every request). Anything but a whole ``200`` answer is not kept: a
refusal is computed again every time.

The store is bounded (:data:`MAX_ANSWERS` answers of at most :data:`MAX_BYTES` each, and
:data:`MAX_TOTAL_BYTES` in all: past either bound it starts again empty) and emptied when the
date changes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, MutableMapping
from typing import Any

from samverkan.api.guard import ASGIApp, Message, Receive, Scope, Send
from samverkan.kernel.i18n import language

PREFIX = "/api/v1/agreements"
MAX_ANSWERS = 1024
MAX_BYTES = 256 * 1024
MAX_TOTAL_BYTES = 16 * 1024 * 1024

Kept = tuple[int, list[tuple[bytes, bytes]], bytes]


class RuleAnswerCache:
    """ASGI middleware (inside the guard): keeps and replays the rule GETs' answers.

    :param today: the service's date (its clock's ``today``).
    """

    def __init__(self, app: ASGIApp, *, today: Callable[[], dt.date]):
        self.app = app
        self.today = today
        self.day: dt.date | None = None
        self.kept: dict[tuple[str, bytes, str], Kept] = {}
        self.size = 0  # the kept bodies' bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path: str = scope.get("path", "")
        if (
            scope["type"] != "http"
            or scope.get("method") != "GET"
            or not (path == PREFIX or path.startswith(PREFIX + "/"))
        ):
            await self.app(scope, receive, send)
            return
        day = self.today()
        if day != self.day:
            self._empty()
            self.day = day
        key = (path, scope.get("query_string", b""), language())
        found = self.kept.get(key)
        if found is not None:
            status, headers, body = found
            await send({"type": "http.response.start", "status": status, "headers": headers})
            await send({"type": "http.response.body", "body": body, "more_body": False})
            return
        await self.app(scope, receive, self._keeping(key, send))

    def _empty(self) -> None:
        self.kept.clear()
        self.size = 0

    def _keeping(self, key: tuple[str, bytes, str], send: Send) -> Send:
        start: MutableMapping[str, Any] = {}

        async def keep(message: Message) -> None:
            if message["type"] == "http.response.start":
                start.update(status=message["status"], headers=list(message.get("headers", [])))
            elif message["type"] == "http.response.body" and message.get("more_body", False):
                start["status"] = None  # sent in parts: not kept
            elif (
                message["type"] == "http.response.body"
                and start.get("status") == 200
                and len(body := message.get("body", b"")) <= MAX_BYTES
            ):
                if len(self.kept) >= MAX_ANSWERS or self.size + len(body) > MAX_TOTAL_BYTES:
                    self._empty()
                self.kept[key] = (200, start["headers"], bytes(body))
                self.size += len(body)
            await send(message)

        return keep
