"""The SQLite file: one connection per process, WAL, FULL sync, foreign keys, migrations.

Every write runs in :meth:`Store.write`, which starts with ``BEGIN IMMEDIATE`` so concurrent
writers (several server workers) wait for the lock instead of failing half-way. sqlite-utils'
own operations nest inside it as savepoints.

While the service serves, :meth:`Store.checkpoint_in_background` copies the WAL into the
database file from a thread of its own (``PASSIVE``, about once a second), so no request's
``COMMIT`` carries a checkpoint; the connection's own automatic checkpoint stays as a bound on
the WAL's size. Durability is unchanged: each ``COMMIT`` still syncs the WAL to disk
(``synchronous=FULL``).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlite_utils
from sqlite_utils.db import dedupe_keys

#: the WAL size (pages) at which a COMMIT checkpoints by itself when the background
#: checkpoint has fallen behind (SQLite's default is 1,000)
AUTOCHECKPOINT_PAGES = 10_000

Migration = tuple[str, Callable[[sqlite_utils.Database], None]]


class _Database(sqlite_utils.Database):
    """sqlite-utils' database whose ``query`` runs a plain ``SELECT`` as it is: sqlite-utils
    wraps every query in ``SAVEPOINT`` … ``RELEASE`` (to undo a statement that turns out to
    write), two statements more than a read needs. Anything else goes through sqlite-utils."""

    def query(self, sql: str, params: Any = None) -> Iterator[dict[str, Any]]:
        if sql.lstrip()[:6].upper() != "SELECT":
            return super().query(sql, params)
        cursor = self.conn.execute(sql, params if params is not None else ())
        keys = dedupe_keys(d[0] for d in cursor.description)  # as sqlite-utils names them
        return (dict(zip(keys, row, strict=True)) for row in cursor)


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
        """One write transaction: ``BEGIN IMMEDIATE`` … ``COMMIT`` (rolled back on error)."""
        with self._lock:
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield self.db
            except BaseException:
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                raise
            else:
                self.conn.execute("COMMIT")

    @contextmanager
    def read(self) -> Iterator[sqlite_utils.Database]:
        """A consistent read (one snapshot) without taking the write lock."""
        with self._lock:
            self.conn.execute("BEGIN")
            try:
                yield self.db
            finally:
                if self.conn.in_transaction:
                    self.conn.execute("COMMIT")

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

    def close(self) -> None:
        if self._checkpointing is not None:
            # the checkpoint's connection closes first, so this one is the last and, as
            # before, checkpoints the whole WAL and removes it (the file alone is the database)
            self._checkpointing.set()
            if self._checkpointer is not None:
                self._checkpointer.join(timeout=30)
        self.conn.close()
