"""The checks of the rule parts, as the service answers them on each version's first day
(what the version supplies and what it inherits): ladders, deadlines, the cost policy with
its split methods, SIP requirements and responsibility rules."""

from __future__ import annotations

import typing
from collections.abc import Iterator
from typing import Any

from samverkan.inherit import policy_rules, restated
from samverkan.kernel.dates import add_period
from samverkan.kernel.errors import NotFound, ProblemError
from samverkan.kernel.registry import InForce, Registry
from samverkan.kernel.split import SplitRequest
from samverkan.kit.checks import loaded
from samverkan.kit.subject import Subject
from samverkan.models import SIP_CONTEXTS, CostPolicy, Strength, SubjectKind, Version

SUBJECTS: tuple[str, ...] = typing.get_args(SubjectKind)


def _in_force(subject: Subject) -> Iterator[tuple[Version, InForce, Registry]]:
    agreement = loaded(subject).agreement
    registry = subject.registry
    assert agreement is not None and registry is not None
    for version in agreement.versions:
        in_force = registry.version_in_force(agreement.id, version.key)
        if in_force is not None:  # else the check 'versions' says why
            yield version, in_force, registry


def ladders(subject: Subject) -> Iterator[str]:
    """Every version has a ladder; together its ladders name every dispute subject; each
    ladder's temporary arrangement is a *shall*; a date field of a form has its deadline."""
    for version, in_force, registry in _in_force(subject):
        at = f"version {version.key!r}"
        found = registry.ladders(in_force)
        if not found:
            yield (
                f"{at}: no escalation ladder (samverkan_ladders, Rules.ladders): disputes "
                "cannot be opened under it"
            )
            continue
        named = {s for ladder, _ in found for s in ladder.subjects}
        for subject_kind in (s for s in SUBJECTS if s not in named):
            yield (
                f"{at}: no ladder names the dispute subject {subject_kind!r}; name every "
                f"subject ({', '.join(SUBJECTS)}) in some ladder's subjects"
            )
        deadlines = registry.deadlines(in_force)
        for ladder, _ in found:
            where = f"{at}, ladder {ladder.kind!r}"
            if not ladder.subjects:
                yield f"{where}: names no dispute subject"
            if ladder.temporary_arrangement.strength != Strength.SHALL:
                yield (
                    f"{where}, temporary_arrangement: is a {ladder.temporary_arrangement.strength}"
                    "; what holds for the individual while the parties disagree is a shall"
                )
            for tier in ladder.tiers:
                for field in tier.form:
                    if not (field.label.strip() and field.label_en.strip()):
                        yield f"{where}, tier {tier.key!r}, form field {field.key!r}: no label"
                    notice = f"{ladder.kind}_notice"
                    if field.type == "date" and deadlines.get(notice, (None,))[0] is None:
                        yield (
                            f"{where}, tier {tier.key!r}, form field {field.key!r}: a date "
                            f"field is counted from by a deadline named {notice!r} (kind "
                            "'earliest'); the version has none"
                        )


def deadlines(subject: Subject) -> Iterator[str]:
    """Every named deadline (and every tier's time limit) computes a date."""
    for version, in_force, registry in _in_force(subject):
        for name, (rule, _) in registry.deadlines(in_force).items():
            where = f"version {version.key!r}, deadline {name!r}"
            if rule.period.amount <= 0:
                yield (
                    f"{where}: the period is {rule.period.amount} {rule.period.unit}; a "
                    "deadline counts at least one day or month"
                )
            try:
                add_period(version.valid_from, rule.period)
            except (OverflowError, ValueError) as exc:
                yield f"{where}: no due date can be computed ({exc})"
            if not (rule.title.strip() and rule.starts.strip()):
                yield f"{where}: needs a title and the event that starts it ('starts')"


def cost_policy(subject: Subject) -> Iterator[str]:
    """A cost policy for every version, consistent with the split methods: the schablon an
    option (*may*) or a rule saying there is none; each unit it allows splits exactly, and
    what it does not allow is refused; every rule keyed; no parent rule lost."""
    for version, in_force, registry in _in_force(subject):
        at = f"version {version.key!r}"
        found = registry.find_cost_policy(in_force)
        if found is None:
            yield (
                f"{at}: no cost policy (samverkan_cost_policy, Rules.cost_policy): cost splits "
                "and placements under it are refused"
            )
            continue
        policy = found[0]
        if policy.schablon is not None and policy.schablon.strength != Strength.MAY:
            yield (
                f"{at}, cost_policy, schablon: is a {policy.schablon.strength}; a schablon is "
                "an option the parties may choose, never automatic (strength 'may')"
            )
        if policy.schablon is None and policy.no_schablon is None:
            yield f"{at}, cost_policy: no schablon and no rule saying so (no_schablon)"
        if not policy.units:
            yield f"{at}, cost_policy, units: names no unit (percent, amount)"
        yield from (f"{at}, cost_policy, {p}" for p in _split_problems(registry, policy))
        own = registry.pm.hook.samverkan_cost_policy(
            agreement=in_force.agreement, version=version.key
        )
        if own is not None:
            yield from (f"{at}, cost_policy, {p}" for p in _keys(own))
            if version.refines is not None:
                yield from (f"{at}, {p}" for p in _lost(registry, version, own, policy))


#: A sample request per split method, on an amount that does not divide evenly.
_SAMPLES = {
    "schablon": SplitRequest(amount_ore=100_001, method="schablon", schablon_reason="Oklart."),
    "percent": SplitRequest(
        amount_ore=100_001,
        method="percent",
        shares={"region": 37.5, "municipality": 62.5},
    ),
    "amount": SplitRequest(
        amount_ore=100_001, method="amount", amounts_ore={"region": 40_000, "municipality": 60_001}
    ),
}


def _split_problems(registry: Registry, policy: CostPolicy) -> Iterator[str]:
    methods: dict[str, Any] = {}
    for answer in registry.pm.hook.samverkan_split_methods():
        methods.update(answer or {})
    allowed = {
        "schablon": policy.schablon is not None,
        "percent": "percent" in policy.units,
        "amount": "amount" in policy.units,
    }
    for method, request in _SAMPLES.items():
        try:
            result = methods[method](amount_ore=request.amount_ore, request=request, policy=policy)
        except ProblemError as exc:
            if allowed[method]:
                yield f"split {method!r}: refused although the policy allows it ({exc.detail})"
            continue
        except Exception as exc:
            yield f"split {method!r}: fails ({type(exc).__name__}: {exc})"
            continue
        if not allowed[method]:
            yield f"split {method!r}: answers although the policy does not allow it"
        elif sum(result.amounts_ore.values()) != request.amount_ore:
            yield f"split {method!r}: the parts do not sum to the amount ({result.amounts_ore})"


def _keys(policy: CostPolicy) -> Iterator[str]:
    rules = (*policy.prerequisites, *policy.notes)
    for rule in rules:
        if not rule.key:
            yield (
                f"rule {rule.text[:50]!r}: has no key (every prerequisite and note has one, "
                "so a later version can restate it)"
            )
    keys = [r.key for r in rules if r.key]
    for key in sorted({k for k in keys if keys.count(k) > 1}):
        yield f"rule {key!r}: two prerequisites or notes have this key"


def _lost(
    registry: Registry, version: Version, own: CostPolicy, merged: CostPolicy
) -> Iterator[str]:
    ref = version.refines
    assert ref is not None
    parent = registry.pm.hook.samverkan_cost_policy(agreement=ref.agreement, version=ref.version)
    if parent is None:
        return
    named = restated(policy_rules(own))
    kept = [*merged.prerequisites, *merged.notes]
    for rule in (*parent.prerequisites, *parent.notes):
        if rule.key in named:
            if not any(r.key == rule.key or rule.key in r.replaces for r in kept):
                yield f"cost_policy: the parent's rule {rule.key!r} is restated but not kept"
        elif rule not in kept:
            yield f"cost_policy: the parent's rule {rule.key!r} is lost in refining"


def sip(subject: Subject) -> Iterator[str]:
    """SIP requirements for every context (``child_placement`` may fall back to
    ``placement``), each naming the fields a SIP must show."""
    for version, in_force, registry in _in_force(subject):
        for context in SIP_CONTEXTS:
            where = f"version {version.key!r}, sip {context!r}"
            try:
                requirements, _ = registry.sip_requirements(in_force, context)
            except NotFound:
                yield (
                    f"{where}: no SIP requirements (samverkan_sip_requirements, Rules.sip): "
                    "SIP checks and placements in this context are refused"
                )
                continue
            expected = {context, "placement"} if context == "child_placement" else {context}
            if requirements.context not in expected:
                yield f"{where}: the requirements say context {requirements.context!r}"
            keys = [f.key for f in requirements.fields]
            if not keys:
                yield f"{where}: names no field a SIP must show"
            for key in sorted({k for k in keys if keys.count(k) > 1}):
                yield f"{where}, field {key!r}: named twice"


def responsibilities(subject: Subject) -> Iterator[str]:
    """Each responsibility rule says what the region or the municipality answers for, and a
    principle names the overall assessment it needs."""
    for version, in_force, registry in _in_force(subject):
        for rule in registry.responsibilities(in_force):
            where = f"version {version.key!r}, responsibility {rule.key!r}"
            if not (rule.region.strip() or rule.municipality.strip()):
                yield f"{where}: says nothing the region or the municipality answers for"
            if (rule.assessment is not None) != (rule.kind == "principle"):
                yield f"{where}: a 'principle' (and only a principle) names its assessment"


def follow_up(subject: Subject) -> Iterator[str]:
    """A follow-up (``samverkan_follow_up``), where the plugin supplies one, names at least one
    rule on who follows up what; each ask says what is asked and names a report section at most
    once (an ask naming none is listed by the report as not covered)."""
    for version, in_force, registry in _in_force(subject):
        policy = registry.follow_up(in_force)
        if policy is None:
            continue
        where = f"version {version.key!r}, follow_up"
        if not policy.rules:
            yield f"{where}: names no rule on who follows up what, and how often"
        for ask in policy.asks:
            sections = list(ask.covered_by)
            for section in sorted({s for s in sections if sections.count(s) > 1}):
                yield f"{where}, ask {ask.key!r}: names the report section {section!r} twice"
            if not ask.text.strip():
                yield f"{where}, ask {ask.key!r}: says nothing of what is asked"
