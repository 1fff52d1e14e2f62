"""The yearly follow-up costs what its year holds, not what the database holds.

    .venv/bin/python -m bench.followup --size full     # 10 years of VGR's 49 municipalities
    .venv/bin/python -m bench.followup --size tiny     # 2 years, a few cases each (CI)
    .venv/bin/python -m bench.followup --size full --workdir /tmp/fu   # keep (and reuse) the databases

Two databases, filled through the service's own case services (``bench/internals.py``,
``CaseWriter``) from generated stories (``bench/casegen.py``): every dispute, deviation and
placement of all 49 VGR municipalities (under ``vgr`` and the agreements that refine it) from
2017-04-01 to 2027-03-31, about 102 disputes, 30 deviations and 41 placements per municipality
and year at full size (some 50,000 disputes, 20,000 placements with their monthly cost entries,
and what the sweep writes, every 7th day); and the same stories of 2026 alone. The year 2026 is
then reported at the county level (``agreement=vgr``) from both, interleaved:

- **in process**: ``FollowUp.report`` (the queries, the figures, every placement's settlement),
  the median of ``repeat`` runs per round;
- **over HTTP**: ``GET /api/v1/followup?agreement=vgr&year=2026`` with the region's key, one
  ``samverkan serve`` per database, the median of ``repeat`` answers per round.

Target (issue 15): the year's report on ten years ≤ 1.5× the same report on that year alone.
The ten-year database holds more of 2026 than the one-year one: the cases begun before 2026
and still open in it (a placement runs for months), so their figures differ, as they should.
Also shown, without a target: 2021 against 2026, both on ten years (a year in the middle).
Databases in ``--workdir`` are reused when their size's settings match.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path
from typing import Any

from bench import casegen, harness, internals

SIZES = {
    "full": {
        "rounds": 7,
        "years": 10,
        "disputes": 102,
        "deviations": 30,
        "placements": 41,
        "repeat": 3,
        "seed": 15,
    },
    "tiny": {
        "rounds": 1,
        "years": 2,
        "disputes": 3,
        "deviations": 2,
        "placements": 2,
        "repeat": 1,
        "seed": 15,
    },
}
HORIZON = dt.date(2027, 3, 31)
YEAR = 2026
MIDDLE = 2021
SWEEP_EVERY = 7


def plan(writer: internals.CaseWriter, size: dict[str, Any], years: list[int]) -> casegen.Plan:
    """The stories of the calendar ``years`` (each drawn from its own seed, so a year's stories
    are the same in every database), within the ten years before the horizon."""
    first = dt.date(HORIZON.year - size["years"], HORIZON.month, HORIZON.day) + dt.timedelta(1)
    sizes = {k: size[k] for k in ("disputes", "deviations", "placements")}
    areas = writer.areas("vgr")
    found = casegen.Plan()
    for year in years:
        start, end = max(first, dt.date(year, 1, 1)), min(HORIZON, dt.date(year, 12, 31))
        rng = random.Random(f"{size['seed']}:{year}")
        drawn = casegen.plan_year(rng, writer.ladders, areas, start, end, HORIZON, sizes)
        found.disputes += drawn.disputes
        found.deviations += drawn.deviations
        found.placements += drawn.placements
    return found


def database(where: Path, name: str, size: dict[str, Any], years: list[int]) -> Path:
    """The database of the stories of ``years`` (reused when made with the same settings)."""
    path = where / f"followup-{name}.db"
    manifest = where / f"followup-{name}.json"
    wanted = json.dumps({"size": size, "years": years, "horizon": str(HORIZON)}, sort_keys=True)
    if path.exists() and manifest.exists() and manifest.read_text() == wanted:
        print(f"   {path.name}: reused", flush=True)
        return path
    for stale in (path, manifest, path.with_suffix(".db-wal"), path.with_suffix(".db-shm")):
        stale.unlink(missing_ok=True)
    writer = internals.CaseWriter(path, sweep_every=SWEEP_EVERY)
    try:
        stories = plan(writer, size, years)
        first = min(casegen.births(stories)) - dt.timedelta(days=31)
        started = dt.datetime.now()
        writer.write(stories, first, HORIZON)
        seconds = (dt.datetime.now() - started).total_seconds()
        counts = writer.count_rows()
    finally:
        writer.close()
    manifest.write_text(wanted)
    print(f"   {path.name}: written in {seconds:.0f} s: {json.dumps(counts)}", flush=True)
    return path


def in_process(paths: dict[str, Path], size: dict[str, Any]) -> list[harness.Figure]:
    readers = {name: internals.CaseWriter(path, sweep_every=0) for name, path in paths.items()}
    year = (dt.date(YEAR, 1, 1), dt.date(YEAR, 12, 31))
    middle = (dt.date(MIDDLE, 1, 1), dt.date(MIDDLE, 12, 31))
    try:
        opened = {
            n: r.report("vgr", *year)["disputes"]["opened"]["value"] for n, r in readers.items()
        }
        print(f"   2026's disputes opened: {json.dumps(opened)}", flush=True)

        def step(name: str, period: tuple[dt.date, dt.date]) -> float:
            reader = readers[name]
            return harness.timed(lambda: reader.report("vgr", *period), size["repeat"])

        steps = [lambda: step("1y", year), lambda: step("10y", year)]
        if "10y" in readers and size["years"] >= YEAR - MIDDLE + 1:
            steps.append(lambda: step("10y", middle))
        rounds = harness.interleaved(size["rounds"], *steps)
    finally:
        for reader in readers.values():
            reader.close()
    figures = [
        harness.Figure(
            f"in process: {YEAR} on {size['years']} years vs 1 year",
            [r[1] for r in rounds],
            [r[0] for r in rounds],
            "s",
            ("<=", 1.5),
        )
    ]
    if len(rounds[0]) == 3:
        figures.append(
            harness.Figure(
                f"in process: {MIDDLE} vs {YEAR}, both on 10 years",
                [r[2] for r in rounds],
                [r[1] for r in rounds],
                "s",
                None,
                note="informative: a year in the middle of the history costs like the last",
            )
        )
    return figures


def over_http(run: harness.Session, paths: dict[str, Path]) -> list[harness.Figure]:
    size = run.size
    services = {
        name: harness.Service(run.where, run.args.http, today=str(HORIZON), database=str(path))
        for name, path in paths.items()
    }
    with harness.running(*services.values()):
        clients = {name: service.client() for name, service in services.items()}
        keys = {name: service.key("14") for name, service in services.items()}
        query = {"agreement": "vgr", "year": str(YEAR)}
        errors = 0

        def get(name: str) -> None:
            nonlocal errors
            answer = clients[name].get(
                "/api/v1/followup", params=query, headers={"Authorization": f"Bearer {keys[name]}"}
            )
            errors += answer.status_code != 200

        for name in services:
            get(name)
            body = clients[name].get(
                "/api/v1/followup", params=query, headers={"Authorization": f"Bearer {keys[name]}"}
            )
            print(f"   {name}: answer {len(body.content):,} bytes", flush=True)

        def step(name: str) -> float:
            return harness.timed(lambda: get(name), size["repeat"])

        rounds = harness.interleaved(size["rounds"], lambda: step("1y"), lambda: step("10y"))
        for client in clients.values():
            client.close()
    figure = harness.Figure(
        f"HTTP: {YEAR} on {size['years']} years vs 1 year",
        [r[1] for r in rounds],
        [r[0] for r in rounds],
        "s",
        ("<=", 1.5),
        errors=errors,
    )
    return [figure]


def main() -> None:
    with harness.session(__doc__, SIZES) as run:
        size = run.size
        harness.header(
            "follow-up: one year's county report on ten years vs on that year alone",
            run,
            data=f"VGR's 49 municipalities, {size['years']} years to {HORIZON}: "
            f"{size['disputes']} disputes, {size['deviations']} deviations, "
            f"{size['placements']} placements per municipality and year; the sweep every "
            f"{SWEEP_EVERY}th day",
            rounds=f"{size['rounds']} interleaved; each the median of {size['repeat']} reports",
        )
        first_year = HORIZON.year - size["years"]
        paths = {
            "10y": database(run.where, "10y", size, list(range(first_year, HORIZON.year + 1))),
            "1y": database(run.where, "1y", size, [YEAR]),
        }
        figures = in_process(paths, size)
        for figure in figures:
            print(figure.line(), flush=True)
        more = over_http(run, paths)
        for figure in more:
            print(figure.line(), flush=True)
        harness.report(figures + more, run, "followup")


if __name__ == "__main__":
    main()
