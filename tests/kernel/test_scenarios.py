"""Scenario files (OpenFisca style): each plugin ships ``scenarios/rules.toml`` in its package.

The runner finds them through the ``samverkan`` entry points (:func:`core.plugins.scenario_files`),
so an installed third-party plugin's scenarios run the same way as the built-in ones. Each
``[[scenario]]`` names a date, a check, its input and the expected values, computed by hand from
the source text; its ``agreement`` is the entry point's name unless it names one. The runner
calls the same service functions the API calls. A scenario may carry ``config``: the
``[agreements.<id>]`` table of ``config/samverkan.toml`` it runs under (e.g. a written notice,
``notice_given_on``).
"""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path
from typing import Any

import msgspec
import pytest

from samverkan.kernel.clock import Clock
from samverkan.kernel.config import AgreementConfig, Settings
from samverkan.kernel.errors import ProblemError
from samverkan.kernel.loading import make_plugin_manager, scenario_files
from samverkan.kernel.registry import Registry
from samverkan.kernel.rulebook import RuleBook
from samverkan.kernel.sip import SipCheckRequest
from samverkan.kernel.split import SplitRequest
from tests.support.plugin_data import AGREEMENTS
from tests.support.thirdparty import ACME_DECLARED, ACME_SCENARIOS, make_distribution


def _scenarios(name: str, text: str) -> list[dict[str, Any]]:
    scenarios: list[dict[str, Any]] = tomllib.loads(text)["scenario"]
    for scenario in scenarios:
        scenario.setdefault("agreement", name)
    return scenarios


def _load() -> list[Any]:
    return [
        pytest.param(scenario, id=f"{name}:{index}:{scenario['name']}")
        for name, path in sorted(scenario_files("rules").items())
        for index, scenario in enumerate(_scenarios(name, path.read_text()))
    ]


def observe(service: RuleBook, scenario: dict[str, Any]) -> dict[str, Any]:
    """What the service answers for one scenario, as the flat values ``expect`` names."""
    agreement, on, check = scenario["agreement"], scenario["on"], scenario["check"]
    given = scenario.get("input", {})
    registry = service.registry
    try:
        if check == "version":
            in_force = registry.in_force(agreement, on)
            return {
                "version": in_force.version.key,
                "version_agreement": in_force.version_agreement,
                "notice_count": len(in_force.notices),
                "notice_documents": [n.citation.document for n in in_force.notices],
                "text_ends_on": in_force.validity.text_ends_on,
                "ends_on": in_force.validity.ends_on,
                "extends": in_force.validity.extends,
                "term": in_force.validity.term,
            }
        if check == "ladder":
            in_force = registry.in_force(agreement, on)
            if "subject" in given:
                ladder, _ = registry.ladder_for_subject(in_force, given["subject"])
            else:
                ladder, _ = registry.ladder(in_force, given.get("kind"))
            linked = bool(given.get("placement", False))
            return {
                "kind": ladder.kind,
                "kinds": [lad.kind for lad, _ in registry.ladders(in_force)],
                "tiers": [t.key for t in ladder.tiers],
                "days": [t.time_limit.period.amount if t.time_limit else 0 for t in ladder.tiers],
                "expiry": [t.time_limit.on_expiry if t.time_limit else "" for t in ladder.tiers],
                "outcomes": [t.outcome for t in ladder.tiers],
                "labels": [t.case_label for t in ladder.tiers],
                "paces": [t.pace for t in ladder.tiers],
                "form": {t.key: [f.key for f in t.form] for t in ladder.tiers if t.form},
                "retroactive": [
                    r.from_ if (r := t.retroactivity(given.get("subject", ""), linked)) else "none"
                    for t in ladder.tiers
                ],
                "documents": [t.citation.document for t in ladder.tiers],
            }
        if check == "responsibilities":
            found = registry.responsibilities(registry.in_force(agreement, on))
            return {
                "keys": [r.key for r in found],
                "kinds": {r.key: r.kind for r in found},
                "strengths": {r.key: str(r.strength) for r in found},
                "clauses": {r.key: r.citation.clause.split(" ")[0] for r in found},
                "exceptions": {r.key: r.exception_to for r in found if r.exception_to},
            }
        if check == "deadline":
            answer = service.deadline(agreement, given["name"], given["from"], on)
            return {"due": answer.due_on, "kind": answer.kind, "strength": answer.strength}
        if check == "split":
            request = msgspec.convert({**given, "on": on.isoformat()}, SplitRequest, strict=False)
            answer = service.split(agreement, request)
            return msgspec.to_builtins(answer.amounts_ore)
        if check == "sip":
            request = msgspec.convert({**given, "on": on.isoformat()}, SipCheckRequest)
            answer = service.sip_check(agreement, request)
            return {
                "complete": answer.complete,
                "missing": sorted(e.field.removeprefix("sip.") for e in answer.missing),
                "warnings": sorted(e.field.removeprefix("sip.") for e in answer.warnings),
            }
        if check == "cost_policy":
            policy, _ = registry.cost_policy(registry.in_force(agreement, on))
            sch = policy.schablon
            return {
                "schablon": (
                    f"{sch.region.numerator}/{sch.region.denominator},"
                    f"{sch.municipality.numerator}/{sch.municipality.denominator}"
                    if sch
                    else "none"
                ),
                "units": list(policy.units),
                "planned": policy.retroactivity.planned,
                "acute": policy.retroactivity.acute,
                "placing_parties": list(policy.placing_parties),
                "assumption": bool(policy.assumption),
                "agreement_fields": [f.key for f in policy.agreement_fields],
                "rules": {
                    r.key: r.citation.document for r in (*policy.prerequisites, *policy.notes)
                },
            }
    except ProblemError as exc:
        return {"error": exc.status, "detail": exc.detail}
    raise AssertionError(f"unknown check {check!r}")


def _normalise(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return [_normalise(v) for v in value]
    if isinstance(value, dict):
        return {k: _normalise(v) for k, v in value.items()}
    return value


def _configured(scenario: dict[str, Any]) -> RuleBook:
    """A service whose config declares the scenario's ``[agreements.<id>]`` table."""
    settings = Settings(
        enabled=list(AGREEMENTS),
        agreements={scenario["agreement"]: msgspec.convert(scenario["config"], AgreementConfig)},
    )
    return RuleBook(Registry(make_plugin_manager(settings.enabled), settings), Clock())


def check(service: RuleBook, scenario: dict[str, Any]) -> None:
    """The service's answer for the scenario has every value it expects."""
    observed = observe(service, scenario)
    expected = scenario["expect"]
    for key, want in expected.items():
        assert key in observed, f"{key!r} not observed; observed: {observed}"
        got = observed[key]
        if key in {"missing", "warnings"}:
            got, want = sorted(got), sorted(want)
        if key == "rules":  # the rules named, each with the document it is cited to
            got = {k: got.get(k) for k in want}
        assert _normalise(got) == _normalise(want), f"{key}: {observed}"


@pytest.mark.parametrize("scenario", _load())
def test_scenario(rulebook: RuleBook, scenario: dict[str, Any]) -> None:
    check(_configured(scenario) if "config" in scenario else rulebook, scenario)


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
    scenarios = _scenarios("acme", found["acme"].read_text())
    assert len(scenarios) == 3
    for scenario in scenarios:
        check(service, scenario)
    with pytest.raises(AssertionError):  # the checks can fail: a wrong expectation is caught
        check(service, {**scenarios[1], "expect": {"days": [30]}})
