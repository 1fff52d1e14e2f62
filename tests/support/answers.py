"""Record what the service answers, so a change that must not alter behaviour can be checked.

Starts ``samverkan serve`` (the installed command, whatever the code's layout) on a fresh
database with a fixed service date, asks every rule endpoint for every enabled agreement on
every date the scenario files name (plus a few fixed ones), walks a dispute and a placement
through their steps, and writes one JSON line per request: method, path, body, status and
the answer with server-made values (ids, keys, times, ETags) replaced by placeholders.

    python tests/support/answers.py record before.jsonl
    # … move the code …
    python tests/support/answers.py record after.jsonl
    python tests/support/answers.py compare before.jsonl after.jsonl

Only HTTP and the ``samverkan`` command are used, so the same script runs before and after a
restructuring of the code.
"""

from __future__ import annotations

import itertools
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import tomllib
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[2]
TODAY = "2026-06-15"
FIXED_DATES = ["2019-06-01", "2021-07-01", "2025-03-01", "2026-06-01", "2027-01-01", "2031-06-01"]

_VOLATILE = [
    (re.compile(r"\b(dsp|plc|dev|cst|cag|ntf|key|del)_[a-z0-9]{12,}\b"), r"<\1-id>"),
    (re.compile(r"\bsmv_[A-Za-z0-9_]+\b"), "<api-key>"),
    (re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?([+-]\d\d:\d\d|Z)?"), "<timestamp>"),
    (re.compile(r'"[0-9a-f]{8,}\.\d+"|W/"[^"]+"'), "<etag>"),
    (re.compile(r"\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b"), "<uuid>"),
]


#: A plugin's module path (``/-/plugins``) names where the code lives, not what the service
#: answers: two recordings are compared with it as a placeholder (issue 11 moved every module).
_LAYOUT = re.compile(r'(\\"(?:name|module)\\":\\")[a-z_]+(?:\.[a-z_0-9]+)+(\\")')


def normalise(text: str) -> str:
    for pattern, placeholder in _VOLATILE:
        text = pattern.sub(placeholder, text)
    return text


def _scenario_dates() -> list[str]:
    dates: set[str] = set(FIXED_DATES)
    for path in itertools.chain(ROOT.glob("tests/**/*.toml"), ROOT.glob("plugins/**/*.toml")):
        for scenario in tomllib.loads(path.read_text()).get("scenario", []):
            if "on" in scenario:
                dates.add(str(scenario["on"]))
    return sorted(dates)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Recorder:
    def __init__(self, client: httpx.Client, out: list[dict[str, Any]]):
        self.client = client
        self.out = out

    def ask(
        self,
        method: str,
        path: str,
        body: Any = None,
        headers: dict[str, str] | None = None,
    ) -> httpx.Response:
        answer = self.client.request(method, path, json=body, headers=headers or {})
        self.out.append(
            {
                "method": method,
                "path": normalise(path),
                "body": body,
                "status": answer.status_code,
                "answer": normalise(answer.text),
            }
        )
        return answer


def _rules(rec: Recorder, dates: list[str]) -> None:
    agreements = rec.ask("GET", "/api/v1/agreements").json()
    items = agreements["items"] if isinstance(agreements, dict) else agreements
    ids = [item["id"] for item in items]
    rec.ask("GET", "/-/plugins")
    rec.ask("GET", "/health")
    for agreement, on in itertools.product(ids, dates):
        rule_set = rec.ask("GET", f"/api/v1/agreements/{agreement}?on={on}")
        if rule_set.status_code != 200:
            continue
        data = rule_set.json()
        kinds = sorted({item["ladder"]["kind"] for item in data.get("ladders", [])})
        for kind in kinds or ["default"]:
            rec.ask("GET", f"/api/v1/agreements/{agreement}/ladder?on={on}&kind={kind}")
        names = sorted(
            {item["deadline"]["name"] for item in data.get("deadlines", []) if "deadline" in item}
        )
        for name in names:
            rec.ask("GET", f"/api/v1/agreements/{agreement}/deadlines/{name}?from={on}")
        split = f"/api/v1/agreements/{agreement}/cost-split"
        rec.ask("POST", split, {"amount_ore": 100001, "method": "schablon", "on": on})
        rec.ask(
            "POST",
            split,
            {
                "amount_ore": 100000,
                "method": "percent",
                "shares": {"region": 40, "municipality": 60},
                "on": on,
            },
        )
        rec.ask(
            "POST",
            split,
            {
                "amount_ore": 100000,
                "method": "amount",
                "amounts_ore": {"region": 25000, "municipality": 75000},
                "on": on,
            },
        )
        for context in ("general", "placement", "child_placement"):
            sip = f"/api/v1/agreements/{agreement}/sip-check"
            rec.ask("POST", sip, {"context": context, "on": on, "sip": {}})
            rec.ask("POST", sip, {"context": context, "on": on, "sip": {"consent": True}})
    for pair in itertools.combinations(ids, 2):
        for on in FIXED_DATES:
            rec.ask("GET", f"/api/v1/compare?agreements={','.join(pair)}&on={on}")


def _key(env: dict[str, str], config: Path, org: str, *extra: str) -> str:
    printed = subprocess.run(
        [
            shutil.which("samverkan") or "samverkan",
            "--config",
            str(config),
            "keys",
            "create",
            "--org",
            org,
            *extra,
        ],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return re.search(r"smv_\S+", printed).group(0)  # type: ignore[union-attr]


def _cases(rec: Recorder, key: dict[str, str]) -> None:
    boras = {"Authorization": f"Bearer {key['1490']}", "X-Actor-Person": "anna.andersson"}
    region = {"Authorization": f"Bearer {key['14']}", "X-Actor-Person": "per.berg"}
    opened = rec.ask(
        "POST",
        "/api/v1/disputes",
        {
            "agreement": "sodra_alvsborg",
            "municipality": "1490",
            "subject": "responsibility",
            "title": "Ansvar för insatser",
            "description": "Parterna är oense.",
            "individual_ref": "p-3f9a0c51d2e87b44",
            "temporary_arrangement": {
                "started_on": "2026-01-10",
                "description": "Kommunen ger boendestöd, regionen behandling",
            },
            "opened_on": "2026-01-10",
        },
        {**boras, "Idempotency-Key": "answers-0001"},
    )
    dispute = opened.json().get("id")
    path = f"/api/v1/disputes/{dispute}"

    def step(url: str, body: Any, who: dict[str, str]) -> None:
        etag = rec.client.get(path, headers=who).headers.get("etag", "")
        rec.ask("POST", url, body, {**who, "If-Match": etag})

    step(
        f"{path}/escalate",
        {"reason": "no_agreement", "clock_started_on": "2026-02-12", "on": "2026-02-12"},
        boras,
    )
    step(f"{path}/recommendation", {"text": "Regionen ansvarar.", "given_on": "2026-03-10"}, boras)
    step(f"{path}/responses", {"response": "reject", "on": "2026-03-12"}, boras)
    rec.ask("GET", path, headers=boras)
    rec.ask("GET", f"{path}/notice", headers=boras)
    rec.ask("GET", f"{path}/notice?format=html", headers=boras)
    rec.ask("GET", "/api/v1/disputes?agreement=sodra_alvsborg&limit=20", headers=region)

    sip = {
        "consent": True,
        "goal": "Stabil vardag",
        "wishes": "Bo nära familjen",
        "responsibilities": "Kommunen: boende. Regionen: BUP",
        "performers": "HVB och BUP",
        "school_occupation": "Skola vid HVB",
        "overall_responsibility": "Kommunen",
        "follow_up": "Var tredje månad",
        "needs": "Stöd i vardagen",
    }
    molndal = {"Authorization": f"Bearer {key['1481']}", "X-Actor-Person": "eva.ek"}
    placed = rec.ask(
        "POST",
        "/api/v1/placements",
        {
            "agreement": "goteborg",
            "municipality": "1481",
            "placing_party": "municipality",
            "start_date": "2026-03-01",
            "acute": True,
            "home_kind": "hvb",
            "child": True,
            "sip": sip,
        },
        {**molndal, "Idempotency-Key": "answers-0002"},
    )
    placement = placed.json().get("id")
    ppath = f"/api/v1/placements/{placement}"
    etag = rec.client.get(ppath, headers=molndal).headers.get("etag", "")
    rec.ask(
        "POST",
        f"{ppath}/cost-agreements",
        {
            "effective_from": "2026-03-01",
            "agreed_on": "2026-03-10",
            "method": "schablon",
            "goal": "Stabil vardag",
            "responsibilities": "Kommunen: boende. Regionen: BUP",
            "health_care_provision": "BUP",
            "municipal_provision": "Boende",
            "follow_up_on": "2026-06-01",
            "signatories": [
                {"name": "Eva Ek", "role": "Socialchef", "party": "municipality"}
                | {"economic_mandate": True},
                {"name": "Per Berg", "role": "Chef BUP", "party": "region"}
                | {"economic_mandate": True},
            ],
        },
        {**molndal, "If-Match": etag, "Idempotency-Key": "answers-0003"},
    )
    for month, amount in (("03", 9150000), ("04", 9150000)):
        rec.ask(
            "POST",
            f"{ppath}/costs",
            {
                "period_from": f"2026-{month}-01",
                "period_to": f"2026-{month}-28",
                "amount_ore": amount,
                "paid_by": "municipality",
                "invoice_ref": f"F-{month}",
            },
            {**molndal, "Idempotency-Key": f"answers-cost-{month}"},
        )
    rec.ask("GET", ppath, headers=molndal)
    rec.ask("GET", f"{ppath}/costs", headers=molndal)
    rec.ask("GET", f"{ppath}/settlement?as_of=2026-05-31", headers=molndal)
    rec.ask("GET", "/api/v1/deadlines?limit=50", headers=region)
    rec.ask("GET", "/api/v1/notifications?after=0&limit=100", headers=region)


def record(target: Path) -> None:
    out: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as tmp:
        config = Path(tmp) / "samverkan.toml"
        config.write_text(
            (ROOT / "config" / "samverkan.toml")
            .read_text()
            .replace(
                "[server]\n",
                "[server]\nrate_limit_per_minute = 100000\n"
                "anonymous_rate_limit_per_minute = 100000\n",
            )
        )
        env = {
            **os.environ,
            "SAMVERKAN_DATABASE": str(Path(tmp) / "answers.db"),
            "SAMVERKAN_TODAY": TODAY,
        }
        keys = {org: _key(env, config, org) for org in ("1490", "1481", "14")}
        port = _free_port()
        server = subprocess.Popen(
            [
                shutil.which("samverkan") or "samverkan",
                "--config",
                str(config),
                "serve",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
            ],
            env=env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30) as client:
                for _ in range(300):
                    try:
                        client.get("/health")
                        break
                    except httpx.HTTPError:
                        time.sleep(0.1)
                rec = Recorder(client, out)
                _rules(rec, _scenario_dates())
                _cases(rec, keys)
        finally:
            server.terminate()
            server.wait(20)
    with target.open("w") as handle:
        for line in out:
            handle.write(json.dumps(line, ensure_ascii=False, sort_keys=True) + "\n")
    print(f"{len(out)} answers written to {target}")


def compare(before: Path, after: Path) -> int:
    old = [_LAYOUT.sub(r"\1<module>\2", line) for line in before.read_text().splitlines()]
    new = [_LAYOUT.sub(r"\1<module>\2", line) for line in after.read_text().splitlines()]
    differing = [(a, b) for a, b in zip(old, new, strict=False) if a != b]
    if len(old) != len(new):
        print(f"{len(old)} answers before, {len(new)} after")
    for a, b in differing[:20]:
        print("-", a[:400])
        print("+", b[:400])
    print(f"{len(differing)} of {min(len(old), len(new))} answers differ")
    return 1 if differing or len(old) != len(new) else 0


if __name__ == "__main__":
    verb, *paths = sys.argv[1:]
    if verb == "record":
        record(Path(paths[0]))
    else:
        sys.exit(compare(Path(paths[0]), Path(paths[1])))
