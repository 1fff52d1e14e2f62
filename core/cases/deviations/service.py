"""Deviations (*avvikelser*): one party reports that the other did not do what was agreed.

A deviation keeps the agreement version in force on the day it was reported, and is shown with
that version's deviation policy (where it is registered, who reports it, how it is handled).
One the parties cannot solve is escalated: it becomes a dispute with subject ``deviation`` at
the first tier of the ladder for that subject, opened in the same transaction, linked both ways.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Annotated, Any

import msgspec
import sqlite_utils

from samverkan.cases.common import check_if_match
from samverkan.cases.disputes import (
    Actor,
    Disputes,
    IndividualRef,
    OpenDispute,
    TemporaryArrangement,
    Text,
    Title,
    cite,
)
from samverkan.kernel.bounds import RequestBody
from samverkan.kernel.errors import Conflict, InvalidInput, NotFound, field_error
from samverkan.kernel.registry import InForce
from samverkan.models import PARTIES, DeviationPolicy, Party, Strength
from samverkan.store.ids import new_id
from samverkan.store.paging import Filter, page

Role = Annotated[str, msgspec.Meta(min_length=1, max_length=100)]
Municipality = Annotated[str, msgspec.Meta(pattern=r"^[0-9]{4}$")]
#: The columns a listing may filter on.
FILTERS = ("agreement", "municipality", "status", "from_party")


class RecordDeviation(RequestBody, kw_only=True):
    """``POST /api/v1/deviations``.

    :param from_party: the reporting party (default: the acting organisation's party); the
        deviation is directed to the other party.
    :param agreed: what the agreement, routine or plan said would be done.
    :param happened: what was done instead.
    :param reporting_role: the reporter's role, e.g. MAS, MAR or SAS (Dalarna 12.1).
    :param reported_on: default today; the rules are those in force on this day.
    """

    agreement: str
    municipality: Municipality
    from_party: Party | None = None
    title: Title
    agreed: Text
    happened: Text
    reporting_role: Role | None = None
    individual_ref: IndividualRef | None = None
    occurred_on: dt.date | None = None
    reported_on: dt.date | None = None


class EscalateDeviation(RequestBody, kw_only=True):
    """``POST /api/v1/deviations/{id}/escalate``: what the new dispute needs beyond the deviation.

    Title, description and individual default to the deviation's; the dispute rules apply as
    for ``POST /api/v1/disputes`` (a dispute about an individual's care needs the temporary
    arrangement).
    """

    title: Title | None = None
    description: Text | None = None
    individual_ref: IndividualRef | None = None
    concerns_individual: bool | None = None
    temporary_arrangement: TemporaryArrangement | None = None
    opened_on: dt.date | None = None


class Deviations:
    """The deviation store; disputes are opened through :class:`Disputes`."""

    def __init__(self, disputes: Disputes):
        self.disputes = disputes
        self.store = disputes.store
        self.registry = disputes.registry
        self.clock = disputes.clock

    def _now(self) -> str:
        return self.clock.now().isoformat(timespec="seconds")

    def _event(
        self,
        db: sqlite_utils.Database,
        deviation_id: str,
        action: str,
        actor: Actor,
        on: dt.date,
        detail: dict[str, Any],
    ) -> None:
        seq = db.execute(
            "SELECT COALESCE(MAX(seq), 0) + 1 FROM deviation_events WHERE deviation_id = ?",
            [deviation_id],
        ).fetchone()[0]
        db["deviation_events"].insert(
            {
                "deviation_id": deviation_id,
                "seq": seq,
                "at": self._now(),
                "on_date": on.isoformat(),
                "action": action,
                "actor_org": actor.org,
                "actor_person": actor.person,
                "detail": json.dumps(msgspec.to_builtins(detail), ensure_ascii=False),
            }
        )

    def _policy(self, in_force: InForce) -> tuple[DeviationPolicy | None, dict[str, Any] | None]:
        try:
            policy, source = self.registry.deviation_rules(in_force)
        except NotFound:
            return None, None
        return policy, {"agreement": source.agreement, "version": source.version}

    # -- record ---------------------------------------------------------------------------

    def record(self, db: sqlite_utils.Database, request: RecordDeviation, actor: Actor) -> str:
        """Store a deviation inside the caller's write transaction; returns its id."""
        agreement = self.disputes.check_municipality(request.agreement, request.municipality)
        party = self.disputes._party_of(agreement.id, request.municipality, actor.org)
        from_party = request.from_party or party
        if from_party != party:
            raise InvalidInput(
                f"the acting organisation {actor.org} is the {party}; a deviation is reported "
                f"by the party that reports it, so from_party is {party!r}",
                errors=[field_error("from_party", f"{party!r} (or leave it out)")],
            )
        today = self.clock.today()
        reported_on = request.reported_on or today
        if reported_on > today:
            raise InvalidInput(
                f"reported_on {reported_on} is after today ({today}); a deviation is reported "
                "once it has happened",
                errors=[field_error("reported_on", f"on or before {today}")],
            )
        if request.occurred_on and request.occurred_on > reported_on:
            raise InvalidInput(
                f"occurred_on {request.occurred_on} is after reported_on {reported_on}",
                errors=[field_error("occurred_on", f"on or before {reported_on}")],
            )
        in_force = self.registry.in_force(agreement.id, reported_on)
        to_party = next(p for p in PARTIES if p != from_party)
        now = self._now()
        row = {
            "id": new_id("dev"),
            "agreement": agreement.id,
            "version_agreement": in_force.version_agreement,
            "version": in_force.version.key,
            "municipality": request.municipality,
            "from_party": from_party,
            "to_party": to_party,
            "title": request.title,
            "agreed": request.agreed,
            "happened": request.happened,
            "reporting_role": request.reporting_role,
            "individual_ref": request.individual_ref,
            "occurred_on": request.occurred_on.isoformat() if request.occurred_on else None,
            "reported_on": reported_on.isoformat(),
            "status": "open",
            "dispute_id": None,
            "actor_org": actor.org,
            "actor_person": actor.person,
            "revision": 1,
            "created_at": now,
            "updated_at": now,
        }
        db["deviations"].insert(row)
        self._event(
            db,
            row["id"],
            "recorded",
            actor,
            reported_on,
            {
                "from_party": from_party,
                "to_party": to_party,
                "version": f"{in_force.version_agreement}/{in_force.version.key}",
            },
        )
        return str(row["id"])

    # -- escalate -------------------------------------------------------------------------

    def escalate(
        self,
        db: sqlite_utils.Database,
        deviation_id: str,
        request: EscalateDeviation,
        actor: Actor,
        if_match: str | None,
    ) -> dict[str, Any]:
        """Open a dispute about the deviation at the first tier of the ladder for deviations."""
        row = self._load(db, deviation_id, actor.principal)
        check_if_match(row, if_match)
        if row["status"] != "open":
            raise Conflict(
                f"the deviation is {row['status']}"
                + (f" (dispute {row['dispute_id']})" if row["dispute_id"] else "")
                + "; it can be escalated once",
                dispute_id=row["dispute_id"],
                allowed=[],
            )
        if request.opened_on and request.opened_on.isoformat() < row["reported_on"]:
            raise InvalidInput(
                f"opened_on {request.opened_on} is before the deviation was reported "
                f"({row['reported_on']})",
                errors=[field_error("opened_on", f"on or after {row['reported_on']}")],
            )
        dispute_id = self.disputes.open(
            db,
            OpenDispute(
                agreement=row["agreement"],
                municipality=row["municipality"],
                subject="deviation",
                title=request.title or row["title"],
                description=request.description
                or f"Avvikelse {row['id']}.\nÖverenskommet: {row['agreed']}\n"
                f"Det som hände: {row['happened']}",
                individual_ref=request.individual_ref or row["individual_ref"],
                concerns_individual=request.concerns_individual,
                temporary_arrangement=request.temporary_arrangement,
                opened_on=request.opened_on,
            ),
            actor,
        )
        db["disputes"].update(dispute_id, {"deviation_id": row["id"]})
        dispute = self.disputes._load(db, dispute_id)
        self._event(
            db,
            row["id"],
            "escalated",
            actor,
            dt.date.fromisoformat(dispute["opened_on"]),
            {"dispute_id": dispute_id, "tier": dispute["tier_key"]},
        )
        changes = {
            "status": "escalated",
            "dispute_id": dispute_id,
            "revision": row["revision"] + 1,
            "updated_at": self._now(),
        }
        db["deviations"].update(row["id"], changes)
        return {**row, **changes}

    # -- reads ----------------------------------------------------------------------------

    def _load(
        self, db: sqlite_utils.Database, deviation_id: str, scope: Any = None
    ) -> dict[str, Any]:
        where = Filter((("id", deviation_id),)).scoped(scope)
        rows = list(db.query(f"SELECT * FROM deviations{where.clause()}", where.params))
        if not rows:
            raise NotFound(f"no deviation {deviation_id!r}")
        return rows[0]

    def _role_remarks(
        self, policy: DeviationPolicy | None, role: str | None
    ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        """Warnings and notes about the reporting role; never a refusal."""
        if policy is None or not policy.reporting_roles or role is None:
            return [], []
        named = {r.casefold() for r in policy.reporting_roles}
        if role.casefold() in named:
            return [], []
        rule = policy.roles_rule
        citation = rule.citation if rule else policy.rule.citation
        names = ", ".join(policy.reporting_roles)
        if policy.roles == "fixed":
            message = f"the agreement names the roles that report deviations: {names}"
            return [field_error("reporting_role", message, citation, Strength.SHALL)], []
        message = f"the agreement names {names} as examples of reporting roles; any role may report"
        return [], [field_error("reporting_role", message, citation, Strength.MAY)]

    def view(self, db: sqlite_utils.Database, row: dict[str, Any]) -> dict[str, Any]:
        """The deviation as the API shows it, with the policy of its pinned version."""
        in_force = self.registry.in_force(
            row["agreement"], dt.date.fromisoformat(row["reported_on"])
        )
        if (in_force.version_agreement, in_force.version.key) != (
            row["version_agreement"],
            row["version"],
        ):
            raise Conflict(
                f"deviation {row['id']} is pinned to {row['version_agreement']}/{row['version']}, "
                "which the loaded plugins no longer resolve for its reporting date"
            )
        policy, source = self._policy(in_force)
        warnings, notes = self._role_remarks(policy, row["reporting_role"])
        history = [
            {
                "seq": e["seq"],
                "at": e["at"],
                "on": e["on_date"],
                "action": e["action"],
                "actor": {"org": e["actor_org"], "person": e["actor_person"]},
                "detail": json.loads(e["detail"]),
            }
            for e in db.query(
                "SELECT * FROM deviation_events WHERE deviation_id = ? ORDER BY seq", [row["id"]]
            )
        ]
        keys = ("id", "agreement", "municipality", "from_party", "to_party", "title", "agreed")
        more = ("happened", "reporting_role", "individual_ref", "occurred_on", "reported_on")
        return {
            **{k: row[k] for k in (*keys, *more, "status", "dispute_id")},
            "draft": bool(row["draft"]),
            "version": {"agreement": row["version_agreement"], "key": row["version"]},
            "recorded_by": {"org": row["actor_org"], "person": row["actor_person"]},
            "policy": (
                {"source": source, **msgspec.to_builtins(policy), "citations": _citations(policy)}
                if policy
                else None
            ),
            "warnings": warnings,
            "notes": notes,
            "notices": [n.text for n in in_force.notices],
            "history": history,
            "revision": row["revision"],
        }

    def get(self, deviation_id: str, scope: Any = None) -> dict[str, Any]:
        with self.store.read() as db:
            return self.view(db, self._load(db, deviation_id, scope))

    def list(
        self, *, limit: int = 50, offset: int = 0, scope: Any = None, **equal: str | None
    ) -> dict[str, Any]:
        """A page of deviations; ``equal`` filters on :data:`FILTERS` (``None``: any)."""
        unknown = set(equal) - set(FILTERS)
        if unknown:
            raise InvalidInput(f"cannot filter deviations on {', '.join(sorted(unknown))}")
        where = Filter(equal.items()).scoped(scope)
        with self.store.read() as db:

            def summary(row: dict[str, Any]) -> dict[str, Any]:
                view = self.view(db, row)
                return {k: v for k, v in view.items() if k not in ("history", "policy")}

            return page(db, "deviations", where, "reported_on, id", limit, offset, summary)


def _citations(policy: DeviationPolicy) -> list[dict[str, str]]:
    """Every clause the policy rests on, once each, in the order the policy names them."""
    rules = [
        policy.rule,
        policy.system_rule,
        policy.roles_rule,
        *policy.handling,
        policy.escalation,
        policy.suggestion_rule,
    ]
    seen: dict[tuple[str, str, str], dict[str, str]] = {}
    for rule in rules:
        if rule is not None:
            entry = cite(rule.citation)
            seen.setdefault((entry["document"], entry["clause"], entry["quote"]), entry)
    return list(seen.values())
