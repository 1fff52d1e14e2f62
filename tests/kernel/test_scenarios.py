"""Scenario files (OpenFisca style): each plugin ships ``scenarios/rules.toml`` in its package,
found through its ``samverkan`` entry point (:func:`samverkan.kernel.loading.scenario_files`)
and run by the kit's runner (:mod:`samverkan.kit.scenarios`; the built-in plugins' scenarios
run in ``test_conformance.py`` as cases of the kit)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from samverkan.kernel.clock import Clock
from samverkan.kernel.config import Settings
from samverkan.kernel.loading import make_plugin_manager, scenario_files
from samverkan.kernel.registry import Registry
from samverkan.kernel.rulebook import RuleBook
from samverkan.kit import scenarios
from tests.support.plugin_data import AGREEMENTS
from tests.support.thirdparty import ACME_DECLARED, ACME_SCENARIOS, make_distribution


def test_every_agreement_has_scenarios(rulebook: RuleBook) -> None:
    assert set(rulebook.registry.agreements) <= set(scenario_files("rules"))


def test_a_third_party_plugins_scenarios_run_the_same_way(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An installed plugin package's ``scenarios/rules.toml`` is found through its entry point
    and runs through the same checks; a plugin without the file has none."""
    site = make_distribution(
        tmp_path,
        "acme",
        "acme_declared",
        ACME_DECLARED,
        target="acme_declared:plugin",
        files={"scenarios/rules.toml": ACME_SCENARIOS},
    )
    monkeypatch.syspath_prepend(str(site))
    found = scenario_files("rules")
    assert set(found) == {*AGREEMENTS, "acme"}
    assert "acme" not in scenario_files("settlements")
    settings = Settings(enabled=[*AGREEMENTS, "acme"])
    service = RuleBook(Registry(make_plugin_manager(settings.enabled), settings), Clock())
    read = scenarios.read(Path(str(found["acme"])), "acme")
    assert len(read) == 3 and {s["agreement"] for s in read} == {"acme"}
    for scenario in read:
        assert scenarios.problems(service, scenario) == []
    wrong = {**read[1], "expect": {"days": [30]}}  # the runner can fail: a wrong expectation
    assert scenarios.problems(service, wrong) == ["days: expected [30], the service answers [10]"]


def test_the_runner_says_what_it_cannot_run(rulebook: RuleBook) -> None:
    base = {"agreement": "vgr", "on": dt.date(2026, 6, 1), "expect": {"tiers": []}}
    assert scenarios.problems(rulebook, {**base, "check": "ladders"}) == [
        "the scenario cannot be run: ValueError: unknown check 'ladders'; checks: "
        + ", ".join(scenarios.CHECKS)
    ]
    assert scenarios.problems(rulebook, {"agreement": "vgr", "check": "ladder"}) == [
        "the scenario has no 'on'"
    ]
    observed = scenarios.problems(rulebook, {**base, "check": "ladder", "expect": {"nope": 1}})
    assert observed[0].startswith("'nope' is not observed for check 'ladder'")
