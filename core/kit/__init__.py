"""The plugin author's kit: the checks every agreement plugin is held to (the built-in four
included), its scenario files, run against any installed plugin by its entry-point name.

From pytest (the kit's pytest plugin is registered through the ``pytest11`` entry point and
does nothing unless a test asks for ``kit_case``)::

    # tests/test_kit.py: checks the plugins the project's pyproject declares
    from samverkan.kit import test_kit  # noqa: F401

    # or name them (and leave checks out, or point to the source texts elsewhere)
    test_kit = kit_for("exempel", skip=("settlements",))

From the command line: ``samverkan plugin check exempel``. The checks are plain functions
(:mod:`samverkan.kit.checks`, :mod:`samverkan.kit.rule_checks`); this module imports nothing
heavy until a test runs.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from samverkan.kit.cases import Case

__all__ = ["check", "kit_for", "test_kit"]


def _run(kit_case: Case) -> None:
    import pytest

    result = kit_case.run()
    if result.status == "skip":
        pytest.skip(result.note)
    if result.status == "fail":
        lines = "\n".join(f"  - {problem}" for problem in result.problems)
        pytest.fail(f"{kit_case.name}: {kit_case.title}\n{lines}", pytrace=False)


def test_kit(kit_case: Case) -> None:
    """One case of the kit (pytest parametrises ``kit_case`` over every check and scenario of
    the plugins the project declares, or ``--samverkan-plugin NAME``)."""
    _run(kit_case)


def kit_for(
    *plugins: str,
    skip: Sequence[str] = (),
    only: Sequence[str] = (),
    texts: Path | str | None = None,
) -> Callable[[Any], None]:
    """A test function that runs the kit on the named plugins: ``test_kit = kit_for("exempel")``.

    :param skip: checks to leave out (``samverkan.kit.cases.NAMES``); ``only``: just these.
    :param texts: a folder of source texts (``<document id>.txt``) to compare quotes with,
        instead of each package's ``texts/``.
    """
    import pytest

    @pytest.mark.samverkan_kit(*plugins, skip=tuple(skip), only=tuple(only), texts=texts)
    def test_kit(kit_case: Case) -> None:
        _run(kit_case)

    return test_kit


def check(
    plugin: str, *, skip: Sequence[str] = (), texts: Path | str | None = None
) -> tuple[list[str], bool]:
    """Run the kit on one installed plugin: the report's lines, and whether it passes."""
    from samverkan.kit.cases import kit_cases, report

    return report(kit_cases([plugin], skip=skip, texts=texts))
