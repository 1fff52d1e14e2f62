"""The kit's cases: every check, each scenario and the settlements of each plugin named, ready
to run from pytest (:func:`samverkan.kit.kit_for`) or the command line (``samverkan plugin
check``), and the report the command prints."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from samverkan.kernel.clock import Clock
from samverkan.kernel.rulebook import RuleBook
from samverkan.kit import checks, rule_checks, scenarios, settlements
from samverkan.kit.checks import Check, Skip
from samverkan.kit.locate import located
from samverkan.kit.subject import Subject, load

#: Every check, in the order the report shows them.
CHECKS: tuple[Check, ...] = (
    Check("loads", "the entry point loads and supplies the agreement named after it", checks.loads),
    Check("structure", "every value as the model allows; what start-up refuses", checks.structure),
    Check("todo", "nothing the scaffold left to fill in (TODO)", checks.todo),
    Check("layout", "modules named after what they hold, each with a docstring", checks.layout),
    Check("citations", "every rule cited: document, clause, quote", checks.citations),
    Check("quotes", "every quote stands in its source text", checks.quotes),
    Check(
        "versions", "versions follow each other; refinements within their parent", checks.versions
    ),
    Check("parties", "municipalities once each, SCB codes in the county", checks.parties),
    Check("ladders", "ladders for every dispute subject", rule_checks.ladders),
    Check("deadlines", "every named deadline computes a date", rule_checks.deadlines),
    Check(
        "cost-policy", "a cost policy consistent with its split methods", rule_checks.cost_policy
    ),
    Check("sip", "SIP requirements for every context", rule_checks.sip),
    Check("responsibilities", "responsibility rules say who answers", rule_checks.responsibilities),
    Check(
        "follow-up",
        "the follow-up names its rules; asks point to the report",
        rule_checks.follow_up,
    ),
)
#: The scenario runs, after the checks.
RUNS = {
    "scenarios": "the plugin's rule scenarios (scenarios/rules.toml)",
    "settlements": "the plugin's settlement scenarios, through the API (scenarios/settlements.toml)",
}
NAMES = (*(c.name for c in CHECKS), *RUNS)


@dataclass
class Result:
    status: Literal["pass", "fail", "skip"]
    problems: list[str] = field(default_factory=list)
    note: str = ""


@dataclass
class Case:
    """One thing the kit checks: a check of one plugin, one of its scenarios, or its
    settlements. ``name`` is the test id (``exempel:ladders``, ``exempel:scenario:3:…``)."""

    plugin: str
    check: str
    name: str
    title: str
    runner: Callable[[], Result] = field(repr=False)

    def run(self) -> Result:
        try:
            return self.runner()
        except Skip as exc:
            return Result("skip", note=str(exc))
        except Exception as exc:  # a check that cannot run on broken data says so
            return Result("fail", [f"the check cannot run: {type(exc).__name__}: {exc}"])


def _problems(found: Iterable[str]) -> Result:
    listed = list(found)
    return Result("fail", listed) if listed else Result("pass")


#: The checks whose problems name rules by path (each gets the file and line of its rule), and
#: the module that holds what each checks.
LOCATED = {
    "structure": "",
    "citations": "",
    "quotes": "",
    "versions": "agreement",
    "parties": "agreement",
    "ladders": "ladders",
    "deadlines": "deadlines",
    "cost-policy": "cost",
    "sip": "sip",
    "responsibilities": "responsibilities",
    "follow-up": "followup",
}


def _check_case(subject: Callable[[], Subject], check: Check) -> Callable[[], Result]:
    def run() -> Result:
        loaded = subject()
        problems = list(check.run(loaded))
        if check.name in LOCATED:
            problems = located(problems, loaded.package, LOCATED[check.name])
        return _problems(problems)

    return run


def _scenario_cases(plugin: str, subject: Callable[[], Subject]) -> list[Case]:
    loaded = subject()
    path = loaded.package / "scenarios" / "rules.toml" if loaded.package else None
    title = RUNS["scenarios"]
    if path is None or not path.is_file():
        missing = Result("fail", ["ships no scenarios/rules.toml in its package"])
        return [Case(plugin, "scenarios", f"{plugin}:scenarios", title, lambda: missing)]
    found = scenarios.read(path, plugin)
    if not found:
        empty = Result("fail", [f"{path.name} has no [[scenario]]"])
        return [Case(plugin, "scenarios", f"{plugin}:scenarios", title, lambda: empty)]

    def runner(scenario: dict[str, object]) -> Callable[[], Result]:
        def run() -> Result:
            registry = checks.loaded(subject()).registry
            assert registry is not None
            if "config" in scenario:
                service = scenarios.configured(subject().enabled, dict(scenario))
            else:
                service = RuleBook(registry, Clock())
            return _problems(scenarios.problems(service, dict(scenario)))

        return run

    return [
        Case(plugin, "scenarios", f"{plugin}:scenario:{i}:{s.get('name', '')}", title, runner(s))
        for i, s in enumerate(found, 1)
    ]


def _settlements(subject: Callable[[], Subject]) -> Result:
    loaded = checks.loaded(subject())
    path = loaded.package / "scenarios" / "settlements.toml" if loaded.package else None
    if path is None or not path.is_file():
        raise Skip("ships no scenarios/settlements.toml")
    ran = settlements.run(loaded.enabled, loaded.name, path)
    if not ran:
        return Result("fail", [f"{path.name} has no [[scenario]]"])
    return _problems(f"scenario {name}: {p}" for name, found in ran.items() for p in found)


def kit_cases(
    plugins: Sequence[str],
    *,
    skip: Sequence[str] = (),
    only: Sequence[str] = (),
    texts: Path | str | None = None,
) -> list[Case]:
    """The cases for each installed plugin named (by entry-point name).

    :param skip: checks not to run (``NAMES``); ``only``: run just these.
    :param texts: a folder of source texts (``<document id>.txt``) instead of each package's
        ``texts/``.
    :raises ValueError: a check name that does not exist.
    """
    unknown = sorted((set(skip) | set(only)) - set(NAMES))
    if unknown:
        raise ValueError(f"no check {', '.join(unknown)}; checks: {', '.join(NAMES)}")
    wanted = [n for n in NAMES if n not in skip and (not only or n in only)]
    cases: list[Case] = []
    for plugin in plugins:
        subject = functools.cache(lambda p=plugin: load(p, Path(texts) if texts else None))
        for check in CHECKS:
            if check.name in wanted:
                name = f"{plugin}:{check.name}"
                cases.append(
                    Case(plugin, check.name, name, check.title, _check_case(subject, check))
                )
        if "scenarios" in wanted:
            cases += _scenario_cases(plugin, subject)
        if "settlements" in wanted:
            cases.append(
                Case(
                    plugin,
                    "settlements",
                    f"{plugin}:settlements",
                    RUNS["settlements"],
                    functools.partial(_settlements, subject),
                )
            )
    return cases


def report(cases: Sequence[Case]) -> tuple[list[str], bool]:
    """The lines ``samverkan plugin check`` prints, and whether every case passed."""
    lines: list[str] = []
    counts = {"pass": 0, "fail": 0, "skip": 0}
    grouped: dict[tuple[str, str], list[tuple[Case, Result]]] = {}
    for case in cases:
        grouped.setdefault((case.plugin, case.check), []).append((case, case.run()))
    for (_, check), ran in grouped.items():
        failed = [(c, r) for c, r in ran if r.status == "fail"]
        status = (
            "fail" if failed else ("skip" if all(r.status == "skip" for _, r in ran) else "pass")
        )
        counts[status] += 1
        title = ran[0][0].title
        if len(ran) > 1:
            title += f": {len(ran) - len(failed)} of {len(ran)} pass"
        mark = {"pass": "ok  ", "fail": "FAIL", "skip": "skip"}[status]
        lines.append(f"  {mark}  {check:<17} {title}")
        if status == "skip":
            lines.append(f"          {ran[0][1].note}")
        for case, result in failed:
            if len(ran) > 1:
                lines.append(f"          {case.name.split(':', 2)[-1]}")
            lines += [f"          - {p}" for p in result.problems]
    ok = counts["fail"] == 0
    lines.append(
        f"{counts['pass']} passed, {counts['fail']} failed, {counts['skip']} skipped: "
        + ("the plugin passes the kit." if ok else "the plugin does not pass the kit yet.")
    )
    return lines, ok
