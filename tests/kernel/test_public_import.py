"""The public import cannot collide: ``samverkan`` (the ``core/`` folder) and
``samverkan_plugins`` (the ``plugins/`` folder) by the build configuration. A plugin author's own
``core/`` and ``plugins/`` packages, first on the path, no longer shadow them (they did when
plugins wrote ``from core import hookimpl``)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import samverkan
import samverkan.models
from samverkan import hookimpl

ROOT = Path(__file__).resolve().parents[2]

AUTHORS_PROJECT = {
    "core/__init__.py": "# the plugin author's own core package\nNAME = 'mine'\n",
    "plugins/__init__.py": "# the plugin author's own plugins package\n",
    "my_plugin.py": textwrap.dedent(
        """
        from core import NAME  # the author's own
        from samverkan import hookimpl
        from samverkan.models import Rule, Strength

        assert NAME == "mine" and Rule and Strength and hookimpl
        """
    ),
}


def test_the_public_surface() -> None:
    assert set(samverkan.__all__) == {"AgreementPlugin", "Rules", "hookimpl", "hookspec"}
    assert hookimpl is samverkan.hookimpl
    assert {"Agreement", "Ladder", "Rule", "Citation", "Strength"} <= set(samverkan.models.__all__)
    assert Path(samverkan.__file__).parent == ROOT / "core"


def test_an_authors_own_core_folder_does_not_shadow_samverkan(tmp_path: Path) -> None:
    for name, text in AUTHORS_PROJECT.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}
    program = (
        "import my_plugin, core\n"
        "from samverkan.kernel.config import Settings\n"
        "from samverkan.wiring import build_rulebook\n"
        "print(core.NAME, sorted(build_rulebook(Settings()).registry.agreements))\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", program], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.split() == [
        "mine",
        "['dalarna',",
        "'goteborg',",
        "'sodra_alvsborg',",
        "'vgr']",
    ]
    command = shutil.which("samverkan", path=str(Path(sys.executable).parent))
    assert command is not None
    listed = subprocess.run(
        [command, "--config", str(ROOT / "config" / "samverkan.toml"), "agreements"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
    )
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.startswith("vgr: ")
