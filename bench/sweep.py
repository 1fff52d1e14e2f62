"""The sweep with 1,000,000 vs 10,000 stored deadlines and the same number due.

    .venv/bin/python -m bench.sweep --size full       # 10,000 vs 1,000,000 stored, 100 due
    .venv/bin/python -m bench.sweep --size tiny       # 1,000 vs 10,000 stored, 10 due

Two databases, migrated by the service and filled with deadline rows (``bench/internals.py``):
of the stored deadlines ``due`` are overdue today; of the rest, ``--open-share`` are open with
their reminder and due date still ahead, the others met long ago. Each round, in both
databases, the previous round's due deadlines are met and ``due`` fresh ones inserted; then

- the **due query** (the sweep's own ``SELECT``) is timed (median of ``repeat`` runs), and
- **one sweep round** (``Sweeper.sweep()``: version deadlines, the due query, one notification
  and one webhook delivery per due deadline, lapsed agreements, unwatched disputes) is timed.

The databases hold no disputes or placements, so the unwatched-case and draft-deviation steps
find nothing in either. Target (issue 14): ≤ 2× for both.
"""

from __future__ import annotations

import datetime as dt
import random

from bench import harness, internals

SIZES = {
    "full": {
        "rounds": 5,
        "small": 10_000,
        "large": 1_000_000,
        "due": 100,
        "repeat": 5,
        "open_share": 0.5,
    },
    "tiny": {
        "rounds": 1,
        "small": 1_000,
        "large": 10_000,
        "due": 10,
        "repeat": 1,
        "open_share": 0.5,
    },
}
TODAY = dt.date(2026, 6, 1)
CONFIG = """
[sweep]
interval_seconds = 3600

[[webhooks]]
name = "bench"
url = "http://127.0.0.1:9/never-called"
secret = "bench-secret"
"""


def fill(db: internals.SweepDatabase, stored: int, open_share: float, seed: int) -> None:
    """``stored`` deadlines, none due today; written in batches."""
    rng = random.Random(seed)
    created = (TODAY - dt.timedelta(days=800)).isoformat()
    batch = []
    for i in range(stored):
        if rng.random() < open_share:
            due = TODAY + dt.timedelta(days=rng.randint(8, 400))  # reminder a week before: ahead
            batch.append(
                internals.deadline_row(f"open{i}", due, due - dt.timedelta(7), "open", created)
            )
        else:
            due = TODAY - dt.timedelta(days=rng.randint(30, 2000))
            batch.append(
                internals.deadline_row(f"met{i}", due, due - dt.timedelta(7), "met", created)
            )
        if len(batch) == 50_000:
            db.insert_deadlines(batch)
            batch = []
    if batch:
        db.insert_deadlines(batch)


def main() -> None:
    with harness.session(__doc__, SIZES) as run:
        size, where = run.size, run.where
        harness.header(
            "sweep: large vs small deadline table, same number due",
            run,
            stored=f"{size['large']:,} vs {size['small']:,} deadlines, {size['due']} due, "
            f"{size['open_share']:.0%} of the rest open (due later), the others met",
            rounds=f"{size['rounds']} interleaved; the due query the median of {size['repeat']}",
        )
        config = where / "sweep.toml"
        config.write_text(CONFIG)
        dbs = {}
        for name in ("small", "large"):
            db = internals.SweepDatabase(where / f"sweep-{name}.db", config, TODAY)
            fill(db, size[name], size["open_share"], seed=size[name])
            db.sweep()  # version deadlines written, nothing due yet
            dbs[name] = db
        print(
            "   stored: "
            + ", ".join(
                f"{k} {v.count('SELECT COUNT(*) FROM deadlines'):,}" for k, v in dbs.items()
            ),
            flush=True,
        )
        fresh: dict[str, list[str]] = {"small": [], "large": []}
        counter = [0]

        def arm(name: str) -> None:
            db = dbs[name]
            db.close_deadlines(fresh[name])
            counter[0] += 1
            fresh[name] = [f"due{counter[0]}-{i}" for i in range(size["due"])]
            db.insert_deadlines(
                internals.deadline_row(
                    i, TODAY - dt.timedelta(days=1), TODAY - dt.timedelta(days=8), "open", ""
                )
                for i in fresh[name]
            )

        def measure(name: str) -> tuple[float, float]:
            arm(name)
            db = dbs[name]
            found = db.due()
            query = harness.timed(db.due, size["repeat"])
            made = []
            sweep = harness.timed(lambda: made.append(db.sweep()), 1)
            if found < size["due"] or made[0] != size["due"]:
                raise SystemExit(f"{name}: {found} due found, {made[0]} notifications made")
            return query, sweep

        rounds = harness.interleaved(
            size["rounds"], lambda: measure("small"), lambda: measure("large")
        )
        for db in dbs.values():
            db.close()
    label = f"{size['large']:,} vs {size['small']:,} stored, {size['due']} due"
    figures = [
        harness.Figure(
            f"due query: {label}",
            [r[1][0] for r in rounds],
            [r[0][0] for r in rounds],
            "s",
            ("<=", 2.0),
        ),
        harness.Figure(
            f"one sweep round: {label}",
            [r[1][1] for r in rounds],
            [r[0][1] for r in rounds],
            "s",
            ("<=", 2.0),
        ),
    ]
    harness.report(figures, run, "sweep")


if __name__ == "__main__":
    main()
