"""The whole rule set in force for an agreement on a date (``GET /api/v1/agreements/{id}``),
each part with the version that supplied it."""

from __future__ import annotations

from samverkan.kernel.errors import NotFound
from samverkan.kernel.registry import (
    InForce,
    Registry,
    assumption_notice,
    version_ref,
)
from samverkan.kernel.rule_answers import (
    RuleSet,
    SourcedCostPolicy,
    SourcedDeadline,
    SourcedDeviationPolicy,
    SourcedLadder,
    SourcedSipRequirements,
    version_text,
)
from samverkan.models import SIP_CONTEXTS


def rule_set(registry: Registry, in_force: InForce) -> RuleSet:
    """Everything in force on the date, each part with the version that supplied it.

    A part no plugin supplies (a third-party agreement without placements, say) is
    ``None`` rather than an error.
    """
    agreement = registry.agreement(in_force.agreement)
    notices = list(in_force.notices)
    cost_policy = None
    try:
        policy, policy_source = registry.cost_policy(in_force)
    except NotFound:
        pass
    else:
        cost_policy = SourcedCostPolicy(source=policy_source, policy=policy)
        if policy.assumption:
            notices.append(assumption_notice(policy))
    try:
        deviations, deviations_source = registry.deviation_rules(in_force)
    except NotFound:
        deviation_policy = None
    else:
        deviation_policy = SourcedDeviationPolicy(source=deviations_source, policy=deviations)
    sip: dict[str, SourcedSipRequirements] = {}
    for context in SIP_CONTEXTS:
        try:
            requirements, source = registry.sip_requirements(in_force, context)
        except NotFound:
            continue
        sip[context] = SourcedSipRequirements(source=source, requirements=requirements)
    return RuleSet(
        agreement=in_force.agreement,
        name=agreement.name,
        county=agreement.county,
        parent=agreement.parent,
        parties=agreement.parties,
        on=in_force.on,
        version=version_ref(in_force),
        version_text=version_text(in_force.version),
        validity=in_force.validity,
        notices=notices,
        responsibilities=registry.responsibilities(in_force),
        ladders=[
            SourcedLadder(source=s, ladder=ladder) for ladder, s in registry.ladders(in_force)
        ],
        deadlines=[
            SourcedDeadline(source=s, deadline=rule)
            for rule, s in registry.deadlines(in_force).values()
        ],
        cost_policy=cost_policy,
        sip_requirements=sip,
        deviation_policy=deviation_policy,
    )
