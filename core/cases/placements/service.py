"""Placements outside the home, their written cost agreements and cost entries: the service
the API calls.

A placement is a *fact*: it is stored even when it broke a *shall* (no cost agreement before
it), and its compliance list names the breach with its citation, as a candidate deviation.
A cost agreement is a *document* the service is asked to accept: one that breaks a *shall* of
the placement's agreement is refused (422 naming the rule); a *should* is accepted with a
warning (:mod:`.checks`). Each public method runs in its own transaction: a change through
:class:`~samverkan.cases.changes.Changes`, a read in one consistent snapshot.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import msgspec
import sqlite_utils

from samverkan.cases.changes import Answer, CaseService, Change, Found, Outcome
from samverkan.cases.common import Actor, check_if_match, cite, etag, location
from samverkan.cases.placements import checks, rows
from samverkan.cases.placements.answers import CostAgreementRecorded, CostEntry, Placement
from samverkan.cases.placements.schemas import (
    CostAgreementRequest,
    CostEntryRequest,
    EndPlacement,
    OpenPlacement,
)
from samverkan.cases.placements.settlement import placement_settlement
from samverkan.cases.placements.views import cost_entry, placement_view
from samverkan.kernel.answers import page as typed_page
from samverkan.kernel.errors import RuleViolation
from samverkan.kernel.registry import InForce
from samverkan.models import PARTIES
from samverkan.store.ids import new_id
from samverkan.store.paging import Filter, page

Row = dict[str, Any]


class Placements(CaseService):
    """The placement service."""

    # -- changes ----------------------------------------------------------------------------

    def open(self, request: OpenPlacement, change: Change) -> Answer:
        """Register a placement (201; a fact: breaches are flagged, never refused)."""

        def act(db: sqlite_utils.Database) -> Outcome:
            placement_id = self._open(db, request, change.actor)
            view = self.view(db, rows.load(db, placement_id))
            headers = {"ETag": etag(view), "Location": location(placement_id)}
            return Outcome(view, [view], headers)

        return self.changes.run(change, request, act, action="create", status=201)

    def end(self, placement_id: str, request: EndPlacement, change: Change) -> Answer:
        """End the placement, recording the joint planning of further insatser."""

        def act(db: sqlite_utils.Database) -> Outcome:
            row = self._editable(db, placement_id, change)
            checks.check_end(row, request.end_date)
            actor = change.actor
            planning = {"text": request.joint_planning, "by": actor.org, "person": actor.person}
            changes = {
                "end_date": request.end_date.isoformat(),
                "joint_planning": json.dumps(planning) if request.joint_planning else None,
                "revision": row["revision"] + 1,
                "updated_at": self._now(),
            }
            rows.update(db, placement_id, changes)
            self._sync(db, placement_id)
            view = self.view(db, {**row, **changes})
            return Outcome(view, [view], {"ETag": etag(view)})

        return self.changes.run(change, request, act, action="end")

    def add_cost_agreement(
        self, placement_id: str, request: CostAgreementRequest, change: Change
    ) -> Answer:
        """Record the written cost agreement (201). It changes the placement's split, so it
        needs the placement's current ``If-Match`` and moves its revision on."""

        def act(db: sqlite_utils.Database) -> Outcome:
            record = self._add_cost_agreement(db, placement_id, request, change)
            view = self.view(db, rows.load(db, placement_id))
            added = next(a for a in view.cost_agreements if a.id == record["id"])
            body = CostAgreementRecorded(
                cost_agreement=added, warnings=added.warnings, placement=view
            )
            return Outcome(body, [view], {"ETag": etag(view), "Location": location(placement_id)})

        return self.changes.run(change, request, act, action="cost_agreement", status=201)

    def add_cost(self, placement_id: str, request: CostEntryRequest, change: Change) -> Answer:
        """Append a cost entry to the ledger (201); entries commute, so no ``If-Match``."""

        def act(db: sqlite_utils.Database) -> Outcome:
            row = rows.load(db, placement_id, change.actor.principal)
            self._party(row, change.actor)
            checks.check_cost_entry(row, request)
            entry = rows.add_cost_entry(
                db,
                {
                    "id": new_id("cst"),
                    "placement_id": placement_id,
                    "seq": 0,  # numbered by rows.add_cost_entry
                    "period_from": request.period_from.isoformat(),
                    "period_to": request.period_to.isoformat(),
                    "amount_ore": request.amount_ore,
                    "paid_by": request.paid_by,
                    "invoice_ref": request.invoice_ref,
                    "note": request.note,
                    "actor_org": change.actor.org,
                    "actor_person": change.actor.person,
                    "created_at": self._now(),
                },
            )
            # an entry leaves the placement's row as it was: the audit names the row read above
            headers = {"Location": f"{location(placement_id)}/costs"}
            return Outcome(cost_entry(entry), [row], headers)

        return self.changes.run(change, request, act, action="cost_entry", status=201)

    # -- reads ------------------------------------------------------------------------------

    def get(self, placement_id: str, scope: Any = None) -> Placement:
        """The placement, its cost agreements, disputes and compliance."""
        with self.store.read() as db:
            return self.view(db, rows.load(db, placement_id, scope))

    def list(
        self,
        *,
        agreement: str | None = None,
        municipality: str | None = None,
        acute: bool | None = None,
        active_on: dt.date | None = None,
        limit: int = 50,
        offset: int = 0,
        scope: Any = None,
    ) -> Any:
        """A page of the placements the caller may see."""
        where = Filter((("agreement", agreement), ("municipality", municipality))).scoped(scope)
        if acute is not None:
            where.add("acute = ?", int(acute))
        if active_on is not None:
            where.add(
                "start_date <= ? AND (end_date IS NULL OR end_date >= ?)",
                active_on.isoformat(),
                active_on.isoformat(),
            )
        with self.store.read() as db:
            found = page(
                db,
                "placements",
                where,
                "start_date, id",
                limit,
                offset,
                lambda row: self.view(db, row),
            )
        return typed_page(Placement, found)

    def costs(
        self, placement_id: str, limit: int = 50, offset: int = 0, scope: Any = None
    ) -> Found:
        """A page of the placement's cost entries, in the order they were recorded."""
        with self.store.read() as db:
            row = rows.load(db, placement_id, scope)
            where = Filter((("placement_id", placement_id),))
            found = page(db, "cost_entries", where, "seq", limit, offset, cost_entry)
        return Found(typed_page(CostEntry, found), row)

    def settlement(self, placement_id: str, as_of: dt.date | None, scope: Any = None) -> Found:
        """Who owes whom, to the öre, line by line, as known on ``as_of`` (default today)."""
        as_of = as_of or self.clock.today()
        with self.store.read() as db:
            row = rows.load(db, placement_id, scope)
            in_force = self._in_force(row)
            policy, _ = self.registry.cost_policy(in_force)
            agreements = rows.cost_agreements(db, placement_id, agreed_by=as_of)
            disputes = rows.resolved_disputes(db, placement_id, by=as_of)
            entries = rows.cost_entries(db, placement_id, starting_by=as_of)
        answer = placement_settlement(row, in_force, policy, agreements, disputes, entries, as_of)
        return Found(answer, row)

    def view(self, db: sqlite_utils.Database, row: Row) -> Placement:
        in_force = self._in_force(row)
        policy, _ = self.registry.cost_policy(in_force)
        agreements = rows.cost_agreements(db, row["id"])
        disputes = rows.disputes(db, row["id"])
        today = self.clock.today()
        return placement_view(self.registry, row, in_force, policy, agreements, disputes, today)

    # -- the changes' parts -----------------------------------------------------------------

    def _now(self) -> str:
        return self.clock.now().isoformat(timespec="seconds")

    def _in_force(self, row: Row) -> InForce:
        return self.registry.in_force(row["agreement"], dt.date.fromisoformat(row["start_date"]))

    def _party(self, row: Row, actor: Actor) -> str:
        region = self.registry.agreement(row["agreement"]).parties.region_code
        return checks.party_of(row, region, actor.org)

    def _editable(self, db: sqlite_utils.Database, placement_id: str, change: Change) -> Row:
        """The placement, once the actor is a party and ``If-Match`` names its revision."""
        row = rows.load(db, placement_id, change.actor.principal)
        self._party(row, change.actor)
        check_if_match(row, change.if_match)
        return row

    def _sync(self, db: sqlite_utils.Database, placement_id: str) -> None:
        """The placement's deadlines move in the same transaction as the change."""
        if self.deadlines is not None:
            self.deadlines.sync_placement(db, rows.load(db, placement_id))

    def _open(self, db: sqlite_utils.Database, request: OpenPlacement, actor: Actor) -> str:
        agreement = self.registry.agreement(request.agreement)
        checks.check_opening(agreement, request, actor.org)
        in_force = self.registry.in_force(agreement.id, request.start_date)
        policy, _ = self.registry.cost_policy(in_force, missing=RuleViolation)
        checks.check_placing(agreement, request, in_force, policy)
        now = self._now()
        row = {
            "id": new_id("plc"),
            "agreement": agreement.id,
            "version_agreement": in_force.version_agreement,
            "version": in_force.version.key,
            "municipality": request.municipality,
            "placing_party": request.placing_party,
            "start_date": request.start_date.isoformat(),
            "end_date": None,
            "acute": int(request.acute),
            "home_kind": request.home_kind,
            "child": int(request.child),
            "compulsory_care": int(request.compulsory_care),
            "home_in_county": None
            if request.home_in_county is None
            else int(request.home_in_county),
            "individual_ref": request.individual_ref,
            "sip": json.dumps(msgspec.to_builtins(request.sip)) if request.sip else None,
            "note": request.note,
            "joint_planning": None,
            "actor_org": actor.org,
            "actor_person": actor.person,
            "revision": 1,
            "created_at": now,
            "updated_at": now,
        }
        rows.insert(db, row)
        self._sync(db, str(row["id"]))
        return str(row["id"])

    def _add_cost_agreement(
        self,
        db: sqlite_utils.Database,
        placement_id: str,
        request: CostAgreementRequest,
        change: Change,
    ) -> Row:
        row = self._editable(db, placement_id, change)
        in_force = self._in_force(row)
        policy, _ = self.registry.cost_policy(in_force)
        weights, split_rule = checks.weights(policy, request)
        requirements, _ = self.registry.sip_requirements(in_force, checks.sip_context(row))
        warnings = checks.check_document(row, requirements, policy, request)
        checks.check_reach(row, policy, request)
        record = rows.add_cost_agreement(
            db,
            {
                "id": new_id("cag"),
                "placement_id": placement_id,
                "seq": 0,  # numbered by rows.add_cost_agreement
                "effective_from": request.effective_from.isoformat(),
                "agreed_on": request.agreed_on.isoformat(),
                "method": request.method,
                "weights": json.dumps({p: str(weights[p]) for p in PARTIES}),
                "document": json.dumps(msgspec.to_builtins(request), ensure_ascii=False),
                "rule": json.dumps(cite(split_rule.citation), ensure_ascii=False),
                "warnings": json.dumps(warnings, ensure_ascii=False),
                "actor_org": change.actor.org,
                "actor_person": change.actor.person,
                "created_at": self._now(),
            },
        )
        rows.update(db, placement_id, {"revision": row["revision"] + 1, "updated_at": self._now()})
        self._sync(db, placement_id)
        return record
