"""Placements outside the home, their written cost agreements and cost entries.

A placement is a *fact*: it is stored even when it broke a *shall* (no cost agreement before
it), and its compliance list names the breach with its citation, as a candidate deviation.
A cost agreement is a *document* the service is asked to accept: one that breaks a *shall* of
the placement's agreement is refused (422 naming the rule); a *should* is accepted with a warning.
"""

from __future__ import annotations

import datetime as dt
import decimal
import json
from fractions import Fraction
from typing import Annotated, Any, Literal

import msgspec
import sqlite_utils

from samverkan.cases.common import check_if_match
from samverkan.cases.deadlines import Deadlines
from samverkan.cases.disputes import Actor, IndividualRef, Note, Text, cite
from samverkan.kernel.bounds import RequestBody
from samverkan.kernel.clock import Clock
from samverkan.kernel.dates import add_period
from samverkan.kernel.errors import Forbidden, InvalidInput, NotFound, RuleViolation, field_error
from samverkan.kernel.registry import InForce, Registry
from samverkan.kernel.settlement import Entry, Split, settle
from samverkan.kernel.sip import SipDocument, check_sip
from samverkan.models import PARTIES, CostPolicy, DocumentField, Party, Rule, Strength
from samverkan.store.db import Store
from samverkan.store.ids import new_id
from samverkan.store.paging import Filter, page

HomeKind = Literal["hvb", "family_home", "other_24h_care", "sis"]
Ore = Annotated[int, msgspec.Meta(ge=-(10**13), le=10**13)]
Code = Annotated[str, msgspec.Meta(pattern=r"^[0-9]{4}$")]


class OpenPlacement(RequestBody, kw_only=True):
    """``POST /api/v1/placements``.

    :param placing_party: who made the placement (under Dalarna only the municipality's social
        welfare board places).
    :param child: the individual was under 18 on ``start_date`` (HSA 9: *barn och unga* 0–17).
    :param compulsory_care: a placement proposed from compulsory psychiatric care (LPT/LRV);
        ÖK 3.6: the same split rules apply.
    :param home_in_county: whether the home is within the county (a *should* where the texts
        say "i första hand").
    :param sip: the SIP (or, where the agreement allows it, an equivalent plan) it rests on.
    """

    agreement: str
    municipality: Code
    placing_party: Party
    start_date: dt.date
    acute: bool
    home_kind: HomeKind
    child: bool
    compulsory_care: bool = False
    home_in_county: bool | None = None
    individual_ref: IndividualRef | None = None
    sip: SipDocument | None = None
    note: Note = ""


class EndPlacement(RequestBody, kw_only=True):
    """``POST /api/v1/placements/{id}/end``: the end date and the joint planning of further insatser."""

    end_date: dt.date
    joint_planning: Text | None = None


class Signatory(RequestBody, kw_only=True):
    name: Annotated[str, msgspec.Meta(min_length=1, max_length=200)]
    role: Annotated[str, msgspec.Meta(min_length=1, max_length=200)]
    party: Party
    economic_mandate: bool


class CostAgreementRequest(RequestBody, kw_only=True):
    """``POST /api/v1/placements/{id}/cost-agreements``: the written agreement on cost."""

    effective_from: dt.date
    agreed_on: dt.date
    method: Literal["schablon", "percent", "amount"]
    shares: dict[Literal["region", "municipality"], decimal.Decimal] | None = None
    amounts_ore: (
        dict[Literal["region", "municipality"], Annotated[int, msgspec.Meta(ge=0)]] | None
    ) = None
    goal: Text | None = None
    responsibilities: Text | None = None
    health_care_provision: Text | None = None
    municipal_provision: Text | None = None
    follow_up_on: dt.date | None = None
    registration_municipality: Code | None = None
    signatories: list[Signatory] = msgspec.field(default_factory=list)
    sip: SipDocument | None = None
    schablon_reason: Note = ""


class CostEntryRequest(RequestBody, kw_only=True):
    """``POST /api/v1/placements/{id}/costs``: never edited; a correction is a new entry."""

    period_from: dt.date
    period_to: dt.date
    amount_ore: Ore
    paid_by: Party
    invoice_ref: Annotated[str, msgspec.Meta(min_length=1, max_length=200)]
    note: Note = ""


def _now(clock: Clock) -> str:
    return clock.now().isoformat(timespec="seconds")


def _prerequisite(policy: CostPolicy, key: str) -> Rule | None:
    return next((rule for rule in policy.prerequisites if rule.key == key), None)


class Placements:
    def __init__(
        self, store: Store, registry: Registry, clock: Clock, deadlines: Deadlines | None = None
    ):
        self.store = store
        self.registry = registry
        self.clock = clock
        self.deadlines = deadlines

    def _sync(self, db: sqlite_utils.Database, placement_id: str) -> None:
        """The placement's deadlines move in the same transaction as the change."""
        if self.deadlines is not None:
            self.deadlines.sync_placement(db, self._load(db, placement_id))

    # -- placement ------------------------------------------------------------------------

    def _in_force(self, row: dict[str, Any]) -> InForce:
        return self.registry.in_force(row["agreement"], dt.date.fromisoformat(row["start_date"]))

    def open(self, db: sqlite_utils.Database, request: OpenPlacement, actor: Actor) -> str:
        agreement = self.registry.agreement(request.agreement)
        codes = {m.code: m.name for m in agreement.parties.municipalities}
        if request.municipality not in codes:
            raise RuleViolation(
                f"municipality {request.municipality} is not a party to {agreement.id}; its "
                f"parties are {agreement.parties.region_name} ({agreement.parties.region_code}) "
                "and " + ", ".join(f"{name} ({code})" for code, name in codes.items()),
                errors=[
                    field_error(
                        "municipality", "a party to the agreement", agreement.parties.citation
                    )
                ],
            )
        if actor.org not in (agreement.parties.region_code, request.municipality):
            raise Forbidden(
                f"organisation {actor.org} is not a party to this placement; only a party acts",
                errors=[field_error("Authorization", "a key of the region or the municipality")],
            )
        in_force = self.registry.in_force(agreement.id, request.start_date)
        policy, _ = self.registry.cost_policy(in_force)
        if request.placing_party not in policy.placing_parties:
            rule = policy.placing_rule
            raise RuleViolation(
                f"under {agreement.id} only the {' or '.join(policy.placing_parties)} places"
                + (f": {rule.text}" if rule else ""),
                errors=[
                    field_error(
                        "placing_party",
                        f"one of {', '.join(policy.placing_parties)}",
                        rule.citation if rule else None,
                        rule.strength if rule else None,
                    )
                ],
            )
        scope = next((n for n in in_force.version.notes if n.key == "scope_children"), None)
        if scope is not None and not request.child and in_force.version_agreement == agreement.id:
            raise RuleViolation(
                f"{agreement.name} covers children and young people only; register an adult's "
                f"placement under {agreement.parent or 'the parent agreement'}",
                errors=[field_error("child", scope.text, scope.citation, scope.strength)],
            )
        now = _now(self.clock)
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
        db["placements"].insert(row)
        self._sync(db, str(row["id"]))
        return str(row["id"])

    def end(
        self,
        db: sqlite_utils.Database,
        placement_id: str,
        request: EndPlacement,
        actor: Actor,
        if_match: str | None,
    ) -> dict[str, Any]:
        row = self._load(db, placement_id, actor.principal)
        self._party(row, actor)
        check_if_match(row, if_match)
        if row["end_date"]:
            raise RuleViolation(
                f"the placement already ended on {row['end_date']}",
                errors=[field_error("end_date", "a placement ends once")],
            )
        if request.end_date < dt.date.fromisoformat(row["start_date"]):
            raise InvalidInput(
                "end_date is before the placement started",
                errors=[field_error("end_date", f"on or after {row['start_date']}")],
            )
        changes = {
            "end_date": request.end_date.isoformat(),
            "joint_planning": json.dumps(
                {"text": request.joint_planning, "by": actor.org, "person": actor.person}
            )
            if request.joint_planning
            else None,
            "revision": row["revision"] + 1,
            "updated_at": _now(self.clock),
        }
        db["placements"].update(placement_id, changes)
        self._sync(db, placement_id)
        return {**row, **changes}

    def _load(
        self, db: sqlite_utils.Database, placement_id: str, scope: Any = None
    ) -> dict[str, Any]:
        """The placement, if the caller may see it; 404 alike for missing and not-yours."""
        where = Filter((("id", placement_id),)).scoped(scope)
        rows = list(db.query(f"SELECT * FROM placements{where.clause()}", where.params))
        if not rows:
            raise NotFound(f"no placement {placement_id!r}")
        return rows[0]

    def _party(self, row: dict[str, Any], actor: Actor) -> Party:
        region = self.registry.agreement(row["agreement"]).parties.region_code
        if actor.org == region:
            return "region"
        if actor.org == row["municipality"]:
            return "municipality"
        raise Forbidden(
            f"organisation {actor.org} is not a party to this placement; only a party acts",
            errors=[field_error("Authorization", "a key of the region or the municipality")],
        )

    # -- cost agreement -------------------------------------------------------------------

    def add_cost_agreement(
        self,
        db: sqlite_utils.Database,
        placement_id: str,
        request: CostAgreementRequest,
        actor: Actor,
        if_match: str | None,
    ) -> dict[str, Any]:
        """Record the written agreement; it changes the placement's split, so it needs the
        placement's current ``If-Match`` and moves its revision on."""
        row = self._load(db, placement_id, actor.principal)
        self._party(row, actor)
        check_if_match(row, if_match)
        in_force = self._in_force(row)
        policy, _ = self.registry.cost_policy(in_force)
        weights, split_rule = self._weights(policy, request)
        warnings = self._check_document(row, in_force, policy, request)
        self._check_reach(row, policy, request)
        seq = db.execute(
            "SELECT COUNT(*) + 1 FROM cost_agreements WHERE placement_id = ?", [placement_id]
        ).fetchone()[0]
        record = {
            "id": new_id("cag"),
            "placement_id": placement_id,
            "seq": seq,
            "effective_from": request.effective_from.isoformat(),
            "agreed_on": request.agreed_on.isoformat(),
            "method": request.method,
            "weights": json.dumps({p: str(weights[p]) for p in PARTIES}),
            "document": json.dumps(msgspec.to_builtins(request), ensure_ascii=False),
            "rule": json.dumps(cite(split_rule.citation), ensure_ascii=False),
            "warnings": json.dumps(warnings, ensure_ascii=False),
            "actor_org": actor.org,
            "actor_person": actor.person,
            "created_at": _now(self.clock),
        }
        db["cost_agreements"].insert(record)
        db["placements"].update(
            placement_id, {"revision": row["revision"] + 1, "updated_at": _now(self.clock)}
        )
        self._sync(db, placement_id)
        return record

    def _weights(
        self, policy: CostPolicy, request: CostAgreementRequest
    ) -> tuple[dict[Party, Fraction], Rule]:
        """Each party's share of the cost, exactly, and the rule that allows the method."""
        if request.method == "schablon":
            if policy.schablon is None:
                rule = policy.no_schablon or policy.main_rule
                raise RuleViolation(
                    "this agreement has no schablon: " + rule.text,
                    errors=[
                        field_error(
                            "method", "schablon is not allowed here", rule.citation, rule.strength
                        )
                    ],
                )
            sch = policy.schablon
            if sch.requires_reason and not request.schablon_reason.strip():
                rule = sch.restriction
                raise RuleViolation(
                    "the schablon may be used here only with a written reason why the split is "
                    "unclear" + (f": {rule.text}" if rule else ""),
                    errors=[
                        field_error(
                            "schablon_reason",
                            "why the split is unclear",
                            (rule or sch).citation,
                            (rule or sch).strength,
                        )
                    ],
                )
            return (
                {
                    "region": Fraction(sch.region.numerator, sch.region.denominator),
                    "municipality": Fraction(
                        sch.municipality.numerator, sch.municipality.denominator
                    ),
                },
                Rule(
                    text=f"Schablon: {sch.condition}", strength=sch.strength, citation=sch.citation
                ),
            )
        if request.method not in policy.units:
            raise RuleViolation(
                f"{request.method} is not a unit this agreement allows",
                errors=[
                    field_error(
                        "method",
                        policy.units_rule.text,
                        policy.units_rule.citation,
                        policy.units_rule.strength,
                    )
                ],
            )
        if request.method == "percent":
            shares = request.shares or {}
            if set(shares) != set(PARTIES) or any(not 0 <= v <= 100 for v in shares.values()):
                raise InvalidInput(
                    "percent needs shares for region and municipality, each 0–100",
                    errors=[field_error("shares", '{"region": R, "municipality": M}')],
                )
            if sum(shares.values()) != 100:
                raise InvalidInput(
                    f"shares sum to {sum(shares.values())}, not 100",
                    errors=[field_error("shares", "percentages sum to exactly 100")],
                )
            return {p: Fraction(shares[p]) / 100 for p in PARTIES}, policy.units_rule
        amounts = request.amounts_ore or {}
        if set(amounts) != set(PARTIES) or sum(amounts.values()) <= 0:
            raise InvalidInput(
                "amount needs amounts_ore (per period) for region and municipality, not all zero",
                errors=[field_error("amounts_ore", '{"region": R, "municipality": M} in öre')],
            )
        total = sum(amounts.values())
        return {p: Fraction(amounts[p], total) for p in PARTIES}, policy.units_rule

    def _check_document(
        self,
        row: dict[str, Any],
        in_force: InForce,
        policy: CostPolicy,
        request: CostAgreementRequest,
    ) -> list[dict[str, Any]]:
        """Refuse what breaks a *shall*; return a warning for each *should* not met."""
        acute = bool(row["acute"])
        problems: list[dict[str, Any]] = []
        warnings: list[dict[str, Any]] = []
        for field in policy.agreement_fields:
            if field.applies_to == ("planned" if acute else "acute"):
                continue
            if not self._shows(field, request, row):
                entry = {
                    **field_error(
                        self._field_name(field),
                        f"the agreement must show {field.label_en} ({field.label})",
                        field.citation,
                        field.strength,
                    ),
                    "label": field.label,
                }
                (problems if field.strength == Strength.SHALL else warnings).append(entry)
        context = "child_placement" if row["child"] else "placement"
        sip = request.sip or (SipDocument(**json.loads(row["sip"])) if row["sip"] else None)
        requirements, _ = self.registry.sip_requirements(in_force, context)
        sip_rule = _prerequisite(policy, "sip_before_placement")
        if sip is None:
            # without a rule asking for a SIP before the placement (Dalarna: "Vid behov ska
            # SIP upprättas när samtycke finns"), a missing SIP is a warning, not a refusal
            strength = sip_rule.strength if sip_rule else Strength.SHOULD
            entry = field_error(
                "sip",
                "the SIP the cost agreement rests on is missing",
                (sip_rule or requirements).citation,
                strength,
            )
            (problems if strength == Strength.SHALL else warnings).append(entry)
        else:
            checked = check_sip(requirements, sip)
            problems += checked["missing"]
            warnings += checked["warnings"]
        if problems:
            raise RuleViolation(
                "the cost agreement does not show what its agreement requires: "
                + "; ".join(p["field"] for p in problems),
                errors=problems,
            )
        return warnings

    @staticmethod
    def _field_name(field: DocumentField) -> str:
        return {
            "follow_up": "follow_up_on",
            "economic_mandate": "signatories",
            "split": "method",
        }.get(field.key, field.key)

    @staticmethod
    def _shows(field: DocumentField, request: CostAgreementRequest, row: dict[str, Any]) -> bool:
        key = field.key
        if key == "split":
            return True  # the method and its shares, checked above
        if key == "follow_up":
            return request.follow_up_on is not None
        if key == "economic_mandate":
            return all(
                any(s.economic_mandate and s.party == p for s in request.signatories)
                for p in PARTIES
            )
        if key == "sip":
            return request.sip is not None or row["sip"] is not None
        value = getattr(request, key, None)
        return bool(value and str(value).strip())

    def _check_reach(
        self, row: dict[str, Any], policy: CostPolicy, request: CostAgreementRequest
    ) -> None:
        """How far back ``effective_from`` may reach (DOMAIN.md, "How far back …")."""
        start = dt.date.fromisoformat(row["start_date"])
        retro = policy.retroactivity
        if request.effective_from < start:
            raise RuleViolation(
                f"effective_from {request.effective_from} is before the placement started ({start})",
                errors=[field_error("effective_from", f"on or after {start}")],
            )
        if row["end_date"] and request.effective_from > dt.date.fromisoformat(row["end_date"]):
            raise InvalidInput(
                "effective_from is after the placement ended",
                errors=[field_error("effective_from", f"on or before {row['end_date']}")],
            )
        reach = retro.acute if row["acute"] else retro.planned
        if reach == "agreed_on" and request.effective_from < request.agreed_on:
            raise RuleViolation(
                f"under this agreement a split for a {'acute' if row['acute'] else 'planned'} "
                f"placement applies from its written date ({request.agreed_on}), never earlier: "
                + retro.rule.text,
                errors=[
                    field_error(
                        "effective_from",
                        f"on or after agreed_on {request.agreed_on}",
                        retro.rule.citation,
                        retro.rule.strength,
                    )
                ],
            )

    # -- cost entries -----------------------------------------------------------------------

    def add_cost(
        self, db: sqlite_utils.Database, placement_id: str, request: CostEntryRequest, actor: Actor
    ) -> dict[str, Any]:
        row = self._load(db, placement_id, actor.principal)
        self._party(row, actor)
        start = dt.date.fromisoformat(row["start_date"])
        if request.period_to < request.period_from:
            raise InvalidInput(
                "period_to is before period_from",
                errors=[field_error("period_to", "on or after period_from (inclusive)")],
            )
        if request.period_from < start or (
            row["end_date"] and request.period_to > dt.date.fromisoformat(row["end_date"])
        ):
            raise InvalidInput(
                f"the period must lie within the placement ({start} – {row['end_date'] or 'ongoing'})",
                errors=[field_error("period_from", "within the placement")],
            )
        if request.amount_ore == 0:
            raise InvalidInput("amount_ore is zero", errors=[field_error("amount_ore", "non-zero")])
        seq = db.execute(
            "SELECT COUNT(*) + 1 FROM cost_entries WHERE placement_id = ?", [placement_id]
        ).fetchone()[0]
        record = {
            "id": new_id("cst"),
            "placement_id": placement_id,
            "seq": seq,
            "period_from": request.period_from.isoformat(),
            "period_to": request.period_to.isoformat(),
            "amount_ore": request.amount_ore,
            "paid_by": request.paid_by,
            "invoice_ref": request.invoice_ref,
            "note": request.note,
            "actor_org": actor.org,
            "actor_person": actor.person,
            "created_at": _now(self.clock),
        }
        db["cost_entries"].insert(record)
        return record

    # -- reads ----------------------------------------------------------------------------

    def compliance(self, db: sqlite_utils.Database, row: dict[str, Any]) -> list[dict[str, Any]]:
        """Facts that break the agreement, each a candidate deviation with its citation."""
        in_force = self._in_force(row)
        policy, _ = self.registry.cost_policy(in_force)
        start = dt.date.fromisoformat(row["start_date"])
        agreements = list(
            db.query(
                "SELECT * FROM cost_agreements WHERE placement_id = ? ORDER BY seq", [row["id"]]
            )
        )
        first_agreed = min(
            (dt.date.fromisoformat(a["agreed_on"]) for a in agreements), default=None
        )
        today = self.clock.today()
        found: list[dict[str, Any]] = []

        def breach(rule: Rule, what: str, status: str = "breach") -> None:
            found.append(
                {
                    "rule_key": rule.key,
                    "status": status,
                    "what": what,
                    "strength": str(rule.strength),
                    "rule": cite(rule.citation),
                    "candidate_deviation": status == "breach",
                }
            )

        before = _prerequisite(policy, "cost_agreement_before_placement")
        if row["acute"]:
            deadline, _ = self.registry.deadline(in_force, policy.acute.deadline)
            due = add_period(start, deadline.period)
            rule = Rule(
                text=policy.acute.settle_by.text,
                strength=deadline.strength,
                citation=deadline.citation,
                key="acute_cost_agreement",
            )
            if first_agreed is None or first_agreed > due:
                if first_agreed is not None or today > due:
                    breach(
                        rule,
                        f"acute placement: the split was not settled by {due}"
                        + (f" (agreed {first_agreed})" if first_agreed else ""),
                    )
                else:
                    breach(rule, f"acute placement: settle the split by {due}", "pending")
        elif before is not None and (first_agreed is None or first_agreed > start):
            breach(
                before,
                "no written cost agreement preceded the placement"
                + (f" (first agreed {first_agreed})" if first_agreed else ""),
            )
        sip_rule = _prerequisite(policy, "sip_before_placement")
        if sip_rule is not None and not row["acute"]:
            context = "child_placement" if row["child"] else "placement"
            requirements, _ = self.registry.sip_requirements(in_force, context)
            sip = SipDocument(**json.loads(row["sip"])) if row["sip"] else None
            lacking = check_sip(requirements, sip)["missing"] if sip else ["sip"]
            if lacking:
                breach(
                    sip_rule,
                    "the placement did not rest on a complete SIP"
                    + ("" if sip is None else ": lacks " + ", ".join(m["field"] for m in lacking)),
                )
        county = _prerequisite(policy, "placement_in_county")
        if county is not None and row["home_in_county"] == 0:
            breach(county, "the home is outside the county", "warning")
        if row["end_date"] and not row["joint_planning"]:
            ending = next((n for n in policy.notes if n.key == "joint_planning_before_end"), None)
            if ending is not None:
                breach(ending, "no joint planning of further insatser was recorded at the end")
        return found

    def view(self, db: sqlite_utils.Database, row: dict[str, Any]) -> dict[str, Any]:
        in_force = self._in_force(row)
        policy, _ = self.registry.cost_policy(in_force)
        deadline = None
        if row["acute"]:
            rule, _ = self.registry.deadline(in_force, policy.acute.deadline)
            due = add_period(dt.date.fromisoformat(row["start_date"]), rule.period)
            deadline = {
                "name": rule.name,
                "due": due.isoformat(),
                "strength": str(rule.strength),
                "also_settles": list(rule.also_settles),
                "rule": cite(rule.citation),
            }
        agreements = [
            {
                "id": a["id"],
                "seq": a["seq"],
                "effective_from": a["effective_from"],
                "agreed_on": a["agreed_on"],
                "method": a["method"],
                "shares": {p: _pct(Fraction(v)) for p, v in json.loads(a["weights"]).items()},
                "document": json.loads(a["document"]),
                "warnings": json.loads(a["warnings"]),
                "rule": json.loads(a["rule"]),
                "recorded_at": a["created_at"],
            }
            for a in db.query(
                "SELECT * FROM cost_agreements WHERE placement_id = ? ORDER BY seq", [row["id"]]
            )
        ]
        disputes = [
            {"id": d["id"], "subject": d["subject"], "status": d["status"], "tier": d["tier_key"]}
            for d in db.query(
                "SELECT * FROM disputes WHERE placement_id = ? ORDER BY opened_on", [row["id"]]
            )
        ]
        notices = [n.text for n in in_force.notices] + (
            [policy.assumption] if policy.assumption else []
        )
        return {
            "id": row["id"],
            "agreement": row["agreement"],
            "version": {"agreement": row["version_agreement"], "key": row["version"]},
            "municipality": row["municipality"],
            "placing_party": row["placing_party"],
            "start_date": row["start_date"],
            "end_date": row["end_date"],
            "acute": bool(row["acute"]),
            "home_kind": row["home_kind"],
            "child": bool(row["child"]),
            "compulsory_care": bool(row["compulsory_care"]),
            "home_in_county": None
            if row["home_in_county"] is None
            else bool(row["home_in_county"]),
            "individual_ref": row["individual_ref"],
            "sip": json.loads(row["sip"]) if row["sip"] else None,
            "joint_planning": json.loads(row["joint_planning"]) if row["joint_planning"] else None,
            "note": row["note"],
            "cost_agreement_deadline": deadline,
            "cost_agreements": agreements,
            "disputes": disputes,
            "compliance": self.compliance(db, row),
            "notices": notices,
            "revision": row["revision"],
        }

    def get(self, placement_id: str, scope: Any = None) -> dict[str, Any]:
        with self.store.read() as db:
            return self.view(db, self._load(db, placement_id, scope))

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
    ) -> dict[str, Any]:
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
            return page(
                db,
                "placements",
                where,
                "start_date, id",
                limit,
                offset,
                lambda row: self.view(db, row),
            )

    def settlement(
        self, placement_id: str, as_of: dt.date | None, scope: Any = None
    ) -> dict[str, Any]:
        as_of = as_of or self.clock.today()
        with self.store.read() as db:
            row = self._load(db, placement_id, scope)
            in_force = self._in_force(row)
            policy, _ = self.registry.cost_policy(in_force)
            start = dt.date.fromisoformat(row["start_date"])
            placer: Party = row["placing_party"]
            other: Party = "region" if placer == "municipality" else "municipality"
            stays = policy.acute.cost_stays_with_placing_party
            base = Split(
                start,
                {placer: Fraction(1), other: Fraction(0)},
                f"the placing party ({placer}) bears the whole cost",
                "before a split applies, the placing party bears the whole cost: " + stays.text,
                cite(stays.citation),
            )
            skipped: list[str] = []
            changes = self._changes(db, row, policy, as_of, skipped)
            entries = [
                Entry(
                    e["id"],
                    dt.date.fromisoformat(e["period_from"]),
                    dt.date.fromisoformat(e["period_to"]),
                    e["amount_ore"],
                    e["paid_by"],
                    e["invoice_ref"],
                )
                for e in db.query(
                    "SELECT * FROM cost_entries WHERE placement_id = ? "
                    "AND period_from <= ? ORDER BY seq",
                    [row["id"], as_of.isoformat()],
                )
            ]
        result = settle(base, [c for _, c in sorted(changes, key=lambda x: x[0])], entries, as_of)
        notices = (
            [n.text for n in in_force.notices]
            + ([policy.assumption] if policy.assumption else [])
            + skipped
        )
        return {
            "placement_id": placement_id,
            "agreement": row["agreement"],
            "version": {"agreement": row["version_agreement"], "key": row["version"]},
            **result,
            "notices": notices,
        }

    def _changes(
        self,
        db: sqlite_utils.Database,
        row: dict[str, Any],
        policy: CostPolicy,
        as_of: dt.date,
        skipped: list[str],
    ) -> list[tuple[tuple[str, str], Split]]:
        """Cost agreements known by ``as_of`` and resolved disputes' adjustments, each keyed by
        the day it was agreed or decided, then the time it was recorded: the later one
        supersedes the earlier from its own date. (Recording time alone is not an order: it has
        whole seconds, and an old agreement may be registered after a later decision.)"""
        changes: list[tuple[tuple[str, str], Split]] = []
        retro = policy.retroactivity.rule
        for a in db.query(
            "SELECT * FROM cost_agreements WHERE placement_id = ? AND agreed_on <= ? ORDER BY seq",
            [row["id"], as_of.isoformat()],
        ):
            effective = dt.date.fromisoformat(a["effective_from"])
            agreed = dt.date.fromisoformat(a["agreed_on"])
            reaches_back = effective < agreed
            why = f"the written cost agreement of {agreed} applies from {effective}" + (
                f", reaching back as its agreement allows: {retro.text}" if reaches_back else ""
            )
            changes.append(
                (
                    (a["agreed_on"], a["created_at"]),
                    Split(
                        effective,
                        {p: Fraction(v) for p, v in json.loads(a["weights"]).items()},
                        f"cost agreement {a['seq']} ({a['method']})",
                        why,
                        cite(retro.citation) if reaches_back else json.loads(a["rule"]),
                        {"cost_agreement": a["id"]},
                    ),
                )
            )
        for d in db.query(
            "SELECT * FROM disputes WHERE placement_id = ? AND status = 'resolved' "
            "AND closed_on <= ?",
            [row["id"], as_of.isoformat()],
        ):
            adjustment = (json.loads(d["resolution"] or "{}") or {}).get("adjustment") or {}
            split = adjustment.get("split")
            if not split:
                continue
            weights = _dispute_weights(split, policy)
            if weights is None:
                skipped.append(
                    f"dispute {d['id']}: its outcome's split {json.dumps(split)} does not give "
                    "each party a share between 0 and 1, so the settlement does not apply it"
                )
                continue
            changes.append(
                (
                    (d["closed_on"], d["updated_at"]),
                    Split(
                        dt.date.fromisoformat(adjustment["effective_from"]),
                        weights,
                        f"dispute {d['id']} outcome ({split['method']})",
                        f"the dispute's outcome adjusts the split retroactively from "
                        f"{adjustment['effective_from']}",
                        adjustment.get("rule", {}),
                        {"dispute": d["id"]},
                    ),
                )
            )
        return changes


def _dispute_weights(split: dict[str, Any], policy: CostPolicy) -> dict[Party, Fraction] | None:
    """The outcome's shares, or ``None`` when its split gives none usable (a schablon where
    the agreement has none, an amount split without amounts, a share outside 0–1)."""
    method = split.get("method")
    if method == "schablon":
        if policy.schablon is None:
            return None
        sch = policy.schablon
        return {
            "region": Fraction(sch.region.numerator, sch.region.denominator),
            "municipality": Fraction(sch.municipality.numerator, sch.municipality.denominator),
        }
    values = split.get("shares" if method == "percent" else "amounts_ore") or {}
    if set(values) != set(PARTIES) or any(values[p] < 0 for p in PARTIES):
        return None
    total = sum(values.values())
    if total <= 0 or (method == "percent" and total != 100):
        return None
    return {p: Fraction(values[p], total) for p in PARTIES}


def _pct(weight: Fraction) -> str:
    value = weight * 100
    return str(value.numerator) if value.denominator == 1 else f"{float(value):.4f}".rstrip("0")
