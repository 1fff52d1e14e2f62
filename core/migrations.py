"""Schema migrations, applied in order at start-up and recorded in ``schema_migrations``.

Never edit a migration that has shipped: add a new one. Money columns are integer öre.
History tables refuse UPDATE and DELETE with triggers, so the record cannot be rewritten.
"""

from __future__ import annotations

import sqlite_utils

from core.db import Migration


def _immutable(db: sqlite_utils.Database, table: str) -> None:
    for action in ("UPDATE", "DELETE"):
        db.execute(
            f"CREATE TRIGGER IF NOT EXISTS {table}_no_{action.lower()} BEFORE {action} ON {table} "
            f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END"
        )


def m0001_disputes(db: sqlite_utils.Database) -> None:
    db.execute(
        """
        CREATE TABLE disputes (
            id TEXT PRIMARY KEY,
            agreement TEXT NOT NULL,
            version_agreement TEXT NOT NULL,
            version TEXT NOT NULL,
            municipality TEXT NOT NULL,
            subject TEXT NOT NULL,
            title TEXT NOT NULL,
            description TEXT NOT NULL,
            individual_ref TEXT,
            placement_id TEXT,
            deviation_id TEXT,
            concerns_individual INTEGER NOT NULL,
            temporary_arrangement TEXT,
            ladder_kind TEXT NOT NULL,
            tier_index INTEGER NOT NULL,
            tier_key TEXT NOT NULL,
            clock_started_on TEXT NOT NULL,
            due_on TEXT,
            form TEXT NOT NULL DEFAULT '{}',
            pending_outcome TEXT,
            status TEXT NOT NULL CHECK (status IN ('open', 'resolved', 'withdrawn')),
            resolution TEXT,
            opened_on TEXT NOT NULL,
            closed_on TEXT,
            revision INTEGER NOT NULL DEFAULT 1,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX disputes_by_agreement ON disputes (agreement, status)")
    db.execute("CREATE INDEX disputes_by_municipality ON disputes (municipality, status)")
    db.execute("CREATE INDEX disputes_by_due ON disputes (status, due_on)")
    db.execute(
        """
        CREATE TABLE dispute_events (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            dispute_id TEXT NOT NULL REFERENCES disputes (id),
            seq INTEGER NOT NULL,
            at TEXT NOT NULL,
            on_date TEXT NOT NULL,
            action TEXT NOT NULL,
            tier_key TEXT NOT NULL,
            tier_name TEXT NOT NULL,
            case_label TEXT NOT NULL,
            actor_org TEXT NOT NULL,
            actor_person TEXT NOT NULL,
            detail TEXT NOT NULL,
            citation TEXT NOT NULL,
            UNIQUE (dispute_id, seq)
        )
        """
    )
    _immutable(db, "dispute_events")


def m0002_idempotency(db: sqlite_utils.Database) -> None:
    db.execute(
        """
        CREATE TABLE idempotency_keys (
            org TEXT NOT NULL,
            key TEXT NOT NULL,
            route TEXT NOT NULL,
            body_hash TEXT NOT NULL,
            status INTEGER NOT NULL,
            response TEXT NOT NULL,
            headers TEXT NOT NULL,
            created_at TEXT NOT NULL,
            PRIMARY KEY (org, key)
        )
        """
    )


def m0003_deviations(db: sqlite_utils.Database) -> None:
    db.execute(
        """
        CREATE TABLE deviations (
            id TEXT PRIMARY KEY,
            agreement TEXT NOT NULL,
            version_agreement TEXT NOT NULL,
            version TEXT NOT NULL,
            municipality TEXT NOT NULL,
            from_party TEXT NOT NULL CHECK (from_party IN ('region', 'municipality')),
            to_party TEXT NOT NULL CHECK (to_party IN ('region', 'municipality')),
            title TEXT NOT NULL,
            agreed TEXT NOT NULL,
            happened TEXT NOT NULL,
            reporting_role TEXT,
            individual_ref TEXT,
            occurred_on TEXT,
            reported_on TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('open', 'escalated', 'closed')),
            draft INTEGER NOT NULL DEFAULT 0,
            dispute_id TEXT REFERENCES disputes (id),
            actor_org TEXT NOT NULL,
            actor_person TEXT NOT NULL,
            revision INTEGER NOT NULL DEFAULT 1,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX deviations_by_agreement ON deviations (agreement, status)")


MIGRATIONS: list[Migration] = [
    ("0001_disputes", m0001_disputes),
    ("0002_idempotency", m0002_idempotency),
    ("0003_deviations", m0003_deviations),
]
