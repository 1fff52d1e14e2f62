"""A tiny web site on a free local port, for the harness's own tests: each route answers a
fixed body, status and headers (the crawler and keyboard helpers are proved on it, clean and
broken on purpose, before they judge the service's pages)."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

#: a policy forbidding every other origin, without 'unsafe-inline' or 'unsafe-eval'
STRICT_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)
HTML = "text/html; charset=utf-8"
STYLE = "body { font-family: sans-serif; color: #111; background: #fff; } a { color: #0645ad; }"
PIXEL = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8">'
    '<rect width="8" height="8" fill="#036"/></svg>'
)


def document(title: str, body: str, lang: str | None = "sv") -> str:
    """A whole HTML page with the site's stylesheet."""
    html = f'<html lang="{lang}">' if lang else "<html>"
    return (
        f'<!doctype html>{html}<head><meta charset="utf-8"><title>{title}</title>'
        '<link rel="stylesheet" href="/site.css"><link rel="icon" href="/pixel.svg"></head>'
        f"<body><main><h1>{title}</h1>{body}</main></body></html>"
    )


@dataclass
class Route:
    body: str
    content_type: str = HTML
    status: int = 200
    headers: dict[str, str] = field(default_factory=lambda: {"Content-Security-Policy": STRICT_CSP})


class Site:
    """Routes by path and query (``/p?x=1``), else by path; ``POST <path>`` for a form's
    target. Every request is recorded in :attr:`hits` as ``(method, path, body)``."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {
            "/site.css": Route(STYLE, "text/css"),
            "/pixel.svg": Route(PIXEL, "image/svg+xml"),
        }
        self.hits: list[tuple[str, str, str]] = []
        site = self

        class Handler(BaseHTTPRequestHandler):
            def answer(self, method: str) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length).decode() if length else ""
                site.hits.append((method, self.path, body))
                prefix = "POST " if method == "POST" else ""
                path = urlsplit(self.path).path
                route = site.routes.get(prefix + self.path) or site.routes.get(prefix + path)
                if route is None:
                    route = Route("<!doctype html><title>404</title>", status=404)
                data = route.body.encode()
                self.send_response(route.status)
                self.send_header("Content-Type", route.content_type)
                self.send_header("Content-Length", str(len(data)))
                for name, value in route.headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self) -> None:
                self.answer("GET")

            def do_POST(self) -> None:
                self.answer("POST")

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        port = self.server.server_address[1]
        self.url = f"http://127.0.0.1:{port}"
        #: the same server under another origin (another host name)
        self.other_origin = f"http://localhost:{port}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def add(self, path: str, body: str, **route: object) -> None:
        self.routes[path] = Route(body, **route)  # type: ignore[arg-type]

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
