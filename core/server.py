"""Serving the API: uvicorn, with read deadlines for slow clients.

uvicorn closes idle keep-alive connections but has no deadline for a request that is being
sent: a client that sends one header byte a second (or a body byte a second) holds its socket
for as long as it likes, and ASGI middleware cannot help (it only runs once the head is in).
The two protocol classes here are uvicorn's own (``h11`` and ``httptools``) with two deadlines
added, each answered with ``408 Request Timeout`` and a closed connection:

- **head**: the request line and headers must be complete within ``header_timeout_seconds``
  of the connection opening, or of the first byte of a later request on it;
- **body**: the body must be complete within ``body_timeout_seconds`` of the headers (the
  handler never sees a partial body: the guard stops at the disconnect).

Everything else is uvicorn's: ``--workers N`` (processes sharing one socket), graceful
shutdown on SIGTERM (in-flight requests finish), the lifespan that runs the scheduler.
"""

from __future__ import annotations

import asyncio
import gc
import logging
from typing import Any

import h11
import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol as _H11
from uvicorn.supervisors import Multiprocess

from samverkan.access.inspection import TEXTS
from samverkan.kernel.config import Settings
from samverkan.kernel.i18n import _, speaking
from samverkan.kernel.logsafe import quote

log = logging.getLogger("samverkan.server")
STARTUP_FAILURE = 3


def _timeout_response(reason: str) -> bytes:
    body = (
        '{"type":"urn:samverkan:problem:request-timeout","title":"Request Timeout",'
        f'"status":408,"detail":"{reason}"}}'
    ).encode()
    return (
        b"HTTP/1.1 408 Request Timeout\r\ncontent-type: application/problem+json\r\n"
        b"connection: close\r\ncontent-length: " + str(len(body)).encode() + b"\r\n\r\n" + body
    )


class _Deadlines:
    """The head and body deadlines, for a uvicorn HTTP protocol (``self.config``,
    ``self.loop``, ``self.transport``, ``self.cycle`` and ``self.client`` are uvicorn's)."""

    config: Any
    loop: asyncio.AbstractEventLoop
    transport: asyncio.Transport
    cycle: Any
    client: Any
    _head_timer: asyncio.TimerHandle | None = None
    _body_timer: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:
        super().connection_made(transport)  # type: ignore[misc]
        self._arm("head")  # the first request's head: from the moment the connection opens

    def connection_lost(self, exc: Exception | None) -> None:
        self._cancel("head")
        self._cancel("body")
        super().connection_lost(exc)  # type: ignore[misc]

    def _arm(self, which: str) -> None:
        """Start the deadline unless it is already running (a trickle does not extend it)."""
        attribute = f"_{which}_timer"
        seconds = getattr(self.config, f"{which}_timeout", None)
        if seconds and getattr(self, attribute) is None:
            setattr(self, attribute, self.loop.call_later(seconds, self._expired, which))

    def _cancel(self, which: str) -> None:
        attribute = f"_{which}_timer"
        timer = getattr(self, attribute)
        if timer is not None:
            timer.cancel()
            setattr(self, attribute, None)

    def _expired(self, which: str) -> None:
        setattr(self, f"_{which}_timer", None)
        if self.transport.is_closing():
            return
        seconds = getattr(self.config, f"{which}_timeout", None)
        reason = _(TEXTS[f"timeout.{which}"], seconds=f"{seconds:g}")  # no request read: sv
        with speaking("en"):  # the log is the operator's, in English
            logged = _(TEXTS[f"timeout.{which}"], seconds=f"{seconds:g}")
        client = ":".join(map(str, self.client)) if self.client else "-"
        log.warning("closed the connection from %s: %s", quote(client), logged)
        cycle = self.cycle  # the request being read, or the last one answered
        if cycle is None or cycle.response_complete or not cycle.response_started:
            self.transport.write(_timeout_response(reason))
        self.transport.close()


class H11Protocol(_Deadlines, _H11):
    """uvicorn's h11 protocol with the head and body deadlines."""

    def handle_events(self) -> None:
        super().handle_events()
        state = self.conn.their_state
        if state is h11.IDLE:  # between requests: a deadline once a byte of the next arrives
            self._cancel("body")
            if self.conn.trailing_data[0]:
                self._arm("head")
        elif state is h11.SEND_BODY:
            self._cancel("head")
            self._arm("body")
        else:
            self._cancel("head")
            self._cancel("body")


try:
    from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol as _HttpTools
except ImportError:  # httptools is optional
    _HttpTools = None

if _HttpTools is not None:

    class HttpToolsProtocol(_Deadlines, _HttpTools):  # type: ignore[misc, valid-type]
        """uvicorn's httptools protocol with the head and body deadlines."""

        def on_message_begin(self) -> None:
            super().on_message_begin()
            self._arm("head")

        def on_headers_complete(self) -> None:
            self._cancel("head")
            self._arm("body")
            super().on_headers_complete()

        def on_message_complete(self) -> None:
            self._cancel("body")
            super().on_message_complete()


def protocol(name: str) -> type[asyncio.Protocol]:
    """The protocol class for ``[server] http``."""
    if name == "httptools":
        if _HttpTools is None:
            from samverkan.kernel.errors import ConfigError

            raise ConfigError('server.http = "httptools" needs the httptools package installed')
        return HttpToolsProtocol
    return H11Protocol


class UvicornConfig(uvicorn.Config):
    """uvicorn's config plus the two deadlines (it travels to each ``--workers`` process)."""

    def __init__(
        self, app: Any, *, head_timeout: float, body_timeout: float, **kwargs: Any
    ) -> None:
        super().__init__(app, **kwargs)
        self.head_timeout = head_timeout
        self.body_timeout = body_timeout


class Server(uvicorn.Server):
    """uvicorn's server; once it listens, what start-up built (modules, routes, rules) is
    moved out of the garbage collector's sight (``gc.freeze``: it lives as long as the process)
    and the collector, off during start-up (:func:`serve`), runs again, over what requests
    make only, in shorter pauses."""

    async def startup(self, sockets: Any = None) -> None:
        await super().startup(sockets)
        gc.freeze()
        gc.enable()


def serve(settings: Settings, host: str, port: int, workers: int) -> int:
    """Run the API until SIGTERM or SIGINT; ``workers`` > 1 runs that many processes."""
    if workers <= 1:
        gc.disable()  # start-up allocates much and frees little: no collections until it is up
    from samverkan.api.app import create_app

    server_settings = settings.server
    options: dict[str, Any] = {
        "host": host,
        "port": port,
        "http": protocol(server_settings.http),
        "head_timeout": server_settings.header_timeout_seconds,
        "body_timeout": server_settings.body_timeout_seconds,
        "timeout_keep_alive": server_settings.keep_alive_seconds,
        # uvicorn's access log prints query strings; the guard's prints method, path, status
        "access_log": False,
        "proxy_headers": False,
        "log_level": "info",
    }
    if workers <= 1:
        config = UvicornConfig(create_app(settings), **options)  # fails here on bad config
        server = Server(config)
        server.run()
        return 0 if server.started else STARTUP_FAILURE
    config = UvicornConfig("samverkan.api.app:create_app", factory=True, workers=workers, **options)
    Multiprocess(config, sockets=[config.bind_socket()]).run()
    return 0
