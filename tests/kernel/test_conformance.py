"""The built-in plugins pass the plugin kit, the same checks and scenario runner any plugin
author runs (``samverkan.kit``; the settlements, which run through the API, are in
``tests/api/test_settlement_scenarios.py``), and what is particular to the four agreements."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from samverkan.kernel.registry import Registry
from samverkan.kit import kit_for
from samverkan.kit.cases import kit_cases
from samverkan.models import (
    Agreement,
    Citation,
)
from tests.support.plugin_data import AGREEMENTS, own_rules, walk

#: The source texts beside the checkout (``../shared/seeds``), named ``<document id>.txt``.
SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"

#: Every check and every rule scenario of the plugin kit, on each built-in plugin.
test_kit = kit_for(*AGREEMENTS, skip=("settlements",), texts=SEEDS)


def test_built_in_agreements_are_what_the_docs_say(registry: Registry) -> None:
    assert isinstance(registry.agreement("vgr"), Agreement)
    assert len(registry.agreement("vgr").parties.municipalities) == 49
    assert len(registry.agreement("dalarna").parties.municipalities) == 15
    assert len(registry.agreement("sodra_alvsborg").parties.municipalities) == 8
    assert len(registry.agreement("goteborg").parties.municipalities) == 5
    assert registry.in_force("vgr", dt.date(2026, 12, 31)).version.key == "ok-2017"
    assert registry.in_force("vgr", dt.date(2027, 1, 1)).version.key == "hsa-2027"


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


@pytest.mark.parametrize("agreement_id", AGREEMENTS)
def test_no_citation_points_to_the_working_summary(registry: Registry, agreement_id: str) -> None:
    """Users never see DOMAIN.md: a note states its reading itself."""
    agreement = registry.agreement(agreement_id)
    everything = [agreement] + [
        own_rules(registry, agreement_id, v.key) for v in agreement.versions
    ]
    for citation in (x for x in walk(everything) if isinstance(x, Citation)):
        assert "DOMAIN" not in citation.note and "DOMAIN" not in citation.quote, citation


def test_dalarnas_routing_of_subjects_is_said_to_be_a_reading(registry: Registry) -> None:
    in_force = registry.in_force("dalarna", dt.date(2025, 3, 1))
    for ladder, _ in registry.ladders(in_force):
        note = ladder.citation.note
        assert "Reading" in note and "12.2 or 12.3" in note, ladder.kind
    local, _ = registry.ladder(in_force, "local")
    assert "kostnads- och ansvarsfördelning" in local.citation.note
    regional, _ = registry.ladder(in_force, "regional")
    assert "brister i följsamhet" in regional.citation.note


def test_the_plugins_folder_holds_the_built_in_four() -> None:
    """Every package in plugins/ is a built-in agreement the kit above checks."""
    root = Path(__file__).resolve().parents[2] / "plugins"
    packages = sorted(p.name for p in root.iterdir() if (p / "__init__.py").is_file())
    assert packages == sorted(AGREEMENTS)


def test_the_quotes_are_compared_with_the_seeds() -> None:
    """Where the seeds are beside the checkout (as in CI), the kit's quote check compares every
    quote of every built-in plugin with them rather than skipping."""
    if not SEEDS.is_dir():
        pytest.skip(f"the source texts are not beside the checkout ({SEEDS} is missing)")
    cases = kit_cases(AGREEMENTS, only=("quotes",), texts=SEEDS)
    assert [(c.name, c.run().status) for c in cases] == [
        (f"{a}:quotes", "pass") for a in AGREEMENTS
    ]


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
