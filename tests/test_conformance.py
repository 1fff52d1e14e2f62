"""Every loaded plugin conforms: citations everywhere, sane ladders, versions, shares."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator
from fractions import Fraction
from typing import Any

import msgspec
import pytest

from core.config import ALL_BUILT_IN, Settings
from core.models import (
    COST_AGREEMENT_FIELD_KEYS,
    RULE_KEYS,
    SIP_CONTEXTS,
    SIP_FIELD_KEYS,
    Agreement,
    Citation,
    CostPolicy,
    DeadlineRule,
    Ladder,
    SipRequirements,
    Strength,
)
from core.plugins import make_plugin_manager
from core.rules import Registry, VersionRef

AGREEMENTS = list(ALL_BUILT_IN)


def versions(registry: Registry) -> Iterator[tuple[str, str]]:
    for agreement in registry.agreements.values():
        for version in agreement.versions:
            yield agreement.id, version.key


def walk(value: Any) -> Iterator[Any]:
    yield value
    if isinstance(value, msgspec.Struct):
        for name in value.__struct_fields__:
            yield from walk(getattr(value, name))
    elif isinstance(value, list | tuple):
        for item in value:
            yield from walk(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from walk(item)


def own_rules(registry: Registry, agreement: str, version: str) -> dict[str, Any]:
    """What the plugin itself supplies for a version (not what it inherits)."""
    hook = registry.pm.hook
    return {
        "ladders": hook.samverkan_ladders(agreement=agreement, version=version),
        "deadlines": hook.samverkan_deadlines(agreement=agreement, version=version),
        "cost_policy": hook.samverkan_cost_policy(agreement=agreement, version=version),
        "deviations": hook.samverkan_deviation_rules(agreement=agreement, version=version),
        "sip": [
            hook.samverkan_sip_requirements(agreement=agreement, version=version, context=c)
            for c in SIP_CONTEXTS
        ],
    }


@pytest.mark.parametrize("agreement_id", AGREEMENTS)
def test_every_rule_is_cited_with_a_strength(registry: Registry, agreement_id: str) -> None:
    agreement = registry.agreement(agreement_id)
    everything = [agreement] + [
        own_rules(registry, agreement_id, v.key) for v in agreement.versions
    ]
    citations = [x for x in walk(everything) if isinstance(x, Citation)]
    assert len(citations) > 10
    for citation in citations:
        assert citation.document.strip() and citation.clause.strip(), citation
    for node in walk(everything):
        if hasattr(node, "strength") and isinstance(node, msgspec.Struct):
            assert isinstance(node.strength, Strength), node
        if hasattr(node, "citation") and isinstance(node, msgspec.Struct):
            assert isinstance(node.citation, Citation), node


@pytest.mark.parametrize("agreement_id", AGREEMENTS)
def test_versions_are_ordered_and_do_not_overlap(registry: Registry, agreement_id: str) -> None:
    agreement = registry.agreement(agreement_id)
    spans = sorted((v.valid_from, v.valid_to) for v in agreement.versions)
    assert spans
    for start, end in spans:
        assert start <= end
    for (_, end), (start, _) in itertools.pairwise(spans):
        assert end < start
    for version in agreement.versions:
        if version.refines:
            parent = registry.version(version.refines)
            assert parent.valid_from <= version.valid_from and version.valid_to <= parent.valid_to


@pytest.mark.parametrize("agreement_id", AGREEMENTS)
def test_parties(registry: Registry, agreement_id: str) -> None:
    agreement = registry.agreement(agreement_id)
    codes = [m.code for m in agreement.parties.municipalities]
    assert codes and len(codes) == len(set(codes))
    assert all(code.startswith(agreement.parties.region_code) for code in codes)
    if agreement.parent:
        parent_codes = {m.code for m in registry.agreement(agreement.parent).parties.municipalities}
        assert set(codes) <= parent_codes


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Parametrise ``agreement_version`` over every version of every loaded plugin."""
    if "agreement_version" in metafunc.fixturenames:
        registry = Registry(make_plugin_manager(list(AGREEMENTS)), Settings())
        refs = [VersionRef(agreement=a, version=v) for a, v in versions(registry)]
        metafunc.parametrize(
            "agreement_version", refs, ids=[f"{r.agreement}/{r.version}" for r in refs]
        )


def test_ladders_in_force_are_ordered_and_complete(
    registry: Registry, agreement_version: VersionRef
) -> None:
    version = registry.version(agreement_version)
    in_force = registry.in_force(agreement_version.agreement, version.valid_from)
    assert in_force.version.key == version.key
    ladders = registry.ladders(in_force)
    assert ladders, "no ladder"
    kinds = [ladder.kind for ladder, _ in ladders]
    assert len(kinds) == len(set(kinds))
    covered: set[str] = set()
    for ladder, _ in ladders:
        assert isinstance(ladder, Ladder) and ladder.tiers
        keys = [t.key for t in ladder.tiers]
        assert len(keys) == len(set(keys))
        assert ladder.temporary_arrangement.strength == Strength.SHALL
        covered |= set(ladder.subjects)
        for tier in ladder.tiers:
            for field in tier.form:
                assert field.label and field.label_en
    assert {"responsibility", "cost", "interpretation", "deviation"} <= covered


def test_cost_policy_and_deadlines(registry: Registry, agreement_version: VersionRef) -> None:
    version = registry.version(agreement_version)
    in_force = registry.in_force(agreement_version.agreement, version.valid_from)
    policy, _ = registry.cost_policy(in_force)
    assert isinstance(policy, CostPolicy)
    if policy.schablon:
        total = Fraction(policy.schablon.region.numerator, policy.schablon.region.denominator)
        total += Fraction(
            policy.schablon.municipality.numerator, policy.schablon.municipality.denominator
        )
        assert total == 1
        assert policy.schablon.strength == Strength.MAY  # an option, never automatic
    else:
        assert policy.no_schablon is not None
    assert policy.units and set(policy.units) <= {"percent", "amount"}
    assert {f.key for f in policy.agreement_fields} <= set(COST_AGREEMENT_FIELD_KEYS)
    deadlines = registry.deadlines(in_force)
    assert policy.acute.deadline in deadlines
    for name, (rule, _) in deadlines.items():
        assert isinstance(rule, DeadlineRule) and rule.name == name
        assert rule.period.amount > 0


def test_sip_requirements(registry: Registry, agreement_version: VersionRef) -> None:
    version = registry.version(agreement_version)
    in_force = registry.in_force(agreement_version.agreement, version.valid_from)
    for context in SIP_CONTEXTS:
        requirements, _ = registry.sip_requirements(in_force, context)
        assert isinstance(requirements, SipRequirements)
        assert requirements.fields
        assert {f.key for f in requirements.fields} <= set(SIP_FIELD_KEYS)


def test_every_model_round_trips(registry: Registry, agreement_version: VersionRef) -> None:
    version = registry.version(agreement_version)
    in_force = registry.in_force(agreement_version.agreement, version.valid_from)
    agreement = registry.agreement(agreement_version.agreement)
    samples: list[Any] = [agreement, registry.cost_policy(in_force)[0]]
    samples += [ladder for ladder, _ in registry.ladders(in_force)]
    samples += [rule for rule, _ in registry.deadlines(in_force).values()]
    samples += [registry.sip_requirements(in_force, c)[0] for c in SIP_CONTEXTS]
    for sample in samples:
        encoded = msgspec.json.encode(sample)
        assert msgspec.json.decode(encoded, type=type(sample)) == sample


def test_built_in_agreements_are_what_the_docs_say(registry: Registry) -> None:
    assert isinstance(registry.agreement("vgr"), Agreement)
    assert len(registry.agreement("vgr").parties.municipalities) == 49
    assert len(registry.agreement("dalarna").parties.municipalities) == 15
    assert len(registry.agreement("sodra_alvsborg").parties.municipalities) == 8
    assert len(registry.agreement("goteborg").parties.municipalities) == 5
    assert registry.in_force("vgr", dt.date(2026, 12, 31)).version.key == "ok-2017"
    assert registry.in_force("vgr", dt.date(2027, 1, 1)).version.key == "hsa-2027"


def test_a_refining_policy_keeps_the_parents_keyed_rules(registry: Registry) -> None:
    """Södra Älvsborg's routine does not restate ÖK 3.5 "Inför avslut av placering ska gemensam
    planering för vidare insatser göras"; refining must not lose it. Göteborg restates it in its
    own words, so its own rule stands and the parent's is not added twice."""
    sa, _ = registry.cost_policy(registry.in_force("sodra_alvsborg", dt.date(2026, 6, 1)))
    ending = [r for r in sa.notes if r.key == "joint_planning_before_end"]
    assert [r.citation.document for r in ending] == ["ÖK 2017"]
    gbg, _ = registry.cost_policy(registry.in_force("goteborg", dt.date(2026, 6, 1)))
    ending = [r for r in gbg.notes if r.key == "joint_planning_before_end"]
    assert len(ending) == 1 and "Göteborg" in ending[0].citation.document
    for policy in (sa, gbg):
        keys = [r.key for r in (*policy.prerequisites, *policy.notes) if r.key]
        assert len(keys) == len(set(keys))
        assert set(keys) <= set(RULE_KEYS)
