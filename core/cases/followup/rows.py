"""What the follow-up reads, each query bounded by the period through an indexed date column
(migration ``0009_followup``, named in each query with ``INDEXED BY``: without statistics the
planner would take the agreement's index and read the whole history), so a year's report reads
that year's rows, the cases still open across it, and nothing else of it.

A case *handled* in the period was open on one of its days: opened by its last day and not
closed before its first. It is found as the union of two index ranges: the cases not closed
(``closed_on IS NULL``) and those closed on or after the period's first day, each opened by its
last day. Every function runs inside the caller's read transaction; every count is an SQL
aggregate, grouped by agreement.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import sqlite_utils

from samverkan.store.paging import Filter

Row = dict[str, Any]


@dataclass(frozen=True)
class Scope:
    """The report's rows: its agreements, one municipality or all, and its period."""

    agreements: tuple[str, ...]
    municipality: str | None
    first: dt.date
    last: dt.date

    def where(self, alias: str = "") -> str:
        """The condition keeping the scope's rows (its named parameters: :meth:`params`)."""
        prefix = f"{alias}." if alias else ""
        marks = ",".join(f":a{i}" for i in range(len(self.agreements)))
        sql = f"{prefix}agreement IN ({marks})"
        if self.municipality is not None:
            sql += f" AND {prefix}municipality = :municipality"
        return sql

    def params(self, **more: Any) -> dict[str, Any]:
        """The named parameters: ``:first``, ``:last``, the agreements, the municipality."""
        named = {f"a{i}": agreement for i, agreement in enumerate(self.agreements)}
        return named | {
            "municipality": self.municipality,
            "first": self.first.isoformat(),
            "last": self.last.isoformat(),
            **more,
        }


def _handled(table: str, start: str, end: str, scope: Scope, columns: str) -> str:
    """The rows of ``table`` open on some day of the period (see the module's docstring)."""
    source = f"{table} INDEXED BY {table}_by_{end}"
    where = scope.where()
    return (
        f"SELECT {columns} FROM {source} WHERE {end} IS NULL AND {start} <= :last AND {where} "
        f"UNION ALL SELECT {columns} FROM {source} WHERE {end} >= :first AND {start} <= :last "
        f"AND {where}"
    )


def _run(db: sqlite_utils.Database, sql: str, params: dict[str, Any]) -> list[Row]:
    return [dict(row) for row in db.query(sql, params)]


def _chunks(ids: list[str]) -> Iterator[tuple[str, dict[str, str]]]:
    """``ids`` as named parameters, 500 at a time (within SQLite's limit)."""
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        yield (
            ",".join(f":i{n}" for n in range(len(chunk))),
            {f"i{n}": v for n, v in enumerate(chunk)},
        )


DISPUTE_COLUMNS = (
    "id, agreement, municipality, subject, title, status, opened_on, closed_on, "
    "version_agreement, version, ladder_kind, tier_key, individual_ref, resolution"
)


def disputes(db: sqlite_utils.Database, scope: Scope) -> list[Row]:
    """The disputes handled in the period (a few columns each)."""
    return _run(
        db, _handled("disputes", "opened_on", "closed_on", scope, DISPUTE_COLUMNS), scope.params()
    )


def dispute_counts(db: sqlite_utils.Database, scope: Scope) -> list[Row]:
    """Per agreement: opened, resolved, withdrawn, open at the end, and resolved with an
    adjustment, in the period."""
    inner = _handled(
        "disputes",
        "opened_on",
        "closed_on",
        scope,
        "agreement, status, opened_on, closed_on, "
        "json_extract(resolution, '$.adjustment') IS NOT NULL AS adjusted",
    )
    sql = (
        "SELECT agreement, SUM(opened_on >= :first) AS opened, "
        "SUM(status = 'resolved' AND closed_on <= :last) AS resolved, "
        "SUM(status = 'withdrawn' AND closed_on <= :last) AS withdrawn, "
        "SUM(closed_on IS NULL OR closed_on > :last) AS open_at_end, "
        "SUM(status = 'resolved' AND closed_on <= :last AND adjusted) AS adjusted "
        f"FROM ({inner}) GROUP BY agreement"
    )
    return _run(db, sql, scope.params())


def disputes_by_subject(db: sqlite_utils.Database, scope: Scope) -> list[Row]:
    """Per agreement and subject: the disputes opened in the period."""
    sql = (
        "SELECT agreement, subject, COUNT(*) AS value FROM disputes "
        "INDEXED BY disputes_by_opened_on "
        f"WHERE opened_on >= :first AND opened_on <= :last AND {scope.where()} GROUP BY 1, 2"
    )
    return _run(db, sql, scope.params())


def dispute_events(db: sqlite_utils.Database, scope: Scope) -> list[Row]:
    """The steps up to the period's last day of every dispute handled in it, in order."""
    inner = _handled("disputes", "opened_on", "closed_on", scope, "id")
    sql = (
        "SELECT dispute_id, seq, on_date, action, tier_key, "
        "CASE WHEN action IN ('opened', 'escalated') "
        "THEN json_extract(detail, '$.clock_started_on') END AS clock_started_on "
        f"FROM dispute_events WHERE dispute_id IN ({inner}) AND on_date <= :last "
        "ORDER BY dispute_id, seq"
    )
    return _run(db, sql, scope.params())


def deviation_counts(db: sqlite_utils.Database, scope: Scope) -> list[Row]:
    """Per agreement, draft, direction and category: the deviations reported in the period and
    how many of them were escalated into a dispute opened by its last day."""
    sql = (
        "SELECT v.agreement, v.draft, v.from_party, COALESCE(v.category, '') AS category, "
        "COUNT(*) AS value, SUM(d.opened_on IS NOT NULL AND d.opened_on <= :last) AS escalated "
        "FROM deviations v INDEXED BY deviations_by_reported_on "
        "LEFT JOIN disputes d ON d.id = v.dispute_id "
        f"WHERE v.reported_on >= :first AND v.reported_on <= :last AND {scope.where('v')} "
        "GROUP BY 1, 2, 3, 4"
    )
    return _run(db, sql, scope.params())


PLACEMENT_COLUMNS = (
    "id, agreement, municipality, version_agreement, version, placing_party, start_date, "
    "end_date, acute, child, home_kind"
)


def placements(db: sqlite_utils.Database, scope: Scope) -> list[Row]:
    """The placements that ran on some day of the period."""
    sql = _handled("placements", "start_date", "end_date", scope, PLACEMENT_COLUMNS)
    return _run(db, sql, scope.params())


def placement_counts(db: sqlite_utils.Database, scope: Scope) -> list[Row]:
    """Per agreement and kind of placement: started, ended and days run in the period."""
    inner = _handled("placements", "start_date", "end_date", scope, PLACEMENT_COLUMNS)
    days = (
        "julianday(MIN(COALESCE(end_date, :last), :last)) - julianday(MAX(start_date, :first)) + 1"
    )
    sql = (
        "SELECT agreement, acute, child, home_kind, SUM(start_date >= :first) AS started, "
        f"SUM(end_date <= :last) AS ended, CAST(SUM({days}) AS INTEGER) AS days "
        f"FROM ({inner}) GROUP BY 1, 2, 3, 4"
    )
    return _run(db, sql, scope.params())


def _by_placement(
    db: sqlite_utils.Database, sql: str, ids: list[str], scope: Scope
) -> dict[str, list[Row]]:
    """The rows ``sql`` (with ``{ids}`` for the placements) finds, per placement, in order."""
    found: dict[str, list[Row]] = {i: [] for i in ids}
    for marks, named in _chunks(ids):
        for row in _run(db, sql.format(ids=marks), scope.params(**named)):
            found[row["placement_id"]].append(row)
    return found


def ledgers(
    db: sqlite_utils.Database, ids: list[str], scope: Scope
) -> tuple[dict[str, list[Row]], dict[str, list[Row]], dict[str, list[Row]]]:
    """For each placement: its cost agreements agreed by the period's last day, its cost
    entries for days of the period, and its linked disputes resolved by its last day."""
    return (
        _by_placement(
            db,
            "SELECT placement_id, id, seq, effective_from, agreed_on, method, weights, rule, "
            "created_at FROM cost_agreements WHERE placement_id IN ({ids}) AND agreed_on <= :last "
            "ORDER BY placement_id, seq",
            ids,
            scope,
        ),
        _by_placement(
            db,
            "SELECT placement_id, id, period_from, period_to, amount_ore, paid_by, invoice_ref "
            "FROM cost_entries WHERE placement_id IN ({ids}) AND period_from <= :last "
            "AND period_to >= :first "
            "ORDER BY placement_id, seq",
            ids,
            scope,
        ),
        _by_placement(
            db,
            "SELECT placement_id, id, closed_on, resolution, updated_at FROM disputes "
            "INDEXED BY disputes_by_placement WHERE placement_id IN ({ids}) "
            "AND status = 'resolved' "
            "AND closed_on <= :last ORDER BY placement_id, opened_on",
            ids,
            scope,
        ),
    )


def notification_counts(db: sqlite_utils.Database, scope: Scope) -> list[Row]:
    """Per agreement and event: the notifications whose day fell in the period, and their
    webhook deliveries that failed."""
    sql = (
        "SELECT n.agreement, n.event, COUNT(*) AS value, SUM((SELECT COUNT(*) FROM deliveries d "
        "WHERE d.notification_id = n.id AND d.status = 'failed')) AS failed "
        "FROM notifications n INDEXED BY notifications_by_fire_on "
        f"WHERE n.fire_on >= :first AND n.fire_on <= :last "
        f"AND {scope.where('n')} GROUP BY 1, 2"
    )
    return _run(db, sql, scope.params())


def resolved_visible(db: sqlite_utils.Database, scope: Scope, principal: Any) -> set[str]:
    """The disputes resolved in the period that ``principal`` may see through the dispute
    endpoints (its scoping, :meth:`samverkan.access.keys.Principal.visible`, in the query)."""
    where = Filter((("status", "resolved"), ("municipality", scope.municipality))).scoped(principal)
    where.add(f"agreement IN ({','.join('?' * len(scope.agreements))})", *scope.agreements)
    where.add("closed_on >= ? AND closed_on <= ?", scope.first.isoformat(), scope.last.isoformat())
    sql = f"SELECT id FROM disputes INDEXED BY disputes_by_closed_on{where.clause()}"
    return {row[0] for row in db.execute(sql, where.params)}
