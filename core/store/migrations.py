"""Schema migrations, applied in order at start-up and recorded in ``schema_migrations``.

Never edit a migration that has shipped: add a new one. Money columns are integer öre.
History tables refuse UPDATE and DELETE with triggers, so the record cannot be rewritten.
"""

from __future__ import annotations

import sqlite_utils

from samverkan.store.db import Migration


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


def m0004_deviation_events(db: sqlite_utils.Database) -> None:
    """Who recorded and who escalated a deviation, append-only like the dispute history."""
    db.execute(
        """
        CREATE TABLE deviation_events (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            deviation_id TEXT NOT NULL REFERENCES deviations (id),
            seq INTEGER NOT NULL,
            at TEXT NOT NULL,
            on_date TEXT NOT NULL,
            action TEXT NOT NULL,
            actor_org TEXT NOT NULL,
            actor_person TEXT NOT NULL,
            detail TEXT NOT NULL,
            UNIQUE (deviation_id, seq)
        )
        """
    )
    _immutable(db, "deviation_events")
    db.execute("CREATE INDEX deviations_by_municipality ON deviations (municipality, status)")


def m0005_placements(db: sqlite_utils.Database) -> None:
    """Placements (facts), written cost agreements (documents) and cost entries (never edited)."""
    db.execute(
        """
        CREATE TABLE placements (
            id TEXT PRIMARY KEY,
            agreement TEXT NOT NULL,
            version_agreement TEXT NOT NULL,
            version TEXT NOT NULL,
            municipality TEXT NOT NULL,
            placing_party TEXT NOT NULL CHECK (placing_party IN ('region', 'municipality')),
            start_date TEXT NOT NULL,
            end_date TEXT,
            acute INTEGER NOT NULL,
            home_kind TEXT NOT NULL,
            child INTEGER NOT NULL,
            compulsory_care INTEGER NOT NULL,
            home_in_county INTEGER,
            individual_ref TEXT,
            sip TEXT,
            note TEXT NOT NULL,
            joint_planning TEXT,
            actor_org TEXT NOT NULL,
            actor_person TEXT NOT NULL,
            revision INTEGER NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX placements_by_agreement ON placements (agreement, municipality)")
    db.execute(
        """
        CREATE TABLE cost_agreements (
            id TEXT PRIMARY KEY,
            placement_id TEXT NOT NULL REFERENCES placements (id),
            seq INTEGER NOT NULL,
            effective_from TEXT NOT NULL,
            agreed_on TEXT NOT NULL,
            method TEXT NOT NULL,
            weights TEXT NOT NULL,
            document TEXT NOT NULL,
            rule TEXT NOT NULL,
            warnings TEXT NOT NULL,
            actor_org TEXT NOT NULL,
            actor_person TEXT NOT NULL,
            created_at TEXT NOT NULL,
            UNIQUE (placement_id, seq)
        )
        """
    )
    _immutable(db, "cost_agreements")
    db.execute(
        """
        CREATE TABLE cost_entries (
            id TEXT PRIMARY KEY,
            placement_id TEXT NOT NULL REFERENCES placements (id),
            seq INTEGER NOT NULL,
            period_from TEXT NOT NULL,
            period_to TEXT NOT NULL,
            amount_ore INTEGER NOT NULL,
            paid_by TEXT NOT NULL CHECK (paid_by IN ('region', 'municipality')),
            invoice_ref TEXT NOT NULL,
            note TEXT NOT NULL,
            actor_org TEXT NOT NULL,
            actor_person TEXT NOT NULL,
            created_at TEXT NOT NULL,
            UNIQUE (placement_id, seq)
        )
        """
    )
    _immutable(db, "cost_entries")
    db.execute("CREATE INDEX disputes_by_placement ON disputes (placement_id)")


def m0006_deadlines(db: sqlite_utils.Database) -> None:
    """Deadlines, the notification outbox, webhook deliveries and the sweep lease.

    A notification's ``dedupe_key`` is unique: inserting it is how a firing is claimed, so each
    reminder and overdue event exists once, however many sweeps or workers run.
    """
    db.execute(
        """
        CREATE TABLE deadlines (
            id TEXT PRIMARY KEY,
            kind TEXT NOT NULL,
            subject_type TEXT NOT NULL,
            subject_id TEXT NOT NULL,
            agreement TEXT NOT NULL,
            municipality TEXT,
            title TEXT NOT NULL,
            due_on TEXT NOT NULL,
            remind_on TEXT,
            fires TEXT NOT NULL CHECK (fires IN ('due', 'earliest', 'no_progress', 'ending')),
            explanation TEXT NOT NULL,
            citation TEXT NOT NULL,
            strength TEXT NOT NULL,
            is_setting INTEGER NOT NULL DEFAULT 0,
            status TEXT NOT NULL CHECK (status IN ('open', 'met', 'closed')),
            created_at TEXT NOT NULL,
            closed_at TEXT
        )
        """
    )
    db.execute("CREATE INDEX deadlines_open ON deadlines (status, due_on)")
    db.execute("CREATE INDEX deadlines_by_subject ON deadlines (subject_type, subject_id, status)")
    db.execute(
        """
        CREATE TABLE notifications (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            uid TEXT NOT NULL UNIQUE,
            dedupe_key TEXT NOT NULL UNIQUE,
            event TEXT NOT NULL,
            deadline_id TEXT,
            subject_type TEXT NOT NULL,
            subject_id TEXT NOT NULL,
            agreement TEXT NOT NULL,
            municipality TEXT,
            fire_on TEXT NOT NULL,
            payload TEXT NOT NULL,
            created_at TEXT NOT NULL
        )
        """
    )
    _immutable(db, "notifications")
    db.execute(
        """
        CREATE TABLE deliveries (
            notification_id INTEGER NOT NULL REFERENCES notifications (id),
            webhook TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_at TEXT NOT NULL,
            lease_until TEXT,
            last_error TEXT,
            delivered_at TEXT,
            PRIMARY KEY (notification_id, webhook)
        )
        """
    )
    db.execute("CREATE INDEX deliveries_due ON deliveries (status, next_attempt_at)")
    db.execute(
        "CREATE TABLE leases (name TEXT PRIMARY KEY, holder TEXT NOT NULL, until TEXT NOT NULL)"
    )


def m0007_keys_and_audit(db: sqlite_utils.Database) -> None:
    """API keys (stored as a hash only) and the append-only audit log."""
    db.execute(
        """
        CREATE TABLE api_keys (
            id TEXT PRIMARY KEY,
            org TEXT NOT NULL,
            role TEXT NOT NULL CHECK (role IN ('party', 'admin')),
            agreements TEXT NOT NULL,
            label TEXT NOT NULL,
            hash TEXT NOT NULL UNIQUE,
            created_at TEXT NOT NULL,
            revoked_at TEXT
        )
        """
    )
    db.execute(
        """
        CREATE TABLE audit_log (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            at TEXT NOT NULL,
            org TEXT NOT NULL,
            key_id TEXT NOT NULL,
            action TEXT NOT NULL,
            object_type TEXT NOT NULL,
            object_id TEXT NOT NULL,
            individual_ref TEXT,
            agreement TEXT
        )
        """
    )
    db.execute("CREATE INDEX audit_by_object ON audit_log (object_type, object_id)")
    db.execute("CREATE INDEX audit_by_org ON audit_log (org, at)")
    for action in ("UPDATE", "DELETE"):
        db.execute(
            f"CREATE TRIGGER audit_log_no_{action.lower()} BEFORE {action} ON audit_log "
            "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END"
        )


def m0008_idempotent_audit(db: sqlite_utils.Database) -> None:
    """A replayed answer is audited as the original was: the objects it touched."""
    db.execute("ALTER TABLE idempotency_keys ADD COLUMN audited TEXT")


def m0009_followup(db: sqlite_utils.Database) -> None:
    """A deviation's category (optional), and the date indexes the follow-up report counts by,
    so a year's report reads that year's rows and not the whole history."""
    db.execute("ALTER TABLE deviations ADD COLUMN category TEXT")
    for name, table, column in (
        ("disputes_by_opened_on", "disputes", "opened_on"),
        ("disputes_by_closed_on", "disputes", "closed_on"),
        ("deviations_by_reported_on", "deviations", "reported_on"),
        ("placements_by_start_date", "placements", "start_date"),
        ("placements_by_end_date", "placements", "end_date"),
        ("notifications_by_fire_on", "notifications", "fire_on"),
    ):
        db.execute(f"CREATE INDEX {name} ON {table} ({column})")


def m0010_deadlines_reminding(db: sqlite_utils.Database) -> None:
    """The sweep finds what is due by two index ranges: open deadlines due by today
    (``deadlines_open``) and open deadlines whose reminder day has come (this one)."""
    db.execute("CREATE INDEX deadlines_reminding ON deadlines (status, remind_on)")


MIGRATIONS: list[Migration] = [
    ("0001_disputes", m0001_disputes),
    ("0002_idempotency", m0002_idempotency),
    ("0003_deviations", m0003_deviations),
    ("0004_deviation_events", m0004_deviation_events),
    ("0005_placements", m0005_placements),
    ("0006_deadlines", m0006_deadlines),
    ("0007_keys_and_audit", m0007_keys_and_audit),
    ("0008_idempotent_audit", m0008_idempotent_audit),
    ("0009_followup", m0009_followup),
    ("0010_deadlines_reminding", m0010_deadlines_reminding),
]
