"""A deviation as the API shows it: with the deviation policy of its pinned version, what
the policy says about the reporting role, and its history."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import msgspec

from samverkan.cases.deviations.answers import (
    Deviation,
    DeviationEvent,
    DeviationSummary,
    PolicyShown,
)
from samverkan.cases.disputes.answers import ActedBy
from samverkan.kernel.answers import VersionRef, remark, utc
from samverkan.kernel.errors import field_error
from samverkan.kernel.i18n import _, localised
from samverkan.kernel.registry import InForce
from samverkan.models import Citation, DeviationPolicy, Strength

#: the columns a deviation shows as stored, in this order
SHOWN = (
    "id",
    "agreement",
    "municipality",
    "from_party",
    "to_party",
    "title",
    "agreed",
    "happened",
    "reporting_role",
    "category",
    "individual_ref",
    "status",
    "dispute_id",
)


def role_remarks(
    policy: DeviationPolicy | None, role: str | None
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
        message = _("the agreement names the roles that report deviations: %(names)s", names=names)
        return [field_error("reporting_role", message, citation, Strength.SHALL)], []
    message = _(
        "the agreement names %(names)s as examples of reporting roles; any role may report",
        names=names,
    )
    return [], [field_error("reporting_role", message, citation, Strength.MAY)]


def event_view(event: dict[str, Any]) -> DeviationEvent:
    return DeviationEvent(
        seq=event["seq"],
        at=utc(event["at"]),  # type: ignore[arg-type]
        on=dt.date.fromisoformat(event["on_date"]),
        action=event["action"],
        actor=ActedBy(org=event["actor_org"], person=event["actor_person"]),
        detail=localised(json.loads(event["detail"])),
    )


def deviation_view(
    row: dict[str, Any],
    in_force: InForce,
    policy: DeviationPolicy | None,
    source: VersionRef | None,
    events: list[dict[str, Any]] | None,
) -> Deviation | DeviationSummary:
    """The deviation as the API shows it (``source``: the version that supplied the policy);
    without ``events``, the summary a list shows."""
    warnings, notes = role_remarks(policy, row["reporting_role"])
    fields = {
        **{k: row[k] for k in SHOWN},
        "occurred_on": dt.date.fromisoformat(row["occurred_on"]) if row["occurred_on"] else None,
        "reported_on": dt.date.fromisoformat(row["reported_on"]),
        "draft": bool(row["draft"]),
        "version": VersionRef(agreement=row["version_agreement"], key=row["version"]),
        "recorded_by": ActedBy(org=row["actor_org"], person=row["actor_person"]),
        "warnings": [remark(w) for w in warnings],
        "notes": [remark(n) for n in notes],
        "notices": [n.text for n in in_force.notices],
        "revision": row["revision"],
    }
    if events is None:
        return DeviationSummary(**fields)
    shown = (
        PolicyShown(**msgspec.structs.asdict(policy), source=source, citations=citations(policy))
        if policy and source
        else None
    )
    return Deviation(**fields, policy=shown, history=[event_view(e) for e in events])


def citations(policy: DeviationPolicy) -> list[Citation]:
    """Every clause the policy rests on, once each, in the order the policy names them."""
    rules = [
        policy.rule,
        policy.system_rule,
        policy.roles_rule,
        *policy.handling,
        policy.escalation,
        policy.suggestion_rule,
    ]
    seen: dict[tuple[str, str, str], Citation] = {}
    for rule in rules:
        if rule is not None:
            c = rule.citation
            seen.setdefault((c.document, c.clause, c.quote), c)
    return list(seen.values())
