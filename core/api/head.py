"""``HEAD`` answers what ``GET`` would, without the body (RFC 9110, 9.3.2): status and headers,
``Content-Length`` included, for every resource that has a ``GET``, the pages and the API alike.
Litestar routes ``HEAD`` only to handlers declared for it, so without this every ``HEAD`` was a
405 (link checkers and uptime probes use it)."""

from __future__ import annotations

from litestar.types import ASGIApp, Message, Receive, Scope, Send

#: the scope key that marks a ``GET`` as a ``HEAD`` that came in (the guard's access line)
HEAD_MARK = "samverkan.head"


class HeadAsGet:
    """Wraps the application's handler before routing (``ServiceApp``): everything below, the
    guard and its access line included, sees a ``GET`` marked with :data:`HEAD_MARK`; the
    body of the answer is dropped (uvicorn, which keeps the ``HEAD`` scope, would drop it
    too)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def send_head(message: Message) -> None:
            if message["type"] == "http.response.body":
                message = {**message, "body": b""}  # type: ignore[typeddict-item]
            await send(message)

        as_get = {**scope, "method": "GET", HEAD_MARK: True}
        await self.app(as_get, receive, send_head)  # type: ignore[arg-type]
