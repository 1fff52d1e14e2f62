"""A new county in an afternoon: the steps of docs/plugins.md, run as a plugin author runs them.

``samverkan plugin new`` writes a package outside the project; installed with pip in a
virtual environment of its own, ``samverkan plugin check`` fails on it naming every TODO (file
and line); with the stubs filled (as the example package fills them) the kit passes, the
package's one-line test file passes under pytest, and a real ``samverkan serve`` answers the
new agreement on ``GET /api/v1/agreements/{id}`` and in ``/compare`` beside ``vgr``.

The virtual environment reaches samverkan through a path file to the project's own
environment (samverkan and its dependencies are not installed twice); CI's
``.ci/example-plugin`` builds everything in a fresh one.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import httpx
import pytest

from tests.support.kitfixtures import as_filled, example_files
from tests.support.server import ROOT, ServerProcess

pytestmark = pytest.mark.e2e

EXAMPLE = ROOT / "examples" / "samverkan-exempel"
GUIDE = ROOT / "docs" / "plugins.md"


def run(*command: str | Path, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "SAMVERKAN_ENABLED")}
    return subprocess.run(
        [str(c) for c in command], cwd=cwd, env=env, capture_output=True, text=True, timeout=300
    )


class VenvServer(ServerProcess):
    """``samverkan serve`` run by the author's environment."""

    python = sys.executable

    def command(self) -> list[str]:
        return [self.python, *super().command()[1:]]


@pytest.fixture(scope="module")
def venv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("author") / "venv"
    made = run(sys.executable, "-m", "venv", folder)
    assert made.returncode == 0, made.stderr
    purelib = sysconfig.get_paths()["purelib"]
    site = run(
        folder / "bin" / "python", "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"
    )
    (Path(site.stdout.strip()) / "samverkan-project.pth").write_text(
        f"import site; site.addsitedir({purelib!r})\n"
    )
    return folder


def pip_install(venv: Path, package: Path) -> None:
    installed = run(
        venv / "bin" / "python",
        "-m",
        "pip",
        "install",
        "-q",
        "--no-deps",
        "--force-reinstall",
        package,
    )
    assert installed.returncode == 0, installed.stdout + installed.stderr


def todo_lines(package: Path) -> list[str]:
    """``file:line`` of every TODO the scaffold wrote in the plugin's package."""
    found = []
    for path in sorted(package.rglob("*")):
        if path.suffix in (".py", ".toml"):
            for number, line in enumerate(path.read_text().splitlines(), 1):
                if "TODO" in line:
                    found.append(f"{path.relative_to(package.parent)}:{number}:")
    return found


def test_the_guide_shows_these_steps() -> None:
    guide = GUIDE.read_text()
    for step in (
        'samverkan plugin new exempel --county "Exempellän"',
        "pip install -e",
        "samverkan plugin check exempel",
        'enabled = ["vgr", "exempel"]',
    ):
        assert step in guide, step


def test_a_new_county_from_the_scaffold_to_the_api(venv: Path, tmp_path: Path) -> None:
    made = run(
        sys.executable,
        "-m",
        "samverkan.cli",
        "plugin",
        "new",
        "exempel",
        "--county",
        "Exempellän",
        "--dir",
        tmp_path,
    )
    assert made.returncode == 0, made.stderr
    project = tmp_path / "samverkan-exempel"
    package = project / "samverkan_exempel"
    assert as_filled(project) == example_files()  # the example is this scaffold, filled

    pip_install(venv, project)
    python = venv / "bin" / "python"
    scaffold_check = run(python, "-m", "samverkan.cli", "plugin", "check", "exempel", cwd=tmp_path)
    assert scaffold_check.returncode == 1, scaffold_check.stdout + scaffold_check.stderr
    todos = todo_lines(package)
    assert len(todos) > 40
    for where in todos:
        assert where in scaffold_check.stdout, where
    assert (
        "(rule: version 'exempel-1', ladder 'default', tier 'first', name" in scaffold_check.stdout
    )

    shutil.rmtree(package)  # the author fills in every stub: here, as the example has
    shutil.copytree(  # copied as new files: a build reuses what is not newer than its own
        EXAMPLE / "samverkan_exempel",
        package,
        ignore=shutil.ignore_patterns("__pycache__"),
        copy_function=shutil.copy,
    )
    pip_install(venv, project)
    filled = run(python, "-m", "samverkan.cli", "plugin", "check", "exempel", cwd=tmp_path)
    assert filled.returncode == 0, filled.stdout + filled.stderr
    assert filled.stdout.rstrip().endswith("0 failed, 0 skipped: the plugin passes the kit.")
    tests = run(python, "-m", "pytest", "-q", "-p", "no:cacheprovider", cwd=project)
    assert tests.returncode == 0 and " passed" in tests.stdout, tests.stdout[-3000:]

    server = VenvServer(
        tmp_path, 'enabled = ["vgr", "exempel"]\n', {"SAMVERKAN_TODAY": "2026-06-01"}
    )
    server.python = str(python)
    server.start()
    try:
        rules = httpx.get(f"{server.url}/api/v1/agreements/exempel").json()
        assert (rules["county"], rules["version"]["key"]) == ("Exempellän", "avtal-2026")
        compared = httpx.get(
            f"{server.url}/api/v1/compare", params={"agreements": "vgr,exempel"}
        ).json()
        columns = compared["agreements"]
        assert columns["vgr"]["in_force"] and columns["exempel"]["in_force"]
        assert columns["exempel"]["rules"]["cost_policy"]["schablon"]["region"] == "1/2"
        assert columns["exempel"]["rules"]["missing"] == []
    finally:
        server.stop()
