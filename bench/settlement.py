"""Settlement grows with entries, not days: 1,200 vs 120 entries, a 10-year vs a 1-year placement.

    .venv/bin/python -m bench.settlement --size full
    .venv/bin/python -m bench.settlement --size tiny   # the CI smoke run

Two measurements, each a ratio against the same placement with 120 entries over one year:

- **in process**: the pure settlement computation (``bench/internals.py``), 5 split changes;
- **over HTTP**: ``GET /api/v1/placements/{id}/settlement`` of real VGR placements built through
  the API (one written schablon cost agreement half-way, the entries posted one by one), one
  connection, the median of ``requests`` answers per placement and round.

Entries are 3 days long in the one-year placement (1,200 entries lie ten deep) and 30 days long
in the ten-year one. Targets (issue 14): 1,200 vs 120 entries ≤ 12×; 10 years vs 1 year ≈ 1×
(here: within 0.8–1.25×).
"""

from __future__ import annotations

import datetime as dt
import json

from bench import harness, internals

SIZES = {
    "full": {"rounds": 7, "entries": 120, "repeat": 5, "requests": 20},
    "tiny": {"rounds": 1, "entries": 12, "repeat": 1, "requests": 2},
}
YEAR, DECADE = 365, 3650
START = dt.date(2017, 4, 1)


def in_process(size: dict[str, int]) -> list[harness.Figure]:
    n = size["entries"]
    cases = {
        "base": internals.settlement_case(START, n, 3, 5, YEAR),
        "entries": internals.settlement_case(START, 10 * n, 3, 5, YEAR),
        "decade": internals.settlement_case(START, n, 30, 5, DECADE),
        "splits": internals.settlement_case(START, n, 3, 50, YEAR),
    }
    ends = {"base": YEAR, "entries": YEAR, "decade": DECADE, "splits": YEAR}

    def step(name: str) -> float:
        as_of = START + dt.timedelta(days=ends[name])
        return harness.timed(lambda: internals.settle(cases[name], as_of), size["repeat"])

    rounds = harness.interleaved(size["rounds"], *(lambda k=k: step(k) for k in cases))
    base = [r[0] for r in rounds]
    return [
        harness.Figure(
            f"in process: {10 * n:,} vs {n:,} entries",
            [r[1] for r in rounds],
            base,
            "s",
            ("<=", 12.0),
        ),
        harness.Figure(
            f"in process: 10 years vs 1 year, {n:,} entries",
            [r[2] for r in rounds],
            base,
            "s",
            ("~", 1.0),
        ),
        harness.Figure(
            f"in process: 50 vs 5 split changes, {n:,} entries",
            [r[3] for r in rounds],
            base,
            "s",
            None,
            note="informative: the work grows with the pieces an entry is cut into",
        ),
    ]


PLAN = {
    "consent": True,
    "needs": "Boende med stöd och psykiatrisk behandling",
    "goal": "Eget boende",
    "wishes": "Bo nära sin familj",
    "performers": "Kommunens boende och regionens psykiatri",
    "school_occupation": "Daglig verksamhet",
    "responsibilities": "Kommunen: boende. Regionen: psykiatri",
    "overall_responsibility": "Kommunen",
    "follow_up": "Var tredje månad",
}


def placement(client: object, headers: dict[str, str], start: dt.date, entries: int, days: int):
    """A VGR placement by Borås from ``start``, a schablon cost agreement from half-way through
    the span, and ``entries`` cost entries of ``days`` days each."""
    span = days * (entries if entries <= 121 else 121)
    made = client.post(  # type: ignore[attr-defined]
        "/api/v1/placements",
        json={
            "agreement": "vgr",
            "municipality": "1490",
            "placing_party": "municipality",
            "start_date": start.isoformat(),
            "acute": False,
            "home_kind": "hvb",
            "child": False,
            "sip": PLAN,
        },
        headers=headers,
    )
    made.raise_for_status()
    ident = made.json()["id"]
    half = (start + dt.timedelta(days=span // 2)).isoformat()
    agreed = client.post(  # type: ignore[attr-defined]
        f"/api/v1/placements/{ident}/cost-agreements",
        json={
            "effective_from": half,
            "agreed_on": half,
            "method": "schablon",
            "goal": "Eget boende",
            "responsibilities": "Kommunen: boende. Regionen: psykiatri",
            "health_care_provision": "Psykiatrisk behandling",
            "municipal_provision": "Boende med stöd",
            "follow_up_on": half,
            "signatories": [
                {
                    "name": "A",
                    "role": "Socialchef",
                    "party": "municipality",
                    "economic_mandate": True,
                },
                {
                    "name": "B",
                    "role": "Verksamhetschef",
                    "party": "region",
                    "economic_mandate": True,
                },
            ],
        },
        headers={**headers, "If-Match": made.headers["etag"]},
    )
    if agreed.status_code != 201:
        raise SystemExit(f"cost agreement: {agreed.status_code} {agreed.text}")
    for i in range(entries):
        first = start + dt.timedelta(days=(i % 121) * days)
        posted = client.post(  # type: ignore[attr-defined]
            f"/api/v1/placements/{ident}/costs",
            json={
                "period_from": first.isoformat(),
                "period_to": (first + dt.timedelta(days=days - 1)).isoformat(),
                "amount_ore": 2_345_600 + i,
                "paid_by": "municipality",
                "invoice_ref": f"F-{i}",
            },
            headers={**headers, "Idempotency-Key": f"{ident}-{i}"},
        )
        if posted.status_code != 201:
            raise SystemExit(f"cost entry: {posted.status_code} {posted.text}")
    return ident


def over_http(run: harness.Session) -> list[harness.Figure]:
    size = run.size
    n = size["entries"]
    # one year and ten years before the service's date, so both settle up to today
    service = harness.Service(run.where, run.args.http, today="2027-04-01")
    with harness.running(service), service.client() as client:
        headers = {"Authorization": f"Bearer {service.key('1490')}", "X-Actor-Person": "Bench"}
        ids = {
            "base": placement(client, headers, dt.date(2026, 4, 1), n, 3),
            "entries": placement(client, headers, dt.date(2026, 4, 1), 10 * n, 3),
            "decade": placement(client, headers, dt.date(2017, 4, 1), n, 30),
        }

        def step(name: str) -> float:
            def get() -> None:
                answer = client.get(f"/api/v1/placements/{ids[name]}/settlement", headers=headers)
                answer.raise_for_status()

            get()
            return harness.timed(get, size["requests"])

        sizes = {
            k: len(client.get(f"/api/v1/placements/{v}/settlement", headers=headers).content)
            for k, v in ids.items()
        }
        print(f"   settlement answer bytes: {json.dumps(sizes)}", flush=True)
        rounds = harness.interleaved(size["rounds"], *(lambda k=k: step(k) for k in ids))
    base = [r[0] for r in rounds]
    return [
        harness.Figure(
            f"HTTP: {10 * n:,} vs {n:,} entries", [r[1] for r in rounds], base, "s", ("<=", 12.0)
        ),
        harness.Figure(
            f"HTTP: 10 years vs 1 year, {n:,} entries",
            [r[2] for r in rounds],
            base,
            "s",
            ("~", 1.0),
        ),
    ]


def main() -> None:
    with harness.session(__doc__, SIZES) as run:
        size = run.size
        harness.header(
            "settlement scaling",
            run,
            rounds=f"{size['rounds']} interleaved; in process the median of {size['repeat']} "
            f"runs per case, over HTTP of {size['requests']} answers",
        )
        figures = in_process(size)
        for figure in figures:
            print(figure.line(), flush=True)
        more = over_http(run)
        for figure in more:
            print(figure.line(), flush=True)
        harness.report(figures + more, run, "settlement")


if __name__ == "__main__":
    main()
