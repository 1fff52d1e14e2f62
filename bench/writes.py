"""Case writes against a bare endpoint that inserts and commits one row through plain sqlite3.

    .venv/bin/python -m bench.writes --size full       # 5 rounds of 10 s per side and write
    .venv/bin/python -m bench.writes --size tiny       # the CI smoke run

Writes: opening a dispute (``POST /api/v1/disputes``, Södra Älvsborg, as Borås) and recording
a cost entry (``POST /api/v1/placements/{id}/costs``, Göteborg, as Mölndal, round-robin over
one placement per connection); each request sends a fresh ``Idempotency-Key``, as integrators
are told to. The yardstick decodes the same body and commits one row (WAL,
``synchronous=FULL``) in a database in the same folder as the service's. Rate limit: 100,000
requests per minute per key (raised for the run). Target (issue 14): ≥ 0.5× the yardstick's
requests/s.
"""

from __future__ import annotations

import json
import sqlite3
import time
from pathlib import Path

from bench import harness
from bench.load import Request

SIZES = {
    "full": {"rounds": 5, "seconds": 10.0, "warmup": 2.0, "connections": 8},
    "tiny": {"rounds": 1, "seconds": 1.0, "warmup": 0.5, "connections": 8},
}
BORAS, MOLNDAL = "1490", "1481"


def _body(value: dict[str, object]) -> bytes:
    return json.dumps(value, ensure_ascii=False).encode()


DISPUTE = _body(
    {
        "agreement": "sodra_alvsborg",
        "municipality": BORAS,
        "subject": "cost",
        "title": "Kostnadsansvar för insatser i hemmet",
        "description": "Kommunen och regionen är oense om vem som bär kostnaden för insatsen.",
    }
)
PLACEMENT = _body(
    {
        "agreement": "goteborg",
        "municipality": MOLNDAL,
        "placing_party": "municipality",
        "start_date": "2026-02-01",
        "acute": False,
        "home_kind": "hvb",
        "child": True,
    }
)
COST = _body(
    {
        "period_from": "2026-04-01",
        "period_to": "2026-04-30",
        "amount_ore": 8_765_400,
        "paid_by": "municipality",
        "invoice_ref": "Faktura 2026-0412",
    }
)


def acting(key: str) -> tuple[tuple[str, str], ...]:
    return (("Authorization", f"Bearer {key}"), ("X-Actor-Person", "Bench Mark"))


def setup(service: harness.Service, placements: int) -> dict[str, list[Request]]:
    """Keys, placements and the requests of each write."""
    boras, molndal = acting(service.key(BORAS)), acting(service.key(MOLNDAL))
    ids = []
    with service.client() as client:
        for _ in range(placements):
            made = client.post(
                "/api/v1/placements",
                content=PLACEMENT,
                headers={"content-type": "application/json", **dict(molndal)},
            )
            if made.status_code != 201:
                raise SystemExit(f"placement: {made.status_code} {made.text}")
            ids.append(made.json()["id"])
    return {
        "open dispute": [Request("POST", "/api/v1/disputes", DISPUTE, boras, fresh_key=True)],
        "record cost entry": [
            Request("POST", f"/api/v1/placements/{i}/costs", COST, molndal, fresh_key=True)
            for i in ids
        ],
    }


def raw_commits(folder: Path, seconds: float) -> float:
    """Single-row commits per second through plain sqlite3 in this process (no HTTP), WAL and
    ``synchronous=FULL``, in the folder of the service's database: what the disk allows."""
    conn = sqlite3.connect(folder / "raw.db", isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("CREATE TABLE IF NOT EXISTS rows (id INTEGER PRIMARY KEY, body TEXT)")
    done, started = 0, time.perf_counter()
    while time.perf_counter() - started < seconds:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT INTO rows (body) VALUES (?)", ["x" * 200])
        conn.execute("COMMIT")
        done += 1
    conn.close()
    return done / (time.perf_counter() - started)


def main() -> None:
    with harness.session(__doc__, SIZES, loads=True) as run:
        harness.header(
            "case writes vs bare sqlite3 insert+commit",
            run,
            load=harness.load_line(run),
            server=harness.server_line(run.args.http, "rate limit per key"),
        )
        service = harness.Service(run.where, run.args.http)
        figures = []
        with harness.running(service):
            writes = setup(service, run.size["connections"])
            bare = harness.start_bare(run, service, {k: v[0] for k, v in writes.items()}, 201)
            with harness.running(bare):
                raw = raw_commits(run.where, run.size["seconds"])
                for name, requests in writes.items():
                    pairs = harness.load_rounds(run, service, bare, requests)
                    figures += harness.load_figures(name, pairs, (">=", 0.5), None)
                raw = (raw + raw_commits(run.where, run.size["seconds"])) / 2
        print(
            f"   context: plain sqlite3 in one process, no HTTP, commits {raw:,.0f} rows/s on this "
            "disk (the mean of one run before and one after the load)"
        )
        harness.report(figures, run, "case writes")


if __name__ == "__main__":
    main()
