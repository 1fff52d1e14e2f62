"""Cold start: from launch to the first answered ``GET /health``, against the bare app.

    .venv/bin/python -m bench.startup --size full      # 15 interleaved launches of each
    .venv/bin/python -m bench.startup --size tiny      # the CI smoke run

The service is ``samverkan serve`` on a database it has already migrated (a restart, as in a
deploy; the first, untimed, launch migrates it); the yardstick is the bare app
(``bench/yardstick.py``) with uvicorn's own protocol class of the same HTTP implementation, so
it imports nothing of the service. Both are polled every 5 ms with a raw ``GET /health``.
Target (issue 14): ≤ 1.5×.
"""

from __future__ import annotations

import subprocess
import sys

from bench import harness

SIZES = {"full": {"rounds": 15}, "tiny": {"rounds": 1}}


def main() -> None:
    with harness.session(__doc__, SIZES) as run:
        harness.header(
            "cold start vs bare Litestar",
            run,
            rounds=f"{run.size['rounds']} interleaved launches of each, after one untimed each",
        )
        # both start from compiled modules, as an installed package does (pip writes the
        # bytecode on install; PYTHONDONTWRITEBYTECODE would otherwise have the service's
        # source compiled anew at every launch)
        subprocess.run(
            [sys.executable, "-m", "compileall", "-q", "core", "plugins", "bench"],
            cwd=harness.ROOT,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        service = harness.Service(run.where, run.args.http)
        bare = harness.Bare(run.where, run.args.http, deadlines=False)

        def launch(process: harness.Process) -> float:
            try:
                return process.start()
            finally:
                process.stop()

        launch(service)
        launch(bare)
        rounds = harness.interleaved(
            run.size["rounds"], lambda: launch(service), lambda: launch(bare)
        )
    figure = harness.Figure(
        "cold start: launch to first /health",
        [r[0] for r in rounds],
        [r[1] for r in rounds],
        "s",
        ("<=", 1.5),
    )
    harness.report([figure], run, "cold start")


if __name__ == "__main__":
    main()
