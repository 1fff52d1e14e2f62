"""What the fast paths of issue 14 keep: a rule GET answered from the kept answers is the
answer the handler gives; the pages' session and CSRF never touch the API."""

from __future__ import annotations

import datetime as dt
from typing import Any

import httpx
import pytest

from samverkan.api import rulecache
from samverkan.api.rulecache import MAX_ANSWERS, RuleAnswerCache
from samverkan.kernel.i18n import set_language
from tests.support.loop import run as run_loop

LADDER = "/api/v1/agreements/vgr/ladder?on=2026-06-01"


def _answer(response: httpx.Response) -> tuple[int, list[tuple[str, str]], bytes]:
    headers = sorted((k, v) for k, v in response.headers.items() if k not in {"date"})
    return response.status_code, headers, response.content


def test_a_kept_rule_answer_is_the_handlers_answer_byte_for_byte(http: httpx.Client) -> None:
    # a query no one asked before is computed by the handler; the same again is replayed
    on = "2026-05-17"
    first = http.get(f"/api/v1/agreements/vgr/ladder?on={on}")
    again = http.get(f"/api/v1/agreements/vgr/ladder?on={on}")
    assert first.status_code == 200
    assert _answer(again) == _answer(first)
    assert first.json()["on"] == on


def test_each_language_has_its_own_kept_answer(http: httpx.Client) -> None:
    swedish = http.get(LADDER, headers={"Accept-Language": "sv"})
    english = http.get(LADDER, headers={"Accept-Language": "en"})
    assert swedish.headers["content-language"] == "sv"
    assert english.headers["content-language"] == "en"
    assert http.get(LADDER, headers={"Accept-Language": "sv"}).content == swedish.content
    assert http.get(LADDER, headers={"Accept-Language": "en"}).content == english.content


def test_a_refusal_is_never_kept(http: httpx.Client) -> None:
    for _ in range(2):
        unknown = http.get("/api/v1/agreements/nowhere/ladder?on=2026-06-01")
        assert unknown.status_code == 404
        undeclared = http.get("/api/v1/agreements/vgr/ladder?on=2026-06-01&when=now")
        assert undeclared.status_code == 400
        assert undeclared.json()["errors"][0]["field"] == "when"


def test_the_api_never_passes_through_the_pages_session_or_csrf(http: httpx.Client) -> None:
    page = http.get("/")
    assert "samverkan_csrf" in page.headers.get("set-cookie", "")
    for path in (LADDER, "/health", "/api/v1/agreements"):
        assert "set-cookie" not in http.get(path).headers, path


class _Counting:
    """An ASGI app that answers ``status`` with a body naming how often it was called."""

    def __init__(self, status: int = 200, parts: int = 1):
        self.calls = 0
        self.status = status
        self.parts = parts

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        self.calls += 1
        body = f"call {self.calls}".encode()
        await send(
            {"type": "http.response.start", "status": self.status, "headers": [(b"x", b"1")]}
        )
        for part in range(self.parts):
            more = part < self.parts - 1
            await send({"type": "http.response.body", "body": body, "more_body": more})


async def _get(app: RuleAnswerCache, path: str, query: bytes = b"", method: str = "GET") -> list:
    sent: list[dict[str, Any]] = []

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    scope = {"type": "http", "method": method, "path": path, "query_string": query}
    await app(scope, receive, send)
    return sent


def test_the_kept_answers_are_keyed_by_path_query_language_and_day() -> None:
    run_loop(_keyed)


async def _keyed() -> None:
    inner = _Counting()
    today = [dt.date(2026, 6, 1)]
    cache = RuleAnswerCache(inner, today=lambda: today[0])
    path = "/api/v1/agreements/vgr/ladder"
    set_language("sv")
    first = await _get(cache, path, b"on=2026-06-01")
    assert await _get(cache, path, b"on=2026-06-01") == first and inner.calls == 1
    await _get(cache, path, b"on=2026-06-02")
    set_language("en")
    await _get(cache, path, b"on=2026-06-01")
    assert inner.calls == 3
    today[0] = dt.date(2026, 6, 2)  # a new day: every kept answer goes
    await _get(cache, path, b"on=2026-06-01")
    assert inner.calls == 4
    set_language("sv")


@pytest.mark.parametrize(
    ("inner", "path", "method"),
    [
        (_Counting(status=404), "/api/v1/agreements/x", "GET"),  # not a 200
        (_Counting(parts=2), "/api/v1/agreements/x", "GET"),  # sent in parts
        (_Counting(), "/api/v1/agreements/x/cost-split", "POST"),  # not a GET
        (_Counting(), "/api/v1/disputes", "GET"),  # not a rule
        (_Counting(), "/api/v1/agreementsx", "GET"),  # not under the prefix
    ],
)
def test_what_is_not_kept(inner: _Counting, path: str, method: str) -> None:
    cache = RuleAnswerCache(inner, today=lambda: dt.date(2026, 6, 1))
    run_loop(lambda: _get(cache, path, method=method))
    run_loop(lambda: _get(cache, path, method=method))
    assert inner.calls == 2


def test_the_kept_answers_are_bounded() -> None:
    cache = RuleAnswerCache(_Counting(), today=lambda: dt.date(2026, 6, 1))

    async def many() -> None:
        for n in range(MAX_ANSWERS + 10):
            await _get(cache, "/api/v1/agreements/vgr/ladder", f"n={n}".encode())

    run_loop(many)
    assert 0 < len(cache.kept) <= MAX_ANSWERS
    assert cache.size == sum(len(body) for _, _, body in cache.kept.values())


def test_the_kept_answers_are_bounded_in_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rulecache, "MAX_TOTAL_BYTES", 100)
    cache = RuleAnswerCache(_Counting(), today=lambda: dt.date(2026, 6, 1))

    async def many() -> None:
        for n in range(50):
            await _get(cache, "/api/v1/agreements/vgr/ladder", f"n={n}".encode())
            assert cache.size <= 100

    run_loop(many)
