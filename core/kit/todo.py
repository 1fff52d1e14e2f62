"""Finding what the scaffold left to fill: every ``TODO`` in the plugin's package.

A ``TODO`` is looked for in the data the plugin supplies (its path names the rule, e.g.
``ladder 'default', tier 'first', citation, quote``) and in the package's files (a date or a key
whose line carries a ``# TODO`` comment, a scenario still to write). Each is reported once, with
its file and line, and with the rule where the data carries it.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from samverkan.kit.data import own_data, where
from samverkan.kit.subject import Subject

MARK = "TODO"
SUFFIXES = (".py", ".toml")


def _lines(package: Path) -> list[tuple[Path, int, str]]:
    found = []
    files = [package] if package.is_file() else sorted(package.rglob("*"))
    for path in files:
        if path.suffix not in SUFFIXES or "__pycache__" in path.parts:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if MARK in line:
                found.append((path, number, line.strip()))
    return found


def todos(subject: Subject) -> Iterator[str]:
    """One sentence per ``TODO`` left: ``file:line: the line — the rule``."""
    package = subject.package
    assert package is not None
    lines = _lines(package)
    rules: dict[int, list[str]] = {}
    unplaced: list[str] = []
    for version, path, value in own_data(subject) if subject.agreement else ():
        if not isinstance(value, str) or MARK not in value:
            continue
        text = value.strip().splitlines()[0][:60]
        at = next((i for i, (_, _, line) in enumerate(lines) if text in line), None)
        if at is None:
            unplaced.append(f"{where(version, path)}: {value!r}")
        else:
            rules.setdefault(at, []).append(where(version, path))
    base = package.parent
    for index, (path, number, line) in enumerate(lines):
        named = rules.get(index, [])
        more = f"; and {len(named) - 2} more" if len(named) > 2 else ""
        rule = f" (rule: {'; '.join(named[:2])}{more})" if named else ""
        yield f"{path.relative_to(base)}:{number}: {line}{rule}"
    for text in unplaced:
        yield f"in the plugin's data: {text}"
