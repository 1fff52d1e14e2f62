"""The only module of ``bench/`` that imports the service's internals.

Everything else drives the service from outside (``samverkan serve``, ``samverkan keys
create``, HTTP). When the package is restructured, update the imports here and nothing else:

- ``samverkan.server``: ``protocol(name)`` and ``UvicornConfig`` (the yardstick app runs under the
  same uvicorn protocol classes, with the same read deadlines, as ``samverkan serve``);
- ``samverkan.kernel.settlement``: ``Split``, ``Entry``, ``settle`` (settlement scaling);
- ``samverkan.kernel.config.load_settings`` and ``samverkan.wiring.build``: the services' ``store``
  (``Store``: ``.conn``, ``.read()``) and ``sweeper`` (``Sweeper.sweep()``);
- the ``deadlines`` table's columns (migration ``0006_deadlines``) and the sweep's due query
  (``samverkan.delivery.sweep.due_deadlines``, the function ``Sweeper.sweep`` calls).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterable
from fractions import Fraction
from pathlib import Path
from typing import Any

# -- the server setup -------------------------------------------------------------------------


def server_parts(http: str) -> tuple[type, type]:
    """The service's protocol class for ``[server] http`` and its uvicorn config class."""
    from samverkan.server import UvicornConfig, protocol

    return protocol(http), UvicornConfig


# -- settlement -------------------------------------------------------------------------------

CITE = {"document": "bench", "clause": "-", "quote": ""}


def settlement_case(
    start: dt.date, entries: int, days_each: int, splits: int, span_days: int
) -> tuple[Any, list[Any], list[Any]]:
    """A placement's base split, ``splits`` later splits spread over ``span_days``, and
    ``entries`` cost entries of ``days_each`` days laid end to end, wrapping at ``span_days``."""
    from samverkan.kernel.settlement import Entry, Split

    base = Split(start, {"region": Fraction(0), "municipality": Fraction(1)}, "base", "w", CITE)
    changes = [
        Split(
            start + dt.timedelta(days=(i + 1) * span_days // (splits + 1)),
            {"region": Fraction(i % 3, 3), "municipality": 1 - Fraction(i % 3, 3)},
            "change",
            "w",
            CITE,
        )
        for i in range(splits)
    ]
    slots = max(1, span_days // days_each)
    rows = [
        Entry(
            f"e{i}",
            start + dt.timedelta(days=(i % slots) * days_each),
            start + dt.timedelta(days=(i % slots + 1) * days_each - 1),
            9_300_000 + i,
            "municipality",
        )
        for i in range(entries)
    ]
    return base, changes, rows


def settle(case: tuple[Any, list[Any], list[Any]], as_of: dt.date) -> dict[str, Any]:
    from samverkan.kernel.settlement import settle as _settle

    base, changes, rows = case
    return _settle(base, changes, rows, as_of)


# -- the sweep --------------------------------------------------------------------------------

_COLUMNS = (
    "id, kind, subject_type, subject_id, agreement, municipality, title, due_on, remind_on, "
    "fires, explanation, citation, strength, is_setting, status, created_at, closed_at"
)


class SweepDatabase:
    """The service's database at ``path`` (migrated) with its sweeper, built as
    ``samverkan.wiring.build`` builds them; the config file gives the sweep and webhook settings."""

    def __init__(self, path: Path, config: Path, today: dt.date):
        import os

        from samverkan.kernel.config import load_settings
        from samverkan.wiring import build

        saved = dict(os.environ)
        os.environ["SAMVERKAN_DATABASE"] = str(path)
        os.environ["SAMVERKAN_TODAY"] = today.isoformat()
        try:
            settings = load_settings(config)
        finally:
            os.environ.clear()
            os.environ.update(saved)
        self.services = build(settings)
        self.store = self.services.store
        self.sweeper = self.services.sweeper
        self.today = today

    @property
    def conn(self) -> sqlite3.Connection:
        return self.store.conn

    def insert_deadlines(self, rows: Iterable[tuple[Any, ...]]) -> None:
        """Insert deadline rows (tuples in the order of :data:`_COLUMNS`) in one transaction."""
        marks = ", ".join("?" * len(_COLUMNS.split(",")))
        with self.store.write():
            self.conn.executemany(f"INSERT INTO deadlines ({_COLUMNS}) VALUES ({marks})", rows)

    def close_deadlines(self, ids: list[str]) -> None:
        with self.store.write():
            self.conn.executemany(
                "UPDATE deadlines SET status = 'met', closed_at = ? WHERE id = ?",
                [(self.today.isoformat(), i) for i in ids],
            )

    def due(self) -> int:
        """The sweep's due query, as the sweep runs it; returns the number of rows."""
        from samverkan.delivery.sweep import due_deadlines

        with self.store.read() as db:
            return len(due_deadlines(db, self.today))

    def sweep(self) -> int:
        """One sweep round; returns the number of notifications it made."""
        return len(self.sweeper.sweep())

    def count(self, sql: str) -> int:
        return int(self.conn.execute(sql).fetchone()[0])

    def close(self) -> None:
        self.sweeper.close()
        self.store.close()


def deadline_row(
    ident: str, due_on: dt.date, remind_on: dt.date, status: str, created: str
) -> tuple[Any, ...]:
    """One row of the ``deadlines`` table: a dispute tier's time limit, as the service writes
    one (texts of the usual length)."""
    return (
        ident,
        "tier",
        "dispute",
        f"dsp_{ident}",
        "sodra_alvsborg",
        "1490",
        "Lokal styrgrupp: time limit",
        due_on.isoformat(),
        remind_on.isoformat(),
        "due",
        f"30 dagar from {due_on - dt.timedelta(days=30)} (the day the tier was reached) gives "
        f"{due_on}; the tier body shall have answered by then",
        '{"document": "Rutin för tvistehantering, Närvårdssamverkan Södra Älvsborg", '
        '"clause": "3", "quote": "inom 30 dagar"}',
        "shall",
        0,
        status,
        created,
        None if status == "open" else created,
    )
