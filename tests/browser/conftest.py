"""Fixtures of the browser tests: Debian's Chromium driven by pytest-playwright, a seeded
``samverkan serve``, a recording crawler and a tiny static site for the harness's own tests.

Tests marked ``browser`` skip outside CI when Chromium, Playwright or axe-core is missing
(saying how to install it) and fail under ``CI=true``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

import pytest

from tests.browser import prerequisites
from tests.browser.crawler import CrawlResult, crawl
from tests.browser.seed import CONFIG, TODAY, Seeded, seed
from tests.browser.site import Site
from tests.support.server import ServerProcess

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext, Page

#: Chromium as root on a closed network: no sandbox (it needs a user namespace root lacks),
#: and none of its own calls home
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--no-first-run",
]


def pytest_runtest_setup(item: pytest.Item) -> None:
    """Before the fixtures (a missing plugin's would fail first), after skip marks."""
    if item.get_closest_marker("browser") is None:
        return
    missing = prerequisites.missing()
    if missing:
        message = "the browser tests need " + "; ".join(missing)
        if prerequisites.in_ci():
            pytest.fail(message + " (CI=true: not skipped)", pytrace=False)
        pytest.skip(message)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """pytest-playwright launches the system Chromium (``playwright install`` is never run)."""
    return {
        **browser_type_launch_args,
        "executable_path": prerequisites.chromium(),
        "args": CHROMIUM_ARGS,
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    """Every page speaks Swedish to the service (its default), as its users' browsers do."""
    return {**browser_context_args, "locale": "sv-SE"}


@pytest.fixture(scope="session")
def samverkan(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Seeded]:
    """A real ``samverkan serve`` on a free port and a fresh SQLite file, on the service date
    ``TODAY``, seeded through its HTTP API (tests/browser/seed.py): ``.base_url``,
    ``.admin_key``, ``.alingsas`` and ``.boras`` (``.key``, ``.disputes``, ``.overdue``,
    ``.deviations``, ``.placements``)."""
    workdir = tmp_path_factory.mktemp("browser-server")
    server = ServerProcess(workdir, CONFIG, env={"SAMVERKAN_TODAY": TODAY}).start()
    try:
        yield seed(server)
    finally:
        server.stop()


@pytest.fixture
def service_page(new_context: Callable[..., BrowserContext], samverkan: Seeded) -> Page:
    """A page in a fresh context (no session) whose relative URLs go to the seeded server:
    ``service_page.goto("/")``. It waits at most 10 s for anything (a local server)."""
    page = new_context(base_url=samverkan.base_url).new_page()
    page.set_default_timeout(10_000)
    return page


@pytest.fixture
def crawler(request: pytest.FixtureRequest) -> Callable[..., CrawlResult]:
    """:func:`tests.browser.crawler.crawl`, reporting its counts at the end of the run (the
    ``measured`` section, printed in CI and with ``-n``)."""

    def recorded(page: Page, base_url: str, **options: Any) -> CrawlResult:
        result = crawl(page, base_url, **options)
        request.node.user_properties.append(("measured", result.summary()))
        request.node.user_properties.append(("browser_crawl", result.counts()))
        return result

    return recorded


@pytest.fixture
def site() -> Iterator[Site]:
    """A tiny static site of the test's own (tests/browser/site.py)."""
    made = Site()
    yield made
    made.close()
