"""A deviation as the API shows it: with the deviation policy of its pinned version, what
the policy says about the reporting role, and its history."""

from __future__ import annotations

import json
from typing import Any

import msgspec

from samverkan.cases.common import cite
from samverkan.kernel.errors import field_error
from samverkan.kernel.registry import InForce
from samverkan.models import DeviationPolicy, Strength

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
    "occurred_on",
    "reported_on",
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
        message = f"the agreement names the roles that report deviations: {names}"
        return [field_error("reporting_role", message, citation, Strength.SHALL)], []
    message = f"the agreement names {names} as examples of reporting roles; any role may report"
    return [], [field_error("reporting_role", message, citation, Strength.MAY)]


def event_view(event: dict[str, Any]) -> dict[str, Any]:
    return {
        "seq": event["seq"],
        "at": event["at"],
        "on": event["on_date"],
        "action": event["action"],
        "actor": {"org": event["actor_org"], "person": event["actor_person"]},
        "detail": json.loads(event["detail"]),
    }


def deviation_view(
    row: dict[str, Any],
    in_force: InForce,
    policy: DeviationPolicy | None,
    source: dict[str, Any] | None,
    events: list[dict[str, Any]],
) -> dict[str, Any]:
    """The deviation as the API shows it (``source``: the version that supplied the policy)."""
    warnings, notes = role_remarks(policy, row["reporting_role"])
    return {
        **{k: row[k] for k in SHOWN},
        "draft": bool(row["draft"]),
        "version": {"agreement": row["version_agreement"], "key": row["version"]},
        "recorded_by": {"org": row["actor_org"], "person": row["actor_person"]},
        "policy": (
            {"source": source, **msgspec.to_builtins(policy), "citations": citations(policy)}
            if policy
            else None
        ),
        "warnings": warnings,
        "notes": notes,
        "notices": [n.text for n in in_force.notices],
        "history": [event_view(e) for e in events],
        "revision": row["revision"],
    }


def citations(policy: DeviationPolicy) -> list[dict[str, str]]:
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
