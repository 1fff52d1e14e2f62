"""The rule book: what the agreements API and the CLI answer about the rules, computed
without storage.

Every method takes an explicit date (``on``) or defaults to the service clock's today, so no
answer silently depends on the machine's date. The registry (:mod:`.registry`) knows which
version is in force and what its plugins supply; the rule book turns that into answers.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import msgspec

from samverkan.kernel.clock import Clock
from samverkan.kernel.dates import add_period, day_facts, describe_period
from samverkan.kernel.errors import (
    InvalidInput,
    NotFound,
    OutOfValidity,
    RuleViolation,
    field_error,
)
from samverkan.kernel.loading import plugin_info
from samverkan.kernel.registry import InForce, Registry, assumption_notice
from samverkan.kernel.sip import SipCheckRequest, check_sip
from samverkan.kernel.split import SplitRequest
from samverkan.kernel.validity import describe_end
from samverkan.models import SIP_CONTEXTS, Ladder, Rule, Strength


class RuleBook:
    """The rules of every enabled agreement, as the API and the CLI ask for them."""

    def __init__(self, registry: Registry, clock: Clock):
        self.registry = registry
        self.clock = clock

    def _on(self, on: dt.date | None) -> dt.date:
        return on or self.clock.today()

    # -- reads (a date with no version answers 404) -------------------------------------

    def agreements(self) -> list[dict[str, Any]]:
        return [
            {
                "id": a.id,
                "name": a.name,
                "name_en": a.name_en,
                "county": a.county,
                "parent": a.parent,
                "parties": a.parties,
                "versions": a.versions,
                "terms": [
                    {
                        "version": v.key,
                        "valid_from": v.valid_from,
                        "text_ends_on": v.valid_to,
                        "ends_on": (term := self.registry.term(a.id, v.key)).ends_on,
                        "extends_itself": term.ends_on is None,
                        "notice_given_on": term.notice_given_on,
                        "extended_to": term.extended_to,
                        "described": describe_end(term),
                    }
                    for v in a.versions
                ],
            }
            for a in self.registry.agreements.values()
        ]

    def rule_set(self, agreement_id: str, on: dt.date | None) -> dict[str, Any]:
        in_force = self.registry.in_force(agreement_id, self._on(on), missing=NotFound)
        agreement = self.registry.agreement(agreement_id)
        return {
            "name": agreement.name,
            "county": agreement.county,
            "parent": agreement.parent,
            "parties": agreement.parties,
            **self.registry.rule_set(in_force),
        }

    def ladder(self, agreement_id: str, on: dt.date | None, kind: str | None) -> dict[str, Any]:
        in_force = self.registry.in_force(agreement_id, self._on(on), missing=NotFound)
        ladder, source = self.registry.ladder(in_force, kind)
        return {
            **_header(in_force, source),
            "kinds": [ladder.kind for ladder, _ in self.registry.ladders(in_force)],
            "notices": list(in_force.notices),
            "ladder": ladder,
            "tiers": [tier_summary(ladder, i) for i in range(len(ladder.tiers))],
        }

    # -- computations (a date with no version answers 422) --------------------------------

    def deadline(
        self, agreement_id: str, name: str, start: dt.date, on: dt.date | None
    ) -> dict[str, Any]:
        """Due date of a named deadline counted from ``start``.

        The rules applied are those in force on ``on``, which defaults to ``start`` itself (a
        placement or case keeps the version in force on the day it began).
        """
        in_force = self.registry.in_force(agreement_id, on or start)
        rule, source = self.registry.deadline(in_force, name)
        due = add_period(start, rule.period)
        facts = day_facts(due)
        if rule.kind == "earliest":
            what = f"may be done no earlier than {due}"
        else:
            what = f"{'shall' if rule.strength == 'shall' else 'should'} be done by {due}"
        also = (
            f" The same date applies to: {', '.join(rule.also_settles)}."
            if rule.also_settles
            else ""
        )
        falls = ""
        if not facts["working_day"]:
            reasons = [str(x) for x in (facts["public_holiday"], facts["holiday_eve"]) if x] or [
                "a weekend"
            ]
            falls = (
                f" {due} is {facts['weekday']} ({', '.join(reasons)}); the text counts calendar "
                "days, so the date is not moved."
            )
        explanation = (
            f"{rule.title}: {describe_period(rule.period)} from {start} ({rule.starts}); "
            f"{what} ({rule.citation.document}, {rule.citation.clause}: "
            f"\u201c{rule.citation.quote}\u201d).{also}{falls}"
        )
        notices = list(in_force.notices)
        if rule.assumption:
            notices.append(
                Rule(text=rule.assumption, strength=Strength.SHALL, citation=rule.citation)
            )
        return {
            "agreement": agreement_id,
            "name": name,
            "from": start,
            "due": due,
            "kind": rule.kind,
            "strength": rule.strength,
            "period": rule.period,
            "falls_on": facts,
            "explanation": explanation,
            "rule": rule,
            "version": in_force.version.key,
            "version_agreement": in_force.version_agreement,
            "source": source,
            "notices": notices,
        }

    def split(self, agreement_id: str, request: SplitRequest) -> dict[str, Any]:
        in_force = self.registry.in_force(agreement_id, self._on(request.on))
        policy, source = self.registry.cost_policy(in_force, missing=RuleViolation)
        methods: dict[str, Any] = {}
        for found in self.registry.pm.hook.samverkan_split_methods():
            methods.update(found or {})
        if request.method not in methods:
            raise InvalidInput(
                f"unknown method {request.method!r}; methods: {', '.join(sorted(methods))}",
                errors=[field_error("method", f"one of {', '.join(sorted(methods))}")],
            )
        result = methods[request.method](
            amount_ore=request.amount_ore, request=request, policy=policy
        )
        notices = list(in_force.notices)
        if policy.assumption:
            notices.append(assumption_notice(policy))
        return {
            **_header(in_force, source),
            "amount_ore": request.amount_ore,
            "method": result.method,
            "amounts_ore": result.amounts_ore,
            "shares": result.shares,
            "rule": result.rule,
            "warnings": result.warnings,
            "notices": notices,
        }

    def sip_check(self, agreement_id: str, request: SipCheckRequest) -> dict[str, Any]:
        in_force = self.registry.in_force(agreement_id, self._on(request.on))
        requirements, source = self.registry.sip_requirements(
            in_force, request.context, missing=RuleViolation
        )
        result = check_sip(requirements, request.sip)
        notices = list(in_force.notices)
        found = self.registry.find_cost_policy(in_force)
        if request.context != "general" and found is not None:
            policy = found[0]
            if policy.assumption and source.agreement == in_force.version_agreement:
                notices.append(assumption_notice(policy))
        return {
            **_header(in_force, source),
            "asked_context": request.context,
            **result,
            "notices": notices,
        }

    def compare(self, agreement_ids: list[str], on: dt.date | None) -> dict[str, Any]:
        """The same rules side by side; an agreement not in force that day says so, and a
        part an agreement's plugin does not supply is empty and named in its ``missing``."""
        if not agreement_ids:
            raise InvalidInput(
                "name the agreements to compare: ?agreements=<id>,<id> (ids as in /api/v1/agreements)",
                errors=[field_error("agreements", "a comma-separated list of agreement ids")],
            )
        day = self._on(on)
        columns: dict[str, Any] = {}
        for agreement_id in agreement_ids:
            self.registry.agreement(agreement_id)  # 404 for an unknown id
            try:
                in_force = self.registry.in_force(agreement_id, day)
            except OutOfValidity as exc:
                columns[agreement_id] = {"in_force": False, "detail": exc.detail}
                continue
            columns[agreement_id] = {"in_force": True, **summary(self.registry, in_force)}
        return {"on": day, "agreements": columns}

    def plugins(self) -> list[dict[str, object]]:
        return plugin_info(self.registry.pm)


def _header(in_force: InForce, source: Any) -> dict[str, Any]:
    """Which agreement, date and version an answer speaks for, and which version supplied it."""
    return {
        "agreement": in_force.agreement,
        "on": in_force.on,
        "version": in_force.version.key,
        "version_agreement": in_force.version_agreement,
        "source": source,
    }


def tier_summary(ladder: Ladder, index: int) -> dict[str, Any]:
    tier = ladder.tiers[index]
    limit = tier.time_limit
    return {
        "step": index + 1,
        "key": tier.key,
        "name": tier.name,
        "aka": list(tier.aka),
        "case_label": tier.case_label,
        "body": tier.body,
        "outcome": tier.outcome,
        "time_limit": (
            f"{describe_period(limit.period)} from {limit.starts}" if limit else tier.pace or None
        ),
        "form_fields": [field.key for field in tier.form],
    }


def summary(registry: Registry, in_force: InForce) -> dict[str, Any]:
    """A compact, comparable view of the rules in force (used by ``/compare``); a part the
    plugin does not supply is ``None`` (or empty) and named in ``missing``."""
    found = registry.find_cost_policy(in_force)
    sip: dict[str, list[str]] = {}
    for context in SIP_CONTEXTS:
        try:
            requirements, _ = registry.sip_requirements(in_force, context)
        except NotFound:
            continue
        sip[context] = [f.key for f in requirements.fields]
    ladders = registry.ladders(in_force)
    missing = [
        part
        for part, absent in (
            ("ladders", not ladders),
            ("cost_policy", found is None),
            ("sip", not sip),
        )
        if absent
    ]
    return {
        **_compared(registry, in_force, ladders, found[0].assumption if found else ""),
        "cost_policy": _compared_policy(found[0]) if found else None,
        "sip_fields": sip,
        "missing": missing,
    }


def _compared(
    registry: Registry, in_force: InForce, ladders: list[Any], assumption: str
) -> dict[str, Any]:
    return {
        "version": in_force.version.key,
        "version_agreement": in_force.version_agreement,
        "valid": f"{in_force.version.valid_from} – {in_force.validity.ends_on}",
        "text_ends_on": in_force.validity.text_ends_on,
        "notices": [n.text for n in in_force.notices] + ([assumption] if assumption else []),
        "ladders": {
            ladder.kind: [
                {
                    "key": t.key,
                    "name": t.name,
                    "days": t.time_limit.period.amount if t.time_limit else None,
                    "unit": t.time_limit.period.unit if t.time_limit else None,
                    "outcome": t.outcome,
                }
                for t in ladder.tiers
            ]
            for ladder, _ in ladders
        },
        "deadlines": {
            name: {
                "period": describe_period(rule.period),
                "kind": rule.kind,
                "strength": str(rule.strength),
                "citation": f"{rule.citation.document} {rule.citation.clause}",
            }
            for name, (rule, _) in registry.deadlines(in_force).items()
        },
    }


def _compared_policy(policy: Any) -> dict[str, Any]:
    schablon = policy.schablon
    return {
        "schablon": (
            {
                "region": f"{schablon.region.numerator}/{schablon.region.denominator}",
                "municipality": (
                    f"{schablon.municipality.numerator}/{schablon.municipality.denominator}"
                ),
                "requires_reason": schablon.requires_reason,
                "citation": f"{schablon.citation.document} {schablon.citation.clause}",
            }
            if schablon
            else None
        ),
        "units": list(policy.units),
        "retroactivity": {
            "planned": policy.retroactivity.planned,
            "acute": policy.retroactivity.acute,
        },
        "placing_parties": list(policy.placing_parties),
        "acute_deadline": policy.acute.deadline,
    }


def to_builtins(value: Any) -> Any:
    """Plain JSON-able data (Structs, dates, enums) for the CLI and tests."""
    return msgspec.to_builtins(value)
