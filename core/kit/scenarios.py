"""The scenario runner (OpenFisca style): ``scenarios/rules.toml`` in a plugin's package.

Each ``[[scenario]]`` names a date (``on``), a ``check``, its ``input`` and the values it
expects (``expect``), computed by hand from the source text; its ``agreement`` is the plugin's
unless it names one. A scenario may carry ``config``: the ``[agreements.<id>]`` table of
``config/samverkan.toml`` it runs under (e.g. a written notice, ``notice_given_on``). The runner
asks the same rule book the API asks; ``expect`` lists only the values it asserts:

- ``version``: ``version``, ``version_agreement``, ``notice_count``, ``notice_documents``,
  ``text_ends_on``, ``ends_on``, ``extends``, ``term``, or ``error`` (the HTTP status)
- ``ladder`` (input ``kind`` or ``subject``, ``placement``): ``kind``, ``kinds``, ``tiers``,
  ``days`` (0 without a limit), ``expiry``, ``outcomes``, ``labels``, ``paces``, ``form``
  (tier -> field keys), ``retroactive``, ``documents``
- ``responsibilities``: ``keys``, ``kinds``, ``strengths``, ``clauses``, ``exceptions``
- ``deadline`` (input ``name``, ``from``): ``due``, ``kind``, ``strength``
- ``split`` (input as ``POST …/cost-split``): ``region``, ``municipality``
- ``sip`` (input ``context``, ``sip``): ``complete``, ``missing``, ``warnings`` (field keys)
- ``cost_policy``: ``schablon`` ("1/3,2/3" or "none"), ``units``, ``planned``, ``acute``,
  ``placing_parties``, ``assumption``, ``agreement_fields``, ``rules`` (key -> document)
"""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path
from typing import Any

import msgspec

from samverkan.kernel.clock import Clock
from samverkan.kernel.config import AgreementConfig, Settings
from samverkan.kernel.errors import ProblemError
from samverkan.kernel.loading import make_plugin_manager
from samverkan.kernel.registry import Registry
from samverkan.kernel.rulebook import RuleBook
from samverkan.kernel.sip import SipCheckRequest
from samverkan.kernel.split import SplitRequest

CHECKS = ("version", "ladder", "responsibilities", "deadline", "split", "sip", "cost_policy")


def read(path: Path, agreement: str) -> list[dict[str, Any]]:
    """The file's scenarios, each with its ``agreement`` (default: ``agreement``)."""
    scenarios: list[dict[str, Any]] = tomllib.loads(path.read_text(encoding="utf-8")).get(
        "scenario", []
    )
    for scenario in scenarios:
        scenario.setdefault("agreement", agreement)
    return scenarios


def _ladder(
    registry: Registry, agreement: str, on: dt.date, given: dict[str, Any]
) -> dict[str, Any]:
    in_force = registry.in_force(agreement, on)
    if "subject" in given:
        ladder, _ = registry.ladder_for_subject(in_force, given["subject"])
    else:
        ladder, _ = registry.ladder(in_force, given.get("kind"))
    linked = bool(given.get("placement", False))
    tiers = ladder.tiers
    return {
        "kind": ladder.kind,
        "kinds": [lad.kind for lad, _ in registry.ladders(in_force)],
        "tiers": [t.key for t in tiers],
        "days": [t.time_limit.period.amount if t.time_limit else 0 for t in tiers],
        "expiry": [t.time_limit.on_expiry if t.time_limit else "" for t in tiers],
        "outcomes": [t.outcome for t in tiers],
        "labels": [t.case_label for t in tiers],
        "paces": [t.pace for t in tiers],
        "form": {t.key: [f.key for f in t.form] for t in tiers if t.form},
        "retroactive": [
            r.from_ if (r := t.retroactivity(given.get("subject", ""), linked)) else "none"
            for t in tiers
        ],
        "documents": [t.citation.document for t in tiers],
    }


def _version(registry: Registry, agreement: str, on: dt.date) -> dict[str, Any]:
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


def _cost_policy(registry: Registry, agreement: str, on: dt.date) -> dict[str, Any]:
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
        "rules": {r.key: r.citation.document for r in (*policy.prerequisites, *policy.notes)},
    }


def observe(service: RuleBook, scenario: dict[str, Any]) -> dict[str, Any]:
    """What the service answers for one scenario, as the flat values ``expect`` names."""
    agreement, on, check = scenario["agreement"], scenario["on"], scenario["check"]
    given = scenario.get("input", {})
    registry = service.registry
    try:
        if check == "version":
            return _version(registry, agreement, on)
        if check == "ladder":
            return _ladder(registry, agreement, on, given)
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
            return msgspec.to_builtins(service.split(agreement, request).amounts_ore)
        if check == "sip":
            request = msgspec.convert({**given, "on": on.isoformat()}, SipCheckRequest)
            answer = service.sip_check(agreement, request)
            return {
                "complete": answer.complete,
                "missing": sorted(e.field.removeprefix("sip.") for e in answer.missing),
                "warnings": sorted(e.field.removeprefix("sip.") for e in answer.warnings),
            }
        if check == "cost_policy":
            return _cost_policy(registry, agreement, on)
    except ProblemError as exc:
        return {"error": exc.status, "detail": exc.detail}
    raise ValueError(f"unknown check {check!r}; checks: {', '.join(CHECKS)}")


def normalise(value: Any) -> Any:
    """Dates as ISO text, recursively (TOML dates and the service's dates compare equal)."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [normalise(v) for v in value]
    if isinstance(value, dict):
        return {k: normalise(v) for k, v in value.items()}
    return value


def configured(enabled: list[str], scenario: dict[str, Any]) -> RuleBook:
    """A rule book whose config declares the scenario's ``[agreements.<id>]`` table."""
    settings = Settings(
        enabled=enabled,
        agreements={scenario["agreement"]: msgspec.convert(scenario["config"], AgreementConfig)},
    )
    return RuleBook(Registry(make_plugin_manager(enabled), settings), Clock())


def problems(service: RuleBook, scenario: dict[str, Any]) -> list[str]:
    """Each value the scenario expects and the service does not answer, in words."""
    for needed in ("on", "check", "expect"):
        if needed not in scenario:
            return [f"the scenario has no {needed!r}"]
    try:
        observed = observe(service, scenario)
    except (KeyError, ValueError, msgspec.ValidationError) as exc:
        return [f"the scenario cannot be run: {type(exc).__name__}: {exc}"]
    found = []
    for key, want in scenario["expect"].items():
        if key not in observed:
            found.append(
                f"{key!r} is not observed for check {scenario['check']!r}; observed: {observed}"
            )
            continue
        got = observed[key]
        if key in {"missing", "warnings"}:
            got, want = sorted(got), sorted(want)
        if key == "rules" and isinstance(got, dict):  # the rules named, each with its document
            got = {k: got.get(k) for k in want}
        if normalise(got) != normalise(want):
            found.append(
                f"{key}: expected {normalise(want)!r}, the service answers {normalise(got)!r}"
            )
    return found
