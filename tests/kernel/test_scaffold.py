"""``samverkan plugin new``: the package the template renders, and ``samverkan plugin check`` on
it. The scaffold loads and is structurally sound, ruff-clean, imports only samverkan's public
surface, and the kit fails on it naming every TODO (file and line) until the stubs are filled;
a sub-regional scaffold refines its parent's last version. (Installed with pip in a virtual
environment and served: ``tests/e2e/test_plugin_author.py``.)"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from samverkan.cli import main
from samverkan.kit.cases import kit_cases
from samverkan.scaffold import ScaffoldError, new_plugin
from tests.support.kitfixtures import as_filled, example_files

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "samverkan-exempel"
#: What a plugin package may import from samverkan: its public surface.
PUBLIC = {"samverkan", "samverkan.models", "samverkan.plugin", "samverkan.inherit", "samverkan.kit"}


def installed(project: Path, plugin: str, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The rendered package, found on the path with its entry point (as pip would install it)."""
    package = f"samverkan_{plugin}"
    info = project / f"{package}-0.1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {package}\nVersion: 0.1.0\n")
    (info / "entry_points.txt").write_text(f"[samverkan]\n{plugin} = {package}:plugin\n")
    monkeypatch.syspath_prepend(str(project))
    return project / package


def samverkan_imports(folder: Path) -> set[str]:
    found = set()
    for path in folder.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.module and not node.level:
                found.add(node.module)
            elif isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names)
    return {name for name in found if name.split(".")[0] == "samverkan"}


def test_the_scaffold_is_a_package_the_kit_fails_on_every_todo(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = new_plugin("provlan", "Provlän", directory=tmp_path)
    assert project == tmp_path / "samverkan-provlan"
    package = installed(project, "provlan", monkeypatch)
    assert sorted(p.name for p in package.glob("*.py")) == [
        "__init__.py",
        "agreement.py",
        "cost.py",
        "deadlines.py",
        "documents.py",
        "ladders.py",
        "sip.py",
    ]
    assert (
        (project / "tests" / "test_kit.py")
        .read_text()
        .startswith("from samverkan.kit import test_kit")
    )
    assert 'provlan = "samverkan_provlan:plugin"' in (project / "pyproject.toml").read_text()
    assert samverkan_imports(project) <= PUBLIC
    results = {c.check: c.run() for c in kit_cases(["provlan"], skip=("scenarios",))}
    statuses = {check: result.status for check, result in results.items()}
    assert statuses == {
        "loads": "pass",
        "structure": "pass",  # the stubs are valid data: only the TODOs are wrong
        "todo": "fail",
        "layout": "pass",
        "citations": "pass",
        "quotes": "skip",
        "versions": "pass",
        "parties": "pass",
        "ladders": "pass",
        "deadlines": "pass",
        "cost-policy": "pass",
        "sip": "pass",
        "responsibilities": "pass",
        "follow-up": "pass",  # the scaffold writes none (docs/plugins.md, step 5)
        "settlements": "skip",
    }
    named = results["todo"].problems
    lines = [
        f"samverkan_provlan/{path.relative_to(package)}:{number}:"
        for path in sorted(package.rglob("*"))
        if path.suffix in (".py", ".toml")
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if "TODO" in line
    ]
    assert [problem.split(" ", 1)[0] for problem in named] == lines
    assert len(lines) > 40
    tier = 'samverkan_provlan/ladders.py:12: name="TODO the tier\'s name, as the text gives it",'
    assert any(p.startswith(tier) and "tier 'first', name" in p for p in named)


@pytest.mark.parametrize("parent", ["", "vgr"])
def test_the_scaffold_is_ruff_clean(tmp_path: Path, parent: str) -> None:
    project = new_plugin("ruffed", "Provlän", parent=parent, directory=tmp_path)
    ruff = Path(sys.executable).parent / "ruff"
    for command in (["check", "--no-cache", "."], ["format", "--check", "--no-cache", "."]):
        done = subprocess.run([str(ruff), *command], cwd=project, capture_output=True, text=True)
        assert done.returncode == 0, done.stdout + done.stderr


def test_a_sub_regional_scaffold_refines_its_parents_last_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = new_plugin("delregion", "Västra Götaland", parent="vgr", directory=tmp_path)
    package = installed(project, "delregion", monkeypatch)
    assert not (package / "cost.py").exists() and not (package / "sip.py").exists()
    agreement = (package / "agreement.py").read_text()
    assert 'refines=VersionRef(agreement="vgr", version="hsa-2027")' in agreement
    assert "valid_from=dt.date(2027, 1, 1)" in agreement
    assert 'parent="vgr"' in agreement
    results = {
        c.check: c.run()
        for c in kit_cases(["delregion"], only=("loads", "versions", "cost-policy", "sip"))
    }
    # its cost policy and SIP requirements are the parent version's
    assert {check: r.status for check, r in results.items()} == {
        "loads": "pass",
        "versions": "pass",
        "cost-policy": "pass",
        "sip": "pass",
    }


def test_the_example_was_made_with_the_scaffold(tmp_path: Path) -> None:
    """The same files as the scaffold writes (its text and settlements added), and only the
    public surface imported."""
    project = new_plugin("exempel", "Exempellän", directory=tmp_path)
    assert as_filled(project) == example_files()
    assert samverkan_imports(EXAMPLE) <= PUBLIC


def test_the_scaffold_refuses_what_it_cannot_make(tmp_path: Path) -> None:
    with pytest.raises(ScaffoldError, match="cannot be an agreement id"):
        new_plugin("Exempel-1", "Provlän", directory=tmp_path)
    with pytest.raises(ScaffoldError, match="an installed plugin is already called 'dalarna'"):
        new_plugin("dalarna", "Dalarna", directory=tmp_path)
    with pytest.raises(ScaffoldError, match="names the county"):
        new_plugin("tom", " ", directory=tmp_path)
    new_plugin("twice", "Provlän", directory=tmp_path)
    with pytest.raises(ScaffoldError, match="exists"):
        new_plugin("twice", "Provlän", directory=tmp_path)


def test_the_command_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["plugin", "new", "kommando", "--county", "Provlän", "--dir", str(tmp_path)]) == 0
    assert f"created {tmp_path / 'samverkan-kommando'}" in capsys.readouterr().out
    assert main(["plugin", "new", "Bad", "--county", "Provlän", "--dir", str(tmp_path)]) == 2
    assert "cannot be an agreement id" in capsys.readouterr().err
    installed(tmp_path / "samverkan-kommando", "kommando", monkeypatch)
    assert main(["plugin", "check", "kommando", "--skip", "settlements"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "samverkan plugin check kommando"
    assert out[-1] == "12 passed, 2 failed, 1 skipped: the plugin does not pass the kit yet."
    assert main(["plugin", "check", "kommando", "--skip", "nope"]) == 2
    assert "no check nope" in capsys.readouterr().err
