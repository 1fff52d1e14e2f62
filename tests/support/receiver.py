"""A real webhook receiver on 127.0.0.1 for end-to-end tests of the notification deliveries.

It checks ``X-Samverkan-Signature`` (HMAC-SHA256 over the exact body) with its own copy of the
secret, records every request it gets (notification id, ``Idempotency-Key``, body, whether the
signature held) and can be told to answer slowly or to fail. It runs in a thread of the test
process, so it outlives the server processes the tests kill and restart.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Delivery:
    notification: str
    idempotency_key: str
    body: dict[str, Any]
    raw: bytes
    signature_ok: bool
    status: int = 0  # what the receiver answered (0 until it has)
    received_at: float = field(default_factory=time.monotonic)


class Receiver:
    """``with Receiver(secret) as r: … r.url …``.

    :param secret: the HMAC secret the server is configured with; a request whose signature does
        not verify is recorded and answered 401.
    :param delay: seconds to sleep before answering each request (a slow receiver).
    :param fail: called with each delivery; a status code (e.g. 500) makes the receiver answer it.
    """

    def __init__(
        self,
        secret: str,
        delay: float = 0.0,
        fail: Callable[[Delivery], int | None] | None = None,
    ):
        self.secret = secret.encode()
        self.delay = delay
        self.fail = fail
        self.lock = threading.Lock()
        self.deliveries: list[Delivery] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                raw = self.rfile.read(int(self.headers.get("content-length", 0)))
                expected = "sha256=" + hmac.new(receiver.secret, raw, hashlib.sha256).hexdigest()
                given = self.headers.get("X-Samverkan-Signature", "")
                delivery = Delivery(
                    notification=self.headers.get("X-Samverkan-Notification", ""),
                    idempotency_key=self.headers.get("Idempotency-Key", ""),
                    body=json.loads(raw),
                    raw=raw,
                    signature_ok=hmac.compare_digest(expected, given),
                )
                with receiver.lock:
                    receiver.deliveries.append(delivery)
                if receiver.delay:
                    time.sleep(receiver.delay)
                status = 200 if delivery.signature_ok else 401
                if status == 200 and receiver.fail is not None:
                    status = receiver.fail(delivery) or 200
                delivery.status = status
                try:
                    self.send_response(status)
                    self.send_header("content-length", "0")
                    self.end_headers()
                except OSError:  # the server was killed while waiting for this answer
                    pass

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> Receiver:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    def received(self) -> list[Delivery]:
        with self.lock:
            return list(self.deliveries)

    def counts(self) -> Counter[str]:
        """How many requests each notification id got (every request, whatever the answer)."""
        return Counter(d.notification for d in self.received())

    def accepted(self) -> Counter[str]:
        """How many requests each notification id got that the receiver answered 2xx."""
        return Counter(d.notification for d in self.received() if d.status == 200)

    def wait(self, done: Callable[[Receiver], bool], timeout: float, what: str) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if done(self):
                return
            time.sleep(0.05)
        raise AssertionError(f"receiver: not {what} within {timeout}s; got {self.counts()}")
