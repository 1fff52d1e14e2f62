"""Crawl the service's pages in a real browser, checking each one.

:func:`crawl` starts at ``/`` (or wherever it is told), follows every same-origin link
(``a[href]``) breadth first, at most ``limit`` pages, and on each page:

- records every request the browser makes (on the context, so popups count too) and every
  request that leaves the origin; requests a Content-Security-Policy blocks are still recorded;
- checks that the page is served with a Content-Security-Policy forbidding other origins
  (:mod:`tests.browser.csp`), and records the policy violations the browser logs;
- runs axe-core (WCAG 2.0/2.1 A and AA) and records its serious and critical violations;
- writes a full-page screenshot to ``<screenshots>/<label>/<slug>.png``.

A link to a download (a ``download`` attribute, or a suffix of
:data:`tests.browser.locators.DOWNLOADS`) is fetched with the page's cookies instead of opened,
and must answer 200 with its content type. Links matching
:data:`tests.browser.locators.SKIP_PATHS` are not followed. Nothing here asserts: the result
lists what it found, and :meth:`CrawlResult.assert_clean` fails with all of it.
"""

from __future__ import annotations

import functools
import hashlib
import os
import re
import shutil
from collections import deque
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urldefrag, urljoin, urlsplit

from tests.browser import csp
from tests.browser.locators import DOWNLOADS, SKIP_PATHS
from tests.browser.prerequisites import AXE
from tests.support.server import ROOT

if TYPE_CHECKING:
    from playwright.sync_api import ConsoleMessage, Page, Request, Response

#: the axe-core tags run on every page: WCAG 2.0 and 2.1, levels A and AA
AXE_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")
#: the impacts that fail a page
SERIOUS = ("serious", "critical")
LIMIT = 200

RUN_AXE = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: "tag", values: tags},
                                          resultTypes: ["violations"]});
  return {
    engine: result.testEngine.name,
    violations: result.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help,
      targets: v.nodes.map((n) => n.target.join(" ")),
    })),
  };
}"""
LINKS = "(links) => links.map((a) => [a.href, a.hasAttribute('download')])"


def screenshots_dir() -> Path:
    """Where screenshots go: ``$SAMVERKAN_SCREENSHOTS``, else ``build/screenshots``."""
    return Path(os.environ.get("SAMVERKAN_SCREENSHOTS") or ROOT / "build" / "screenshots")


@functools.cache
def axe_source() -> str:
    return AXE.read_text(encoding="utf-8")


def origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


def leaves(url: str, own: str) -> bool:
    """Does a request to ``url`` leave the origin ``own``? (``data:``, ``blob:`` and
    ``about:`` URLs are no request to anyone.)"""
    if urlsplit(url).scheme in ("data", "blob", "about"):
        return False
    return origin(url) != own


def slug(url: str) -> str:
    """A file name for a page: its path and query, e.g. ``disputes-dsp_abc--on-2026-12-31``."""
    parts = urlsplit(url)
    text = parts.path.strip("/") + (f"--{parts.query}" if parts.query else "")
    text = re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip("-.") or "index"
    if len(text) > 120:
        text = f"{text[:100]}-{hashlib.sha256(text.encode()).hexdigest()[:12]}"
    return text


@dataclass
class Violation:
    """One axe rule a page breaks, with the elements that break it."""

    page: str
    rule: str
    impact: str
    help: str
    targets: list[str]

    def __str__(self) -> str:
        where = ", ".join(self.targets[:5]) + (" …" if len(self.targets) > 5 else "")
        return f"{self.page}: axe {self.rule} ({self.impact}): {self.help} [{where}]"


@dataclass
class Visit:
    """A page the crawler opened."""

    url: str
    status: int
    title: str
    csp: list[str]
    violations: list[Violation]
    screenshot: Path | None


@dataclass
class Fetched:
    """A download (or a non-HTML answer) fetched instead of opened as a page."""

    url: str
    status: int
    content_type: str
    problem: str | None
    linked_from: str


@dataclass
class CrawlResult:
    label: str
    origin: str
    screenshots: Path
    pages: list[Visit] = field(default_factory=list)
    fetched: list[Fetched] = field(default_factory=list)
    #: every request the browser made during the crawl
    requests: list[str] = field(default_factory=list)
    #: (page, request URL) for each request that left the origin
    off_origin: list[tuple[str, str]] = field(default_factory=list)
    #: (URL, status or error, the page linking to it): links that do not answer 2xx
    broken: list[tuple[str, str, str]] = field(default_factory=list)
    #: (page, message): what the browser logged about a blocked resource, and script errors
    console: list[tuple[str, str]] = field(default_factory=list)
    skipped: set[str] = field(default_factory=set)
    external_links: set[str] = field(default_factory=set)
    #: (page, text): a text the crawl was told must not show (another party's case) on a page
    shown: list[tuple[str, str]] = field(default_factory=list)
    #: links left unvisited when the limit was reached
    not_visited: int = 0

    @property
    def violations(self) -> list[Violation]:
        return [v for page in self.pages for v in page.violations]

    @property
    def csp_problems(self) -> list[tuple[str, str]]:
        return [(page.url, problem) for page in self.pages for problem in page.csp]

    def problems(self) -> list[str]:
        """Everything wrong, one line each."""
        found = [f"{page}: request off the origin: {url}" for page, url in self.off_origin]
        found += [
            f"{url}: Content-Security-Policy: {problem}" for url, problem in self.csp_problems
        ]
        found += [str(violation) for violation in self.violations]
        found += [f"{url}: {status} (linked from {source})" for url, status, source in self.broken]
        found += [
            f"{f.url}: {f.problem} (linked from {f.linked_from})" for f in self.fetched if f.problem
        ]
        found += [f"{page}: browser console: {text}" for page, text in self.console]
        found += [f"{page}: shows {text!r}, which it must not" for page, text in self.shown]
        if self.not_visited:
            found.append(
                f"stopped at {len(self.pages)} pages; {self.not_visited} links not visited"
            )
        return found

    def summary(self) -> str:
        return (
            f"browser crawl {self.label}: {len(self.pages)} pages crawled, "
            f"{len(self.fetched)} downloads checked, {len(self.requests)} requests, "
            f"{len(self.off_origin)} requests off-origin, "
            f"{len(self.violations)} axe violations (serious or critical), "
            f"{len({url for url, _ in self.csp_problems})} pages without a CSP forbidding other "
            f"origins, {len(self.broken)} broken links; screenshots in {self.screenshots}"
        )

    def counts(self) -> dict[str, int]:
        return {
            "pages": len(self.pages),
            "off_origin": len(self.off_origin),
            "violations": len(self.violations),
            "problems": len(self.problems()),
        }

    def assert_clean(self) -> None:
        found = self.problems()
        if found:
            raise CrawlProblems(f"{self.summary()}\n" + "\n".join(found))


class CrawlProblems(AssertionError):
    """A crawl found something wrong (the message lists everything)."""


def axe_violations(page: Page, tags: Sequence[str] = AXE_TAGS) -> list[Violation]:
    """axe-core's serious and critical violations on the page as it is now.

    The source is evaluated through DevTools, which the page's own Content-Security-Policy
    does not govern (a ``<script>`` tag added to the page would be blocked by
    ``script-src 'self'``)."""
    page.evaluate(axe_source())
    result: dict[str, Any] = page.evaluate(RUN_AXE, list(tags))
    assert result["engine"] == "axe-core", result
    return [
        Violation(page.url, v["id"], v["impact"], v["help"], v["targets"])
        for v in result["violations"]
        if v["impact"] in SERIOUS
    ]


def policies(response: Response) -> list[str]:
    return [
        header["value"]
        for header in response.headers_array()
        if header["name"].lower() == "content-security-policy"
    ]


def crawl(
    page: Page,
    base_url: str,
    *,
    label: str,
    start: str | Sequence[str] = "/",
    limit: int = LIMIT,
    skip: Sequence[str] = SKIP_PATHS,
    downloads: Mapping[str, str] = DOWNLOADS,
    screenshots: Path | None = None,
    axe: bool = True,
    must_not_show: Sequence[str] = (),
) -> CrawlResult:
    """Open ``start`` (paths or URLs on ``base_url``) in ``page``, signed in or not as the
    page's context is, and every same-origin page linked from there; check each.

    :param label: names the crawl in the summary and its screenshots' folder (emptied first)
    :param skip: regular expressions matched at the start of a link's path: not followed
    :param downloads: suffix → content type, for links fetched instead of opened
    :param must_not_show: texts no page may contain (e.g. another organisation's case ids);
        a download's body is checked too
    :returns: everything found; call :meth:`CrawlResult.assert_clean` to fail on it
    """
    from playwright.sync_api import Error

    own = origin(base_url)
    shots = (screenshots or screenshots_dir()) / slug(label)
    shutil.rmtree(shots, ignore_errors=True)
    shots.mkdir(parents=True)
    result = CrawlResult(label, own, shots)
    current = ["(start)"]

    def on_request(request: Request) -> None:
        result.requests.append(request.url)
        if leaves(request.url, own):
            result.off_origin.append((current[0], request.url))

    def on_response(response: Response) -> None:
        if response.status >= 400 and response.request.resource_type != "document":
            result.broken.append((response.url, str(response.status), current[0]))

    def on_console(message: ConsoleMessage) -> None:
        if message.text.startswith("Failed to load resource"):
            return  # a page's or a resource's error status: recorded as a broken link
        if "Content Security Policy" in message.text or message.type == "error":
            result.console.append((current[0], message.text))

    def on_page_error(error: Error) -> None:
        result.console.append((current[0], f"script error: {error.message}"))

    def fetch(url: str, expected: str | None, source: str) -> None:
        answer = page.request.get(url)
        try:
            kind = answer.headers.get("content-type", "")
            problem = None
            if answer.status != 200:
                problem = f"answered {answer.status}"
            elif expected and not kind.startswith(expected):
                problem = f"content type {kind!r}, not {expected}"
            elif not expected and kind.startswith("text/html"):
                problem = "a download answered with an HTML page"
            result.fetched.append(Fetched(url, answer.status, kind, problem, source))
            body = answer.body().decode("utf-8", "replace") if answer.status == 200 else ""
            result.shown += [(url, text) for text in must_not_show if text in body]
        finally:
            answer.dispose()

    starts = [start] if isinstance(start, str) else list(start)
    queue = deque((urldefrag(urljoin(base_url, path)).url, "(start)") for path in starts)
    seen = {url for url, _ in queue}
    opened: set[str] = set()
    page.context.on("request", on_request)
    page.context.on("response", on_response)
    page.on("console", on_console)
    page.on("pageerror", on_page_error)
    try:
        while queue:
            if len(result.pages) >= limit:
                result.not_visited = len(queue)
                break
            url, source = queue.popleft()
            current[0] = url
            try:
                response = page.goto(url, wait_until="load")
            except Error as error:
                if "Download is starting" in error.message:
                    fetch(url, None, source)
                else:
                    result.broken.append((url, error.message.splitlines()[0], source))
                continue
            if response is None or not response.ok:
                result.broken.append((url, str(response and response.status), source))
                continue
            if not (response.header_value("content-type") or "").startswith("text/html"):
                fetch(url, None, source)
                continue
            final = urldefrag(page.url).url
            if final in opened:  # a redirect to a page already checked
                continue
            opened.add(final)
            current[0] = final
            html = page.content()
            result.shown += [(final, text) for text in must_not_show if text in html]
            name, n = slug(final), 1
            shot = shots / f"{name}.png"
            while shot.exists():  # /a/b and /a-b: one slug, two files
                n += 1
                shot = shots / f"{name}-{n}.png"
            page.screenshot(path=shot, full_page=True)
            result.pages.append(
                Visit(
                    url=final,
                    status=response.status,
                    title=page.title(),
                    csp=csp.forbids_other_origins(policies(response)),
                    violations=axe_violations(page) if axe else [],
                    screenshot=shot,
                )
            )
            for href, download in page.locator("a[href]").evaluate_all(LINKS):
                link = urldefrag(href).url
                parts = urlsplit(link)
                if parts.scheme not in ("http", "https"):
                    continue
                if leaves(link, own):
                    result.external_links.add(link)
                elif any(re.match(pattern, parts.path) for pattern in skip):
                    result.skipped.add(link)
                elif link not in seen:
                    seen.add(link)
                    suffix = Path(parts.path).suffix.lower()
                    if download or suffix in downloads:
                        fetch(link, downloads.get(suffix), final)
                    else:
                        queue.append((link, final))
        page.wait_for_load_state("networkidle")  # a late request of the last page is seen too
    finally:
        page.context.remove_listener("request", on_request)
        page.context.remove_listener("response", on_response)
        page.remove_listener("console", on_console)
        page.remove_listener("pageerror", on_page_error)
    return result
