"""The kit's pytest plugin (entry point ``pytest11``: ``samverkan_kit``).

pytest loads it in every run of an environment where samverkan is installed, so it imports
nothing of samverkan until a test asks for ``kit_case``, and does nothing otherwise. Turn it
off with ``-p no:samverkan_kit``.

Which plugins a ``kit_case`` test checks, first found: the test's ``samverkan_kit`` marker
(:func:`samverkan.kit.kit_for`), ``--samverkan-plugin NAME`` (repeatable), the ini key
``samverkan_plugins``, the entry points the project's own ``pyproject.toml`` declares in the
``samverkan`` group.
"""

from __future__ import annotations

import tomllib

import pytest


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("samverkan", "samverkan plugin kit")
    group.addoption(
        "--samverkan-plugin",
        action="append",
        default=[],
        metavar="NAME",
        help="run the kit on this installed agreement plugin (repeatable)",
    )
    parser.addini("samverkan_plugins", type="args", default=[], help="plugins the kit checks")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "samverkan_kit(*plugins, skip=(), only=(), texts=None): the plugins and checks of a "
        "kit test (samverkan.kit.kit_for)",
    )


def _declared(config: pytest.Config) -> list[str]:
    """The entry points in the ``samverkan`` group of the project's own pyproject.toml."""
    path = config.rootpath / "pyproject.toml"
    if not path.is_file():
        return []
    project = tomllib.loads(path.read_text(encoding="utf-8")).get("project", {})
    return list(project.get("entry-points", {}).get("samverkan", {}))


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "kit_case" not in metafunc.fixturenames:
        return
    from samverkan.kit.cases import kit_cases

    config = metafunc.config
    marker = metafunc.definition.get_closest_marker("samverkan_kit")
    options = dict(marker.kwargs) if marker else {}
    plugins = list(marker.args) if marker else []
    plugins = (
        plugins
        or config.getoption("samverkan_plugin")
        or config.getini("samverkan_plugins")
        or _declared(config)
    )
    if not plugins:
        raise pytest.UsageError(
            "the samverkan kit has no plugin to check: declare it in pyproject.toml "
            "([project.entry-points.samverkan]), or pass --samverkan-plugin NAME"
        )
    cases = kit_cases(plugins, **options)
    metafunc.parametrize("kit_case", cases, ids=[case.name for case in cases])
