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


# -- docs/plugins.md documents every hook and every field of the vocabulary -------------------

GUIDE = ROOT / "docs" / "plugins.md"


def sections(marker: str) -> dict[str, str]:
    """Each heading ``<marker> `Name…`` of the plugin guide and the text under it, up to the
    next heading of any level."""
    found: dict[str, str] = {}
    for part in re.split(r"^(?=#+ )", GUIDE.read_text(), flags=re.M):
        heading = re.match(rf"^{marker} `([A-Za-z_]+)[^\n]*\n", part)
        if heading:
            found[heading.group(1)] = part[heading.end() :]
    return found


def models() -> list[type]:
    import msgspec

    import samverkan.models as vocabulary

    return [
        model
        for name in vocabulary.__all__
        if isinstance(model := getattr(vocabulary, name), type)
        and issubclass(model, msgspec.Struct)
        and model is not vocabulary.Base
    ]


def test_every_model_and_each_of_its_fields_is_documented() -> None:
    """A model or a field added to samverkan.models without a row in docs/plugins.md fails
    here; so does a fixed value the guide does not list."""
    import msgspec.inspect as mi

    documented = sections("####")
    assert len(models()) > 20
    for model in models():
        assert model.__name__ in documented, f"docs/plugins.md has no section `{model.__name__}`"
        rows = documented[model.__name__]
        for field in mi.type_info(model).fields:
            assert f"| `{field.encode_name}` |" in rows, f"{model.__name__}.{field.encode_name}"
            values = getattr(field.type, "values", None) or getattr(
                getattr(field.type, "item_type", None), "values", ()
            )
            for value in values:
                assert f"`{value}`" in rows, f"{model.__name__}.{field.encode_name}: {value}"
    assert set(documented) == {model.__name__ for model in models()}


def test_every_hook_and_each_of_its_arguments_is_documented() -> None:
    import inspect

    from samverkan import hookspecs

    documented = sections("###")
    hooks = [
        n
        for n, _ in inspect.getmembers(hookspecs, inspect.isfunction)
        if n.startswith("samverkan_")
    ]
    assert len(hooks) >= 8
    for hook in hooks:
        assert hook in documented, f"docs/plugins.md has no section for {hook}"
        for parameter in inspect.signature(getattr(hookspecs, hook)).parameters:
            assert f"`{parameter}`" in documented[hook], f"{hook}: {parameter}"
        assert "```python" in documented[hook], f"{hook} has no example"


def test_the_guide_does_not_point_to_the_old_brief() -> None:
    assert not (ROOT / "docs" / "PLUGIN_BRIEF.md").exists()
    for page in PAGES:
        assert "PLUGIN_BRIEF" not in page.read_text(), page
