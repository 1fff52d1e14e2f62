"""Nothing lost, nothing counted twice, under SIGKILL: a standing end-to-end test.

Four client threads write as careful integrators do (a fresh ``Idempotency-Key`` per change,
``If-Match`` from the last answer, and the very same request again whenever an answer does not
arrive): a dispute and its escalation, a placement, its written cost agreement and three cost
entries, over and over. Meanwhile the real ``samverkan serve`` process is SIGKILLed at random
moments while requests are in flight, at least 20 times, and started again on the same SQLite
file and port.

Afterwards, read straight from the file: every acknowledged write is there exactly once; the
writes that were committed but whose answer was lost are the ones the retry got back as a
replay (``Idempotent-Replayed: true``) and are counted; every case has its whole history and
one audit row per change; ``PRAGMA integrity_check`` is ok.
"""

from __future__ import annotations

import random
import signal
import sqlite3
import subprocess
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.support.payloads import BORAS, COST_AGREEMENT, MOLNDAL, cost_entry, dispute, placement
from tests.support.server import ROOT, ServerProcess

pytestmark = pytest.mark.e2e
#: the tests read the service's words in English (its default is Swedish)
ENGLISH = {"Accept-Language": "en"}

#: Digits to letters, for markers no guard can take for a personnummer.
LETTERS = str.maketrans("0123456789", "ghijklmnop")

KILLS = 20
WORKERS = 4
TODAY = "2026-03-20"
CONFIG = (
    (ROOT / "config" / "samverkan.toml")
    .read_text()
    .replace("[server]\n", "[server]\nrate_limit_per_minute = 100000\n")
)
#: connection-level failures: the request may or may not have reached the server
LOST_ANSWER = (httpx.ReadError, httpx.WriteError, httpx.RemoteProtocolError, httpx.ReadTimeout)


class Target(ServerProcess):
    """The server under fire: started, SIGKILLed and started again on one port and file."""

    def spawn(self) -> None:
        with self.log.open("ab") as log:
            self.proc = subprocess.Popen(
                self.command(), cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT
            )

    def ready(self, timeout: float = 30.0) -> None:
        assert self.proc is not None
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.proc.poll() is None, self.output()
            try:
                if httpx.get(f"{self.url}/health", timeout=1).status_code == 200:
                    return
            except httpx.HTTPError:
                time.sleep(0.02)
        raise AssertionError(f"not ready within {timeout}s:\n{self.output()}")

    def kill(self) -> None:
        assert self.proc is not None
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(10)


@dataclass
class Write:
    """One change a client made: what, its marker, the id it got, and how it was answered."""

    kind: str
    marker: str
    object_id: str = ""
    replayed: bool = False  # committed by an earlier attempt whose answer was lost
    attempts: int = 0


@dataclass
class Load:
    server: Target
    stop: threading.Event = field(default_factory=threading.Event)
    writes: list[Write] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    cut_off: int = 0  # requests whose answer was lost to a kill
    lock: threading.Lock = field(default_factory=threading.Lock)

    def send(
        self, client: httpx.Client, write: Write, path: str, body: dict[str, Any], **headers: str
    ) -> httpx.Response:
        """POST until an answer arrives: the same key, body and If-Match every time."""
        while True:
            write.attempts += 1
            try:
                answer = client.post(path, json=body, headers=headers)
            except httpx.ConnectError:  # not sent: the server is down
                time.sleep(0.02)
                continue
            except LOST_ANSWER:  # sent, answer lost: the server died with it in flight
                with self.lock:
                    self.cut_off += 1
                continue
            write.replayed = answer.headers.get("idempotent-replayed") == "true"
            with self.lock:
                self.writes.append(write)
            return answer

    def change(
        self,
        client: httpx.Client,
        kind: str,
        marker: str,
        path: str,
        body: dict[str, Any],
        expect: int,
        org: str,
        **headers: str,
    ) -> httpx.Response | None:
        write = Write(kind, marker)
        answer = self.send(
            client,
            write,
            path,
            body,
            **self.server.headers(org),
            **{"Idempotency-Key": str(uuid.uuid4())},
            **headers,
        )
        if answer.status_code != expect:
            self.failures.append(f"{kind} {marker}: {answer.status_code} {answer.text[:300]}")
            return None
        write.object_id = answer.json().get("id", "")
        return answer

    def run(self) -> None:
        with httpx.Client(base_url=self.server.url, timeout=10, headers=ENGLISH) as client:
            while not self.stop.is_set():
                # letters only: a hex tag may hold ten digits shaped like a personnummer
                # (ten digits in a row), which the guard rightly refuses
                self.round(client, uuid.uuid4().hex[:12].translate(LETTERS))

    def round(self, client: httpx.Client, marker: str) -> None:
        opened = self.change(
            client,
            "dispute",
            marker,
            "/api/v1/disputes",
            dispute(title=f"load {marker}"),
            201,
            BORAS,
        )
        if opened is not None:
            self.change(
                client,
                "escalation",
                marker,
                f"/api/v1/disputes/{opened.json()['id']}/escalate",
                {"reason": "no_agreement", "clock_started_on": TODAY},
                200,
                BORAS,
                **{"If-Match": opened.headers["etag"]},
            )
        placed = self.change(
            client,
            "placement",
            marker,
            "/api/v1/placements",
            placement(note=marker),
            201,
            MOLNDAL,
        )
        if placed is None:
            return
        url = f"/api/v1/placements/{placed.json()['id']}"
        self.change(
            client,
            "cost agreement",
            marker,
            f"{url}/cost-agreements",
            COST_AGREEMENT,
            201,
            MOLNDAL,
            **{"If-Match": placed.headers["etag"]},
        )
        for n in range(3):
            entry = cost_entry(amount_ore=100_000 + n, invoice_ref=f"{marker}-{n}")
            self.change(client, "cost entry", f"{marker}-{n}", f"{url}/costs", entry, 201, MOLNDAL)


@pytest.fixture
def target(tmp_path: Path) -> Iterator[Target]:
    server = Target(tmp_path, CONFIG, env={"SAMVERKAN_TODAY": TODAY})
    try:
        yield server
    finally:
        if server.proc is not None and server.proc.poll() is None:
            server.proc.kill()
            server.proc.wait(10)


def rows(db: Path, query: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    with closing(sqlite3.connect(db, timeout=30)) as conn:
        return conn.execute(query, params).fetchall()


def test_sigkill_under_load_loses_nothing_and_doubles_nothing(
    target: Target, report: Callable[[str], None]
) -> None:
    server_keys = [target.key(BORAS), target.key(MOLNDAL)]  # made before the load starts
    assert all(server_keys)
    target.spawn()
    target.ready()
    load = Load(target)
    workers = [threading.Thread(target=load.run) for _ in range(WORKERS)]
    for worker in workers:
        worker.start()
    rnd = random.Random(20260320)
    kills = 0
    started = time.monotonic()
    try:
        while kills < KILLS:
            time.sleep(rnd.uniform(0.25, 0.7))  # the load runs; then kill mid-flight
            target.kill()
            kills += 1
            target.spawn()
            target.ready()
        time.sleep(0.5)
    finally:
        load.stop.set()
        for worker in workers:
            worker.join(60)
    loaded = time.monotonic() - started
    assert not load.failures, "\n".join(load.failures[:10])
    db = Path(target.env["SAMVERKAN_DATABASE"])
    target.stop()  # a clean stop: the file is read as the service left it

    acknowledged = load.writes
    by_kind = Counter(w.kind for w in acknowledged)
    markers = {kind: [w.marker for w in acknowledged if w.kind == kind] for kind in by_kind}
    stored = {
        "dispute": Counter(
            t.removeprefix("load ")
            for (t,) in rows(db, "SELECT title FROM disputes WHERE title LIKE 'load %'")
        ),
        "escalation": Counter(
            t.removeprefix("load ")
            for (t,) in rows(
                db,
                "SELECT d.title FROM dispute_events e JOIN disputes d ON d.id = e.dispute_id "
                "WHERE e.action = 'escalated' AND d.title LIKE 'load %'",
            )
        ),
        "placement": Counter(
            n for (n,) in rows(db, "SELECT note FROM placements WHERE note != ''")
        ),
        "cost agreement": Counter(
            n
            for (n,) in rows(
                db,
                "SELECT p.note FROM cost_agreements a JOIN placements p ON p.id = a.placement_id",
            )
        ),
        "cost entry": Counter(r for (r,) in rows(db, "SELECT invoice_ref FROM cost_entries")),
    }
    lost = sum(1 for kind, ms in markers.items() for m in ms if stored[kind][m] == 0)
    duplicated = sum(n - 1 for counts in stored.values() for n in counts.values() if n > 1)
    unacknowledged_rows = sum(
        n
        for kind, counts in stored.items()
        for m, n in counts.items()
        if m not in set(markers[kind])
    )
    committed_unacknowledged = sum(w.replayed for w in acknowledged)
    report(  # shown in every run, CI's included
        f"SIGKILL e2e: kills={kills} acknowledged={len(acknowledged)} "
        f"committed-unacknowledged={committed_unacknowledged} lost={lost} "
        f"duplicated={duplicated} (requests cut off in flight: {load.cut_off}; "
        f"{dict(by_kind)}; {loaded:.0f}s)"
    )
    assert kills >= 20
    assert by_kind.keys() == stored.keys() and min(by_kind.values()) >= 20
    assert lost == 0
    assert duplicated == 0
    assert unacknowledged_rows == 0  # nothing stored that no client has an answer for
    assert load.cut_off >= 1  # kills did land on requests in flight

    # the ids the clients were given are the stored ones
    ids = {w.object_id for w in acknowledged if w.kind in ("dispute", "placement", "cost entry")}
    found = {i for (i,) in rows(db, "SELECT id FROM disputes WHERE title LIKE 'load %'")}
    found |= {i for (i,) in rows(db, "SELECT id FROM placements WHERE note != ''")}
    found |= {i for (i,) in rows(db, "SELECT id FROM cost_entries")}
    assert ids == found

    # history: each dispute opened once and escalated at most once, in order
    history = rows(
        db,
        "SELECT dispute_id, group_concat(action, ',') FROM "
        "(SELECT dispute_id, action FROM dispute_events ORDER BY dispute_id, seq) "
        "GROUP BY dispute_id",
    )
    assert {h for _, h in history} <= {"opened", "opened,escalated"}
    escalated = {w.marker for w in acknowledged if w.kind == "escalation"}
    revisions = dict(rows(db, "SELECT title, revision FROM disputes WHERE title LIKE 'load %'"))
    assert all(revisions[f"load {m}"] == (2 if m in escalated else 1) for m in markers["dispute"])

    # audit: one row per change, one per replay, in the change's own transaction
    by_object = Counter(rows(db, "SELECT action, object_id FROM audit_log"))
    for w in acknowledged:
        if w.kind == "dispute":
            assert by_object[("create", w.object_id)] == 1
    placements = dict(rows(db, "SELECT note, id FROM placements WHERE note != ''"))
    for marker in markers["placement"]:
        pid = placements[marker]
        assert by_object[("create", pid)] == 1
        assert by_object[("cost_agreement", pid)] == (
            1 if marker in markers["cost agreement"] else 0
        )
        entries = sum(1 for m in markers["cost entry"] if m.rsplit("-", 1)[0] == marker)
        assert by_object[("cost_entry", pid)] == entries
    disputes = dict(rows(db, "SELECT title, id FROM disputes WHERE title LIKE 'load %'"))
    for marker in escalated:
        assert by_object[("escalate", disputes[f"load {marker}"])] == 1
    assert sum(n for (action, _), n in by_object.items() if action == "replay") >= (
        committed_unacknowledged
    )
    # one stored answer per change, under its key
    assert rows(db, "SELECT COUNT(*) FROM idempotency_keys")[0][0] == len(acknowledged)
    assert rows(db, "PRAGMA integrity_check") == [("ok",)]
