"""The SQLite file: one connection per process, WAL, FULL sync, foreign keys, migrations.

Every change runs in :meth:`Store.write`. Outside the event loop (the sweep's scheduler thread,
a handler run in a thread, the command line, start-up) that is its own transaction, ``BEGIN
IMMEDIATE`` … ``COMMIT``, so concurrent writers (several server workers) wait for the lock
instead of failing half-way. sqlite-utils' own operations nest inside it as savepoints.

**Group commit.** On the event loop, a request the API holds for its commit (:func:`holding`,
the guard's wrapper) does not pay a ``COMMIT`` (one fsync) of its own: the first change of a
loop turn opens ``BEGIN IMMEDIATE`` and schedules the ``COMMIT`` with ``loop.call_soon``; every
change made on the loop until then (the other requests handled in that turn) runs in the same
transaction, each inside its own ``SAVEPOINT change``. A change that fails is rolled back to its
savepoint, alone; one that succeeds is released into the group. The group keeps the store's
lock (and SQLite's write lock) only until its ``COMMIT``, one loop turn later; a thread's write
waits for it as it waits for any writer, and each server process commits its own groups.

It is still one transaction per change in the sense that matters:

- *atomic per request*: a request's change is all or nothing (its savepoint), and nothing of a
  failed request is committed; a change is never split across two commits;
- *durable before acknowledged*: the guard awaits :func:`committed` before it passes on the
  answer's first byte, so no answer (and no ``ETag``, ``Location`` or stored idempotent
  answer a client could act on) leaves before the ``COMMIT`` that holds its change has synced
  the WAL (``synchronous=FULL``). If that ``COMMIT`` fails, every request in the group answers
  500 and none of their changes is in the database: nothing acknowledged is lost;
- *isolated*: a read on this connection (:meth:`Store.read`, a plain write) commits the
  pending group first, so it sees only committed changes, as another connection would. A
  change in a group sees the changes released before it in that group, as if they had run
  one after the other; they commit together or not at all, and each request waits for the
  same ``COMMIT``, so none acts on a change that is then lost.

A crash (SIGKILL, power) before the group's ``COMMIT`` loses only changes whose requests were
never answered, exactly as a crash before a lone ``COMMIT`` did.

While the service serves, :meth:`Store.checkpoint_in_background` copies the WAL into the
database file from a thread of its own (``PASSIVE``, about once a second), so no request's
``COMMIT`` carries a checkpoint; the connection's own automatic checkpoint stays as a bound on
the WAL's size. Durability is unchanged: each ``COMMIT`` still syncs the WAL to disk
(``synchronous=FULL``).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import functools
import logging
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import Any

import sqlite_utils
from sqlite_utils.db import dedupe_keys

#: the WAL size (pages) at which a COMMIT checkpoints by itself when the background
#: checkpoint has fallen behind (SQLite's default is 1,000)
AUTOCHECKPOINT_PAGES = 10_000

log = logging.getLogger("samverkan.store")

#: the commits the current request waits for before it answers (set by :func:`holding`)
_waiting: ContextVar[list[asyncio.Future[BaseException | None]] | None] = ContextVar(
    "samverkan_waiting", default=None
)


@contextmanager
def holding(waiting: list[asyncio.Future[BaseException | None]]) -> Iterator[None]:
    """While the block runs, this task's changes on the event loop join the turn's group
    commit; ``waiting`` fills with the commits to wait for (:func:`committed`) before the
    request answers."""
    token = _waiting.set(waiting)
    try:
        yield
    finally:
        _waiting.reset(token)


async def committed(waiting: list[asyncio.Future[BaseException | None]]) -> BaseException | None:
    """Wait for the commits a request's changes joined: ``None`` when all succeeded, else the
    error of the first that failed (the request's changes are then not in the database)."""
    for group in waiting:
        outcome = await group
        if outcome is not None:
            return outcome
    return None


Migration = tuple[str, Callable[[sqlite_utils.Database], None]]


class _Database(sqlite_utils.Database):
    """sqlite-utils' database whose ``query`` runs a plain ``SELECT`` as it is: sqlite-utils
    wraps every query in ``SAVEPOINT`` … ``RELEASE`` (to undo a statement that turns out to
    write), two statements more than a read needs. Anything else goes through sqlite-utils."""

    def query(self, sql: str, params: Any = None) -> Iterator[dict[str, Any]]:
        if sql.lstrip()[:6].upper() != "SELECT":
            return super().query(sql, params)
        cursor = self.conn.execute(sql, params if params is not None else ())
        keys = _keys(tuple(d[0] for d in cursor.description))
        return (dict(zip(keys, row, strict=True)) for row in cursor)


@functools.lru_cache(maxsize=1024)
def _keys(names: tuple[str, ...]) -> tuple[str, ...]:
    """A result's column names as sqlite-utils names them (a repeated name gets a suffix),
    worked out once per set of columns."""
    return tuple(dedupe_keys(names))


class Store:
    """The service's database.

    :param path: the SQLite file; its folder is created on first start.
    :param migrations: ``(id, apply)`` pairs, applied once each, in order, at start-up.
    """

    def __init__(self, path: str | Path, migrations: list[Migration] | None = None):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(
            self.path, isolation_level=None, check_same_thread=False, timeout=30.0
        )
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute("PRAGMA busy_timeout=30000")
        self.conn = conn
        self.db = _Database(conn)
        self._lock = threading.RLock()
        #: the event loop's open group transaction: its outcome, once committed
        self._group: asyncio.Future[BaseException | None] | None = None
        #: the COMMITs this connection has made (a group commit counts once)
        self.commits = 0
        self._changing = 0
        self._checkpointing: threading.Event | None = None
        self._checkpointer: threading.Thread | None = None
        self.migrate(migrations or [])

    def checkpoint_in_background(self, every_seconds: float = 1.0) -> None:
        """Checkpoint from a thread with its own connection until :meth:`close`; the request
        connection checkpoints by itself only when the WAL passes ``AUTOCHECKPOINT_PAGES``."""
        if self._checkpointing is not None:
            return
        self.conn.execute(f"PRAGMA wal_autocheckpoint={AUTOCHECKPOINT_PAGES}")
        stop = self._checkpointing = threading.Event()
        conn = sqlite3.connect(self.path, check_same_thread=False, timeout=30.0)
        conn.execute("PRAGMA synchronous=FULL")

        def run() -> None:
            try:
                while not stop.wait(every_seconds):
                    conn.execute("PRAGMA wal_checkpoint(PASSIVE)")
            finally:
                conn.close()

        self._checkpointer = threading.Thread(target=run, name="samverkan-checkpoint", daemon=True)
        self._checkpointer.start()

    @contextmanager
    def write(self) -> Iterator[sqlite_utils.Database]:
        """One change, all or nothing: its own transaction (``BEGIN IMMEDIATE`` … ``COMMIT``,
        rolled back on error), or, on the event loop of a request that waits for its commit
        (:func:`holding`), its own ``SAVEPOINT`` in the turn's group commit."""
        waiting = _waiting.get()
        if waiting is not None and self._on_loop():
            with self._in_group(waiting) as db:
                yield db
            return
        with self._lock:
            self._commit_group()  # the loop's own thread: what it changed before is committed
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield self.db
            except BaseException:
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                raise
            else:
                self._commit()

    @contextmanager
    def read(self) -> Iterator[sqlite_utils.Database]:
        """A consistent read (one snapshot) without taking the write lock; on the event loop a
        pending group commit is committed first, so a read sees only committed changes."""
        with self._lock:
            self._commit_group()
            self.conn.execute("BEGIN")
            try:
                yield self.db
            finally:
                if self.conn.in_transaction:
                    self.conn.execute("COMMIT")

    def data_version(self) -> int:
        """SQLite's ``data_version``: it changes when another connection (another worker, a
        command) commits to the database, never for this connection's own commits."""
        with self._lock:
            return int(self.conn.execute("PRAGMA data_version").fetchone()[0])

    # -- the group commit -----------------------------------------------------------------------

    def _on_loop(self) -> bool:
        try:
            asyncio.get_running_loop()
        except RuntimeError:
            return False
        return True

    @contextmanager
    def _in_group(self, waiting: list[asyncio.Future[BaseException | None]]) -> Iterator[Any]:
        """The change inside the turn's group transaction, as ``SAVEPOINT change``: released
        into the group when it succeeds, rolled back alone when it fails. The request is then
        told to wait for the group's commit before it answers."""
        group = self._group
        if group is None:
            self._lock.acquire()  # held by the loop's thread until the group commits
            try:
                self.conn.execute("BEGIN IMMEDIATE")
            except BaseException:
                self._lock.release()
                raise
            loop = asyncio.get_running_loop()
            group = self._group = loop.create_future()
            loop.call_soon(self._commit_group)
        self.conn.execute("SAVEPOINT change")
        self._changing += 1
        try:
            yield self.db
        except BaseException:
            self._changing -= 1
            self._undo_change()
            raise
        self._changing -= 1
        self.conn.execute("RELEASE change")
        waiting.append(group)

    def _undo_change(self) -> None:
        """Roll back the failed change alone; if that cannot be done (SQLite already rolled the
        whole group back after a full disk or an I/O error), the whole group fails."""
        try:
            if not self.conn.in_transaction:
                raise sqlite3.OperationalError("the group transaction was rolled back")
            self.conn.execute("ROLLBACK TO change")
            self.conn.execute("RELEASE change")
        except sqlite3.Error as exc:
            log.exception("a failed change could not be rolled back alone; its group fails")
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            self._end_group(exc)

    def _commit_group(self) -> None:
        """Commit the pending group transaction, if any (the loop calls it after the turn that
        opened it; a read, a plain write or :meth:`close` on the loop's thread calls it first).
        Every request in it learns the outcome before it answers: ``None`` or the error."""
        if self._group is None:
            return
        if self._changing:  # a change still open (it awaited): the group commits after it
            self._group.get_loop().call_soon(self._commit_group)
            return
        try:
            if not self.conn.in_transaction:
                raise sqlite3.OperationalError("the group transaction was rolled back")
            self._commit()
        except Exception as exc:
            log.exception("a group commit failed; every request in it answers 500")
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            self._end_group(exc)
        else:
            self._end_group(None)

    def _end_group(self, outcome: BaseException | None) -> None:
        group, self._group = self._group, None
        if group is not None:
            group.set_result(outcome)
            self._lock.release()

    def _commit(self) -> None:
        self.conn.execute("COMMIT")
        self.commits += 1

    def migrate(self, migrations: list[Migration]) -> list[str]:
        """Apply the migrations not yet recorded; safe to run twice (and concurrently)."""
        applied_now: list[str] = []
        with self.write() as db:
            db.execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations "
                "(id TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
            )
            done = {row[0] for row in db.execute("SELECT id FROM schema_migrations").fetchall()}
            for migration_id, apply in migrations:
                if migration_id in done:
                    continue
                apply(db)
                db.execute(
                    "INSERT INTO schema_migrations (id, applied_at) VALUES (?, ?)",
                    [migration_id, dt.datetime.now(dt.UTC).isoformat(timespec="seconds")],
                )
                applied_now.append(migration_id)
        return applied_now

    def applied(self) -> list[str]:
        return [
            row[0] for row in self.conn.execute("SELECT id FROM schema_migrations ORDER BY rowid")
        ]

    def commit_pending(self) -> None:
        """Commit the event loop's pending group now (before the loop's thread blocks on a
        thread that may be waiting for the store, e.g. the scheduler's shutdown)."""
        with self._lock:
            self._commit_group()

    def close(self) -> None:
        self.commit_pending()
        if self._checkpointing is not None:
            # the checkpoint's connection closes first, so this one is the last and, as
            # before, checkpoints the whole WAL and removes it (the file alone is the database)
            self._checkpointing.set()
            if self._checkpointer is not None:
                self._checkpointer.join(timeout=30)
        self.conn.close()
