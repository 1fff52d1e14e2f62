"""A dispute as the API shows it: its state, its tier with the deadline explained, its
history, its linked placement and the steps open now."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import msgspec

from samverkan.cases.common import CASE_PATHS
from samverkan.cases.disputes.answers import (
    ActedBy,
    Arrangement,
    Dispute,
    DisputeEvent,
    DisputeSummary,
    LadderRef,
    LinkedPlacement,
    NextStep,
    PendingOutcome,
    Resolution,
    TierInfo,
)
from samverkan.cases.disputes.transitions import next_steps
from samverkan.kernel.answers import VersionRef, utc
from samverkan.kernel.dates import describe_period
from samverkan.kernel.i18n import _, local, localised
from samverkan.kernel.registry import InForce
from samverkan.models import ON_EXPIRY, Citation, Ladder, Tier

#: what a dispute shows of a linked placement, in this order
PLACEMENT_FIELDS = ("id", "start_date", "end_date", "acute", "home_kind", "child", "placing_party")


def due_explanation(row: dict[str, Any], tier: Tier, in_force: InForce, as_of: dt.date) -> str:
    """How the tier's due date follows from its time limit, or how long it has run without one."""
    due = dt.date.fromisoformat(row["due_on"]) if row["due_on"] else None
    started = dt.date.fromisoformat(row["clock_started_on"])
    limit = tier.time_limit
    if limit and due:
        return _(
            "%(tier)s: %(period)s from %(started)s (%(starts)s) gives %(due)s; %(expiry)s "
            "(%(document)s, %(clause)s: \u201c%(quote)s\u201d).",
            tier=local(tier.name, tier.name_en),
            period=describe_period(limit.period),
            started=started,
            starts=limit.starts,
            due=due,
            expiry=_(ON_EXPIRY[limit.on_expiry]),
            document=limit.citation.document,
            clause=limit.citation.clause,
            quote=limit.citation.quote,
        )
    params = {
        "tier": local(tier.name, tier.name_en),
        "document": in_force.version.document.short,
        "started": started,
        "days": (as_of - started).days,
        "pace": tier.pace,
    }
    if tier.pace:
        return _(
            "%(tier)s has no time limit in %(document)s (the text says \u201c%(pace)s\u201d); "
            "the case has been at this tier since %(started)s (%(days)s days).",
            **params,
        )
    return _(
        "%(tier)s has no time limit in %(document)s; the case has been at this tier since "
        "%(started)s (%(days)s days).",
        **params,
    )


def event_view(event: dict[str, Any]) -> DisputeEvent:
    return DisputeEvent(
        seq=event["seq"],
        at=utc(event["at"]),  # type: ignore[arg-type]
        on=dt.date.fromisoformat(event["on_date"]),
        action=event["action"],
        tier_key=event["tier_key"],
        tier_name=event["tier_name"],
        case_label=event["case_label"],
        actor=ActedBy(org=event["actor_org"], person=event["actor_person"]),
        detail=localised(json.loads(event["detail"])),
        citation=msgspec.convert(json.loads(event["citation"]), Citation),
    )


def placement_summary(placement: dict[str, Any] | None) -> LinkedPlacement | None:
    """What a cost dispute shows of its placement; its resolution feeds the settlement."""
    if placement is None:
        return None
    return msgspec.convert(
        {
            **{key: placement[key] for key in PLACEMENT_FIELDS},
            "acute": bool(placement["acute"]),
            "child": bool(placement["child"]),
            "settlement": f"{CASE_PATHS['placement']}/{placement['id']}/settlement",
        },
        LinkedPlacement,
    )


def tier_info(tier: Tier, index: int) -> TierInfo:
    return TierInfo(
        step=index + 1,
        key=tier.key,
        name=tier.name,
        name_en=tier.name_en,
        aka=list(tier.aka),
        case_label=tier.case_label,
        body=tier.body,
        outcome=tier.outcome,
        citation=tier.citation,
    )


def stored(text: str | None, kind: type) -> Any:
    """A JSON column as its typed view (``None`` when empty); stored texts in the reader's
    language."""
    value = json.loads(text or "null")
    return None if value is None else msgspec.convert(localised(value), kind)


def dispute_view(
    row: dict[str, Any],
    in_force: InForce,
    ladder: Ladder,
    events: list[dict[str, Any]] | None,
    placement: dict[str, Any] | None,
    as_of: dt.date,
) -> Dispute | DisputeSummary:
    """The case as the API shows it, as of ``as_of`` (the step's day, or today); without
    ``events``, the summary a list shows (``placement``: the linked placement's row)."""
    tier = ladder.tiers[row["tier_index"]]
    due = dt.date.fromisoformat(row["due_on"]) if row["due_on"] else None
    fields = {
        "id": row["id"],
        "agreement": row["agreement"],
        "version": VersionRef(agreement=row["version_agreement"], key=row["version"]),
        "municipality": row["municipality"],
        "subject": row["subject"],
        "title": row["title"],
        "description": row["description"],
        "individual_ref": row["individual_ref"],
        "placement_id": row["placement_id"],
        "placement": placement_summary(placement),
        "deviation_id": row["deviation_id"],
        "concerns_individual": bool(row["concerns_individual"]),
        "temporary_arrangement": stored(row["temporary_arrangement"], Arrangement),
        "status": row["status"],
        "opened_on": dt.date.fromisoformat(row["opened_on"]),
        "closed_on": dt.date.fromisoformat(row["closed_on"]) if row["closed_on"] else None,
        "ladder": LadderRef(
            kind=ladder.kind, name=ladder.name, tiers=[t.key for t in ladder.tiers]
        ),
        "tier": tier_info(tier, row["tier_index"]),
        "clock_started_on": dt.date.fromisoformat(row["clock_started_on"]),
        "due_on": due,
        "overdue": bool(row["status"] == "open" and due and as_of > due),
        "due_explanation": due_explanation(row, tier, in_force, as_of),
        "form": json.loads(row["form"]),
        "pending_outcome": stored(row["pending_outcome"], PendingOutcome),
        "resolution": stored(row["resolution"], Resolution),
        "next_steps": msgspec.convert(next_steps(row, ladder, as_of), list[NextStep]),
        "notices": [n.text for n in in_force.notices],
        "revision": row["revision"],
    }
    if events is None:
        return DisputeSummary(**fields)
    return Dispute(**fields, history=[event_view(e) for e in events])
