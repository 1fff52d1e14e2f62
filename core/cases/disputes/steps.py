"""A dispute's steps: opening, escalating, the tier's outcome, the parties' responses,
resolving and withdrawing. Each step runs inside the caller's write transaction, checks the
rules (:mod:`.checks`), appends an immutable event with actor, day, tier and citation, and
moves the case's deadlines in the same transaction."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import msgspec
import sqlite_utils

from samverkan.cases.common import Actor, check_municipality, cite, pinned
from samverkan.cases.deadlines import Deadlines
from samverkan.cases.disputes import checks, rows, transitions
from samverkan.cases.disputes.schemas import (
    Escalate,
    OpenDispute,
    RecordOutcome,
    Resolve,
    Respond,
    Withdraw,
)
from samverkan.kernel.clock import Clock
from samverkan.kernel.errors import Conflict, InvalidInput, RuleViolation, field_error
from samverkan.kernel.i18n import _, both
from samverkan.kernel.registry import InForce, Registry
from samverkan.models import Citation, CostPolicy, Ladder, Tier
from samverkan.store.ids import new_id

Row = dict[str, Any]


@dataclass(frozen=True)
class Opened:
    """A dispute just opened: its row and first event as stored, the version and ladder it
    was opened under and the row of its linked placement (what its answer is built from,
    without reading them back)."""

    row: Row
    event: Row
    in_force: InForce
    ladder: Ladder
    placement: Row | None


class DisputeSteps:
    """The steps of a dispute, under the rules of the version it was opened under."""

    def __init__(self, registry: Registry, clock: Clock, deadlines: Deadlines | None = None):
        self.registry = registry
        self.clock = clock
        self.deadlines = deadlines

    # -- the case's rules -------------------------------------------------------------------

    def in_force(self, row: Row) -> InForce:
        """The version the case is pinned to (409 if the plugins no longer resolve it)."""
        return pinned(self.registry, row, "opened_on", "case")

    def ladder(self, row: Row) -> Ladder:
        return self.registry.ladder(self.in_force(row), row["ladder_kind"])[0]

    def _cost_policy(self, row: Row) -> Callable[[], CostPolicy]:
        return lambda: self.registry.cost_policy(self.in_force(row))[0]

    def _party(self, row: Row, actor: Actor) -> str:
        agreement = self.registry.agreement(row["agreement"])
        return checks.party_of(agreement, row["municipality"], actor.org)

    # -- what every step writes -------------------------------------------------------------

    def _now(self) -> str:
        return self.clock.now().isoformat(timespec="seconds")

    def _day(
        self, db: sqlite_utils.Database, row: Row | None, value: dt.date | None, field: str
    ) -> dt.date:
        last = rows.last_step_on(db, row["id"]) if row is not None else None
        return checks.check_day(value, self.clock.today(), last, field)

    def _event(
        self,
        db: sqlite_utils.Database,
        row: Row,
        action: str,
        actor: Actor,
        on: dt.date,
        tier: Tier,
        detail: dict[str, Any],
        citation: Citation,
        first: bool = False,
    ) -> Row:
        return rows.append_event(
            db,
            {
                "dispute_id": row["id"],
                "at": self._now(),
                "on_date": on.isoformat(),
                "action": action,
                "tier_key": tier.key,
                "tier_name": tier.name,
                "case_label": tier.case_label,
                "actor_org": actor.org,
                "actor_person": actor.person,
                "detail": detail,
                "citation": cite(citation),
            },
            first,
        )

    def _save(self, db: sqlite_utils.Database, row: Row, changes: dict[str, Any]) -> Row:
        changes = {**changes, "revision": row["revision"] + 1, "updated_at": self._now()}
        rows.update(db, row["id"], changes)
        saved = {**row, **changes}
        if self.deadlines is not None:  # the case's deadlines move in the same transaction
            self.deadlines.sync_dispute(db, saved)
        return saved

    # -- the steps ----------------------------------------------------------------------------

    def open(self, db: sqlite_utils.Database, request: OpenDispute, actor: Actor) -> str:
        """Create a dispute; returns its id."""
        return str(self.opened(db, request, actor).row["id"])

    def opened(self, db: sqlite_utils.Database, request: OpenDispute, actor: Actor) -> Opened:
        """Create a dispute; returns what was written (:class:`Opened`)."""
        agreement = self.registry.agreement(request.agreement)
        check_municipality(agreement, request.municipality)
        party = checks.party_of(agreement, request.municipality, actor.org)
        opened_on = self._day(db, None, request.opened_on, "opened_on")
        placement = None
        if request.placement_id is not None:
            placement = rows.placement(db, request.placement_id)
            checks.check_placement_link(placement, request)
        in_force = self.registry.in_force(agreement.id, opened_on)
        ladder, _source = self.registry.ladder_for_subject(
            in_force, request.subject, missing=RuleViolation
        )
        tier_index = 0
        if request.tier is not None:
            keys = [t.key for t in ladder.tiers]
            if request.tier not in keys:
                raise InvalidInput(
                    _(
                        "tier %(tier)s is not on the %(kind)s ladder; tiers: %(keys)s",
                        tier=request.tier,
                        kind=ladder.kind,
                        keys=", ".join(keys),
                    ),
                    errors=[field_error("tier", _("one of %(allowed)s", allowed=", ".join(keys)))],
                )
            tier_index = keys.index(request.tier)
        tier = ladder.tiers[tier_index]
        concerns = (
            request.concerns_individual
            if request.concerns_individual is not None
            else bool(request.individual_ref or request.placement_id)
        )
        checks.check_temporary_arrangement(ladder, concerns, request.temporary_arrangement)
        form = checks.check_form(ladder, tier_index, {}, request.form, "form")
        clock_started_on = self._day(
            db, None, request.clock_started_on or opened_on, "clock_started_on"
        )
        now = self._now()
        row = {
            "id": new_id("dsp"),
            "agreement": agreement.id,
            "version_agreement": in_force.version_agreement,
            "version": in_force.version.key,
            "municipality": request.municipality,
            "subject": request.subject,
            "title": request.title,
            "description": request.description,
            "individual_ref": request.individual_ref,
            "placement_id": request.placement_id,
            "deviation_id": None,
            "concerns_individual": int(concerns),
            "temporary_arrangement": (
                json.dumps(msgspec.to_builtins(request.temporary_arrangement), ensure_ascii=False)
                if request.temporary_arrangement
                else None
            ),
            "ladder_kind": ladder.kind,
            "tier_index": tier_index,
            "tier_key": tier.key,
            "clock_started_on": clock_started_on.isoformat(),
            "due_on": (d.isoformat() if (d := checks.due(tier, clock_started_on)) else None),
            "form": json.dumps(form, ensure_ascii=False),
            "pending_outcome": None,
            "status": "open",
            "resolution": None,
            "opened_on": opened_on.isoformat(),
            "closed_on": None,
            "revision": 1,
            "created_at": now,
            "updated_at": now,
        }
        rows.insert(db, row)
        if self.deadlines is not None:
            self.deadlines.sync_dispute(db, row, in_force, ladder, new=True)
        detail = {
            "by_party": party,
            "subject": request.subject,
            "ladder": ladder.kind,
            "version": f"{in_force.version_agreement}/{in_force.version.key}",
            "clock_started_on": clock_started_on,
            "temporary_arrangement": request.temporary_arrangement,
            "notices": [n.text for n in in_force.notices],
        }
        event = self._event(
            db, row, "opened", actor, opened_on, tier, detail, tier.citation, first=True
        )
        return Opened(row, event, in_force, ladder, placement)

    def escalate(self, db: sqlite_utils.Database, row: Row, request: Escalate, actor: Actor) -> Row:
        transitions.require_open(row, "escalate")
        ladder = self.ladder(row)
        party = self._party(row, actor)
        on = self._day(db, row, request.on, "on")
        index = row["tier_index"]
        tier = ladder.tiers[index]
        if index + 1 >= len(ladder.tiers):
            raise Conflict(
                _(
                    "%(tier)s is the top of the ladder (%(ladder)s); there is no tier above it",
                    tier=transitions.tier_name(tier),
                    ladder=ladder.name,
                ),
                allowed=transitions.next_steps(row, ladder, on),
            )
        pending = json.loads(row["pending_outcome"]) if row["pending_outcome"] else None
        basis = transitions.escalation_basis(row, tier, pending, request.reason, on, ladder)
        nxt = ladder.tiers[index + 1]
        form = checks.check_form(ladder, index + 1, json.loads(row["form"]), request.form, "form")
        clock_started_on = self._day(db, row, request.clock_started_on or on, "clock_started_on")
        due = checks.due(nxt, clock_started_on)
        detail = {
            "by_party": party,
            "from_tier": tier.key,
            "to_tier": nxt.key,
            "reason": request.reason,
            "basis": basis,
            "form": request.form,
            "clock_started_on": clock_started_on,
            "due_on": due,
            "note": request.note,
        }
        self._event(db, row, "escalated", actor, on, nxt, detail, nxt.citation)
        changes = {
            "tier_index": index + 1,
            "tier_key": nxt.key,
            "clock_started_on": clock_started_on.isoformat(),
            "due_on": due.isoformat() if due else None,
            "form": json.dumps(form, ensure_ascii=False),
            "pending_outcome": None,
        }
        return self._save(db, row, changes)

    def record_outcome(
        self, db: sqlite_utils.Database, row: Row, request: RecordOutcome, actor: Actor
    ) -> Row:
        transitions.require_open(row, "recommendation")
        ladder = self.ladder(row)
        tier = ladder.tiers[row["tier_index"]]
        on = self._day(db, row, request.given_on, "given_on")
        self._party(row, actor)
        if tier.outcome == "agreement":
            raise Conflict(
                _(
                    "%(tier)s gives no recommendation or decision: the parties settle it "
                    "themselves (resolve) or escalate (no_agreement)",
                    tier=transitions.tier_name(tier),
                ),
                allowed=transitions.next_steps(row, ladder, on),
            )
        if row["pending_outcome"]:
            raise Conflict(
                _(
                    "a %(outcome)s at %(tier)s is already recorded; record the responses",
                    outcome=transitions.outcome(tier.outcome),
                    tier=transitions.tier_name(tier),
                ),
                allowed=transitions.next_steps(row, ladder, on),
            )
        adjustment = request.adjustment
        pending = {
            "kind": tier.outcome,
            "text": request.text,
            "given_on": on.isoformat(),
            "by": request.by or tier.body,
            "tier_key": tier.key,
            "adjustment": (
                checks.check_adjustment(row, tier, adjustment, self._cost_policy(row))
                if adjustment is not None
                else None
            ),
            "responses": {},
        }
        detail = {"text": request.text, "by": pending["by"], "adjustment": pending["adjustment"]}
        self._event(db, row, tier.outcome, actor, on, tier, detail, tier.citation)
        return self._save(db, row, {"pending_outcome": json.dumps(pending, ensure_ascii=False)})

    def respond(self, db: sqlite_utils.Database, row: Row, request: Respond, actor: Actor) -> Row:
        transitions.require_open(row, "responses")
        ladder = self.ladder(row)
        tier = ladder.tiers[row["tier_index"]]
        on = self._day(db, row, request.on, "on")
        party = self._party(row, actor)
        if request.party and request.party != party:
            raise InvalidInput(
                _(
                    "organisation %(org)s acts for %(party)s, not %(other)s",
                    org=actor.org,
                    party=_(transitions.PARTIES_SAID[party]),
                    other=_(transitions.PARTIES_SAID[request.party]),
                ),
                errors=[
                    field_error(
                        "party",
                        _("%(party)s for organisation %(org)s", party=party, org=actor.org),
                    )
                ],
            )
        if not row["pending_outcome"]:
            raise Conflict(
                _(
                    "no %(outcome)s at %(tier)s to respond to",
                    outcome=transitions.outcome(tier.outcome),
                    tier=transitions.tier_name(tier),
                ),
                allowed=transitions.next_steps(row, ladder, on),
            )
        pending = json.loads(row["pending_outcome"])
        pending["responses"][party] = {
            "response": request.response,
            "on": on.isoformat(),
            "by": actor.person,
            "note": request.note,
        }
        detail = {"party": party, "note": request.note, "to": pending["kind"]}
        self._event(db, row, f"response_{request.response}", actor, on, tier, detail, tier.citation)
        changes: dict[str, Any] = {"pending_outcome": json.dumps(pending, ensure_ascii=False)}
        responses = pending["responses"]
        if all(
            responses.get(p, {}).get("response") == "accept" for p in ("region", "municipality")
        ):
            resolution = {
                "outcome": pending["text"],
                "via": both(
                    "both parties accepted the %(outcome)s of %(body)s",
                    outcome=transitions.outcome(pending["kind"]),
                    body=tier.body,
                ),
                "on": on.isoformat(),
                "adjustment": pending.get("adjustment"),
            }
            self._event(db, row, "resolved", actor, on, tier, resolution, tier.citation)
            changes |= {
                "status": "resolved",
                "resolution": json.dumps(resolution, ensure_ascii=False),
                "closed_on": on.isoformat(),
            }
        return self._save(db, row, changes)

    def resolve(self, db: sqlite_utils.Database, row: Row, request: Resolve, actor: Actor) -> Row:
        transitions.require_open(row, "resolve")
        ladder = self.ladder(row)
        tier = ladder.tiers[row["tier_index"]]
        on = self._day(db, row, request.on, "on")
        party = self._party(row, actor)
        citation = tier.citation
        adjustment = None
        if request.adjustment is not None:
            adjustment = checks.check_adjustment(
                row, tier, request.adjustment, self._cost_policy(row)
            )
            retro = transitions.retroactivity(row, tier)
            citation = retro.citation if retro else citation
        resolution = {
            "outcome": request.outcome,
            "via": both("resolved at %(tier)s", tier=transitions.tier_name(tier)),
            "on": on.isoformat(),
            "by_party": party,
            "adjustment": adjustment,
        }
        self._event(db, row, "resolved", actor, on, tier, resolution, citation)
        changes = {
            "status": "resolved",
            "resolution": json.dumps(msgspec.to_builtins(resolution), ensure_ascii=False),
            "closed_on": on.isoformat(),
        }
        return self._save(db, row, changes)

    def withdraw(self, db: sqlite_utils.Database, row: Row, request: Withdraw, actor: Actor) -> Row:
        transitions.require_open(row, "withdraw")
        ladder = self.ladder(row)
        tier = ladder.tiers[row["tier_index"]]
        on = self._day(db, row, request.on, "on")
        party = self._party(row, actor)
        detail = {"by_party": party, "reason": request.reason}
        self._event(db, row, "withdrawn", actor, on, tier, detail, tier.citation)
        return self._save(db, row, {"status": "withdrawn", "closed_on": on.isoformat()})
