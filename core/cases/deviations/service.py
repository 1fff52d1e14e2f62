"""Deviations (*avvikelser*): one party reports that the other did not do what was agreed.

A deviation keeps the agreement version in force on the day it was reported, and is shown with
that version's deviation policy (where it is registered, who reports it, how it is handled).
One the parties cannot solve is escalated: it becomes a dispute with subject ``deviation`` at
the first tier of the ladder for that subject, opened in the same transaction, linked both ways.
A missed ladder deadline leaves a draft deviation (written by the sweep's transaction).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from typing import Any

import msgspec
import sqlite_utils

from samverkan.cases.changes import Answer, Change, Outcome
from samverkan.cases.common import Actor, check_if_match, check_municipality, etag, location, pinned
from samverkan.cases.deviations import rows
from samverkan.cases.deviations.answers import Deviation, DeviationSummary, EscalatedDeviation
from samverkan.cases.deviations.schemas import EscalateDeviation, RecordDeviation
from samverkan.cases.deviations.views import deviation_view
from samverkan.cases.disputes import Disputes, OpenDispute
from samverkan.cases.disputes.checks import party_of
from samverkan.cases.disputes.transitions import PARTIES_SAID
from samverkan.kernel.answers import page as typed_page
from samverkan.kernel.errors import Conflict, InvalidInput, NotFound, OutOfValidity, field_error
from samverkan.kernel.i18n import DEFAULT, N_, _, speaking, stored_text
from samverkan.kernel.registry import InForce
from samverkan.models import PARTIES
from samverkan.store.ids import new_id
from samverkan.store.paging import Filter, page

Row = dict[str, Any]
#: a deviation's status, as a sentence names it
STATUS_SAID = {"open": N_("open"), "escalated": N_("escalated"), "closed": N_("closed")}
#: The columns a listing may filter on.
FILTERS = ("agreement", "municipality", "status", "from_party", "category")

log = logging.getLogger("samverkan.sweep")


class Deviations:
    """The deviation service; the disputes it opens are :class:`Disputes`'."""

    def __init__(self, disputes: Disputes):
        self.disputes = disputes
        self.store = disputes.store
        self.registry = disputes.registry
        self.clock = disputes.clock
        self.changes = disputes.changes

    # -- changes ----------------------------------------------------------------------------

    def record(self, request: RecordDeviation, change: Change) -> Answer:
        """Record a deviation from one party to the other (201)."""

        def act(db: sqlite_utils.Database) -> Outcome:
            deviation_id = self._record(db, request, change.actor)
            view = self.view(db, rows.load(db, deviation_id))
            return Outcome(view, [view], {"ETag": etag(view), "Location": location(deviation_id)})

        return self.changes.run(change, request, act, action="create", status=201)

    def escalate(self, deviation_id: str, request: EscalateDeviation, change: Change) -> Answer:
        """Turn an unsolved deviation into a dispute at the first tier of the ladder for
        deviations (201; the answer shows both, ``Location`` is the dispute's)."""

        def act(db: sqlite_utils.Database) -> Outcome:
            row = self._escalate(db, deviation_id, request, change)
            dispute = self.disputes.step_view(db, self.disputes.load(db, row["dispute_id"]))
            self.changes.audit_also(db, change, "create", dispute)
            shown = self.view(db, row)
            view = EscalatedDeviation(**msgspec.structs.asdict(shown), dispute=dispute)
            headers = {"ETag": etag(view), "Location": location(row["dispute_id"])}
            return Outcome(view, [view], headers)

        return self.changes.run(change, request, act, action="escalate", status=201)

    def draft_for_overdue(
        self, db: sqlite_utils.Database, deadline: Row, notification_id: int
    ) -> None:
        """Missing the agreed time is itself a deviation: a draft, linked to the dispute whose
        ladder deadline passed (inside the sweep's transaction for the firing)."""
        dispute = self.disputes.find(db, deadline["subject_id"])
        if dispute is None:
            return
        opener = self.disputes.opener(db, dispute["id"])
        region = self.registry.agreement(dispute["agreement"]).parties.region_code
        from_party = "region" if opener == region else "municipality"
        now = self._now()
        today = self.clock.today()
        try:  # a deviation is handled under the rules in force on the day it is reported
            reported = self.registry.in_force(dispute["agreement"], today)
        except OutOfValidity:
            log.warning("no draft deviation for %s: its agreement has lapsed", dispute["id"])
            return
        citation = json.loads(deadline["citation"])
        policy, _policy_source = self._policy(reported)
        with speaking(DEFAULT):  # the case's record is written in Swedish
            title = _("Time limit passed: %(title)s", title=stored_text(deadline["title"]))
            agreed = _(
                "%(explanation)s (%(document)s %(clause)s)",
                explanation=stored_text(deadline["explanation"]),
                document=citation["document"],
                clause=citation["clause"],
            )
            happened = _(
                "The case was still at this tier after %(due)s (notification %(id)s).",
                due=deadline["due_on"],
                id=notification_id,
            )
        rows.insert(
            db,
            {
                "id": new_id("dev"),
                "agreement": dispute["agreement"],
                "version_agreement": reported.version_agreement,
                "version": reported.version.key,
                "municipality": dispute["municipality"],
                "from_party": from_party,
                "to_party": "municipality" if from_party == "region" else "region",
                "title": title[:300],
                "agreed": agreed,
                "happened": happened,
                "reporting_role": None,
                "category": (policy.category_suggestion or None) if policy else None,
                "individual_ref": dispute["individual_ref"],
                "occurred_on": deadline["due_on"],
                "reported_on": today.isoformat(),
                "status": "open",
                "draft": 1,
                "dispute_id": dispute["id"],
                "actor_org": "samverkan",
                "actor_person": "deadline sweep",
                "revision": 1,
                "created_at": now,
                "updated_at": now,
            },
        )

    # -- reads ------------------------------------------------------------------------------

    def get(self, deviation_id: str, scope: Any = None) -> Deviation:
        """The deviation with the agreement's deviation policy."""
        with self.store.read() as db:
            return self.view(db, rows.load(db, deviation_id, scope))  # type: ignore[return-value]

    def list(
        self, *, limit: int = 50, offset: int = 0, scope: Any = None, **equal: str | None
    ) -> Any:
        """A page of deviations; ``equal`` filters on :data:`FILTERS` (``None``: any)."""
        unknown = set(equal) - set(FILTERS)
        if unknown:
            raise InvalidInput(
                _("cannot filter deviations on %(names)s", names=", ".join(sorted(unknown)))
            )
        where = Filter(equal.items()).scoped(scope)
        with self.store.read() as db:

            def summary(row: Row) -> Any:
                return self.view(db, row, history=False)

            found = page(db, "deviations", where, "reported_on, id", limit, offset, summary)
        return typed_page(DeviationSummary, found)

    def view(
        self, db: sqlite_utils.Database, row: Row, history: bool = True
    ) -> Deviation | DeviationSummary:
        """The deviation as the API shows it, with the policy of its pinned version."""
        in_force = pinned(self.registry, row, "reported_on", "deviation")
        policy, source = self._policy(in_force)
        events = rows.events(db, row["id"]) if history else None
        return deviation_view(row, in_force, policy, source, events)

    # -- the changes' parts -----------------------------------------------------------------

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
        rows.append_event(
            db,
            {
                "deviation_id": deviation_id,
                "at": self._now(),
                "on_date": on.isoformat(),
                "action": action,
                "actor_org": actor.org,
                "actor_person": actor.person,
                "detail": detail,
            },
        )

    def _policy(self, in_force: InForce) -> tuple[Any, Any]:
        try:
            return self.registry.deviation_rules(in_force)
        except NotFound:
            return None, None

    def _record(self, db: sqlite_utils.Database, request: RecordDeviation, actor: Actor) -> str:
        agreement = self.registry.agreement(request.agreement)
        check_municipality(agreement, request.municipality)
        party = party_of(agreement, request.municipality, actor.org)
        from_party = request.from_party or party
        if from_party != party:
            raise InvalidInput(
                _(
                    "the acting organisation %(org)s is %(party)s; a deviation is reported by the "
                    "party that reports it, so from_party is %(value)s",
                    org=actor.org,
                    party=_(PARTIES_SAID[party]),
                    value=party,
                ),
                errors=[field_error("from_party", _("%(value)s (or leave it out)", value=party))],
            )
        today = self.clock.today()
        reported_on = request.reported_on or today
        if reported_on > today:
            raise InvalidInput(
                _(
                    "reported_on %(day)s is after today (%(today)s); a deviation is reported "
                    "once it has happened",
                    day=reported_on,
                    today=today,
                ),
                errors=[field_error("reported_on", _("on or before %(day)s", day=today))],
            )
        if request.occurred_on and request.occurred_on > reported_on:
            raise InvalidInput(
                _(
                    "occurred_on %(day)s is after reported_on %(reported)s",
                    day=request.occurred_on,
                    reported=reported_on,
                ),
                errors=[field_error("occurred_on", _("on or before %(day)s", day=reported_on))],
            )
        in_force = self.registry.in_force(agreement.id, reported_on)
        to_party = next(p for p in PARTIES if p != from_party)
        policy, _source = self._policy(in_force)
        suggested = policy.category_suggestion if policy is not None else ""
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
            "category": request.category or suggested or None,
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
        rows.insert(db, row)
        detail = {
            "from_party": from_party,
            "to_party": to_party,
            "version": f"{in_force.version_agreement}/{in_force.version.key}",
        }
        self._event(db, row["id"], "recorded", actor, reported_on, detail)
        return str(row["id"])

    def _escalate(
        self,
        db: sqlite_utils.Database,
        deviation_id: str,
        request: EscalateDeviation,
        change: Change,
    ) -> Row:
        actor = change.actor
        row = rows.load(db, deviation_id, actor.principal)
        check_if_match(row, change.if_match)
        if row["status"] != "open":
            raise Conflict(
                _(
                    "the deviation is %(status)s (dispute %(dispute)s); it can be escalated once",
                    status=_(STATUS_SAID.get(row["status"], row["status"])),
                    dispute=row["dispute_id"],
                )
                if row["dispute_id"]
                else _(
                    "the deviation is %(status)s; it can be escalated once",
                    status=_(STATUS_SAID.get(row["status"], row["status"])),
                ),
                dispute_id=row["dispute_id"],
                allowed=[],
            )
        if request.opened_on and request.opened_on.isoformat() < row["reported_on"]:
            raise InvalidInput(
                _(
                    "opened_on %(day)s is before the deviation was reported (%(reported)s)",
                    day=request.opened_on,
                    reported=row["reported_on"],
                ),
                errors=[field_error("opened_on", _("on or after %(day)s", day=row["reported_on"]))],
            )
        opening = OpenDispute(
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
        )
        dispute_id = self.disputes.open_in(db, opening, actor)
        self.disputes.link_deviation(db, dispute_id, row["id"])
        dispute = self.disputes.load(db, dispute_id)
        opened_on = dt.date.fromisoformat(dispute["opened_on"])
        detail = {"dispute_id": dispute_id, "tier": dispute["tier_key"]}
        self._event(db, row["id"], "escalated", actor, opened_on, detail)
        changes = {
            "status": "escalated",
            "dispute_id": dispute_id,
            "revision": row["revision"] + 1,
            "updated_at": self._now(),
        }
        rows.update(db, row["id"], changes)
        return {**row, **changes}
