"""APScheduler 3 wakes the sweep; the database decides what fires.

One interval job, coalesced, one instance at a time, no grace limit (a late run still runs),
first run at start-up so whatever came due while the service was down fires at once.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from apscheduler.schedulers.background import BackgroundScheduler

from samverkan.delivery.sweep import Sweeper
from samverkan.kernel.config import Settings


class SweepScheduler(BackgroundScheduler):
    """Its ``shutdown`` first tells the sweeper to stop, so a stop waits for at most the one
    delivery in flight, not for a whole round of deliveries to a receiver that hangs."""

    def __init__(self, sweeper: Sweeper, **options: Any):
        super().__init__(**options)
        self.sweeper = sweeper

    def shutdown(self, wait: bool = True) -> None:
        self.sweeper.stopping.set()
        super().shutdown(wait)


def start_scheduler(sweeper: Sweeper, settings: Settings) -> BackgroundScheduler:
    logging.getLogger("apscheduler").setLevel(logging.WARNING)  # not a line per tick
    scheduler = SweepScheduler(sweeper, timezone=settings.clock.timezone)
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
