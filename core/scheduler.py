"""APScheduler 3 wakes the sweep; the database decides what fires.

One interval job, coalesced, one instance at a time, no grace limit (a late run still runs),
first run at start-up so whatever came due while the service was down fires at once.
"""

from __future__ import annotations

import datetime as dt
import logging

from apscheduler.schedulers.background import BackgroundScheduler

from core.config import Settings
from core.sweep import Sweeper


def start_scheduler(sweeper: Sweeper, settings: Settings) -> BackgroundScheduler:
    logging.getLogger("apscheduler").setLevel(logging.WARNING)  # not a line per tick
    scheduler = BackgroundScheduler(timezone=settings.clock.timezone)
    scheduler.add_job(
        sweeper.tick,
        "interval",
        seconds=settings.sweep.interval_seconds,
        id="sweep",
        coalesce=True,
        max_instances=1,
        misfire_grace_time=None,
        next_run_time=dt.datetime.now(dt.UTC),
    )
    scheduler.start()
    return scheduler
