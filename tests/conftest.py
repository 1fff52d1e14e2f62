"""Shared fixtures: the rules kernel in-process (every tier), and a way for a test to report a
measured number in every run.

The tiers: ``tests/kernel/`` (no HTTP), ``tests/api/`` (the application in-process through
Litestar's test client, on a real SQLite file), ``tests/e2e/`` (real ``samverkan serve``
processes, marked ``e2e``). ``pytest -m "not e2e"`` runs the first two; every run uses every core.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from samverkan.kernel.clock import Clock
from samverkan.kernel.config import Settings
from samverkan.kernel.i18n import speaking
from samverkan.kernel.loading import make_plugin_manager
from samverkan.kernel.registry import Registry
from samverkan.kernel.rulebook import RuleBook
from tests.support.plugin_data import AGREEMENTS


@pytest.hookimpl(tryfirst=True)
def pytest_cmdline_main(config: pytest.Config) -> None:
    """Every run uses every core with pytest-xdist, unless ``-n`` says otherwise (``-n 0`` runs
    in one process). The real-server tests' time limits hold with another worker beside them:
    they were measured with the machine under load from other suites."""
    option = config.option
    chosen = getattr(option, "numprocesses", 0) is not None
    worker = hasattr(config, "workerinput")
    if not chosen and not worker and config.pluginmanager.hasplugin("xdist"):
        cores = config.hook.pytest_xdist_auto_num_workers(config=config)
        if cores > 1:
            option.numprocesses = cores
            option.dist = "worksteal"
            option.tx = ["popen"] * cores


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """The tests read the service's words in English (its default is Swedish: each request
    chooses by Accept-Language; tests/kernel/test_i18n.py and tests/api/test_languages.py read
    Swedish)."""
    with speaking("en"):
        yield


@pytest.fixture(scope="session")
def registry() -> Registry:
    settings = Settings(enabled=list(AGREEMENTS))
    return Registry(make_plugin_manager(settings.enabled), settings)


@pytest.fixture(scope="session")
def rulebook(registry: Registry) -> RuleBook:
    return RuleBook(registry, Clock())


@pytest.fixture
def report(record_property: Callable[[str, object], None]) -> Callable[[str], None]:
    """Report a measured number: it is printed at the end of every run (CI's included, and
    with ``-n``, where a test's own output is not shown)."""
    return lambda line: record_property("measured", line)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    properties = [
        (name, value)
        for outcome in ("passed", "failed", "xfailed", "xpassed")
        for report in terminalreporter.getreports(outcome)
        if report.when == "call"
        for name, value in report.user_properties
    ]
    lines = [str(value) for name, value in properties if name == "measured"]
    crawls = [value for name, value in properties if name == "browser_crawl"]
    if crawls:  # tests/browser/conftest.py's crawler, every crawl of the run
        total = {key: sum(crawl[key] for crawl in crawls) for key in crawls[0]}
        lines.append(
            f"browser, {len(crawls)} crawls: {total['pages']} pages crawled, "
            f"{total['off_origin']} requests off-origin, {total['violations']} axe violations "
            f"(serious or critical), {total['problems']} problems in all"
        )
    if lines:
        terminalreporter.section("measured")
        for line in lines:
            terminalreporter.write_line(line)
