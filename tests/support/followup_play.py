"""Hand-made follow-up data sets (``tests/followup/*.toml``), played through the API a day at a
time, and their hand-counted figures looked up in a report.

A data set is a list of ``[[step]]``s (``on``: the day, ``as``: the acting organisation,
``post``: the path, ``body``, ``save``: a name for the id it answers, ``save_from``: where in
the answer that id is when it is not ``id``), played in a service of its own whose clock moves
one day at a time from ``from`` to ``until``: each day its steps run, then the deadline sweep
and the webhook deliveries, as the scheduler would at the end of the day. ``{name}`` in a path
is a saved id; a change to a saved case sends its current ``ETag`` (read just before).

``[[expect]]`` tables name who asks (``as``, an organisation's party key), the query, and the
``status`` and ``figures`` expected: dotted paths into the report, where a list's element is
picked by its ``key``, its tier's key or its ``id`` (``disputes.by_subject.cost.value``).
"""

from __future__ import annotations

import datetime as dt
import tomllib
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tests.support.inprocess import InProcess, running
from tests.support.server import ROOT

DATA = ROOT / "tests" / "followup"
#: a receiver that is never there: every delivery fails (max_attempts = 1), and is counted
CONFIG = (ROOT / "config" / "samverkan.toml").read_text() + (
    "\n[sweep]\nenabled = false\n\n[[webhooks]]\n"
    'name = "nowhere"\nurl = "http://127.0.0.1:9/never"\norg = "{org}"\nsecret = "s"\n'
    "max_attempts = 1\ntimeout_seconds = 1\n"
)
KINDS = {"dsp": "disputes", "plc": "placements", "dev": "deviations"}


def data_sets() -> list[Path]:
    return sorted(DATA.glob("*.toml"))


def load(path: Path) -> dict[str, Any]:
    return tomllib.loads(path.read_text())


class Player:
    """Plays a data set's steps in a service, a day at a time."""

    def __init__(self, service: InProcess, data: dict[str, Any]):
        self.service = service
        self.data = data
        self.saved: dict[str, str] = {}

    @property
    def client(self) -> Any:
        return self.service.client

    def headers(self, org: str) -> dict[str, str]:
        """A key's headers, asking for Swedish (the in-process client reads English otherwise)."""
        return {**self.service.headers(org, "Handlaggare"), "Accept-Language": "sv"}

    def play(self) -> None:
        services = self.service.services
        assert services is not None
        clock, sweeper = services.rulebook.clock, services.sweeper
        steps = sorted(self.data["step"], key=lambda s: s["on"])  # stable: file order per day
        day = dt.date.fromisoformat(self.data["from"])
        until = dt.date.fromisoformat(self.data["until"])
        while day <= until:
            clock.fixed_today = day
            for step in (s for s in steps if s["on"] == day.isoformat()):
                self.step(step)
            sweeper.sweep()
            sweeper.webhooks.deliver_due(lambda: sweeper.client)
            day += dt.timedelta(days=1)

    def step(self, step: dict[str, Any]) -> None:
        path = step["post"].format(**self.saved)
        headers = self.headers(step["as"])
        target = next((i for i in self.saved.values() if f"/{i}/" in path), None)
        if target is not None and not path.endswith("/costs"):
            kind = KINDS[target.split("_")[0]]
            current = self.client.get(f"/api/v1/{kind}/{target}", headers=headers)
            assert current.status_code == 200, current.text
            headers["If-Match"] = current.headers["etag"]
        headers["Idempotency-Key"] = str(uuid.uuid4())
        answer = self.client.post(path, json=step.get("body", {}), headers=headers)
        assert answer.status_code in (200, 201), f"{step['on']} {path}: {answer.text}"
        if "save" in step:
            found: Any = answer.json()
            for part in step.get("save_from", "id").split("."):
                found = found[part]
            self.saved[step["save"]] = found

    def ask(self, expect: dict[str, Any], **extra: str) -> Any:
        query = {k: str(v) for k, v in expect["query"].items()} | extra
        return self.client.get("/api/v1/followup", params=query, headers=self.headers(expect["as"]))


def played(workdir: Path, data: dict[str, Any]) -> Iterator[Player]:
    """The data set played in a service of its own (yielded for asking)."""
    config = CONFIG.format(org=data.get("webhook_org", ""))
    env = {"SAMVERKAN_TODAY": data["from"]}
    with running(workdir, config, env) as service:
        player = Player(service, data)
        player.play()
        yield player


def pick(report: Any, path: str) -> Any:
    """The value at a dotted path (see the module's docstring); a breakdown's ``items`` may be
    left out of the path, and a number picks a list's element by its place."""
    found = report
    parts = path.split(".")
    while parts:
        part = parts[0]
        if isinstance(found, dict) and part not in found and "items" in found:
            found = found["items"]
            continue
        if isinstance(found, list) and part.isdigit():
            found = found[int(part)]
        elif isinstance(found, list):
            matches = [
                item for item in found if part in (item.get("key"), item.get("id"), *tier_of(item))
            ]
            assert len(matches) == 1, f"{path}: {len(matches)} elements match {part!r}"
            found = matches[0]
        else:
            assert part in found, f"{path}: no {part!r} in {sorted(found)}"
            found = found[part]
        parts.pop(0)
    return found


def tier_of(item: dict[str, Any]) -> tuple[str, ...]:
    """A tier's names in a path: its key, or ``ladder/key`` or ``agreement/ladder/key`` where
    keys repeat."""
    tier = item.get("tier")
    if not isinstance(tier, dict):
        return ()
    ladder = f"{tier['ladder']}/{tier['tier']}"
    return tier["tier"], ladder, f"{tier['version']['agreement']}/{ladder}"
