"""Rows written with plain statements, inside the caller's transaction.

sqlite-utils' ``Table.insert`` and ``Table.update`` ask the schema on every call (the table
list, whether the table exists, its columns and primary key) before the one statement that
matters. The service's tables come from its migrations, so these write the statement directly:
the SQL text for a table and a set of columns is built once and reused (``sqlite3`` keeps the
prepared statement in its cache). Values are stored as sqlite-utils stores them: dates as ISO
text, dicts and lists as JSON.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections.abc import Iterable, Mapping
from typing import Any

import sqlite_utils


class RowMissing(LookupError):
    """``update`` found no row with that key."""


#: the types stored as they are (most values of a row): no conversion to look for
_AS_IS = frozenset({str, int, float, bytes, bool, type(None)})


def _values(values: Iterable[Any]) -> list[Any]:
    return [v if type(v) in _AS_IS else _value(v) for v in values]


def _value(value: Any) -> Any:
    if isinstance(value, dict | list | tuple):
        return json.dumps(value, default=repr, ensure_ascii=False)
    if isinstance(value, dt.date | dt.time):  # datetime is a date
        return value.isoformat()
    return value


@functools.cache
def _insert_sql(table: str, columns: tuple[str, ...]) -> str:
    names = ", ".join(f'"{c}"' for c in columns)
    marks = ", ".join("?" * len(columns))
    return f'INSERT INTO "{table}" ({names}) VALUES ({marks})'


@functools.cache
def _insert_new_sql(table: str, columns: tuple[str, ...], key: str) -> str:
    return f'{_insert_sql(table, columns)} ON CONFLICT ("{key}") DO NOTHING'


@functools.cache
def _update_sql(table: str, columns: tuple[str, ...], key: str) -> str:
    sets = ", ".join(f'"{c}" = ?' for c in columns)
    return f'UPDATE "{table}" SET {sets} WHERE "{key}" = ?'


def insert(db: sqlite_utils.Database, table: str, row: Mapping[str, Any]) -> None:
    """``INSERT`` one row (its keys are the columns)."""
    db.conn.execute(_insert_sql(table, tuple(row)), _values(row.values()))


def insert_new(
    db: sqlite_utils.Database, table: str, row: Mapping[str, Any], key: str = "id"
) -> bool:
    """``INSERT`` one row unless a row with its ``key`` exists (one statement, not a look-up
    and an insert); ``True`` if it was inserted."""
    sql = _insert_new_sql(table, tuple(row), key)
    return db.conn.execute(sql, _values(row.values())).rowcount == 1


def insert_many(db: sqlite_utils.Database, table: str, rows: Iterable[Mapping[str, Any]]) -> None:
    """``INSERT`` rows that share their columns (the first row's keys)."""
    rows = list(rows)
    if not rows:
        return
    columns = tuple(rows[0])
    db.conn.executemany(
        _insert_sql(table, columns), [_values(row[c] for c in columns) for row in rows]
    )


def update(
    db: sqlite_utils.Database, table: str, ident: Any, changes: Mapping[str, Any], key: str = "id"
) -> None:
    """``UPDATE`` the row whose ``key`` is ``ident``; :class:`RowMissing` if there is none."""
    if not changes:
        return
    sql = _update_sql(table, tuple(changes), key)
    cursor = db.conn.execute(sql, [*_values(changes.values()), ident])
    if cursor.rowcount != 1:
        raise RowMissing(f"{table} {ident}")
