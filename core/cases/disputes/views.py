"""A dispute as the API shows it: its state, its tier with the deadline explained, its
history, its linked placement and the steps open now."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from samverkan.cases.common import CASE_PATHS, cite
from samverkan.cases.disputes.checks import next_steps
from samverkan.kernel.dates import describe_period
from samverkan.kernel.registry import InForce
from samverkan.models import ON_EXPIRY, Ladder, Tier

#: what a dispute shows of a linked placement, in this order
PLACEMENT_FIELDS = ("id", "start_date", "end_date", "acute", "home_kind", "child", "placing_party")


def due_explanation(row: dict[str, Any], tier: Tier, in_force: InForce, today: dt.date) -> str:
    """How the tier's due date follows from its time limit, or how long it has run without one."""
    due = dt.date.fromisoformat(row["due_on"]) if row["due_on"] else None
    clock_started_on = dt.date.fromisoformat(row["clock_started_on"])
    if tier.time_limit and due:
        return (
            f"{tier.name}: {describe_period(tier.time_limit.period)} from "
            f"{clock_started_on} ({tier.time_limit.starts}) gives {due}; "
            f"{ON_EXPIRY[tier.time_limit.on_expiry]} "
            f"({tier.time_limit.citation.document}, {tier.time_limit.citation.clause}: "
            f"\u201c{tier.time_limit.citation.quote}\u201d)."
        )
    return (
        f"{tier.name} has no time limit in {in_force.version.document.short}"
        + (f" (the text says \u201c{tier.pace}\u201d)" if tier.pace else "")
        + f"; the case has been at this tier since {clock_started_on} "
        f"({(today - clock_started_on).days} days)."
    )


def event_view(event: dict[str, Any]) -> dict[str, Any]:
    return {
        **{k: event[k] for k in ("seq", "at", "action", "tier_key", "tier_name", "case_label")},
        "on": event["on_date"],
        "actor": {"org": event["actor_org"], "person": event["actor_person"]},
        "detail": json.loads(event["detail"]),
        "citation": json.loads(event["citation"]),
    }


def placement_summary(placement: dict[str, Any] | None) -> dict[str, Any] | None:
    """What a cost dispute shows of its placement; its resolution feeds the settlement."""
    if placement is None:
        return None
    return {
        **{key: placement[key] for key in PLACEMENT_FIELDS},
        "acute": bool(placement["acute"]),
        "child": bool(placement["child"]),
        "settlement": f"{CASE_PATHS['placement']}/{placement['id']}/settlement",
    }


def dispute_view(
    row: dict[str, Any],
    in_force: InForce,
    ladder: Ladder,
    events: list[dict[str, Any]],
    placement: dict[str, Any] | None,
    today: dt.date,
) -> dict[str, Any]:
    """The case as the API shows it (``placement``: the linked placement's row, if any)."""
    tier = ladder.tiers[row["tier_index"]]
    due = dt.date.fromisoformat(row["due_on"]) if row["due_on"] else None
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
        "placement": placement_summary(placement),
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
        "due_explanation": due_explanation(row, tier, in_force, today),
        "form": json.loads(row["form"]),
        "pending_outcome": json.loads(row["pending_outcome"] or "null"),
        "resolution": json.loads(row["resolution"] or "null"),
        "next_steps": next_steps(row, ladder, today),
        "notices": [n.text for n in in_force.notices],
        "history": [event_view(e) for e in events],
        "revision": row["revision"],
    }
