"""The README and docs/ hold together: every relative link points to a file (and heading) that
exists, and the plugin declaration docs/plugins.md shows is the one a built-in plugin uses."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PAGES = sorted([ROOT / "README.md", *(ROOT / "docs").rglob("*.md")])
LINK = re.compile(r"(?<!!)\[[^\]]*\]\(([^)\s]+)\)")


def unfenced(text: str) -> str:
    """The text without its fenced code blocks."""
    return re.sub(r"^```.*?^```", "", text, flags=re.M | re.S)


def prose(text: str) -> str:
    """The text without code, fenced or inline, where brackets are not links."""
    return re.sub(r"`[^`\n]*`", "", unfenced(text))


def anchors(page: Path) -> set[str]:
    """The anchors a page's headings get (GitHub's rule: lower case, punctuation dropped,
    spaces to hyphens)."""
    headings = re.findall(r"^#+ (.+)$", unfenced(page.read_text()), flags=re.M)
    return {re.sub(r"[^\w\- ]", "", h.strip().lower()).replace(" ", "-") for h in headings}


def links(page: Path) -> list[str]:
    return [
        target
        for target in LINK.findall(prose(page.read_text()))
        if not re.match(r"[a-z][a-z0-9+.-]*:", target)  # http:, https:, mailto: …
    ]


def test_there_are_pages_and_links() -> None:
    assert ROOT / "docs" / "api" / "disputes.md" in PAGES
    assert sum(len(links(page)) for page in PAGES) > 20


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_relative_link_resolves(page: Path) -> None:
    for target in links(page):
        path, _, anchor = target.partition("#")
        file = (page.parent / path).resolve() if path else page
        assert file.exists(), f"{page.relative_to(ROOT)}: {target} (no such file)"
        if anchor:
            assert file.suffix == ".md", f"{page.relative_to(ROOT)}: {target}"
            assert anchor in anchors(file), f"{page.relative_to(ROOT)}: {target} (no such heading)"


def test_the_anchor_rule() -> None:
    page = ROOT / "docs" / "security.md"
    assert "the-request-guard-policy-and-measured-error-rates" in anchors(page)
    assert "no-personnummer-in-the-service" in anchors(page)
    assert "dates-and-today" in anchors(ROOT / "README.md")
    assert "how-an-amount-split-is-applied" in anchors(ROOT / "docs" / "settlement.md")


def test_the_plugin_declaration_shown_is_dalarnas() -> None:
    shown = re.search(
        r"```python\n(from samverkan\.plugin import .*?)```",
        (ROOT / "docs" / "plugins.md").read_text(),
        re.S,
    )
    assert shown, "docs/plugins.md shows a declaration"
    source = (ROOT / "plugins" / "dalarna" / "__init__.py").read_text()
    assert shown.group(1).strip() in source
