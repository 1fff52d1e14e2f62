"""Where in the plugin's files a problem is: the line that sets the rule it names.

A problem names the rule by a path (``version 'avtal-2026', ladder 'default', tier 'council',
outcome``). The innermost rule with an id (``tier 'council'``) is looked up in the package's
modules as the literal that sets it (``key="council"``); a path that names no such rule below
its version (``version 'avtal-2026', cost_policy, schablon``) is looked up as the field that
sets its last part (``schablon=``) in the module that holds that part (``cost.py``). The
problem gets the file and line (``[samverkan_exempel/ladders.py:33]``), or the module alone.
"""

from __future__ import annotations

import re
from pathlib import Path

#: The rules a path names by id, and the fields that set an id.
_NAMED = re.compile(
    r"\b(version|ladder|tier|deadline|form field|field|responsibility|municipality|rule|sip) "
    r"'([^']+)'"
)
_SETS = ("key", "kind", "name", "code")
#: The module that holds each part a path starts with (after its version).
MODULES = {
    "agreement": "agreement",
    "parties": "agreement",
    "ladder": "ladders",
    "ladders": "ladders",
    "deadline": "deadlines",
    "deadlines": "deadlines",
    "cost_policy": "cost",
    "sip": "sip",
    "deviations": "deviations",
    "responsibility": "responsibilities",
    "responsibilities": "responsibilities",
    "follow_up": "followup",
}

Line = tuple[Path, int, str]


def _lines(package: Path) -> list[Line]:
    files = [package] if package.is_file() else sorted(package.rglob("*.py"))
    return [
        (path, number, line)
        for path in files
        if "__pycache__" not in path.parts
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
    ]


def _first(lines: list[Line], *patterns: str) -> tuple[Path, int] | None:
    for pattern in patterns:
        for path, number, line in lines:
            if re.search(pattern, line):
                return path, number
    return None


def locate(problem: str, package: Path, lines: list[Line], module: str = "") -> str:
    """The problem with ``[file:line]`` of the rule it names, where found."""
    where = problem.split("): ", 1)[-1].split(": ", 1)[0]
    segments = [s.strip() for s in where.split(",")]
    named = [(i, m) for i, s in enumerate(segments) if (m := _NAMED.fullmatch(s))]
    innermost = named[-1] if named else None
    found = None
    if innermost and innermost[1].group(1) != "version":
        literal = re.escape(f'"{innermost[1].group(2)}"')
        found = _first(
            lines,
            *(rf"\b{field}\s*=\s*{literal}" for field in _SETS),
            rf"^\s*[A-Z_]+\s*=\s*{literal}",
            literal,
        )
        rest = [innermost[1].group(1)]
    else:
        rest = segments[innermost[0] + 1 :] if innermost else segments
    part = MODULES.get(rest[0].split(" ")[0], module) if rest else module
    held = [x for x in lines if x[0].stem == part] or ([] if part else lines)
    if found is None and rest and held:
        found = _first(held, rf"\b{re.escape(rest[-1])}\s*=")
    if found is None:
        return f"{problem} [{held[0][0].relative_to(package.parent)}]" if held else problem
    return f"{problem} [{found[0].relative_to(package.parent)}:{found[1]}]"


def located(problems: list[str], package: Path | None, module: str = "") -> list[str]:
    """Each problem with its file and line, where found; ``module`` holds what the check
    checks (``ladders``, ``cost`` …)."""
    if package is None or not problems:
        return problems
    lines = _lines(package)
    return [locate(problem, package, lines, module) for problem in problems]
