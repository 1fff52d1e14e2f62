"""The store's group commit on a real SQLite file: the changes made on the event loop in one turn
share one transaction and one COMMIT, each in its own savepoint; a read sees only committed
changes; a thread's write waits for the loop's group and then runs as its own transaction."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlite_utils

from samverkan.store.db import Store, committed, holding
from tests.support.loop import run


def _table(db: sqlite_utils.Database) -> None:
    db.execute("CREATE TABLE rows (name TEXT PRIMARY KEY)")


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    made = Store(tmp_path / "group.db", [("0001_rows", _table)])
    yield made
    made.close()


def names_seen_elsewhere(store: Store) -> set[str]:
    """What another connection (another process, a reader after a crash) sees: committed rows."""
    other = sqlite3.connect(store.path)
    try:
        return {row[0] for row in other.execute("SELECT name FROM rows")}
    finally:
        other.close()


async def change(store: Store, name: str, fail: bool = False) -> BaseException | None:
    """One request's change made the way the guard makes it: held until its commit."""
    waiting: list[asyncio.Future[BaseException | None]] = []
    with holding(waiting):
        try:
            with store.write() as db:
                db.execute("INSERT INTO rows (name) VALUES (?)", [name])
                if fail:
                    raise ValueError("this change fails after its insert")
        except ValueError:
            return None
    return await committed(waiting)


def test_changes_in_one_turn_share_one_commit_and_a_failed_one_leaves_only_its_own_rows(
    store: Store,
) -> None:
    async def turn() -> list[BaseException | None]:
        before = store.commits
        outcomes = await asyncio.gather(
            change(store, "a"), change(store, "b", fail=True), change(store, "c")
        )
        assert store.commits == before + 1  # one COMMIT (one fsync) for the turn
        return outcomes

    assert run(turn) == [None, None, None]
    assert names_seen_elsewhere(store) == {"a", "c"}


def test_nothing_is_acknowledged_before_its_commit(store: Store) -> None:
    async def turn() -> None:
        waiting: list[asyncio.Future[BaseException | None]] = []
        with holding(waiting), store.write() as db:
            db.execute("INSERT INTO rows (name) VALUES ('pending')")
        assert len(waiting) == 1 and not waiting[0].done()
        assert names_seen_elsewhere(store) == set()  # not yet committed: not yet answered
        assert await committed(waiting) is None
        assert names_seen_elsewhere(store) == {"pending"}

    run(turn)


def test_a_failed_commit_fails_every_change_of_its_group(store: Store) -> None:
    """A deferred foreign key is checked by SQLite at COMMIT: the group's COMMIT fails."""
    store.conn.executescript(
        "CREATE TEMP TABLE parent (id TEXT PRIMARY KEY);"
        "CREATE TEMP TABLE child (parent TEXT REFERENCES parent(id) "
        "DEFERRABLE INITIALLY DEFERRED);"
        "CREATE TEMP TRIGGER poison AFTER INSERT ON main.rows WHEN NEW.name = 'poison' "
        "BEGIN INSERT INTO child VALUES ('missing'); END;"
    )

    async def turn() -> list[BaseException | None]:
        return await asyncio.gather(change(store, "a"), change(store, "poison"), change(store, "b"))

    outcomes = run(turn)
    assert all(isinstance(outcome, sqlite3.IntegrityError) for outcome in outcomes)
    assert names_seen_elsewhere(store) == set()
    assert not store.conn.in_transaction
    run(lambda: change(store, "after"))  # the store goes on
    assert names_seen_elsewhere(store) == {"after"}


def test_a_read_on_the_loop_sees_only_committed_changes(store: Store) -> None:
    async def turn() -> tuple[set[str], set[str]]:
        waiting: list[asyncio.Future[BaseException | None]] = []
        with holding(waiting), store.write() as db:
            db.execute("INSERT INTO rows (name) VALUES ('x')")
        assert not waiting[0].done()
        with store.read() as db:  # the same turn: the group is committed first
            seen = {row["name"] for row in db.query("SELECT name FROM rows")}
        elsewhere = names_seen_elsewhere(store)
        assert waiting[0].done() and await committed(waiting) is None
        return seen, elsewhere

    seen, elsewhere = run(turn)
    assert seen == elsewhere == {"x"}


def test_a_write_without_a_waiting_request_is_its_own_transaction(store: Store) -> None:
    async def turn() -> None:
        with store.write() as db:  # no holding(): nobody would wait for a group
            db.execute("INSERT INTO rows (name) VALUES ('plain')")
        assert names_seen_elsewhere(store) == {"plain"}

    run(turn)


def test_a_thread_write_waits_for_the_loops_group_then_commits(store: Store) -> None:
    """The sweep's scheduler thread (and sync handlers) keep BEGIN IMMEDIATE … COMMIT."""
    done = threading.Event()

    def sweep_thread() -> None:
        with store.write() as db:
            db.execute("INSERT INTO rows (name) VALUES ('from the thread')")
        done.set()

    async def turn() -> None:
        waiting: list[asyncio.Future[BaseException | None]] = []
        with holding(waiting), store.write() as db:
            db.execute("INSERT INTO rows (name) VALUES ('from the loop')")
        thread = threading.Thread(target=sweep_thread)
        thread.start()
        assert not done.wait(0.2)  # the group holds the store until it commits
        assert await committed(waiting) is None
        await asyncio.to_thread(thread.join, 10)
        assert done.is_set()

    run(turn)
    assert names_seen_elsewhere(store) == {"from the loop", "from the thread"}
