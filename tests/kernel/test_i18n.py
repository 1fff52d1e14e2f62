"""The service's words in Swedish and English: the Swedish catalogue holds exactly the messages
the code uses, each translated with the same placeholders; the language comes from
Accept-Language; no module that translates with ``_`` also uses ``_`` as a throwaway name."""

from __future__ import annotations

import ast
import re
from importlib.resources import files
from pathlib import Path

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.pofile import read_po

from samverkan.kernel import i18n
from samverkan.kernel.i18n import _, both, each, negotiate, pick, speaking, stored_text

CORE = Path(__file__).resolve().parents[2] / "core"
#: the keywords messages are marked with (babel.cfg and docs/architecture.md say the same)
KEYWORDS = {**DEFAULT_KEYWORDS, "both": None, "stored": None}


def used() -> set[str]:
    # the code, and the pages' templates ({{ _("…") }}), as babel.cfg says
    method_map = [("**.py", "python"), ("pages/templates/**.html", "jinja2")]
    found = extract_from_dir(str(CORE), method_map=method_map, keywords=KEYWORDS)
    return {
        message
        for _line, message, _comments, _context in ((f[1], f[2], f[3], f[4]) for f in found)
        if isinstance(message, str)
    }


def catalogue():
    with (files("samverkan") / "locales" / "sv" / "LC_MESSAGES" / "messages.po").open("rb") as f:
        return read_po(f, locale="sv")


def test_every_message_in_code_has_its_swedish_and_no_other_is_kept() -> None:
    ids = used()
    assert len(ids) > 200
    cat = catalogue()
    translated = {m.id for m in cat if m.id and m.string and not m.fuzzy}
    assert sorted(ids - translated) == [], "run pybabel extract/update and translate these"
    assert sorted({m.id for m in cat if m.id} - ids) == [], "stale: no longer in the code"


def test_placeholders_agree() -> None:
    assert [(m.id, str(e)) for m, errors in catalogue().check() for e in errors] == []


def test_swedish_is_the_default_and_english_the_msgid() -> None:
    assert i18n.DEFAULT == "sv" and i18n._language.get() in i18n.LANGUAGES
    with speaking("sv"):
        assert _("Not found") == "Hittades inte"
    with speaking("en"):
        assert _("Not found") == "Not found"
        assert _("on or before %(day)s", day="2026-03-01") == "on or before 2026-03-01"
    with speaking("sv"):
        assert _("on or before %(day)s", day="2026-03-01") == "senast 2026-03-01"


def test_a_name_parameter_takes_each_language_its_own() -> None:
    tier = i18n.names("Linjechef", "Line manager")
    with speaking("sv"):
        assert _("%(tier)s: time limit", tier=tier) == "Linjechef: tidsgräns"
    with speaking("en"):
        assert _("%(tier)s: time limit", tier=tier) == "Line manager: time limit"
    stored = both("resolved at %(tier)s", tier=tier)
    assert stored == {"sv": "löst vid Linjechef", "en": "resolved at Line manager"}
    with speaking("sv"):
        assert pick(stored) == stored["sv"] and pick("as stored") == "as stored"
    with speaking("en"):
        assert stored_text(i18n.stored("the region")) == "the region"
    assert each(lambda: _("the region")) == {"sv": "regionen", "en": "the region"}


@pytest.mark.parametrize(
    ("header", "language"),
    [
        (None, "sv"),
        ("", "sv"),
        ("en", "en"),
        ("en-GB,en;q=0.9", "en"),
        ("sv-SE", "sv"),
        ("de, en;q=0.5", "en"),
        ("de", "sv"),
        ("en;q=0.3, sv;q=0.8", "sv"),
        ("sv;q=0, en", "en"),
        ("*", "sv"),
        ("en;q=bogus", "sv"),
        ("\u00e5\u00e4\u00f6;;;,,=", "sv"),
    ],
)
def test_accept_language(header: str | None, language: str) -> None:
    assert negotiate(header) == language


def test_no_module_uses_the_translator_name_for_anything_else() -> None:
    for path in CORE.rglob("*.py"):
        tree = ast.parse(path.read_text())
        imports_it = any(
            isinstance(node, ast.ImportFrom) and any(a.name == "_" for a in node.names)
            for node in ast.walk(tree)
        )
        if not imports_it:
            continue
        for node in ast.walk(tree):
            targets = []
            if isinstance(node, ast.Assign | ast.For | ast.comprehension | ast.withitem):
                targets = [getattr(node, "target", None), *getattr(node, "targets", [])]
            names = {
                n.id
                for t in targets
                if t is not None
                for n in ast.walk(t)
                if isinstance(n, ast.Name)
            }
            assert "_" not in names, f"{path.name}:{getattr(node, 'lineno', '?')} assigns _"


def test_every_module_that_translates_imports_the_translator() -> None:
    """Linters take ``_`` for a builtin (gettext installs one); ours must be imported."""
    for path in CORE.rglob("*.py"):
        tree = ast.parse(path.read_text())
        calls = any(
            isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "_"
            for node in ast.walk(tree)
        )
        defines = any(
            isinstance(node, ast.ImportFrom | ast.FunctionDef)
            and (
                getattr(node, "name", None) == "_"
                or any(a.name == "_" for a in getattr(node, "names", []))
            )
            for node in ast.walk(tree)
        )
        assert defines or not calls, f"{path.name} calls _() without importing it"


def test_no_message_is_in_the_catalogue_twice() -> None:
    """Babel reads a repeated msgid silently, the last translation winning: two branches that
    each added one (a column heading and a CSV label) changed each other's words."""
    text = (files("samverkan") / "locales" / "sv" / "LC_MESSAGES" / "messages.po").read_text()
    ids = re.findall(r'^msgid ((?:".*"\n)+)', text, flags=re.M)
    joined = ["".join(re.findall(r'"(.*)"', block)) for block in ids]
    assert sorted({i for i in joined if i and joined.count(i) > 1}) == []
