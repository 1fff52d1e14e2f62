"""What the fast paths of issue 14 keep: a rule GET or computation answered from the kept
answers is the answer the handler gives, per body and language, and never a refusal's; the
guard still inspects every body; the pages' session and CSRF never touch the API."""

from __future__ import annotations

import datetime as dt
from typing import Any

import httpx
import pytest

from samverkan.access.inspection import NOT_JSON
from samverkan.api import rulecache
from samverkan.api.guard import share_body
from samverkan.api.rulecache import MAX_ANSWERS, MAX_KEY_BYTES, RuleAnswerCache
from samverkan.kernel.i18n import set_language
from tests.support.loop import run as run_loop
from tests.support.personnummer import number

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


SPLIT = "/api/v1/agreements/vgr/cost-split"
SIP = "/api/v1/agreements/goteborg/sip-check"


def _split(amount: int, reason: str = "") -> dict[str, Any]:
    return {
        "amount_ore": amount,
        "method": "schablon",
        "on": "2026-06-01",
        "schablon_reason": reason,
    }


def _sip(goal: str | None) -> dict[str, Any]:
    return {
        "context": "child_placement",
        "on": "2026-06-01",
        "sip": {"consent": True, "goal": goal},
    }


def test_a_kept_computation_is_the_handlers_answer_byte_for_byte(http: httpx.Client) -> None:
    for path, body in ((SPLIT, _split(1_000_003)), (SIP, _sip("Skolgång"))):
        first = http.post(path, json=body)
        again = http.post(path, json=body)
        assert first.status_code == 200
        assert _answer(again) == _answer(first)
    # another body is another answer, never the kept one
    one, other = http.post(SPLIT, json=_split(1_000_003)), http.post(SPLIT, json=_split(1_000_004))
    assert one.json()["amounts_ore"] != other.json()["amounts_ore"]
    assert sum(other.json()["amounts_ore"].values()) == 1_000_004
    full, empty = http.post(SIP, json=_sip("Skolgång")), http.post(SIP, json=_sip(None))
    assert full.json()["missing"] != empty.json()["missing"]


def test_a_kept_computation_is_kept_per_language(http: httpx.Client) -> None:
    body = _split(2_000_001)
    swedish = http.post(SPLIT, json=body, headers={"Accept-Language": "sv"})
    english = http.post(SPLIT, json=body, headers={"Accept-Language": "en"})
    assert swedish.json()["rule"]["text"] != english.json()["rule"]["text"]
    again = http.post(SPLIT, json=body, headers={"Accept-Language": "sv"})
    assert again.content == swedish.content and again.headers["content-language"] == "sv"


def test_a_computation_refused_is_refused_again_after_its_body_was_kept(
    http: httpx.Client,
) -> None:
    body = _split(3_000_001)
    assert http.post(SPLIT, json=body).status_code == 200
    # the same body with a query parameter the operation does not take: still the 400
    undeclared = http.post(SPLIT + "?on=2026-06-01", json=body)
    assert undeclared.status_code == 400
    assert undeclared.json()["errors"][0]["field"] == "on"
    for _ in range(2):  # a refusal is never kept
        bad = http.post(SPLIT, json={**body, "amount_ore": "3000001"})
        assert bad.status_code == 422


def test_the_guard_still_inspects_a_body_like_a_kept_one(http: httpx.Client) -> None:
    pnr = number(dt.date(1980, 5, 17), 123, form="10", sep="-")
    assert http.post(SPLIT, json=_split(4_000_001, "Gäller en placering")).status_code == 200
    refused = http.post(SPLIT, json=_split(4_000_001, f"Gäller {pnr}"))
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["field"] == "schablon_reason"
    assert pnr not in refused.text


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


async def _get(
    app: RuleAnswerCache,
    path: str,
    query: bytes = b"",
    method: str = "GET",
    body: bytes | None = None,
) -> list:
    sent: list[dict[str, Any]] = []

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    scope: dict[str, Any] = {"type": "http", "method": method, "path": path}
    scope["query_string"] = query
    if body is not None:  # as the guard leaves it
        share_body(scope, body, NOT_JSON)
    await app(scope, receive, send)
    return sent


def test_kept_computations_are_keyed_by_body_and_bounded_apart_from_the_reads() -> None:
    inner = _Counting()
    cache = RuleAnswerCache(inner, today=lambda: dt.date(2026, 6, 1))
    path = "/api/v1/agreements/vgr/cost-split"

    async def asks() -> None:
        await _get(cache, "/api/v1/agreements/vgr/ladder")
        first = await _get(cache, path, method="POST", body=b'{"a": 1}')
        assert await _get(cache, path, method="POST", body=b'{"a": 1}') == first
        assert inner.calls == 2
        await _get(cache, path, method="POST", body=b'{"a": 2}')
        await _get(cache, path, b"x=1", method="POST", body=b'{"a": 1}')
        assert inner.calls == 4
        too_long = b" " * (MAX_KEY_BYTES + 1)
        await _get(cache, path, method="POST", body=too_long)
        await _get(cache, path, method="POST", body=too_long)
        assert inner.calls == 6
        for n in range(MAX_ANSWERS + 10):  # many bodies: the reads kept are not dropped
            await _get(cache, path, method="POST", body=b"%d" % n)
        assert 0 < len(cache.computations.kept) <= MAX_ANSWERS
        assert len(cache.reads.kept) == 1
        kept = cache.computations
        assert kept.size == sum(len(b) + len(k[3]) for k, (_, _, b) in kept.kept.items())

    run_loop(asks)


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
        (_Counting(), "/api/v1/agreements/x/cost-split", "POST"),  # no body read by a guard
        (_Counting(), "/api/v1/agreements/x", "POST"),  # not a computation
        (_Counting(), "/api/v1/agreements/x/cost-split", "PUT"),
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
    assert 0 < len(cache.reads.kept) <= MAX_ANSWERS
    assert cache.reads.size == sum(len(body) for _, _, body in cache.reads.kept.values())


def test_the_kept_answers_are_bounded_in_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rulecache, "MAX_TOTAL_BYTES", 100)
    cache = RuleAnswerCache(_Counting(), today=lambda: dt.date(2026, 6, 1))

    async def many() -> None:
        for n in range(50):
            await _get(cache, "/api/v1/agreements/vgr/ladder", f"n={n}".encode())
            assert cache.reads.size <= 100

    run_loop(many)
