"""What the browser tests need, and how to install what is missing.

Debian's ``chromium`` (Playwright's own browser download is never used), the ``playwright`` and
``pytest-playwright`` packages (the test extras), and axe-core from npm (``tests/browser/
package.json``, installed under ``tests/browser/node_modules``). Outside CI a test marked
``browser`` skips when one is missing, saying how to install it; under ``CI=true`` it fails.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
from pathlib import Path

HERE = Path(__file__).resolve().parent
#: axe-core's browser bundle, injected into every page the crawler visits
AXE = HERE / "node_modules" / "axe-core" / "axe.min.js"


def chromium() -> str | None:
    """The Chromium the tests drive: ``$SAMVERKAN_CHROMIUM``, else ``chromium`` on PATH."""
    chosen = os.environ.get("SAMVERKAN_CHROMIUM")
    if chosen:
        return chosen if Path(chosen).is_file() else None
    return shutil.which("chromium")


def installed(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):
        return False


def missing() -> list[str]:
    """Each missing prerequisite, as the command that installs it."""
    needed = []
    if chromium() is None:
        needed.append("Chromium (apt-get install chromium, or set SAMVERKAN_CHROMIUM)")
    if not all(installed(name) for name in ("playwright", "pytest_playwright")):
        needed.append("playwright and pytest-playwright (pip install -e '.[test]')")
    if not AXE.is_file():
        needed.append("axe-core (npm ci --prefix tests/browser)")
    return needed


def in_ci() -> bool:
    return os.environ.get("CI") == "true"
