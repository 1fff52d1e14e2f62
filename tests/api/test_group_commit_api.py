"""Group commit through the real application (guard, controllers, services) on a real SQLite
file, called through ASGI in this test's event loop so that several requests are handled in the
same turn: their changes share one COMMIT, each all or nothing, and no answer leaves before the
commit that holds its change."""

from __future__ import annotations

import asyncio
import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from samverkan.api.app import assemble
from samverkan.wiring import Services, build
from tests.support.inprocess import InProcess
from tests.support.loop import run as run_loop
from tests.support.payloads import BORAS, dispute

TABLES = ("disputes", "dispute_events", "deadlines", "audit_log", "idempotency_keys")


@dataclass
class Answer:
    status: int = 0
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    #: at the moment the answer's first byte left: was its case committed (seen elsewhere)?
    stored_when_sent: bool | None = None


@dataclass
class Service:
    services: Services
    app: Any
    key: str

    def count(self) -> dict[str, int]:
        """Rows per table as another connection sees them (committed rows only)."""
        other = sqlite3.connect(self.services.store.path)
        try:
            return {t: other.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}
        finally:
            other.close()

    def committed(self, dispute_id: str) -> bool:
        other = sqlite3.connect(self.services.store.path)
        try:
            found = other.execute("SELECT 1 FROM disputes WHERE id = ?", [dispute_id]).fetchone()
            return found is not None
        finally:
            other.close()

    async def open_dispute(self, title: str, key: str) -> Answer:
        body = json.dumps(dispute(title=title)).encode()
        headers = [
            (b"host", b"test"),
            (b"content-type", b"application/json"),
            (b"content-length", str(len(body)).encode()),
            (b"accept-language", b"en"),
            (b"authorization", f"Bearer {self.key}".encode()),
            (b"idempotency-key", key.encode()),
        ]
        scope = {
            "type": "http",
            "asgi": {"version": "3.0"},
            "http_version": "1.1",
            "method": "POST",
            "scheme": "http",
            "path": "/api/v1/disputes",
            "raw_path": b"/api/v1/disputes",
            "query_string": b"",
            "root_path": "",
            "headers": headers,
            "client": ("127.0.0.1", 50000),
            "server": ("test", 80),
            "state": {},
        }
        given = False

        async def receive() -> dict[str, Any]:
            nonlocal given
            if not given:
                given = True
                return {"type": "http.request", "body": body, "more_body": False}
            await asyncio.Event().wait()  # the client stays until the answer is complete
            raise AssertionError

        answer = Answer()

        async def send(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                answer.status = message["status"]
                answer.headers = {k.decode(): v.decode() for k, v in message["headers"]}
                if "location" in answer.headers:
                    case = answer.headers["location"].rsplit("/", 1)[-1]
                    answer.stored_when_sent = self.committed(case)
            else:
                answer.body += message.get("body", b"")

        await self.app(scope, receive, send)
        return answer


@pytest.fixture
def service(tmp_path: Path) -> Iterator[Service]:
    setup = InProcess(tmp_path)
    settings = setup.settings()
    settings.sweep.enabled = False  # no sweep commits in the counts
    services = build(settings)
    key, _ = services.keys.create(BORAS, "party", [], "test group commit")
    yield Service(services, assemble(services), key)


def run(service: Service, *titles: str) -> tuple[list[Answer], int]:
    """Open one dispute per title, all sent in the same event-loop turn; returns the answers
    and the number of COMMITs they took (after one request alone warms the key)."""

    async def go() -> tuple[list[Answer], int]:
        async with service.app.lifespan():
            warm = await service.open_dispute("warm-up", "warm")
            assert warm.status == 201, warm.body
            before = service.services.store.commits
            answers = await asyncio.gather(
                *(service.open_dispute(title, f"key-{i}") for i, title in enumerate(titles))
            )
            return list(answers), service.services.store.commits - before

    return run_loop(go)


def test_requests_in_one_turn_share_one_commit_and_each_is_answered_after_it(
    service: Service,
) -> None:
    before = service.count()
    answers, commits = run(service, "one", "two", "three")
    assert [a.status for a in answers] == [201, 201, 201]
    assert commits == 1
    assert all(a.stored_when_sent for a in answers)  # committed before the answer left
    after = service.count()
    one = {t: n // 4 for t, n in after.items()}  # the warm-up and three alike
    assert all(one[t] >= 1 for t in TABLES), one
    assert {t: after[t] - before[t] for t in TABLES} == {t: 4 * one[t] for t in TABLES}


def test_a_request_that_fails_inside_a_group_leaves_out_only_its_own_rows(
    service: Service,
) -> None:
    """The dispute row and its deadline are written before its history event; a trigger on the
    event makes that one request fail there, after its first rows."""
    service.services.store.conn.execute(
        "CREATE TEMP TRIGGER refuse BEFORE INSERT ON main.dispute_events "
        "WHEN (SELECT title FROM disputes WHERE id = NEW.dispute_id) = 'fails' "
        "BEGIN SELECT RAISE(ABORT, 'refused by the test'); END"
    )
    answers, commits = run(service, "one", "fails", "two")
    assert [a.status for a in answers] == [201, 500, 201]
    assert commits == 1
    other = sqlite3.connect(service.services.store.path)
    titles = {row[0] for row in other.execute("SELECT title FROM disputes")}
    orphans = other.execute(
        "SELECT count(*) FROM deadlines WHERE subject_type = 'dispute' "
        "AND subject_id NOT IN (SELECT id FROM disputes)"
    ).fetchone()[0]
    other.close()
    assert titles == {"warm-up", "one", "two"}
    assert orphans == 0


def test_a_failed_group_commit_answers_500_to_every_request_in_it(service: Service) -> None:
    """A deferred foreign key is checked by SQLite at COMMIT: the turn's COMMIT fails."""
    service.services.store.conn.executescript(
        "CREATE TEMP TABLE parent (id TEXT PRIMARY KEY);"
        "CREATE TEMP TABLE child (parent TEXT REFERENCES parent(id) "
        "DEFERRABLE INITIALLY DEFERRED);"
        "CREATE TEMP TRIGGER poison AFTER INSERT ON main.disputes WHEN NEW.title = 'poison' "
        "BEGIN INSERT INTO child VALUES ('missing'); END;"
    )
    before = service.count()
    answers, _commits = run(service, "one", "poison", "two")
    assert [a.status for a in answers] == [500, 500, 500]
    assert all(a.headers["content-type"] == "application/problem+json" for a in answers)
    assert all(json.loads(a.body)["status"] == 500 for a in answers)
    after = service.count()
    one = {t: after[t] - before[t] for t in TABLES}  # the warm-up alone
    assert one["disputes"] == 1
    other = sqlite3.connect(service.services.store.path)
    titles = {row[0] for row in other.execute("SELECT title FROM disputes")}
    other.close()
    assert titles == {"warm-up"}
