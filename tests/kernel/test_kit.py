"""The plugin kit's own tests: the example plugin passes every check; for each check a small
plugin broken in one place fails it, with its message (no hollow check); what start-up refuses
is what the check ``structure`` reports; the pytest plugin and the report.

The settlements check runs through the API: ``tests/api/test_kit_settlements.py``.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

from samverkan.kernel.config import Settings
from samverkan.kernel.loading import make_plugin_manager
from samverkan.kernel.plugindata import PluginDataError
from samverkan.kernel.registry import Registry
from samverkan.kit.cases import CHECKS, LOCATED, NAMES, Result, kit_cases, report
from samverkan.kit.checks import normalise, stands_in
from tests.support.kitfixtures import ALSO_FAILS, BROKEN, STRUCTURE, install

ROOT = Path(__file__).resolve().parents[2]
WITHOUT_API = tuple(name for name in NAMES if name != "settlements")


@pytest.fixture
def installed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest):  # type: ignore[no-untyped-def]
    """Install a copy of the example (patched) under a package name of its own."""

    def make(patches: dict[str, list[tuple[str, str]]] | None = None) -> str:
        package = "kitfix_" + re.sub(r"\W", "_", request.node.name)[:60]
        monkeypatch.syspath_prepend(str(install(tmp_path / "site", package, patches)))
        return package

    return make


def results(only: tuple[str, ...] = WITHOUT_API) -> dict[str, list[Result]]:
    found: dict[str, list[Result]] = {}
    for case in kit_cases(["exempel"], only=only):
        found.setdefault(case.check, []).append(case.run())
    return found


def failing(found: dict[str, list[Result]]) -> dict[str, list[str]]:
    return {
        check: [p for r in ran for p in r.problems]
        for check, ran in found.items()
        if any(r.status == "fail" for r in ran)
    }


def test_every_check_has_a_broken_plugin() -> None:
    assert set(BROKEN) == set(NAMES)


def test_the_example_passes_every_check(installed) -> None:  # type: ignore[no-untyped-def]
    installed()
    found = results()
    assert failing(found) == {}
    assert {c: [r.status for r in ran] for c, ran in found.items() if c != "scenarios"} == {
        check.name: ["pass"] for check in CHECKS
    }
    assert len(found["scenarios"]) == 12


@pytest.mark.parametrize("check", [name for name in BROKEN if name != "settlements"])
def test_a_broken_plugin_fails_the_check_with_its_message(installed, check: str) -> None:  # type: ignore[no-untyped-def]
    patches, message = BROKEN[check]
    installed(patches)
    failed = failing(results())
    assert check in failed, f"{check} passes on its broken plugin"
    assert any(message in problem for problem in failed[check]), failed[check]
    assert set(failed) - {check} <= ALSO_FAILS.get(check, set()), failed
    if check in LOCATED:  # the file (and line) of the rule each problem names
        assert all(re.search(r" \[kitfix_\w+/\w+\.py(:\d+)?\]$", p) for p in failed[check]), failed


@pytest.mark.parametrize("what", STRUCTURE)
def test_start_up_refuses_what_the_structure_check_reports(installed, what: str) -> None:  # type: ignore[no-untyped-def]
    patches, message = STRUCTURE[what]
    installed(patches)
    [structure] = results(only=("structure",))["structure"]
    assert structure.status == "fail" and any(message in p for p in structure.problems)
    settings = Settings(enabled=["exempel"])
    with pytest.raises(PluginDataError) as refused:
        Registry(make_plugin_manager(settings.enabled), settings)
    assert message in str(refused.value)
    # the kit reports the same findings, each with the file and line of its rule where found
    assert len(refused.value.findings) == len(structure.problems)
    for finding, problem in zip(refused.value.findings, structure.problems, strict=True):
        assert problem.startswith(str(finding))


def test_the_recommendation_typo_stops_start_up_naming_plugin_version_tier_and_values(
    installed,  # type: ignore[no-untyped-def]
) -> None:
    installed(BROKEN["structure"][0])
    settings = Settings(enabled=["exempel"])
    with pytest.raises(PluginDataError) as refused:
        Registry(make_plugin_manager(settings.enabled), settings)
    text = str(refused.value)
    assert "samverkan plugin check exempel" in text
    for named in ("'exempel'", "'avtal-2026'", "tier 'council'", "'recomendation'"):
        assert named in text
    assert "allowed: agreement, decision, judgment, recommendation" in text


def test_a_plugin_that_is_not_installed_fails_loads_and_skips_the_rest() -> None:
    found = {case.check: case.run() for case in kit_cases(["nope"], skip=("scenarios",))}
    assert found["loads"].status == "fail"
    assert found["loads"].problems[0].startswith("no installed plugin is called 'nope'")
    assert {c: r.status for c, r in found.items() if c != "loads"} == {
        c: "skip" for c in NAMES if c not in ("loads", "scenarios")
    }


def test_unknown_check_names_are_refused() -> None:
    with pytest.raises(ValueError, match="no check nope; checks: loads, structure"):
        kit_cases(["exempel"], skip=("nope",))


def test_quotes_are_compared_as_the_text_reads() -> None:
    assert normalise("i andra hand delregi-\nonalt, inom") == "i andra hand delregionalt, inom"
    assert normalise("hälso- \noch sjukvård") == "hälso- och sjukvård"
    text = "Vid placering gäller den fördelningen."
    assert stands_in("Vid placering … fördelningen.", text)
    assert not stands_in("Vid placering … ansvarsfördelningen.", text)
    assert not stands_in("fördelningen … Vid placering", text)


def test_the_report_names_each_failing_check_and_its_problems(installed) -> None:  # type: ignore[no-untyped-def]
    installed(BROKEN["ladders"][0])
    lines, ok = report(kit_cases(["exempel"], only=("loads", "ladders", "scenarios")))
    assert not ok
    assert lines[0].split() == ["ok", "loads", *CHECKS[0].title.split()]
    assert lines[1].split()[:2] == ["FAIL", "ladders"]
    assert BROKEN["ladders"][1] in lines[2]
    assert lines[-1] == "2 passed, 1 failed, 0 skipped: the plugin does not pass the kit yet."


def test_the_pytest_plugin_runs_the_kit_on_the_plugins_a_project_declares(
    installed,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    """An author's project: the one-line test file and the entry point in its pyproject."""
    package = installed(BROKEN["deadlines"][0])
    project = tmp_path / "project"
    (project / "tests").mkdir(parents=True)
    (project / "pyproject.toml").write_text(
        f'[project]\nname = "x"\n[project.entry-points.samverkan]\nexempel = "{package}:plugin"\n'
    )
    (project / "tests" / "test_kit.py").write_text(
        (ROOT / "core/scaffold/template/tests/test_kit.py.jinja").read_text()
    )
    run = _pytest(project, tmp_path / "site")
    assert run.returncode == 1, run.stdout
    assert "FAILED tests/test_kit.py::test_kit[exempel:deadlines]" in run.stdout
    assert BROKEN["deadlines"][1] in run.stdout
    assert re.search(r"2 failed, \d+ passed", run.stdout), run.stdout[-2000:]
    assert "exempel:scenario:7:acute placement on 1 March" in run.stdout  # the 0-day period


def _pytest(project: Path, site: Path) -> subprocess.CompletedProcess[str]:
    """pytest in the author's project (the settlements, through the API, left to the API tier)."""
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-k", "not settlements"],
        cwd=project,
        env={"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_pytest_plugin_does_nothing_unless_asked(tmp_path: Path) -> None:
    (tmp_path / "test_plain.py").write_text("def test_plain():\n    assert 1 + 1 == 2\n")
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0 and "1 passed" in run.stdout, run.stdout
    program = (
        "import sys, samverkan.kit.pytest_plugin\n"
        "print(sorted(m for m in sys.modules if m.startswith('samverkan.')))"
    )
    loaded = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True)
    modules = ast.literal_eval(loaded.stdout)
    # the models mark their fixed words for the catalogue (samverkan.kernel.i18n); nothing else
    assert [m for m in modules if m.startswith("samverkan.kernel.")] == ["samverkan.kernel.i18n"]
    assert "samverkan.kit.cases" not in modules
