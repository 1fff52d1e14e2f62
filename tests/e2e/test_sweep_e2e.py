"""Deadlines that never pass unseen, end to end: real ``samverkan serve`` processes (stopped,
SIGKILLed and started again), a real SQLite file, real HTTP, and a real webhook receiver on
127.0.0.1 (:mod:`tests.receiver`) that checks every signature with its own copy of the secret.

The sweep runs every 0.2 s here (``[sweep] interval_seconds``); the service date is fixed per
start with ``SAMVERKAN_TODAY``, so "the server was down while the deadline passed" is a stop on
one date and a start on a later one, on the same database file.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import sqlite3
import subprocess
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.support.receiver import Receiver
from tests.support.server import ROOT, ServerProcess

pytestmark = pytest.mark.e2e
#: the tests read the service's words in English (its default is Swedish)
ENGLISH = {"Accept-Language": "en"}

BASE = (ROOT / "config" / "samverkan.toml").read_text()
SECRET = "e2e-webhook-secret-7f3a"
BORAS = "1490"
PERSON = "Anna Handlaggare"
INDIVIDUAL = "p-0123456789abcdef0123456789abcdef"


def hook(
    url: str,
    name: str = "receiver",
    *,
    secret: str = SECRET,
    secret_env: str = "",
    max_attempts: int = 8,
    backoff: float = 0.2,
    timeout: float = 2.0,
) -> str:
    key = f'secret_env = "{secret_env}"' if secret_env else f'secret = "{secret}"'
    return (
        f'\n[[webhooks]]\nname = "{name}"\nurl = "{url}"\n{key}\n'
        f"max_attempts = {max_attempts}\nbackoff_seconds = {backoff}\n"
        f"timeout_seconds = {timeout}\n"
    )


def config(*hooks: str, sweep: str = "") -> str:
    return f"{BASE}\n[sweep]\ninterval_seconds = 0.2\n{sweep}\n" + "".join(hooks)


class Server(ServerProcess):
    """``samverkan serve`` on a fixed service date, optionally with ``--workers N``."""

    def __init__(
        self,
        workdir: Path,
        settings: str,
        today: str,
        workers: int = 1,
        env: dict[str, str] | None = None,
    ):
        super().__init__(workdir, settings, env={"SAMVERKAN_TODAY": today, **(env or {})})
        self.workers = workers
        self.db = Path(self.env["SAMVERKAN_DATABASE"])
        self.http = httpx.Client(base_url=self.url, timeout=10, headers=ENGLISH)

    def command(self) -> list[str]:
        extra = ["--workers", str(self.workers)] if self.workers > 1 else []
        return super().command() + extra

    def spawn(self) -> Server:
        """Start the process without waiting for it to answer."""
        with self.log.open("ab") as log:
            self.proc = subprocess.Popen(
                self.command(), cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT
            )
        return self

    def ready(self, timeout: float = 30.0) -> Server:
        assert self.proc is not None
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited {self.proc.returncode}:\n{self.output()}")
            try:
                if self.http.get("/health", timeout=1).status_code == 200:
                    return self
            except httpx.HTTPError:
                time.sleep(0.05)
        raise RuntimeError(f"server did not answer within {timeout}s:\n{self.output()}")

    def kill(self) -> None:
        """SIGKILL: no shutdown, no lease release, no rollback beyond SQLite's own."""
        assert self.proc is not None
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(10)

    def close(self) -> None:
        self.stop()
        self.http.close()

    # -- reads over HTTP ------------------------------------------------------------------

    def read(self, path: str, **params: Any) -> httpx.Response:
        """GET with an admin key over every agreement: it sees every case and notification."""
        reader = self.headers("14", PERSON, role="admin", agreements=("vgr", "dalarna"))
        return self.http.get(path, params=params, headers=reader)

    def notifications(self, **params: Any) -> list[dict[str, Any]]:
        """The whole feed, paged with ``after``."""
        items: list[dict[str, Any]] = []
        after = 0
        while True:
            answer = self.read("/api/v1/notifications", **{**params, "after": after})
            assert answer.status_code == 200, answer.text
            page = answer.json()
            items += page["items"]
            if not page["items"]:
                assert page["next_cursor"] == after
                return items
            after = page["next_cursor"]

    def deadlines(self, **params: Any) -> dict[str, Any]:
        answer = self.read("/api/v1/deadlines", **params)
        assert answer.status_code == 200, answer.text
        return dict(answer.json())

    def open(self, org: str = BORAS, **fields: Any) -> dict[str, Any]:
        body = {
            "agreement": "sodra_alvsborg",
            "municipality": BORAS,
            "subject": "responsibility",
            "title": "Vem ansvarar för hemsjukvården?",
            "description": "Parterna är oense om ansvaret för insatsen.",
            **fields,
        }
        answer = self.http.post("/api/v1/disputes", json=body, headers=self.headers(org, PERSON))
        assert answer.status_code == 201, answer.text
        return dict(answer.json())


@pytest.fixture
def servers() -> Iterator[Callable[..., Server]]:
    """Makes servers; every one is stopped at the end, whatever happened."""
    made: list[Server] = []

    def make(*args: Any, **kwargs: Any) -> Server:
        server = Server(*args, **kwargs)
        made.append(server)
        return server

    try:
        yield make
    finally:
        for server in made:
            if server.proc is not None and server.proc.poll() is None:
                # --workers N: its children too, even when the supervisor does not stop them
                children = children_of(server.proc.pid)
                server.stop()
                for child in children:
                    with contextlib.suppress(ProcessLookupError):
                        os.kill(child, signal.SIGKILL)
            server.http.close()


def wait_for(check: Callable[[], Any], timeout: float, what: str) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if result := check():
            return result
        time.sleep(0.05)
    raise AssertionError(f"not {what} within {timeout}s")


def sql(path: Path, query: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Read the service's SQLite file directly (what the API does not show)."""
    with closing(sqlite3.connect(path, timeout=10)) as conn:
        return conn.execute(query, params).fetchall()


def all_delivered(server: Server, expected: int) -> list[dict[str, Any]] | None:
    items = server.notifications()
    done = [n for n in items if n["deliveries"] and n["deliveries"][0]["status"] == "delivered"]
    return items if len(items) == expected and len(done) == expected else None


def seed_overdue(servers: Callable[..., Server], workdir: Path, count: int) -> list[str]:
    """``count`` Södra Älvsborg disputes opened 2026-01-10 (due 2026-02-09), server stopped."""
    server = servers(workdir, config(), "2026-01-10").start()
    ids = [server.open(opened_on="2026-01-10", title=f"Tvist {i}")["id"] for i in range(count)]
    server.close()
    return ids


def lease_holders(db: Path) -> list[str]:
    return [row[0] for row in sql(db, "SELECT holder FROM leases WHERE name = 'sweep'")]


def children_of(pid: int) -> list[int]:
    """The processes whose parent is ``pid`` (from /proc; one that ends meanwhile is skipped)."""
    found = []
    for status in Path("/proc").glob("[0-9]*/status"):
        child = int(status.parent.name)
        with contextlib.suppress(OSError, AssertionError):
            if parent_of(child) == pid:
                found.append(child)
    return found


def parent_of(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("PPid:"):
            return int(line.split()[1])
    raise AssertionError(f"no PPid for {pid}")


# -- 1. a deadline that passed while the server was stopped --------------------------------


def test_deadline_passed_while_stopped_fires_once_at_next_start(
    servers: Callable[..., Server], tmp_path: Path
) -> None:
    with Receiver(SECRET) as receiver:
        settings = config(hook(receiver.url))
        before = servers(tmp_path, settings, "2026-01-10").start()
        dispute = before.open(opened_on="2026-01-10")
        watched = before.deadlines(subject_type="dispute", subject_id=dispute["id"])["items"]
        assert [(d["kind"], d["due_on"], d["remind_on"], d["fires"]) for d in watched] == [
            ("tier", "2026-02-09", "2026-02-02", "due")
        ]
        assert "2026-02-09" in watched[0]["explanation"]
        assert watched[0]["citation"]["document"] == "Rutin tvistehantering Södra Älvsborg"
        assert watched[0]["is_setting"] is False
        time.sleep(0.6)  # a few sweeps: nothing is due on 2026-01-10
        assert before.notifications() == []
        before.close()
        assert receiver.received() == []

        after = servers(tmp_path, settings, "2026-02-11").start()
        receiver.wait(lambda r: len(r.received()) >= 1, 10, "delivered")
        time.sleep(0.6)  # five more sweeps: nothing fires twice
        notes = after.notifications()
        assert [(n["event"], n["fire_on"], n["subject_type"], n["subject_id"]) for n in notes] == [
            ("overdue", "2026-02-10", "dispute", dispute["id"])
        ]  # no reminder: it came due while the server was down
        note = notes[0]
        assert note["due_on"] == "2026-02-09"
        assert note["deadline_id"] == watched[0]["id"]
        assert note["citation"] == watched[0]["citation"]
        assert [(d["webhook"], d["status"], d["attempts"]) for d in note["deliveries"]] == [
            ("receiver", "delivered", 1)
        ]

        [delivery] = receiver.received()
        assert delivery.signature_ok
        assert delivery.notification == str(note["id"])
        assert delivery.idempotency_key == note["uid"]
        # a webhook's body is the feed's item in the service's language (Swedish)
        reader = after.headers("14", PERSON, role="admin", agreements=("vgr", "dalarna"))
        swedish = after.http.get(
            "/api/v1/notifications",
            params={"after": note["id"] - 1, "limit": 1},
            headers={**reader, "Accept-Language": "sv"},
        ).json()["items"][0]
        assert delivery.body == {**swedish, "deliveries": None}
        assert delivery.body["explanation"] != note["explanation"]  # note: read in English

        overdue = after.deadlines(overdue="true", municipality=BORAS)["items"]
        assert [(d["id"], d["overdue"]) for d in overdue] == [(watched[0]["id"], True)]

        # missing the agreed time is itself a deviation: a draft, linked to the dispute
        deviations = after.read("/api/v1/deviations", municipality=BORAS)
        assert deviations.status_code == 200, deviations.text
        [deviation] = deviations.json()["items"]
        assert deviation["dispute_id"] == dispute["id"]
        assert deviation["title"].startswith("Tidsgräns passerad")
        assert deviation["occurred_on"] == "2026-02-09"
        assert sql(after.db, "SELECT draft, dispute_id FROM deviations") == [(1, dispute["id"])]


# -- 2. SIGKILL during a sweep and during a delivery -------------------------------------------


def in_flight(server: Server, receiver: Receiver) -> set[str]:
    """Deliveries the receiver has seen that the (killed) server had not recorded as done."""
    pending = {
        str(row[0])
        for row in sql(server.db, "SELECT notification_id FROM deliveries WHERE status = 'pending'")
    }
    return pending & set(receiver.counts())


def test_sigkill_during_sweep_and_delivery_loses_nothing_and_doubles_nothing(
    servers: Callable[..., Server], tmp_path: Path
) -> None:
    count = 32
    disputes = seed_overdue(servers, tmp_path, count)
    with Receiver(SECRET, delay=0.1) as receiver:
        settings = config(hook(receiver.url, timeout=1.0))

        # kill while the sweep is firing: as soon as the first notification is committed
        first = servers(tmp_path, settings, "2026-02-11").spawn()
        conn = sqlite3.connect(first.db, timeout=10, isolation_level=None)
        try:
            deadline = time.monotonic() + 20
            while time.monotonic() < deadline:  # no sleep: the sweep takes milliseconds
                if conn.execute("SELECT COUNT(*) FROM notifications").fetchone()[0]:
                    first.kill()
                    break
            fired_at_kill = conn.execute("SELECT COUNT(*) FROM notifications").fetchone()[0]
        finally:
            conn.close()
        assert fired_at_kill >= 1, first.output()
        interrupted = in_flight(first, receiver)

        # kill while a delivery is in flight (the slow receiver has it, no answer yet)
        second = servers(tmp_path, settings, "2026-02-11").spawn()
        receiver.wait(
            lambda r: len(r.received()) >= 6 and r.received()[-1].status == 0, 20, "mid-delivery"
        )
        second.kill()
        interrupted |= in_flight(second, receiver)
        assert 1 <= len(interrupted) <= 2, interrupted
        assert sql(second.db, "SELECT COUNT(*) FROM notifications") == [(count,)]

        # the SIGKILLed holder could not release its lease (60 s); this start sees it is
        # gone and sweeps at once
        [stale] = lease_holders(second.db)
        assert second.proc is not None and stale.split(":")[1] == str(second.proc.pid)
        receiver.delay = 0.0
        third = servers(tmp_path, settings, "2026-02-11").start()
        items = wait_for(lambda: all_delivered(third, count), 30, "all delivered")
        time.sleep(0.6)  # a few more sweeps, to be sure nothing more comes

    assert third.proc is not None
    assert [h.split(":")[1] for h in lease_holders(third.db)] == [str(third.proc.pid)]
    expected = {str(n["id"]) for n in items}
    assert {n["event"] for n in items} == {"overdue"}
    assert {n["subject_id"] for n in items} == set(disputes)
    seen = receiver.counts()
    assert set(seen) == expected
    assert set(receiver.accepted()) == expected
    twice = {key for key, n in seen.items() if n > 1}
    assert twice <= interrupted, (twice, interrupted)
    assert all(n <= 2 for n in seen.values()), seen
    for delivery in receiver.received():
        assert delivery.signature_ok
        assert delivery.idempotency_key == next(
            n["uid"] for n in items if str(n["id"]) == delivery.notification
        )
    assert (
        sql(
            third.db, "SELECT dedupe_key FROM notifications GROUP BY dedupe_key HAVING COUNT(*) > 1"
        )
        == []
    )
    # each overdue made its draft deviation in the same transaction: one each, none lost
    drafts = sql(
        third.db, "SELECT dispute_id, COUNT(*) FROM deviations WHERE draft = 1 GROUP BY dispute_id"
    )
    assert sorted(drafts) == sorted((d, 1) for d in disputes)
    print(f"kill during sweep after {fired_at_kill}/{count} fired; interrupted: {interrupted}")


# -- 3. several workers ------------------------------------------------------------------------


def test_two_workers_and_two_processes_deliver_each_notification_once(
    servers: Callable[..., Server], tmp_path: Path
) -> None:
    count = 12
    seed = tmp_path / "seed"
    seed.mkdir()
    seed_overdue(servers, seed, count)
    (tmp_path / "workers").mkdir()
    (tmp_path / "pair").mkdir()
    for where in ("workers", "pair"):
        shutil.copy(seed / "samverkan.db", tmp_path / where / "samverkan.db")

    with Receiver(SECRET, delay=0.02) as receiver:
        settings = config(hook(receiver.url))

        # serve --workers 2: two processes, each with its scheduler, one sweeping
        workers = servers(tmp_path / "workers", settings, "2026-02-11", workers=2).start()
        assert workers.proc is not None
        holders: set[str] = set()
        deadline = time.monotonic() + 30
        while not all_delivered(workers, count) and time.monotonic() < deadline:
            holders.update(lease_holders(workers.db))
            time.sleep(0.1)
        items = all_delivered(workers, count)
        assert items, workers.output()
        holders.update(lease_holders(workers.db))
        time.sleep(0.6)
        assert receiver.counts() == Counter({str(n["id"]): 1 for n in items})
        assert len(holders) == 1, holders
        pid = int(next(iter(holders)).split(":")[1])
        assert pid != workers.proc.pid and parent_of(pid) == workers.proc.pid
        workers.close()
        assert lease_holders(workers.db) == []  # released on shutdown

        # two separate servers on one database file, started together
        receiver.deliveries.clear()
        pair = [servers(tmp_path / "pair", settings, "2026-02-11") for _ in range(2)]
        for server in pair:
            server.spawn()
        for server in pair:
            server.ready()
        holders.clear()
        deadline = time.monotonic() + 30
        while not all_delivered(pair[0], count) and time.monotonic() < deadline:
            holders.update(lease_holders(pair[0].db))
            time.sleep(0.1)
        items = all_delivered(pair[1], count)
        assert items
        time.sleep(0.6)
        holders.update(lease_holders(pair[0].db))
        assert receiver.counts() == Counter({str(n["id"]): 1 for n in items})
        assert len(holders) == 1, holders
        pids = {server.proc.pid: server for server in pair if server.proc}
        sweeping = int(next(iter(holders)).split(":")[1])
        assert sweeping in pids

        # the one sweeping stops: it releases the lease and the other takes over at once
        pids.pop(sweeping).close()
        [other] = pids
        wait_for(
            lambda: [int(h.split(":")[1]) for h in lease_holders(pair[0].db)] == [other],
            5,
            "taken over",
        )
        assert receiver.counts() == Counter({str(n["id"]): 1 for n in items})


# -- 4. a failing receiver ---------------------------------------------------------------------


def test_failing_receiver_backs_off_then_marks_failed_and_the_feed_pages(
    servers: Callable[..., Server], tmp_path: Path
) -> None:
    count = 3
    seed_overdue(servers, tmp_path, count)
    with (
        Receiver(SECRET, fail=lambda _: 500) as down,
        Receiver("another-secret-for-the-good-one") as good,
    ):
        settings = config(
            hook(down.url, "down", max_attempts=3, backoff=0.4, timeout=1.0),
            hook(good.url, "good", secret_env="SAMVERKAN_E2E_HOOK_SECRET", backoff=0.4),
        )
        server = servers(
            tmp_path,
            settings,
            "2026-02-11",
            env={"SAMVERKAN_E2E_HOOK_SECRET": "another-secret-for-the-good-one"},
        ).start()
        states: dict[int, list[tuple[int, str, str]]] = {}

        def failed() -> bool:
            items = server.notifications()
            for n in items:
                d = next(d for d in n["deliveries"] if d["webhook"] == "down")
                state = (d["attempts"], d["next_attempt_at"], d["status"])
                if not states.get(n["id"]) or states[n["id"]][-1] != state:
                    states.setdefault(n["id"], []).append(state)
            return len(items) == count and all(s[-1][2] == "failed" for s in states.values())

        wait_for(failed, 20, "marked failed")
        time.sleep(0.6)  # failed is final: no more attempts, nothing dropped
        items = server.notifications()

    assert len(items) == count
    for n in items:
        by_hook = {d["webhook"]: d for d in n["deliveries"]}
        assert by_hook["good"]["status"] == "delivered"
        assert by_hook["down"]["status"] == "failed"
        assert by_hook["down"]["attempts"] == 3
        assert by_hook["down"]["last_error"] == "HTTP 500"
        assert by_hook["down"]["delivered_at"] is None
        # attempts grew one at a time, and each retry moved next_attempt_at later
        seen = states[n["id"]]
        attempts = [s[0] for s in seen]
        assert attempts == sorted(attempts) and attempts[-1] == 3, seen
        moved = [s[1] for s in seen if s[0] >= 1]
        assert moved == sorted(moved) and len(set(moved)) == len(moved), seen
    assert good.counts() == Counter({str(n["id"]): 1 for n in items})
    assert all(d.signature_ok for d in good.received() + down.received())
    # the failing receiver got exactly max_attempts, with one Idempotency-Key each, backing off
    assert down.counts() == Counter({str(n["id"]): 3 for n in items})
    for n in items:
        tries = [d for d in down.received() if d.notification == str(n["id"])]
        assert {d.idempotency_key for d in tries} == {n["uid"]}
        first_wait = tries[1].received_at - tries[0].received_at
        second_wait = tries[2].received_at - tries[1].received_at
        assert first_wait >= 0.35 and second_wait >= 0.75, (first_wait, second_wait)

    failed_feed = server.notifications(delivery_status="failed")
    assert [n["id"] for n in failed_feed] == [n["id"] for n in items]
    assert server.notifications(delivery_status="pending") == []

    # the feed pages by cursor: `after` is the last id seen
    ids = [n["id"] for n in items]
    first = server.read("/api/v1/notifications", limit=2).json()
    assert [n["id"] for n in first["items"]] == ids[:2]
    assert first["next_cursor"] == ids[1]
    rest = server.read("/api/v1/notifications", after=first["next_cursor"], limit=2).json()
    assert [n["id"] for n in rest["items"]] == ids[2:]
    end = server.read("/api/v1/notifications", after=ids[-1]).json()
    assert end["items"] == [] and end["next_cursor"] == ids[-1] and end["total"] == 0
    assert first["total"] == len(ids) and first["next_offset"] == 2 and first["limit"] == 2
    bad = server.read("/api/v1/notifications", after=-1)
    assert bad.status_code == 422
    assert bad.headers["content-type"].startswith("application/problem+json")
    server.close()


# -- 5. what is watched, and the kinds of firing -----------------------------------------------


def events(items: list[dict[str, Any]], subject: str) -> list[tuple[str, str]]:
    return [(n["event"], n["fire_on"]) for n in items if n["subject_id"] == subject]


def test_deadlines_api_no_progress_and_a_future_service_date(
    servers: Callable[..., Server], tmp_path: Path
) -> None:
    arrangement = {"started_on": "2026-02-01", "description": "Kommunen utför, regionen betalar."}
    with Receiver(SECRET) as receiver:
        server = servers(tmp_path, config(hook(receiver.url)), "2027-01-20").start()
        late = server.open(opened_on="2026-11-01")  # due 2026-12-01
        soon = server.open(opened_on="2026-12-25")  # due 2027-01-24, reminder 2027-01-17
        hsa = server.open("1480", agreement="vgr", municipality="1480", opened_on="2027-01-02")
        line = server.open(
            "1480",
            agreement="goteborg",
            municipality="1480",
            subject="cost",
            individual_ref=INDIVIDUAL,
            temporary_arrangement=arrangement,
            opened_on="2026-02-01",
        )
        assert hsa["version"] == {"agreement": "vgr", "key": "hsa-2027"}
        assert line["tier"]["key"] == "line_organisation"

        for dispute, started, pace in (
            (hsa, "2027-01-02", "utan dröjsmål"),
            (line, "2026-02-01", ""),
        ):
            [d] = server.deadlines(subject_type="dispute", subject_id=dispute["id"])["items"]
            assert d["kind"] == "no_progress" and d["fires"] == "no_progress"
            assert d["is_setting"] is True and d["strength"] == "setting"
            assert d["overdue"] is False
            assert "14 days" in d["explanation"] and pace in d["explanation"]
            assert d["citation"]["document"]
            assert d["due_on"] > started

        overdue = server.deadlines(overdue="true", agreement="sodra_alvsborg", municipality=BORAS)
        assert [d["subject_id"] for d in overdue["items"]] == [late["id"]]
        assert overdue["items"][0]["due_on"] == "2026-12-01"
        assert server.deadlines(overdue="true", municipality="1480")["items"] == []
        gbg = server.deadlines(due_before="2027-01-20", municipality="1480")["items"]
        assert [d["subject_id"] for d in gbg] == [line["id"], hsa["id"]]  # by due date
        assert server.deadlines(due_before="2027-01-16", municipality="1480")["total"] == 1
        boras = server.deadlines(overdue="false", municipality=BORAS)["items"]
        assert [(d["subject_id"], d["due_on"]) for d in boras] == [(soon["id"], "2027-01-24")]
        kinds = server.deadlines(subject_type="dispute")["items"]
        assert {d["subject_id"] for d in kinds} == {late["id"], soon["id"], hsa["id"], line["id"]}
        assert server.deadlines(subject_type="agreement_version")["total"] >= 5
        alone = server.read("/api/v1/deadlines", subject_id=line["id"])
        assert alone.status_code == 422, alone.text
        assert [e["field"] for e in alone.json()["errors"]] == ["subject_type"]

        disputes = {late["id"], soon["id"], hsa["id"], line["id"]}
        wait_for(
            lambda: (
                len(receiver.counts()) >= 4
                and len([n for n in server.notifications() if n["subject_id"] in disputes]) == 4
            ),
            10,
            "all fired and delivered",
        )
        time.sleep(0.6)  # five more sweeps: each fires once
        items = server.notifications()
        assert events(items, late["id"]) == [("overdue", "2026-12-02")]
        assert events(items, soon["id"]) == [("reminder", "2027-01-17")]
        assert events(items, hsa["id"]) == [("no_progress", "2027-01-16")]
        assert events(items, line["id"]) == [("no_progress", "2026-02-15")]
        for n in items:
            if n["event"] == "no_progress":
                assert n["is_setting"] is True and n["note"]
        # a service date after the real one (and a zone east of UTC) still delivers at once
        assert receiver.counts() == Counter({str(n["id"]): 1 for n in items})
        assert all(d.signature_ok for d in receiver.received())
        server.close()


def test_dalarna_earliest_date_and_lapsed_agreement(
    servers: Callable[..., Server], tmp_path: Path
) -> None:
    region = "20"
    with Receiver(SECRET) as receiver:
        settings = config(hook(receiver.url))
        march = servers(tmp_path, settings, "2025-03-20").start()
        regional = march.open(
            org=region,
            agreement="dalarna",
            municipality="2080",
            subject="interpretation",
            opened_on="2025-03-01",
            form={"notice_given_on": "2025-02-10"},
        )
        watched = march.deadlines(subject_type="dispute", subject_id=regional["id"])["items"]
        earliest = next(d for d in watched if d["fires"] == "earliest")
        assert earliest["due_on"] == "2025-03-10"
        assert earliest["overdue"] is False
        assert "2025-02-10" in earliest["explanation"]
        assert earliest["citation"]["document"]
        assert march.deadlines(overdue="true", agreement="dalarna")["items"] == []
        wait_for(
            lambda: (
                {n["event"] for n in march.notifications()}
                >= {"earliest_date_reached", "no_progress"}
            ),
            10,
            "fired",
        )
        time.sleep(0.6)
        items = march.notifications()
        assert sorted(events(items, regional["id"])) == [
            ("earliest_date_reached", "2025-03-10"),
            ("no_progress", "2025-03-15"),
        ]
        reached = next(n for n in items if n["event"] == "earliest_date_reached")
        assert "not an overdue" in reached["note"]
        march.close()

        # after 2025-06-30, with no extension configured, the agreement has lapsed
        july = servers(tmp_path, settings, "2025-07-05").start()
        wait_for(
            lambda: any(n["event"] == "agreement_lapsed" for n in july.notifications()),
            10,
            "lapsed",
        )
        time.sleep(0.6)
        items = july.notifications()
        assert sorted(events(items, regional["id"])) == [
            ("agreement_lapsed", "2025-07-05"),
            ("earliest_date_reached", "2025-03-10"),
            ("no_progress", "2025-03-15"),
        ]
        lapsed = next(n for n in items if n["event"] == "agreement_lapsed")
        assert "2025-06-30" in lapsed["explanation"]
        assert not any(n["event"] == "overdue" for n in items)
        wait_for(lambda: len(receiver.counts()) == len(items), 10, "delivered")
        assert receiver.counts() == Counter({str(n["id"]): 1 for n in items})
        july.close()


def test_slow_receiver_and_short_leases_still_deliver_each_notification_once(
    servers: Callable[..., Server], tmp_path: Path
) -> None:
    """A batch of deliveries that outlasts both the sweep lease and one delivery's lease: the
    other process may take over, but never sends what the first is about to send."""
    count = 16
    seed_overdue(servers, tmp_path, count)
    with Receiver(SECRET, delay=0.25) as receiver:
        settings = config(hook(receiver.url, timeout=0.5), sweep="lease_seconds = 1")
        pair = [servers(tmp_path, settings, "2026-02-11") for _ in range(2)]
        for server in pair:
            server.spawn()
        for server in pair:
            server.ready()
        items = wait_for(lambda: all_delivered(pair[0], count), 30, "all delivered")
        time.sleep(0.5)
    assert receiver.counts() == Counter({str(n["id"]): 1 for n in items})


def test_one_deadline_that_cannot_fire_does_not_hold_back_the_others(
    servers: Callable[..., Server], tmp_path: Path
) -> None:
    """Södra Älvsborg disabled after its case was opened: its overdue cannot make its draft
    deviation (the agreement is not loaded), but the VGR case due later still fires."""
    first = servers(tmp_path, config(), "2026-01-10").start()
    sodra = first.open(opened_on="2026-01-01")  # due 2026-01-31
    vgr = first.open(agreement="vgr", tier="sub_regional", opened_on="2026-01-05")  # 02-04
    first.close()
    second = servers(
        tmp_path, config(), "2026-02-11", env={"SAMVERKAN_ENABLED": "vgr,goteborg,dalarna"}
    ).start()
    fired = wait_for(
        lambda: [n for n in second.notifications() if n["subject_id"] == vgr["id"]],
        5,
        "the VGR case fired",
    )
    assert [(n["event"], n["fire_on"]) for n in fired] == [("overdue", "2026-02-05")]
    assert f"deadline {sodra['id']}:tier:line_manager:2026-01-01 could not fire overdue" in (
        second.output()
    )
    second.close()


def test_hanging_receiver_times_out_retries_and_does_not_hold_up_a_stop(
    servers: Callable[..., Server], tmp_path: Path
) -> None:
    count = 6
    seed_overdue(servers, tmp_path, count)
    with Receiver(SECRET, delay=3.0) as receiver:
        settings = config(hook(receiver.url, timeout=0.5, backoff=0.1))
        server = servers(tmp_path, settings, "2026-02-11").start()
        receiver.wait(lambda r: len(r.received()) >= 2, 10, "reached")
        assert server.proc is not None
        started = time.monotonic()
        server.proc.terminate()
        server.proc.wait(15)
        stopped_in = time.monotonic() - started
        assert stopped_in < 2.0, stopped_in
        assert lease_holders(server.db) == []
        rows = sql(server.db, "SELECT status, attempts, last_error FROM deliveries")
        assert len(rows) == count and all(status == "pending" for status, _, _ in rows)
        assert any(attempts >= 1 and "Timeout" in (error or "") for _, attempts, error in rows)

        receiver.delay = 0.0
        again = servers(tmp_path, settings, "2026-02-11").start()
        items = wait_for(lambda: all_delivered(again, count), 15, "all delivered")
        assert set(receiver.accepted()) == {str(n["id"]) for n in items}
        again.close()
