"""Memory: the service's RSS after 100,000 mixed requests against its RSS after the first 10,000.

    .venv/bin/python -m bench.memory --size full       # 10,000 then up to 100,000 requests
    .venv/bin/python -m bench.memory --size tiny       # 500 then up to 5,000: the CI smoke run

The mix, round-robin over 1,000 requests in a fixed shuffled order at 32 connections: rule
sets, ladders and cost splits of all four agreements on dates spread over each one's validity
(so a cache keyed by date shows here), SIP checks, ``/health``, and as Borås with an API key:
opening disputes (one request in ten), reading them and listing them. The RSS
(``/proc/PID/status`` VmRSS of the ``samverkan serve`` process) is read after every ``first``
requests; the figure is the last reading over the first. Rate limits: 100,000 per minute per
key and per address (raised for the run). Target (issue 14): ≤ 1.10×.
"""

from __future__ import annotations

import datetime as dt
import json
import random

from bench import harness, load
from bench.load import Request

SIZES = {
    "full": {"first": 10_000, "total": 100_000, "connections": 32},
    "tiny": {"first": 500, "total": 5_000, "connections": 32},
}
#: each agreement's validity, as far as the bench asks about it
VALID = {
    "vgr": (dt.date(2017, 4, 2), dt.date(2030, 12, 30)),
    "sodra_alvsborg": (dt.date(2017, 4, 2), dt.date(2026, 12, 30)),
    "goteborg": (dt.date(2019, 11, 15), dt.date(2026, 12, 30)),
    "dalarna": (dt.date(2021, 7, 2), dt.date(2025, 6, 29)),
}
SPLITS = ("vgr", "sodra_alvsborg", "goteborg")  # agreements with a schablon


def _json(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=False).encode()


def mix(key: str, disputes: list[str], count: int = 1000) -> list[Request]:
    rng = random.Random(14)
    acting = (("Authorization", f"Bearer {key}"), ("X-Actor-Person", "Bench Mark"))

    def day(agreement: str) -> str:
        first, last = VALID[agreement]
        return (first + dt.timedelta(days=rng.randint(0, (last - first).days))).isoformat()

    kinds = [
        lambda a: Request("GET", f"/api/v1/agreements/{a}?on={day(a)}"),
        lambda a: Request("GET", f"/api/v1/agreements/{a}/ladder?on={day(a)}"),
        lambda a: Request(
            "POST",
            f"/api/v1/agreements/{(s := rng.choice(SPLITS))}/cost-split",
            _json({"amount_ore": rng.randint(1, 10**9), "method": "schablon", "on": day(s)}),
        ),
        lambda a: Request(
            "POST",
            "/api/v1/agreements/goteborg/sip-check",
            _json(
                {
                    "context": rng.choice(["general", "placement", "child_placement"]),
                    "on": day("goteborg"),
                    "sip": {"consent": True, "goal": "Stabil vardag", "wishes": "Bo hemma"},
                }
            ),
        ),
        lambda a: Request("GET", "/health"),
        lambda a: Request(
            "POST",
            "/api/v1/disputes",
            _json(
                {
                    "agreement": "sodra_alvsborg",
                    "municipality": "1490",
                    "subject": "interpretation",
                    "title": f"Tolkning av avtalet {rng.randint(1, 10**6)}",
                    "description": "Parterna läser avsnittet olika.",
                }
            ),
            acting,
            fresh_key=True,
        ),
        lambda a: Request("GET", f"/api/v1/disputes/{rng.choice(disputes)}", headers=acting),
        lambda a: Request("GET", "/api/v1/disputes?limit=20", headers=acting),
    ]
    weights = [2, 2, 1.5, 1, 0.5, 1, 1.5, 0.5]
    requests = [rng.choices(kinds, weights)[0](rng.choice(list(VALID))) for _ in range(count)]
    return requests


def main() -> None:
    with harness.session(__doc__, SIZES) as run:
        size = run.size
        harness.header(
            "memory under mixed load",
            run,
            load=f"python (bounded by count), {size['connections']} connections, "
            f"{size['total']:,} requests in steps of {size['first']:,}",
            server=harness.server_line(run.args.http, "rate limits per key and address"),
        )
        service = harness.Service(run.where, run.args.http)
        readings = []
        with harness.running(service), service.client() as client:
            key = service.key("1490")
            headers = {"Authorization": f"Bearer {key}", "X-Actor-Person": "Bench Mark"}
            disputes = []
            for i in range(5):
                made = client.post(
                    "/api/v1/disputes",
                    json={
                        "agreement": "sodra_alvsborg",
                        "municipality": "1490",
                        "subject": "responsibility",
                        "title": f"Ansvar {i}",
                        "description": "Oenighet om ansvaret.",
                    },
                    headers=headers,
                )
                made.raise_for_status()
                disputes.append(made.json()["id"])
            requests = mix(key, disputes)
            for r in requests[:40]:  # every kind answers 2xx before the run
                answer = client.request(
                    r.method,
                    r.path,
                    content=r.body,
                    headers={**dict(r.headers), "content-type": "application/json"},
                )
                if answer.status_code >= 300:
                    raise SystemExit(f"{r.method} {r.path}: {answer.status_code} {answer.text}")
            start = service.rss_kib()
            done, errors = 0, 0
            while done < size["total"]:
                result = load.run(
                    "python",
                    service.port,
                    requests[done % len(requests) :] + requests[: done % len(requests)],
                    connections=size["connections"],
                    count=size["first"],
                )
                done += result.requests
                errors += result.errors
                readings.append((done, service.rss_kib()))
                print(
                    f"   after {done:>7,} requests: RSS {readings[-1][1] / 1024:7.1f} MiB",
                    flush=True,
                )
        print(f"   (RSS before the run, after set-up: {start / 1024:.1f} MiB)")
    figure = harness.Figure(
        f"RSS after {readings[-1][0]:,} vs after {readings[0][0]:,} requests",
        [readings[-1][1] / 1024],
        [readings[0][1] / 1024],
        "MiB",
        ("<=", 1.10),
        errors=errors,
    )
    harness.report([figure], run, "memory")


if __name__ == "__main__":
    main()
