"""Disputes up the escalation ladder: stored cases, transitions and their history.

A dispute is one case between one municipality and the region under one agreement. It keeps
the agreement version in force on the day it was opened, climbs that version's ladder for its
subject, and every step appends an immutable event with actor, time, tier and citation.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Annotated, Any, Literal

import msgspec
import sqlite_utils

from samverkan.cases.common import check_if_match
from samverkan.cases.deadlines import Deadlines
from samverkan.kernel.bounds import RequestBody
from samverkan.kernel.clock import Clock
from samverkan.kernel.dates import add_period, describe_period
from samverkan.kernel.errors import (
    Conflict,
    Forbidden,
    InvalidInput,
    NotFound,
    RuleViolation,
    field_error,
)
from samverkan.kernel.registry import InForce, Registry
from samverkan.models import (
    ON_EXPIRY,
    Agreement,
    Base,
    Citation,
    Ladder,
    Party,
    Retroactivity,
    SubjectKind,
    Tier,
)
from samverkan.store.db import Store
from samverkan.store.ids import new_id
from samverkan.store.paging import Filter, page

Text = Annotated[str, msgspec.Meta(min_length=1, max_length=20000)]
Title = Annotated[str, msgspec.Meta(min_length=1, max_length=300)]
Note = Annotated[str, msgspec.Meta(max_length=20000)]
#: A pseudonymous reference: a short prefix, a dash, 16–64 lowercase hex characters (e.g. the
#: first 32 hex digits of HMAC-SHA256(key kept outside the service, personnummer)).
IndividualRef = Annotated[str, msgspec.Meta(pattern=r"^[a-z][a-z0-9]{0,15}-[0-9a-f]{16,64}$")]
FormAnswers = dict[Annotated[str, msgspec.Meta(max_length=64)], Text]
EscalationReason = Literal[
    "rejected_recommendation", "no_agreement", "time_ran_out", "no_recommendation_given"
]


class Actor(Base, kw_only=True):
    """Who acts: an organisation (SCB code of the municipality, county code of the region).

    :param principal: the API key's :class:`samverkan.access.keys.Principal`, whose visibility scopes every
        query the action makes; ``None`` for the service's own work (the sweep, the CLI).
    """

    org: str
    person: str
    principal: Any = None


class TemporaryArrangement(RequestBody, kw_only=True):
    """What holds meanwhile so the individual is never left without care.

    :param started_on: the day it started.
    :param description: who provides and who pays what meanwhile.
    :param region: the region's own part (under Dalarna: how it secures its insatser).
    :param municipality: the municipality's own part.
    """

    started_on: dt.date
    description: Text
    region: Text | None = None
    municipality: Text | None = None


class OpenDispute(RequestBody, kw_only=True):
    """``POST /api/v1/disputes``."""

    agreement: str
    municipality: Annotated[str, msgspec.Meta(pattern=r"^[0-9]{4}$")]
    subject: SubjectKind
    title: Title
    description: Text
    individual_ref: IndividualRef | None = None
    placement_id: str | None = None
    concerns_individual: bool | None = None
    temporary_arrangement: TemporaryArrangement | None = None
    opened_on: dt.date | None = None
    tier: str | None = None
    clock_started_on: dt.date | None = None
    form: FormAnswers = msgspec.field(default_factory=dict)


class Escalate(RequestBody, kw_only=True):
    """``POST /api/v1/disputes/{id}/escalate``.

    :param reason: why the case goes on: the current tier's recommendation was rejected, the
        parties reached no agreement, the tier's time ran out, or its body could not give a
        recommendation.
    :param form: answers to the next tier's dispute-form fields the case does not yet hold.
    :param clock_started_on: the day the next tier received the case (default: ``on``).
    """

    reason: EscalationReason
    form: FormAnswers = msgspec.field(default_factory=dict)
    clock_started_on: dt.date | None = None
    on: dt.date | None = None
    note: Note = ""


class Respond(RequestBody, kw_only=True):
    """``POST /api/v1/disputes/{id}/responses``: one party accepts or rejects the outcome."""

    response: Literal["accept", "reject"]
    party: Party | None = None
    on: dt.date | None = None
    note: Note = ""


class SplitSpec(RequestBody, kw_only=True):
    method: Literal["schablon", "percent", "amount"]
    shares: dict[Literal["region", "municipality"], int] | None = None
    amounts_ore: dict[Literal["region", "municipality"], int] | None = None


class Adjustment(RequestBody, kw_only=True):
    """A retroactive adjustment settlement will use.

    :param effective_from: the day the new responsibility or split applies from.
    :param insats_started_on: the day the insats started (where the ladder allows reaching back
        to it, Södra Älvsborg 5).
    """

    effective_from: dt.date
    responsibility: Text | None = None
    split: SplitSpec | None = None
    insats_started_on: dt.date | None = None


class Resolve(RequestBody, kw_only=True):
    outcome: Text
    on: dt.date | None = None
    adjustment: Adjustment | None = None


class RecordOutcome(RequestBody, kw_only=True):
    """``POST /api/v1/disputes/{id}/recommendation``: the tier body's recommendation or decision.

    :param adjustment: the retroactive adjustment it recommends, where the tier allows one; if
        both parties accept, the resolution carries it to the settlement.
    """

    text: Text
    given_on: dt.date | None = None
    by: Note = ""
    adjustment: Adjustment | None = None


class Withdraw(RequestBody, kw_only=True):
    reason: Text
    on: dt.date | None = None


def cite(citation: Citation) -> dict[str, str]:
    return {"document": citation.document, "clause": citation.clause, "quote": citation.quote}


class Disputes:
    """The dispute store and its transitions."""

    def __init__(
        self, store: Store, registry: Registry, clock: Clock, deadlines: Deadlines | None = None
    ):
        self.store = store
        self.registry = registry
        self.clock = clock
        self.deadlines = deadlines

    # -- helpers --------------------------------------------------------------------------

    def _now(self) -> str:
        return self.clock.now().isoformat(timespec="seconds")

    def _in_force(self, row: dict[str, Any]) -> InForce:
        in_force = self.registry.in_force(row["agreement"], dt.date.fromisoformat(row["opened_on"]))
        if (in_force.version_agreement, in_force.version.key) != (
            row["version_agreement"],
            row["version"],
        ):
            raise Conflict(
                f"case {row['id']} is pinned to {row['version_agreement']}/{row['version']}, "
                "which the loaded plugins no longer resolve for its opening date"
            )
        return in_force

    def _ladder(self, row: dict[str, Any]) -> Ladder:
        return self.registry.ladder(self._in_force(row), row["ladder_kind"])[0]

    def _party_of(self, agreement_id: str, municipality: str, org: str) -> Party:
        agreement = self.registry.agreement(agreement_id)
        if org == agreement.parties.region_code:
            return "region"
        if org == municipality:
            return "municipality"
        raise Forbidden(
            f"organisation {org!r} is not a party to this case (region "
            f"{agreement.parties.region_code}, municipality {municipality}); only a party acts",
            errors=[field_error("Authorization", "a key of the region or the case's municipality")],
        )

    def check_municipality(self, agreement_id: str, municipality: str) -> Agreement:
        """The agreement, after checking that the municipality is one of its parties (422)."""
        agreement = self.registry.agreement(agreement_id)
        codes = {m.code: m.name for m in agreement.parties.municipalities}
        if municipality not in codes:
            raise RuleViolation(
                f"municipality {municipality} is not a party to {agreement.id}; its "
                f"parties are {agreement.parties.region_name} ({agreement.parties.region_code}) "
                "and " + ", ".join(f"{name} ({code})" for code, name in codes.items()),
                errors=[
                    field_error(
                        "municipality",
                        f"one of the {len(codes)} municipalities party to {agreement.name}",
                        agreement.parties.citation,
                    )
                ],
                parties=[{"code": c, "name": n} for c, n in codes.items()],
            )
        return agreement

    @staticmethod
    def _due(tier: Tier, clock_started_on: dt.date) -> dt.date | None:
        return add_period(clock_started_on, tier.time_limit.period) if tier.time_limit else None

    def _day(
        self,
        db: sqlite_utils.Database,
        row: dict[str, Any] | None,
        value: dt.date | None,
        field: str,
    ) -> dt.date:
        """A step's day (default today): never after today, never before the case's last step.

        A future day is not yet a fact (and would let ``time_ran_out`` through before the due
        date); a day before the last recorded step would put the history out of order.
        """
        today = self.clock.today()
        day = value or today
        if day > today:
            raise InvalidInput(
                f"{field} {day} is after today ({today}); a step is recorded once it has happened",
                errors=[field_error(field, f"on or before {today}")],
            )
        if row is not None:
            last = db.execute(
                "SELECT MAX(on_date) FROM dispute_events WHERE dispute_id = ?", [row["id"]]
            ).fetchone()[0]
            if last and day < dt.date.fromisoformat(last):
                raise InvalidInput(
                    f"{field} {day} is before the case's last recorded step ({last})",
                    errors=[field_error(field, f"on or after {last}")],
                )
        return day

    def _event(
        self,
        db: sqlite_utils.Database,
        row: dict[str, Any],
        action: str,
        actor: Actor,
        on: dt.date,
        tier: Tier,
        detail: dict[str, Any],
        citation: Citation,
    ) -> None:
        seq = db.execute(
            "SELECT COALESCE(MAX(seq), 0) + 1 FROM dispute_events WHERE dispute_id = ?", [row["id"]]
        ).fetchone()[0]
        db["dispute_events"].insert(
            {
                "dispute_id": row["id"],
                "seq": seq,
                "at": self._now(),
                "on_date": on.isoformat(),
                "action": action,
                "tier_key": tier.key,
                "tier_name": tier.name,
                "case_label": tier.case_label,
                "actor_org": actor.org,
                "actor_person": actor.person,
                "detail": json.dumps(msgspec.to_builtins(detail), ensure_ascii=False),
                "citation": json.dumps(cite(citation), ensure_ascii=False),
            }
        )

    def _load(
        self, db: sqlite_utils.Database, dispute_id: str, scope: Any = None
    ) -> dict[str, Any]:
        """The case, if the caller may see it; 404 alike for missing and not-yours."""
        where = Filter((("id", dispute_id),)).scoped(scope)
        rows = list(db.query(f"SELECT * FROM disputes{where.clause()}", where.params))
        if not rows:
            raise NotFound(f"no dispute {dispute_id!r}")
        return rows[0]

    def _save(
        self, db: sqlite_utils.Database, row: dict[str, Any], changes: dict[str, Any]
    ) -> dict[str, Any]:
        changes = {**changes, "revision": row["revision"] + 1, "updated_at": self._now()}
        db["disputes"].update(row["id"], changes)
        saved = {**row, **changes}
        if self.deadlines is not None:  # the case's deadlines move in the same transaction
            self.deadlines.sync_dispute(db, saved)
        return saved

    def open(self, db: sqlite_utils.Database, request: OpenDispute, actor: Actor) -> str:
        """Create a dispute inside the caller's write transaction; returns its id."""
        agreement = self.check_municipality(request.agreement, request.municipality)
        party = self._party_of(agreement.id, request.municipality, actor.org)
        opened_on = self._day(db, None, request.opened_on, "opened_on")
        if request.placement_id is not None:
            self._check_placement(db, request)
        in_force = self.registry.in_force(agreement.id, opened_on)
        ladder, _ = self.registry.ladder_for_subject(in_force, request.subject)
        tier_index = 0
        if request.tier is not None:
            keys = [t.key for t in ladder.tiers]
            if request.tier not in keys:
                raise InvalidInput(
                    f"tier {request.tier!r} is not on the {ladder.kind} ladder; tiers: "
                    + ", ".join(keys),
                    errors=[field_error("tier", "one of " + ", ".join(keys))],
                )
            tier_index = keys.index(request.tier)
        tier = ladder.tiers[tier_index]
        concerns = (
            request.concerns_individual
            if request.concerns_individual is not None
            else bool(request.individual_ref or request.placement_id)
        )
        self._check_temporary_arrangement(ladder, concerns, request.temporary_arrangement)
        form = self._check_form(ladder, tier_index, {}, request.form, "form")
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
            "due_on": (d.isoformat() if (d := self._due(tier, clock_started_on)) else None),
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
        db["disputes"].insert(row)
        if self.deadlines is not None:
            self.deadlines.sync_dispute(db, row)
        self._event(
            db,
            row,
            "opened",
            actor,
            opened_on,
            tier,
            {
                "by_party": party,
                "subject": request.subject,
                "ladder": ladder.kind,
                "version": f"{in_force.version_agreement}/{in_force.version.key}",
                "clock_started_on": clock_started_on,
                "temporary_arrangement": request.temporary_arrangement,
                "notices": [n.text for n in in_force.notices],
            },
            tier.citation,
        )
        return str(row["id"])

    @staticmethod
    def _check_placement(db: sqlite_utils.Database, request: OpenDispute) -> None:
        """A linked placement exists, under the same agreement and municipality."""
        rows = list(
            db.query(
                "SELECT agreement, municipality FROM placements WHERE id = ?",
                [request.placement_id],
            )
        )
        if not rows:
            raise InvalidInput(
                f"no placement {request.placement_id!r}",
                errors=[field_error("placement_id", "the id of a registered placement")],
            )
        if (rows[0]["agreement"], rows[0]["municipality"]) != (
            request.agreement,
            request.municipality,
        ):
            raise InvalidInput(
                f"placement {request.placement_id} is under {rows[0]['agreement']} for "
                f"municipality {rows[0]['municipality']}; the dispute must be too",
                errors=[
                    field_error(
                        "placement_id", "a placement of the same agreement and municipality"
                    )
                ],
            )

    def _check_temporary_arrangement(
        self, ladder: Ladder, concerns: bool, arrangement: TemporaryArrangement | None
    ) -> None:
        rule = ladder.temporary_arrangement
        if not concerns:
            return
        if arrangement is None:
            raise RuleViolation(
                "a dispute that concerns an individual's care needs the temporary arrangement "
                f"agreed meanwhile: {rule.text}",
                errors=[
                    field_error(
                        "temporary_arrangement",
                        "give started_on and description (who provides and who pays what "
                        "meanwhile)",
                        rule.citation,
                        rule.strength,
                    )
                ],
            )
        missing = [p for p in ladder.temporary_arrangement_parts if not getattr(arrangement, p)]
        if missing:
            raise RuleViolation(
                "the temporary arrangement must state each party's own part: " + rule.text,
                errors=[
                    field_error(
                        f"temporary_arrangement.{p}",
                        f"how the {p} on its own secures the individual's insatser meanwhile",
                        rule.citation,
                        rule.strength,
                    )
                    for p in missing
                ],
            )

    def _check_form(
        self,
        ladder: Ladder,
        tier_index: int,
        held: dict[str, str],
        given: dict[str, str],
        where: str,
    ) -> dict[str, str]:
        known = {f.key: f for t in ladder.tiers for f in t.form}
        unknown = sorted(set(given) - set(known))
        if unknown:
            raise InvalidInput(
                f"unknown form field(s) {', '.join(unknown)}; this ladder's fields: "
                + (", ".join(known) or "(none)"),
                errors=[
                    field_error(f"{where}.{key}", "not a field of this ladder") for key in unknown
                ],
            )
        for key, value in given.items():
            if known[key].type == "date":
                try:
                    dt.date.fromisoformat(value.strip())
                except ValueError:
                    raise InvalidInput(
                        f"{where}.{key} must be a date YYYY-MM-DD",
                        errors=[
                            field_error(
                                f"{where}.{key}",
                                known[key].label_en,
                                known[key].citation,
                                known[key].strength,
                            )
                        ],
                    ) from None
        merged = {**held, **{k: v.strip() for k, v in given.items() if v.strip()}}
        needed = [
            f for t in ladder.tiers[: tier_index + 1] for f in t.form if f.strength == "shall"
        ]
        missing = [f for f in needed if f.key not in merged]
        if missing:
            tier = ladder.tiers[tier_index]
            raise RuleViolation(
                f"{tier.name} needs {len(missing)} more dispute-form field(s): "
                + "; ".join(f"{f.key} ({f.label})" for f in missing),
                errors=[
                    {
                        **field_error(f"{where}.{f.key}", f.label_en, f.citation, f.strength),
                        "label": f.label,
                    }
                    for f in missing
                ],
            )
        return merged

    # -- transitions ----------------------------------------------------------------------

    def escalate(
        self,
        db: sqlite_utils.Database,
        dispute_id: str,
        request: Escalate,
        actor: Actor,
        if_match: str | None,
    ) -> dict[str, Any]:
        row = self._load(db, dispute_id, actor.principal)
        check_if_match(row, if_match)
        self._require_open(row, "escalate")
        ladder = self._ladder(row)
        party = self._party_of(row["agreement"], row["municipality"], actor.org)
        on = self._day(db, row, request.on, "on")
        index = row["tier_index"]
        tier = ladder.tiers[index]
        if index + 1 >= len(ladder.tiers):
            raise Conflict(
                f"{tier.name} is the top of the {ladder.name}; there is no tier above it",
                allowed=self._allowed(row, ladder, on),
            )
        pending = json.loads(row["pending_outcome"]) if row["pending_outcome"] else None
        basis = self._escalation_basis(row, tier, pending, request.reason, on, ladder)
        nxt = ladder.tiers[index + 1]
        form = self._check_form(ladder, index + 1, json.loads(row["form"]), request.form, "form")
        clock_started_on = self._day(db, row, request.clock_started_on or on, "clock_started_on")
        due = self._due(nxt, clock_started_on)
        self._event(
            db,
            row,
            "escalated",
            actor,
            on,
            nxt,
            {
                "by_party": party,
                "from_tier": tier.key,
                "to_tier": nxt.key,
                "reason": request.reason,
                "basis": basis,
                "form": request.form,
                "clock_started_on": clock_started_on,
                "due_on": due,
                "note": request.note,
            },
            nxt.citation,
        )
        return self._save(
            db,
            row,
            {
                "tier_index": index + 1,
                "tier_key": nxt.key,
                "clock_started_on": clock_started_on.isoformat(),
                "due_on": due.isoformat() if due else None,
                "form": json.dumps(form, ensure_ascii=False),
                "pending_outcome": None,
            },
        )

    def _escalation_basis(
        self,
        row: dict[str, Any],
        tier: Tier,
        pending: dict[str, Any] | None,
        reason: str,
        on: dt.date,
        ladder: Ladder,
    ) -> str:
        """Why this escalation is allowed, in words; 409 saying what is allowed if it is not."""
        due = dt.date.fromisoformat(row["due_on"]) if row["due_on"] else None
        if reason == "time_ran_out":
            if due is None:
                raise Conflict(
                    f"{tier.name} has no time limit ({tier.pace or 'the text names none'}), so its "
                    "time cannot run out; escalate with reason no_agreement or "
                    "rejected_recommendation",
                    allowed=self._allowed(row, ladder, on),
                )
            if on <= due:
                raise Conflict(
                    f"{tier.name}'s time runs to {due}; on {on} it has not run out",
                    allowed=self._allowed(row, ladder, on),
                )
            return f"the time limit at {tier.name} ran out on {due}"
        if reason == "rejected_recommendation":
            rejected = [
                p
                for p, r in (pending or {}).get("responses", {}).items()
                if r["response"] == "reject"
            ]
            if not rejected:
                raise Conflict(
                    f"no {tier.outcome} at {tier.name} has been rejected"
                    + ("" if pending else "; none has been recorded yet"),
                    allowed=self._allowed(row, ladder, on),
                )
            return f"the {pending['kind']} of {pending['given_on']} was rejected by {', '.join(rejected)}"
        if reason == "no_agreement":
            if tier.outcome != "agreement":
                raise Conflict(
                    f"at {tier.name} the body gives a {tier.outcome}; escalate when it is "
                    "rejected, when the body could not give one, or when the time runs out",
                    allowed=self._allowed(row, ladder, on),
                )
            return f"the parties reached no agreement at {tier.name}"
        # no_recommendation_given
        if tier.outcome == "agreement":
            raise Conflict(
                f"{tier.name} gives no recommendation (the parties settle it themselves); use "
                "reason no_agreement",
                allowed=self._allowed(row, ladder, on),
            )
        if pending:
            raise Conflict(
                f"a {pending['kind']} was given at {tier.name} on {pending['given_on']}; record "
                "the parties' responses, then escalate with rejected_recommendation",
                allowed=self._allowed(row, ladder, on),
            )
        return f"{tier.body} could not give a {tier.outcome}"

    def record_outcome(
        self,
        db: sqlite_utils.Database,
        dispute_id: str,
        request: RecordOutcome,
        actor: Actor,
        if_match: str | None,
    ) -> dict[str, Any]:
        row = self._load(db, dispute_id, actor.principal)
        check_if_match(row, if_match)
        self._require_open(row, "record a recommendation")
        ladder = self._ladder(row)
        tier = ladder.tiers[row["tier_index"]]
        on = self._day(db, row, request.given_on, "given_on")
        self._party_of(row["agreement"], row["municipality"], actor.org)
        if tier.outcome == "agreement":
            raise Conflict(
                f"{tier.name} gives no recommendation or decision: the parties settle it "
                "themselves (resolve) or escalate (no_agreement)",
                allowed=self._allowed(row, ladder, on),
            )
        if row["pending_outcome"]:
            raise Conflict(
                f"a {tier.outcome} at {tier.name} is already recorded; record the responses",
                allowed=self._allowed(row, ladder, on),
            )
        pending = {
            "kind": tier.outcome,
            "text": request.text,
            "given_on": on.isoformat(),
            "by": request.by or tier.body,
            "tier_key": tier.key,
            "adjustment": (
                self._check_adjustment(row, tier, request.adjustment)
                if request.adjustment is not None
                else None
            ),
            "responses": {},
        }
        self._event(
            db,
            row,
            tier.outcome,
            actor,
            on,
            tier,
            {"text": request.text, "by": pending["by"], "adjustment": pending["adjustment"]},
            tier.citation,
        )
        return self._save(db, row, {"pending_outcome": json.dumps(pending, ensure_ascii=False)})

    def respond(
        self,
        db: sqlite_utils.Database,
        dispute_id: str,
        request: Respond,
        actor: Actor,
        if_match: str | None,
    ) -> dict[str, Any]:
        row = self._load(db, dispute_id, actor.principal)
        check_if_match(row, if_match)
        self._require_open(row, "respond")
        ladder = self._ladder(row)
        tier = ladder.tiers[row["tier_index"]]
        on = self._day(db, row, request.on, "on")
        party = self._party_of(row["agreement"], row["municipality"], actor.org)
        if request.party and request.party != party:
            raise InvalidInput(
                f"organisation {actor.org} acts for the {party}, not the {request.party}",
                errors=[field_error("party", f"must be {party} for organisation {actor.org}")],
            )
        if not row["pending_outcome"]:
            raise Conflict(
                f"no {tier.outcome} at {tier.name} to respond to",
                allowed=self._allowed(row, ladder, on),
            )
        pending = json.loads(row["pending_outcome"])
        pending["responses"][party] = {
            "response": request.response,
            "on": on.isoformat(),
            "by": actor.person,
            "note": request.note,
        }
        self._event(
            db,
            row,
            f"response_{request.response}",
            actor,
            on,
            tier,
            {"party": party, "note": request.note, "to": pending["kind"]},
            tier.citation,
        )
        changes: dict[str, Any] = {"pending_outcome": json.dumps(pending, ensure_ascii=False)}
        responses = pending["responses"]
        if all(
            responses.get(p, {}).get("response") == "accept" for p in ("region", "municipality")
        ):
            resolution = {
                "outcome": pending["text"],
                "via": f"both parties accepted the {pending['kind']} of {tier.body}",
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

    def resolve(
        self,
        db: sqlite_utils.Database,
        dispute_id: str,
        request: Resolve,
        actor: Actor,
        if_match: str | None,
    ) -> dict[str, Any]:
        row = self._load(db, dispute_id, actor.principal)
        check_if_match(row, if_match)
        self._require_open(row, "resolve")
        ladder = self._ladder(row)
        tier = ladder.tiers[row["tier_index"]]
        on = self._day(db, row, request.on, "on")
        party = self._party_of(row["agreement"], row["municipality"], actor.org)
        citation = tier.citation
        adjustment = None
        if request.adjustment is not None:
            adjustment = self._check_adjustment(row, tier, request.adjustment)
            retro = self._retroactivity(row, tier)
            citation = retro.citation if retro else citation
        resolution = {
            "outcome": request.outcome,
            "via": f"resolved at {tier.name}",
            "on": on.isoformat(),
            "by_party": party,
            "adjustment": adjustment,
        }
        self._event(db, row, "resolved", actor, on, tier, resolution, citation)
        return self._save(
            db,
            row,
            {
                "status": "resolved",
                "resolution": json.dumps(msgspec.to_builtins(resolution), ensure_ascii=False),
                "closed_on": on.isoformat(),
            },
        )

    @staticmethod
    def _retroactivity(row: dict[str, Any], tier: Tier) -> Retroactivity | None:
        """The tier's retroactivity rule for this case (its subject, its placement link)."""
        return tier.retroactivity(row["subject"], row["placement_id"] is not None)

    def _check_adjustment(
        self, row: dict[str, Any], tier: Tier, adjustment: Adjustment
    ) -> dict[str, Any]:
        retro = self._retroactivity(row, tier)
        if retro is None or retro.from_ == "none":
            rule = retro.citation if retro else tier.citation
            raise RuleViolation(
                f"the outcome at {tier.name} may not apply retroactively to this dispute "
                f"({row['subject']}, {'linked to' if row['placement_id'] else 'without'} a "
                f"placement): {rule.document}, {rule.clause}",
                errors=[
                    field_error(
                        "adjustment",
                        "no retroactive adjustment at this tier for this dispute",
                        rule,
                        retro.strength if retro else None,
                    )
                ],
            )
        if adjustment.responsibility is None and adjustment.split is None:
            raise InvalidInput(
                "an adjustment changes the responsibility, the split, or both",
                errors=[field_error("adjustment", "give responsibility and/or split")],
            )
        earliest: dt.date | None = None
        basis = ""
        if retro.from_ == "joint_split":
            arrangement = json.loads(row["temporary_arrangement"] or "null")
            if arrangement is None:
                raise RuleViolation(
                    "the outcome may reach back only to the day a joint split existed, and this "
                    "case records none",
                    errors=[
                        field_error(
                            "adjustment.effective_from",
                            "no joint split recorded",
                            retro.citation,
                            retro.strength,
                        )
                    ],
                )
            earliest = dt.date.fromisoformat(arrangement["started_on"])
            basis = "the day the joint (temporary) split started"
        elif retro.from_ == "insats_start":
            if adjustment.insats_started_on is None:
                raise InvalidInput(
                    "give insats_started_on: the outcome may reach back to the day the insats started",
                    errors=[
                        field_error(
                            "adjustment.insats_started_on",
                            "the day the insats started",
                            retro.citation,
                            retro.strength,
                        )
                    ],
                )
            earliest = adjustment.insats_started_on
            basis = "the day the insats started"
        if earliest is not None and adjustment.effective_from < earliest:
            raise RuleViolation(
                f"effective_from {adjustment.effective_from} reaches back before {basis} "
                f"({earliest})",
                errors=[
                    field_error(
                        "adjustment.effective_from",
                        f"on or after {earliest}",
                        retro.citation,
                        retro.strength,
                    )
                ],
            )
        if adjustment.split is not None:
            self._check_split(row, adjustment.split)
        return {
            **msgspec.to_builtins(adjustment),
            "reaches_back_to": retro.from_,
            "rule": cite(retro.citation),
        }

    def _check_split(self, row: dict[str, Any], split: SplitSpec) -> None:
        """The adjustment's split is one the agreement allows, and whole."""
        where = "adjustment.split"
        if split.method == "schablon":
            policy, _ = self.registry.cost_policy(self._in_force(row))
            if policy.schablon is None:
                rule = policy.no_schablon or policy.main_rule
                raise RuleViolation(
                    "this agreement has no schablon: " + rule.text,
                    errors=[
                        field_error(f"{where}.method", "not schablon", rule.citation, rule.strength)
                    ],
                )
            return
        parts = split.shares if split.method == "percent" else split.amounts_ore
        key = "shares" if split.method == "percent" else "amounts_ore"
        values = list((parts or {}).values())
        whole = (
            parts is not None
            and set(parts) == {"region", "municipality"}
            and all(v >= 0 for v in values)
            and (sum(values) == 100 if split.method == "percent" else sum(values) > 0)
        )
        if not whole:
            raise InvalidInput(
                f"a {split.method} split names region and municipality, none negative, "
                + ("summing to 100" if split.method == "percent" else "not both zero"),
                errors=[field_error(f"{where}.{key}", '{"region": R, "municipality": M}')],
            )

    def withdraw(
        self,
        db: sqlite_utils.Database,
        dispute_id: str,
        request: Withdraw,
        actor: Actor,
        if_match: str | None,
    ) -> dict[str, Any]:
        row = self._load(db, dispute_id, actor.principal)
        check_if_match(row, if_match)
        self._require_open(row, "withdraw")
        ladder = self._ladder(row)
        tier = ladder.tiers[row["tier_index"]]
        on = self._day(db, row, request.on, "on")
        party = self._party_of(row["agreement"], row["municipality"], actor.org)
        self._event(
            db,
            row,
            "withdrawn",
            actor,
            on,
            tier,
            {"by_party": party, "reason": request.reason},
            tier.citation,
        )
        return self._save(db, row, {"status": "withdrawn", "closed_on": on.isoformat()})

    def _require_open(self, row: dict[str, Any], what: str) -> None:
        if row["status"] != "open":
            raise Conflict(f"the case is {row['status']}; you cannot {what} it", allowed=[])

    # -- reads ----------------------------------------------------------------------------

    def _allowed(self, row: dict[str, Any], ladder: Ladder, on: dt.date) -> list[dict[str, Any]]:
        """The next possible steps and what each needs."""
        if row["status"] != "open":
            return []
        index = row["tier_index"]
        tier = ladder.tiers[index]
        pending = json.loads(row["pending_outcome"]) if row["pending_outcome"] else None
        due = dt.date.fromisoformat(row["due_on"]) if row["due_on"] else None
        steps: list[dict[str, Any]] = []
        reasons: list[str] = []
        if tier.outcome == "agreement":
            reasons.append("no_agreement")
        else:
            if pending and any(r["response"] == "reject" for r in pending["responses"].values()):
                reasons.append("rejected_recommendation")
            if not pending:
                reasons.append("no_recommendation_given")
        if due is not None and on > due:
            reasons.append("time_ran_out")
        if index + 1 < len(ladder.tiers) and reasons:
            nxt = ladder.tiers[index + 1]
            held = json.loads(row["form"])
            must = bool(
                due is not None
                and on > due
                and tier.time_limit
                and tier.time_limit.on_expiry in ("must_escalate", "goes_directly")
            )
            steps.append(
                {
                    "action": "escalate",
                    "to_tier": nxt.key,
                    "to_tier_name": nxt.name,
                    "reasons": reasons,
                    "required": must,
                    "form_fields_needed": [
                        {"key": f.key, "label": f.label}
                        for f in nxt.form
                        if f.strength == "shall" and f.key not in held
                    ],
                    "citation": cite(
                        tier.time_limit.citation if must and tier.time_limit else nxt.citation
                    ),
                }
            )
        if tier.outcome != "agreement" and not pending:
            steps.append(
                {
                    "action": "recommendation",
                    "kind": tier.outcome,
                    "by": tier.body,
                    "due_on": row["due_on"],
                }
            )
        if pending:
            waiting = [p for p in ("region", "municipality") if p not in pending["responses"]]
            if waiting:
                steps.append({"action": "responses", "waiting_for": waiting})
        retro = self._retroactivity(row, tier)
        steps.append({"action": "resolve", "retroactive": retro.from_ if retro else "none"})
        steps.append({"action": "withdraw"})
        return steps

    def view(self, db: sqlite_utils.Database, row: dict[str, Any]) -> dict[str, Any]:
        """The case as the API shows it: state, tier with its deadline, history, next steps."""
        in_force = self._in_force(row)
        ladder = self.registry.ladder(in_force, row["ladder_kind"])[0]
        tier = ladder.tiers[row["tier_index"]]
        today = self.clock.today()
        due = dt.date.fromisoformat(row["due_on"]) if row["due_on"] else None
        clock_started_on = dt.date.fromisoformat(row["clock_started_on"])
        if tier.time_limit and due:
            explanation = (
                f"{tier.name}: {describe_period(tier.time_limit.period)} from "
                f"{clock_started_on} ({tier.time_limit.starts}) gives {due}; "
                f"{ON_EXPIRY[tier.time_limit.on_expiry]} "
                f"({tier.time_limit.citation.document}, {tier.time_limit.citation.clause}: "
                f"\u201c{tier.time_limit.citation.quote}\u201d)."
            )
        else:
            explanation = (
                f"{tier.name} has no time limit in {in_force.version.document.short}"
                + (f" (the text says \u201c{tier.pace}\u201d)" if tier.pace else "")
                + f"; the case has been at this tier since {clock_started_on} "
                f"({(today - clock_started_on).days} days)."
            )
        events = [
            {
                **{k: e[k] for k in ("seq", "at", "action", "tier_key", "tier_name", "case_label")},
                "on": e["on_date"],
                "actor": {"org": e["actor_org"], "person": e["actor_person"]},
                "detail": json.loads(e["detail"]),
                "citation": json.loads(e["citation"]),
            }
            for e in db.query(
                "SELECT * FROM dispute_events WHERE dispute_id = ? ORDER BY seq", [row["id"]]
            )
        ]
        return {
            "id": row["id"],
            "agreement": row["agreement"],
            "version": {"agreement": row["version_agreement"], "key": row["version"]},
            "municipality": row["municipality"],
            "subject": row["subject"],
            "title": row["title"],
            "description": row["description"],
            "individual_ref": row["individual_ref"],
            "placement_id": row["placement_id"],
            "placement": self._placement_summary(db, row["placement_id"]),
            "deviation_id": row["deviation_id"],
            "concerns_individual": bool(row["concerns_individual"]),
            "temporary_arrangement": json.loads(row["temporary_arrangement"] or "null"),
            "status": row["status"],
            "opened_on": row["opened_on"],
            "closed_on": row["closed_on"],
            "ladder": {
                "kind": ladder.kind,
                "name": ladder.name,
                "tiers": [t.key for t in ladder.tiers],
            },
            "tier": {
                "step": row["tier_index"] + 1,
                "key": tier.key,
                "name": tier.name,
                "aka": list(tier.aka),
                "case_label": tier.case_label,
                "body": tier.body,
                "outcome": tier.outcome,
                "citation": cite(tier.citation),
            },
            "clock_started_on": row["clock_started_on"],
            "due_on": row["due_on"],
            "overdue": bool(row["status"] == "open" and due and today > due),
            "due_explanation": explanation,
            "form": json.loads(row["form"]),
            "pending_outcome": json.loads(row["pending_outcome"] or "null"),
            "resolution": json.loads(row["resolution"] or "null"),
            "next_steps": self._allowed(row, ladder, today),
            "notices": [n.text for n in in_force.notices],
            "history": events,
            "revision": row["revision"],
        }

    @staticmethod
    def _placement_summary(
        db: sqlite_utils.Database, placement_id: str | None
    ) -> dict[str, Any] | None:
        """What a cost dispute shows of its placement; its resolution feeds the settlement."""
        if placement_id is None:
            return None
        rows = list(
            db.query(
                "SELECT id, start_date, end_date, acute, home_kind, child, placing_party "
                "FROM placements WHERE id = ?",
                [placement_id],
            )
        )
        if not rows:
            return None
        row = rows[0]
        return {
            **row,
            "acute": bool(row["acute"]),
            "child": bool(row["child"]),
            "settlement": f"/api/v1/placements/{placement_id}/settlement",
        }

    def _row(self, dispute_id: str, scope: Any = None) -> dict[str, Any]:
        with self.store.read() as db:
            return self._load(db, dispute_id, scope)

    def get(self, dispute_id: str, scope: Any = None) -> dict[str, Any]:
        with self.store.read() as db:
            return self.view(db, self._load(db, dispute_id, scope))

    def list(
        self,
        *,
        agreement: str | None = None,
        municipality: str | None = None,
        status: str | None = None,
        tier: str | None = None,
        overdue: bool | None = None,
        due_before: dt.date | None = None,
        limit: int = 50,
        offset: int = 0,
        scope: Any = None,
    ) -> dict[str, Any]:
        where = Filter(
            (
                ("agreement", agreement),
                ("municipality", municipality),
                ("status", status),
                ("tier_key", tier),
            )
        ).scoped(scope)
        today = self.clock.today().isoformat()
        if overdue is True:
            where.add("status = 'open' AND due_on IS NOT NULL AND due_on < ?", today)
        elif overdue is False:
            where.add("NOT (status = 'open' AND due_on IS NOT NULL AND due_on < ?)", today)
        if due_before is not None:
            where.add("due_on IS NOT NULL AND due_on < ?", due_before.isoformat())

        with self.store.read() as db:

            def summary(row: dict[str, Any]) -> dict[str, Any]:
                full = self.view(db, row)
                full.pop("history")
                return full

            return page(db, "disputes", where, "opened_on, id", limit, offset, summary)
