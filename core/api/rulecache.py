"""The rule answers, kept as sent.

A rule answer is a function of the request alone: the agreements are loaded at start-up and
do not change while the service runs. So the first ``200`` answer is kept, bytes and headers,
and sent again for the same request on the same day without routing it further (the contract
check, the handler and the encoding are skipped; the guard in front still inspects,
rate-limits, adds its headers and logs every request, and reads the body). Two kinds:

- a rule ``GET`` (``/api/v1/agreements/…``: the list, a rule set, a ladder, a deadline), by
  path, query string and the language negotiated;
- a rule computation ``POST`` (``…/cost-split``, ``…/sip-check``: nothing is stored, the
  answer follows from the body), by path, query string, language and the body's bytes (a body
  of at most :data:`MAX_KEY_BYTES`; a longer one is computed every time).

Anything but a whole ``200`` answer is not kept: a refusal is computed again every time.
Each kind is bounded on its own (:data:`MAX_ANSWERS` answers of at most :data:`MAX_BYTES`
each, and :data:`MAX_TOTAL_BYTES` in all, the kept bodies counted: past either bound it starts
again empty), and both are emptied when the date changes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, MutableMapping
from typing import Any

from samverkan.api.guard import ASGIApp, Message, Receive, Scope, Send, shared_body
from samverkan.kernel.i18n import language

PREFIX = "/api/v1/agreements"
#: the rule computations asked by POST (path endings under :data:`PREFIX`)
COMPUTATIONS = ("/cost-split", "/sip-check")
MAX_ANSWERS = 1024
MAX_BYTES = 256 * 1024
MAX_TOTAL_BYTES = 16 * 1024 * 1024
MAX_KEY_BYTES = 8 * 1024

Kept = tuple[int, list[tuple[bytes, bytes]], bytes]
Key = tuple[str, bytes, str, bytes]  # path, query string, language, body


class KeptAnswers:
    """One kind's kept answers, bounded (see the module docstring)."""

    def __init__(self) -> None:
        self.kept: dict[Key, Kept] = {}
        self.size = 0  # the kept answers' and keys' body bytes

    def empty(self) -> None:
        self.kept.clear()
        self.size = 0

    def keep(self, key: Key, headers: list[tuple[bytes, bytes]], body: bytes) -> None:
        size = len(body) + len(key[3])
        if len(self.kept) >= MAX_ANSWERS or self.size + size > MAX_TOTAL_BYTES:
            self.empty()
        self.kept[key] = (200, headers, body)
        self.size += size


class RuleAnswerCache:
    """ASGI middleware (inside the guard): keeps and replays the rule answers.

    :param today: the service's date (its clock's ``today``).
    """

    def __init__(self, app: ASGIApp, *, today: Callable[[], dt.date]):
        self.app = app
        self.today = today
        self.day: dt.date | None = None
        self.reads = KeptAnswers()
        self.computations = KeptAnswers()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path: str = scope.get("path", "")
        if scope["type"] != "http" or not (path == PREFIX or path.startswith(PREFIX + "/")):
            await self.app(scope, receive, send)
            return
        method = scope.get("method")
        if method == "GET":
            answers, body = self.reads, b""
        elif method == "POST" and path.endswith(COMPUTATIONS):
            body = shared_body(scope)[0]  # read by the guard, which inspected it
            if body is None or len(body) > MAX_KEY_BYTES:
                await self.app(scope, receive, send)
                return
            answers = self.computations
        else:
            await self.app(scope, receive, send)
            return
        day = self.today()
        if day != self.day:
            self.reads.empty()
            self.computations.empty()
            self.day = day
        key = (path, scope.get("query_string", b""), language(), body)
        found = answers.kept.get(key)
        if found is not None:
            status, headers, kept = found
            await send({"type": "http.response.start", "status": status, "headers": headers})
            await send({"type": "http.response.body", "body": kept, "more_body": False})
            return
        await self.app(scope, receive, self._keeping(answers, key, send))

    def _keeping(self, answers: KeptAnswers, key: Key, send: Send) -> Send:
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
                answers.keep(key, start["headers"], bytes(body))
            await send(message)

        return keep
