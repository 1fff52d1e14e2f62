"""One clock for the whole service: calendar dates in Europe/Stockholm.

Nothing else asks the machine for the date, so config and tests can set "today".
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo


class Clock:
    """The service's notion of now.

    :param timezone: IANA zone whose calendar dates the agreements count in.
    :param fixed_today: when set, ``today()`` answers this date (config ``clock.today`` or
        ``SAMVERKAN_TODAY``); the time of day still runs.
    """

    def __init__(self, timezone: str = "Europe/Stockholm", fixed_today: dt.date | None = None):
        self.zone = ZoneInfo(timezone)
        self.fixed_today = fixed_today

    def now(self) -> dt.datetime:
        now = dt.datetime.now(self.zone)
        if self.fixed_today is not None:
            now = dt.datetime.combine(self.fixed_today, now.timetz())
        return now

    def today(self) -> dt.date:
        if self.fixed_today is not None and type(self).now is Clock.now:
            return self.fixed_today  # what now() would give, without reading the time
        return self.now().date()
