"""Run the examples of a documentation page against a real server, as a reader would.

Every fenced ``sh`` block of a page that calls ``curl`` runs, in order, in one ``bash`` per
page, with these rules (docs/README.md states them for authors):

- ``localhost:8000`` is the server under test;
- ``smv_…`` is an API key of the organisation named by ``--org N`` on the same line, else on the
  nearest line above it in the page (``--role admin --agreements A`` if that line says so);
- ``.venv/bin/samverkan`` is the installed command, on the server's config and database;
- after every answer, ``$ETAG`` is its ``ETag`` (when it has one) and ``$ID`` the case id of its
  ``Location`` (when it has one; else the case id of its body, or of its first item: a case
  id begins ``dsp_``, ``plc_`` or ``dev_``);
- a comment ``# => 201; due_on = "2026-02-09"; transfer.amount_ore = 6100000`` states what the
  next ``curl``'s answer holds: its status, and values at dotted paths (JSON literals); every
  other answer must be a success (2xx).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

FENCE = re.compile(r"^```sh\n(.*?)^```", re.M | re.S)
EXPECT = re.compile(r"^\s*#\s*=>\s*(.+)$")
ORG = re.compile(r"--org\s+(\d+)")
ADMIN = re.compile(r"--role\s+admin\s+--agreements\s+([a-z_,]+)")
KEY = "smv_…"

#: after each answer: set ETAG and ID from it (bash ``eval``s what this prints)
NOTE = r"""
import json, re, sys
head, body = open(sys.argv[1], encoding="latin-1").read(), open(sys.argv[2], "rb").read()
found = {k.lower(): v.strip() for k, v in re.findall(r"^([A-Za-z-]+):\s*(.*)$", head, re.M)}
out = []
if "etag" in found:
    out.append("ETAG=" + json.dumps(found["etag"]))
def is_case(value):
    return isinstance(value, str) and value.split("_")[0] in ("dsp", "plc", "dev")
case = None
if "location" in found:
    parts = found["location"].split("/")
    case = parts[4] if len(parts) > 4 else None
if case is None:
    try:
        data = json.loads(body)
    except ValueError:
        data = None
    if isinstance(data, dict) and is_case(data.get("id")):
        case = data["id"]
    elif isinstance(data, dict) and data.get("items") and isinstance(data["items"][0], dict):
        case = data["items"][0].get("id") if is_case(data["items"][0].get("id")) else None
if case:
    out.append("ID=" + json.dumps(case))
print("; ".join(out))
"""

PRELUDE = r"""
set -e
DOCS_N=0
curl() {
  local args=()
  for a in "$@"; do
    case "$a" in
      -si|-is) args+=(-s) ;;
      -i) ;;
      *) args+=("$a") ;;
    esac
  done
  DOCS_N=$((DOCS_N + 1))
  command curl -sS -D "$DOCS_DIR/$DOCS_N.head" -o "$DOCS_DIR/$DOCS_N.body" \
    -w '%{http_code}' "${args[@]}" > "$DOCS_DIR/$DOCS_N.status"
  eval "$("$DOCS_PYTHON" "$DOCS_DIR/note.py" "$DOCS_DIR/$DOCS_N.head" "$DOCS_DIR/$DOCS_N.body")"
  cat "$DOCS_DIR/$DOCS_N.body"; echo
}
"""


@dataclass
class Expectation:
    status: int | None = None
    values: dict[str, Any] = field(default_factory=dict)


@dataclass
class Answer:
    status: int
    headers: str
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


def blocks(page: Path) -> list[str]:
    """The page's runnable examples: its ``sh`` blocks that call curl."""
    return [b for b in FENCE.findall(page.read_text()) if re.search(r"^\s*curl ", b, re.M)]


def expectation(text: str) -> Expectation:
    found = Expectation()
    for part in (p.strip() for p in text.split(";") if p.strip()):
        if re.fullmatch(r"\d{3}", part):
            found.status = int(part)
            continue
        path, _, value = part.partition("=")
        try:
            found.values[path.strip()] = json.loads(value.strip())
        except ValueError:
            found.values[path.strip()] = value.strip()
    return found


def script(page_blocks: list[str], url: str, key: Any) -> tuple[str, list[Expectation]]:
    """The page's examples as one bash script (placeholders filled), and what each curl call
    is stated to answer, in order (``key(org, admin_agreements)`` mints a key)."""
    expected: list[Expectation] = []
    lines_out: list[str] = []
    org, admin = None, None
    for block in page_blocks:
        pending = Expectation()
        joined = block.replace("\\\n", "\u0000")  # a command's continuation lines
        for line in joined.split("\n"):
            found = EXPECT.match(line)
            if found:
                pending = expectation(found.group(1))
                continue
            if ORG.search(line):
                org = ORG.search(line).group(1)  # type: ignore[union-attr]
                admin = ADMIN.search(line).group(1) if ADMIN.search(line) else None
            if KEY in line:
                assert org, f"{KEY} with no --org before it: {line!r}"
                line = line.replace(KEY, key(org, admin))
            if re.match(r"^\s*curl ", line):
                expected.append(pending)
                pending = Expectation()
            line = line.replace("localhost:8000", url).replace(".venv/bin/samverkan", "samverkan")
            lines_out.append(line.replace("\u0000", "\\\n"))
    return PRELUDE + "\n".join(lines_out) + "\n", expected


def at(data: Any, path: str) -> Any:
    for part in re.findall(r"[^.\[\]]+|\[\d+\]", path):
        data = data[int(part[1:-1])] if part.startswith("[") else data[part]
    return data


def run(page: Path, url: str, workdir: Path, env: dict[str, str], key: Any) -> list[str]:
    """Run the page's examples; the problems found (empty when every answer is as stated)."""
    page_blocks = blocks(page)
    if not page_blocks:
        return []
    text, expected = script(page_blocks, url.removeprefix("http://"), key)
    calls = workdir / page.stem
    shutil.rmtree(calls, ignore_errors=True)
    calls.mkdir(parents=True)
    (calls / "note.py").write_text(NOTE)
    bindir = str(Path(sys.executable).parent)
    done = subprocess.run(
        ["bash", "-c", text],
        env={
            **env,
            "PATH": f"{bindir}:{os.environ['PATH']}",
            "DOCS_DIR": str(calls),
            "DOCS_PYTHON": sys.executable,
        },
        capture_output=True,
        text=True,
        timeout=120,
        cwd=workdir,
    )
    problems = [] if done.returncode == 0 else [f"bash exited {done.returncode}: {done.stderr}"]
    answers = [
        Answer(
            int((calls / f"{n}.status").read_text() or 0),
            (calls / f"{n}.head").read_text(errors="replace"),
            (calls / f"{n}.body").read_bytes(),
        )
        for n in range(1, len(expected) + 1)
        if (calls / f"{n}.status").exists()
    ]
    if len(answers) != len(expected):
        problems.append(f"{len(expected)} curl calls written, {len(answers)} made")
    for n, (answer, want) in enumerate(zip(answers, expected, strict=False), 1):
        label = f"{page.name} curl #{n}"
        if want.status is not None:
            if answer.status != want.status:
                problems.append(f"{label}: {answer.status}, not {want.status}: {answer.body!r}")
        elif not 200 <= answer.status < 300:
            problems.append(f"{label}: {answer.status}: {answer.body[:400]!r}")
        for path, value in want.values.items():
            try:
                got = at(answer.json(), path)
            except (KeyError, IndexError, TypeError, ValueError) as exc:
                problems.append(f"{label}: no {path} ({exc!r})")
                continue
            if got != value:
                problems.append(f"{label}: {path} is {got!r}, not {value!r}")
    return problems
