"""Every benchmark once at ``--size tiny``: CI's smoke run (it must run, not be fast).

    .venv/bin/python -m bench.smoke

Runs each script as its own command; the rule endpoints twice, once with the Python load
generator so the fallback is exercised even where wrk is installed. Fails if a script fails
(a request answered outside 2xx/3xx fails its script); a missed target does not fail it.
"""

from __future__ import annotations

import subprocess
import sys
import time

RUNS = [
    ["bench.rules"],
    ["bench.rules", "--load", "python"],
    ["bench.writes"],
    ["bench.settlement"],
    ["bench.sweep"],
    ["bench.startup"],
    ["bench.memory"],
    ["bench.followup"],
]


def main() -> int:
    failed = []
    for run in RUNS:
        started = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", *run, "--size", "tiny"], check=False)
        print(
            f"## {' '.join(run)}: exit {done.returncode} in {time.perf_counter() - started:.0f} s\n"
        )
        if done.returncode:
            failed.append(" ".join(run))
    if failed:
        print(f"bench smoke FAILED: {', '.join(failed)}")
        return 1
    print("bench smoke: every benchmark ran")
    return 0


if __name__ == "__main__":
    sys.exit(main())
