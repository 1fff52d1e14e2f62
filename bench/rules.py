"""Rule endpoints against the bare Litestar endpoint: requests/s and p99 at 32 connections.

    .venv/bin/python -m bench.rules --size full        # 5 rounds of 10 s per side and endpoint
    .venv/bin/python -m bench.rules --size tiny        # the CI smoke run

Endpoints: ``GET /api/v1/agreements/vgr/ladder?on=2026-06-01``, ``POST …/vgr/cost-split``
(a schablon split with a 1 KB body), ``POST …/goteborg/sip-check`` (a child placement's SIP).
Targets (issue 14): requests/s ≥ 0.8× the bare endpoint's, p99 ≤ 1.25× its p99. Also, with
no target, the ladder asked for a new date each request (no answer replayed: the handler's
path; the bare endpoint answers the same bytes whatever the date).
"""

from __future__ import annotations

import datetime as dt
import json

from bench import harness
from bench.load import Request

SIZES = {
    "full": {"rounds": 5, "seconds": 10.0, "warmup": 2.0, "connections": 32},
    "tiny": {"rounds": 1, "seconds": 1.0, "warmup": 0.5, "connections": 32},
}
REASON = (
    "Parterna har inte kunnat enas om hur ansvaret för insatserna fördelas mellan kommunen och "
    "regionen; behoven av vård och stöd är sammansatta och ändras över tid. "
)
ENDPOINTS = {
    "ladder": Request("GET", "/api/v1/agreements/vgr/ladder?on=2026-06-01"),
    "cost-split": Request(
        "POST",
        "/api/v1/agreements/vgr/cost-split",
        json.dumps(
            {
                "amount_ore": 1_234_567,
                "method": "schablon",
                "on": "2026-06-01",
                "schablon_reason": (REASON * 6)[:900],
            },
            ensure_ascii=False,
        ).encode(),
    ),
    "sip-check": Request(
        "POST",
        "/api/v1/agreements/goteborg/sip-check",
        json.dumps(
            {
                "context": "child_placement",
                "on": "2026-06-01",
                "sip": {
                    "consent": True,
                    "goal": "Stabil vardag och skolgång",
                    "wishes": "Bo nära familjen",
                    "responsibilities": "Kommunen: boende och skola. Regionen: BUP",
                    "performers": "HVB-hemmet och BUP",
                    "school_occupation": "Skola vid hemmet",
                },
            },
            ensure_ascii=False,
        ).encode(),
    ),
}


#: the ladder asked for a different date each request, round-robin over more dates than the
#: service keeps answers for (``samverkan.api.rulecache.MAX_ANSWERS``), so none is replayed:
#: what the handler's own path costs. No target: the figure the issue asks for is the ladder
#: a client asks again and again (a dashboard polling), above.
FRESH_DATES = 2 * 1024 + 48
NEW_DATE_EACH_TIME = [
    Request("GET", f"/api/v1/agreements/vgr/ladder?on={dt.date(2020, 1, 1) + dt.timedelta(n)}")
    for n in range(FRESH_DATES)
]


def main() -> None:
    with harness.session(__doc__, SIZES, loads=True) as run:
        harness.header(
            "rule endpoints vs bare Litestar",
            run,
            load=harness.load_line(run),
            server=harness.server_line(run.args.http, "anonymous rate limit"),
        )
        service = harness.Service(run.where, run.args.http)
        with harness.running(service):
            bare = harness.start_bare(run, service, ENDPOINTS, 200)
        figures = []
        try:
            for name, request in ENDPOINTS.items():
                # a fresh service per endpoint: every endpoint starts with a full rate bucket
                service = harness.Service(run.where, run.args.http)
                with harness.running(service):
                    pairs = harness.load_rounds(run, service, bare, [request])
                figures += harness.load_figures(name, pairs, (">=", 0.8), ("<=", 1.25))
            service = harness.Service(run.where, run.args.http)
            with harness.running(service):
                pairs = harness.load_rounds(run, service, bare, NEW_DATE_EACH_TIME)
            figures += harness.load_figures("ladder, a new date each request", pairs, None, None)
        finally:
            bare.stop()
        harness.report(figures, run, "rule endpoints")


if __name__ == "__main__":
    main()
