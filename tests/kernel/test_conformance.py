"""Every loaded plugin conforms: citations everywhere, sane ladders, versions, shares."""

from __future__ import annotations

import ast
import datetime as dt
import itertools
from fractions import Fraction
from pathlib import Path
from typing import Any

import msgspec
import pytest

from samverkan.inherit import policy_rules, restated
from samverkan.kernel.config import Settings
from samverkan.kernel.loading import make_plugin_manager
from samverkan.kernel.registry import Registry, VersionRef
from samverkan.models import (
    COST_AGREEMENT_FIELD_KEYS,
    RULE_KEYS,
    SIP_CONTEXTS,
    SIP_FIELD_KEYS,
    Agreement,
    Citation,
    CostPolicy,
    DeadlineRule,
    Ladder,
    Responsibility,
    Rule,
    SipRequirements,
    Strength,
)
from tests.support.plugin_data import AGREEMENTS, own_rules, versions, walk


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
    samples += [*registry.responsibilities(in_force), in_force.validity]
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


def test_every_cost_policy_rule_has_a_key(
    registry: Registry, agreement_version: VersionRef
) -> None:
    """Keys are how a later text restates a rule (samverkan.inherit): every prerequisite and note of
    every cost policy a plugin supplies carries one, unique within the policy."""
    policy = registry.pm.hook.samverkan_cost_policy(
        agreement=agreement_version.agreement, version=agreement_version.version
    )
    if policy is None:
        return
    rules = (*policy.prerequisites, *policy.notes)
    keys = [r.key for r in rules]
    assert all(keys), [r.text for r in rules if not r.key]
    assert len(keys) == len(set(keys)), keys


def test_no_parent_rule_vanishes_in_a_sub_regional_version(registry: Registry) -> None:
    """Walk every sub-regional version: each prerequisite and note of the parent version's cost
    policy is in the merged policy, unchanged, unless the child restates its key or names it in
    ``replaces``."""
    walked = 0
    for agreement in registry.agreements.values():
        for version in agreement.versions:
            if version.refines is None:
                continue
            walked += 1
            hook = registry.pm.hook.samverkan_cost_policy
            own = hook(agreement=agreement.id, version=version.key)
            parent = hook(agreement=version.refines.agreement, version=version.refines.version)
            merged, _ = registry.cost_policy(registry.in_force(agreement.id, version.valid_from))
            if own is None:  # the whole policy is inherited
                assert merged == parent
                continue
            named = restated(policy_rules(own))
            kept = [*merged.prerequisites, *merged.notes]
            for rule in (*parent.prerequisites, *parent.notes):
                if rule.key in named:
                    assert any(r.key == rule.key or rule.key in r.replaces for r in kept), rule.key
                else:
                    assert rule in kept, f"{agreement.id}/{version.key} loses {rule.key}"
            keys = [r.key for r in kept]
            assert len(keys) == len(set(keys)), keys
            assert {k for k in keys if k in RULE_KEYS} >= {
                r.key for r in parent.prerequisites if r.key in RULE_KEYS
            }
    assert walked >= 2


def test_sub_regional_cost_policies_carry_the_ok_3_5_and_3_6_rules(registry: Registry) -> None:
    """ÖK 3.5's coordination responsibility and right to perform insatser oneself, and 3.6's
    split for LPT/LRV placements, bind the sub-regions too."""
    for agreement, own_performance in (
        ("sodra_alvsborg", "Rutin tvistehantering Södra Älvsborg"),
        ("goteborg", "ÖK 2017"),
    ):
        policy, _ = registry.cost_policy(registry.in_force(agreement, dt.date(2026, 6, 1)))
        by_key = {r.key: r for r in (*policy.prerequisites, *policy.notes)}
        coordination = by_key["coordination_responsibility"].citation
        assert (coordination.document, coordination.clause) == ("ÖK 2017", "3.5 Ansvar")
        assert "yttersta samordningsansvaret" in coordination.quote
        assert by_key["compulsory_care_placements"].citation.clause.startswith("3.6")
        assert by_key["own_performance"].citation.document == own_performance
    sa, _ = registry.cost_policy(registry.in_force("sodra_alvsborg", dt.date(2026, 6, 1)))
    own = next(r for r in sa.notes if r.key == "own_performance")
    assert own.citation.quote.startswith("Varje huvudman äger själv rätt")


def test_a_renewal_belongs_to_the_last_version(registry: Registry) -> None:
    for agreement in registry.agreements.values():
        last = max(agreement.versions, key=lambda v: v.valid_to)
        for version in agreement.versions:
            if version.renewal is not None:
                assert version is last and version.extension is not None
                assert version.renewal.period.amount > 0 and version.renewal.notice.amount > 0


@pytest.mark.parametrize("agreement_id", AGREEMENTS)
def test_responsibilities_are_cited_and_consistent(registry: Registry, agreement_id: str) -> None:
    for version in registry.agreement(agreement_id).versions:
        found = registry.responsibilities(registry.in_force(agreement_id, version.valid_from))
        keys = [r.key for r in found]
        assert len(keys) == len(set(keys))
        for rule in found:
            assert isinstance(rule, Responsibility)
            assert rule.citation.quote and (rule.region or rule.municipality)
            assert not rule.exception_to or rule.exception_to in keys
            assert (rule.assessment is not None) == (rule.kind == "principle")


@pytest.mark.parametrize("agreement_id", AGREEMENTS)
def test_no_citation_points_to_the_working_summary(registry: Registry, agreement_id: str) -> None:
    """Users never see DOMAIN.md: a note states its reading itself."""
    agreement = registry.agreement(agreement_id)
    everything = [agreement] + [
        own_rules(registry, agreement_id, v.key) for v in agreement.versions
    ]
    for citation in (x for x in walk(everything) if isinstance(x, Citation)):
        assert "DOMAIN" not in citation.note and "DOMAIN" not in citation.quote, citation


@pytest.mark.parametrize("agreement_id", AGREEMENTS)
def test_a_should_is_worded_as_a_should(registry: Registry, agreement_id: str) -> None:
    """A rule the text words as a should (bör, det är viktigt att) never says "must" in English."""
    agreement = registry.agreement(agreement_id)
    everything = [own_rules(registry, agreement_id, v.key) for v in agreement.versions]
    for node in walk(everything):
        if isinstance(node, Rule) and node.strength == Strength.SHOULD:
            assert " must " not in f" {node.text} " and " shall " not in f" {node.text} ", node


def test_dalarnas_routing_of_subjects_is_said_to_be_a_reading(registry: Registry) -> None:
    in_force = registry.in_force("dalarna", dt.date(2025, 3, 1))
    for ladder, _ in registry.ladders(in_force):
        note = ladder.citation.note
        assert "Reading" in note and "12.2 or 12.3" in note, ladder.kind
    local, _ = registry.ladder(in_force, "local")
    assert "kostnads- och ansvarsfördelning" in local.citation.note
    regional, _ = registry.ladder(in_force, "regional")
    assert "brister i följsamhet" in regional.citation.note


#: What a plugin's modules may be called: each named after what it holds.
MODULE_NAMES = {
    "agreement",  # parties, versions and their validity, fallback
    "documents",  # the source texts, their headings and citation helpers
    "ladders",
    "deadlines",
    "cost",
    "sip",
    "deviations",
    "responsibilities",
    "assumption",  # a project assumption a version rests on (vgr's HSA 2027)
    "followup",  # how the version is followed up (uppföljning)
}


def test_plugins_are_alike() -> None:
    """Every built-in plugin names its modules from one list, and each module starts with a
    docstring (pointing to the sections of the text it encodes)."""
    root = Path(__file__).resolve().parents[2] / "plugins"
    packages = sorted(p for p in root.iterdir() if (p / "__init__.py").is_file())
    assert [p.name for p in packages] == sorted(AGREEMENTS)
    for package in packages:
        modules = sorted(package.rglob("*.py"))
        names = {m.stem for m in modules} - {"__init__"}
        assert {"agreement", "documents", "ladders", "cost", "sip"} <= names, package.name
        assert names <= MODULE_NAMES, names - MODULE_NAMES
        for module in modules:
            assert ast.get_docstring(ast.parse(module.read_text())), module
        assert (package / "scenarios" / "rules.toml").is_file(), package.name


def test_the_hsa_carries_the_ok_3_5_rules_forward(registry: Registry) -> None:
    """The 2027 VGR version states what differs from the ÖK's placement rules and takes the rest
    (samverkan.inherit): no ÖK 3.5 rule is lost, its own notes come first, and the main rule, the
    acute deadline and the placement SIP it carries say so in their citations."""
    hook = registry.pm.hook
    ok = hook.samverkan_cost_policy(agreement="vgr", version="ok-2017")
    hsa = hook.samverkan_cost_policy(agreement="vgr", version="hsa-2027")
    assert hsa.assumption and not ok.assumption
    assert [r.key for r in hsa.notes[:2]] == ["pending_sub_agreement", "hvb_health_care"]
    assert hsa.notes[2:] == ok.notes and hsa.prerequisites == ok.prerequisites
    for part in ("schablon", "units", "units_rule", "acute", "agreement_fields", "placing_rule"):
        assert getattr(hsa, part) == getattr(ok, part), part
    assert hsa.retroactivity.planned == ok.retroactivity.planned
    assert hsa.retroactivity.dispute_outcome.citation.document == "HSA 2027"
    [deadline] = hook.samverkan_deadlines(agreement="vgr", version="hsa-2027")
    placement = hook.samverkan_sip_requirements(
        agreement="vgr", version="hsa-2027", context="placement"
    )
    for carried in (hsa.main_rule.citation, deadline.citation, placement.citation):
        assert carried.document == "ÖK 2017" and "carried forward" in carried.note
    assert deadline.assumption == hsa.assumption
