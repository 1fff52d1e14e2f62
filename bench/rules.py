"""Rule endpoints against the bare Litestar endpoint: requests/s and p99 at 32 connections.

    .venv/bin/python -m bench.rules --size full        # 5 rounds of 10 s per side and endpoint
    .venv/bin/python -m bench.rules --size tiny        # the CI smoke run

Endpoints: ``GET /api/v1/agreements/vgr/ladder?on=2026-06-01``, ``POST …/vgr/cost-split``
(a schablon split with a 1 KB body), ``POST …/goteborg/sip-check`` (a child placement's SIP).
Targets (issue 14): requests/s ≥ 0.8× the bare endpoint's, p99 ≤ 1.25× its p99. Also, with
no target, the ladder asked for a new date each request and the two computations for a new
body each request (no answer replayed: the handler's path; the bare endpoint answers the same
bytes whatever the date, and splits each amount).
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


def cost_split(amount_ore: int) -> Request:
    """A schablon split of ``amount_ore`` with a 1 KB body."""
    body = {
        "amount_ore": amount_ore,
        "method": "schablon",
        "on": "2026-06-01",
        "schablon_reason": (REASON * 6)[:900],
    }
    return Request(
        "POST", "/api/v1/agreements/vgr/cost-split", json.dumps(body, ensure_ascii=False).encode()
    )


def sip_check(goal: str) -> Request:
    """A child placement's SIP whose goal is ``goal``."""
    body = {
        "context": "child_placement",
        "on": "2026-06-01",
        "sip": {
            "consent": True,
            "goal": goal,
            "wishes": "Bo nära familjen",
            "responsibilities": "Kommunen: boende och skola. Regionen: BUP",
            "performers": "HVB-hemmet och BUP",
            "school_occupation": "Skola vid hemmet",
        },
    }
    return Request(
        "POST",
        "/api/v1/agreements/goteborg/sip-check",
        json.dumps(body, ensure_ascii=False).encode(),
    )


ENDPOINTS = {
    "ladder": Request("GET", "/api/v1/agreements/vgr/ladder?on=2026-06-01"),
    "cost-split": cost_split(1_234_567),
    "sip-check": sip_check("Stabil vardag och skolgång"),
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

#: the computations with a new body each request, round-robin over more bodies than the service
#: keeps answers for (``samverkan.api.rulecache.MAX_ANSWERS``), so none is replayed: what the
#: guard, the contract check and the handler cost (no target: the issue's figures are one body
#: asked again and again, above)
FRESH_BODIES = 2 * 1024 + 48
NEW_BODY_EACH_TIME = {
    "cost-split, a new amount each request": [
        cost_split(1_234_567 + n) for n in range(FRESH_BODIES)
    ],
    "sip-check, a new goal each request": [
        sip_check(f"Stabil vardag och skolgång, plan {chr(0x61 + n % 26)}{n // 26}")
        for n in range(FRESH_BODIES)
    ],
}


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
            for name, requests in NEW_BODY_EACH_TIME.items():
                service = harness.Service(run.where, run.args.http)
                with harness.running(service):
                    pairs = harness.load_rounds(run, service, bare, requests)
                figures += harness.load_figures(name, pairs, None, None)
        finally:
            bare.stop()
        harness.report(figures, run, "rule endpoints")


if __name__ == "__main__":
    main()
