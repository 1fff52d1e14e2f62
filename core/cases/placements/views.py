"""A placement as the API shows it, and its compliance: the facts that break its agreement,
each a candidate deviation with its citation."""

from __future__ import annotations

import datetime as dt
import json
from fractions import Fraction
from typing import Any

import msgspec

from samverkan.cases.common import cite
from samverkan.cases.disputes.answers import ActedBy
from samverkan.cases.placements.answers import (
    Compliance,
    CostAgreementDeadline,
    CostAgreementDocument,
    CostAgreementShown,
    CostEntry,
    JointPlanning,
    LinkedDispute,
    Placement,
)
from samverkan.cases.placements.checks import prerequisite, sip_context
from samverkan.kernel.answers import PartyShares, VersionRef, percent, remark, utc
from samverkan.kernel.dates import add_period
from samverkan.kernel.i18n import _
from samverkan.kernel.registry import InForce, Registry
from samverkan.kernel.sip import SipDocument, check_sip
from samverkan.models import Citation, CostPolicy, Rule


def compliance(
    registry: Registry,
    row: dict[str, Any],
    in_force: InForce,
    policy: CostPolicy,
    agreements: list[dict[str, Any]],
    today: dt.date,
) -> list[dict[str, Any]]:
    """Facts that break the agreement, each a candidate deviation with its citation.

    :param agreements: the placement's cost agreements, in order.
    """
    start = dt.date.fromisoformat(row["start_date"])
    first_agreed = min((dt.date.fromisoformat(a["agreed_on"]) for a in agreements), default=None)
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

    before = prerequisite(policy, "cost_agreement_before_placement")
    if row["acute"]:
        deadline, _source = registry.deadline(in_force, policy.acute.deadline)
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
                    _(
                        "acute placement: the split was not settled by %(due)s (agreed %(agreed)s)",
                        due=due,
                        agreed=first_agreed,
                    )
                    if first_agreed
                    else _("acute placement: the split was not settled by %(due)s", due=due),
                )
            else:
                breach(rule, _("acute placement: settle the split by %(due)s", due=due), "pending")
    elif before is not None and (first_agreed is None or first_agreed > start):
        breach(
            before,
            _(
                "no written cost agreement preceded the placement (first agreed %(agreed)s)",
                agreed=first_agreed,
            )
            if first_agreed
            else _("no written cost agreement preceded the placement"),
        )
    sip_rule = prerequisite(policy, "sip_before_placement")
    if sip_rule is not None and not row["acute"]:
        context = sip_context(row)
        requirements, _source = registry.sip_requirements(in_force, context)
        sip = SipDocument(**json.loads(row["sip"])) if row["sip"] else None
        lacking = check_sip(requirements, sip)["missing"] if sip else ["sip"]
        if lacking:
            breach(
                sip_rule,
                _("the placement did not rest on a complete SIP")
                if sip is None
                else _(
                    "the placement did not rest on a complete SIP: it lacks %(fields)s",
                    fields=", ".join(m["field"] for m in lacking),
                ),
            )
    county = prerequisite(policy, "placement_in_county")
    if county is not None and row["home_in_county"] == 0:
        breach(county, _("the home is outside the county"), "warning")
    if row["end_date"] and not row["joint_planning"]:
        ending = next((n for n in policy.notes if n.key == "joint_planning_before_end"), None)
        if ending is not None:
            breach(ending, _("no joint planning of further insatser was recorded at the end"))
    return found


def cost_agreement_shown(a: dict[str, Any]) -> CostAgreementShown:
    """A recorded cost agreement (its row) as the API shows it."""
    return CostAgreementShown(
        id=a["id"],
        seq=a["seq"],
        effective_from=dt.date.fromisoformat(a["effective_from"]),
        agreed_on=dt.date.fromisoformat(a["agreed_on"]),
        method=a["method"],
        shares=PartyShares(
            **{p: percent(Fraction(v) * 100) for p, v in json.loads(a["weights"]).items()}
        ),
        document=msgspec.convert(json.loads(a["document"]), CostAgreementDocument, strict=False),
        warnings=[remark(w) for w in json.loads(a["warnings"])],
        rule=msgspec.convert(json.loads(a["rule"]), Citation),
        recorded_at=utc(a["created_at"]),  # type: ignore[arg-type]
    )


def placement_view(
    registry: Registry,
    row: dict[str, Any],
    in_force: InForce,
    policy: CostPolicy,
    agreements: list[dict[str, Any]],
    disputes: list[dict[str, Any]],
    today: dt.date,
) -> Placement:
    """The placement as the API shows it, with its cost agreements, linked disputes and
    compliance (``agreements`` and ``disputes``: its rows, in order)."""
    deadline = None
    if row["acute"]:
        rule, _source = registry.deadline(in_force, policy.acute.deadline)
        deadline = CostAgreementDeadline(
            name=rule.name,
            due_on=add_period(dt.date.fromisoformat(row["start_date"]), rule.period),
            strength=str(rule.strength),
            also_settles=list(rule.also_settles),
            rule=rule.citation,
        )
    notices = [n.text for n in in_force.notices] + (
        [policy.assumption] if policy.assumption else []
    )
    planning = json.loads(row["joint_planning"]) if row["joint_planning"] else None
    return Placement(
        id=row["id"],
        agreement=row["agreement"],
        version=VersionRef(agreement=row["version_agreement"], key=row["version"]),
        municipality=row["municipality"],
        placing_party=row["placing_party"],
        start_date=dt.date.fromisoformat(row["start_date"]),
        end_date=dt.date.fromisoformat(row["end_date"]) if row["end_date"] else None,
        acute=bool(row["acute"]),
        home_kind=row["home_kind"],
        child=bool(row["child"]),
        compulsory_care=bool(row["compulsory_care"]),
        home_in_county=None if row["home_in_county"] is None else bool(row["home_in_county"]),
        individual_ref=row["individual_ref"],
        sip=msgspec.convert(json.loads(row["sip"]), SipDocument) if row["sip"] else None,
        joint_planning=msgspec.convert(planning, JointPlanning) if planning else None,
        note=row["note"],
        cost_agreement_deadline=deadline,
        cost_agreements=[cost_agreement_shown(a) for a in agreements],
        disputes=[
            LinkedDispute(id=d["id"], subject=d["subject"], status=d["status"], tier=d["tier_key"])
            for d in disputes
        ],
        compliance=[
            msgspec.convert(c, Compliance)
            for c in compliance(registry, row, in_force, policy, agreements, today)
        ],
        notices=notices,
        revision=row["revision"],
    )


def cost_entry(row: dict[str, Any]) -> CostEntry:
    """A cost entry (its row) as the API shows it."""
    return CostEntry(
        id=row["id"],
        placement_id=row["placement_id"],
        seq=row["seq"],
        period_from=dt.date.fromisoformat(row["period_from"]),
        period_to=dt.date.fromisoformat(row["period_to"]),
        amount_ore=row["amount_ore"],
        paid_by=row["paid_by"],
        invoice_ref=row["invoice_ref"],
        note=row["note"],
        recorded_by=ActedBy(org=row["actor_org"], person=row["actor_person"]),
        recorded_at=utc(row["created_at"]),  # type: ignore[arg-type]
    )
