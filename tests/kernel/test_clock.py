"""The service's clock: a fixed today is answered as it is, a clock's own ``now`` decides."""

from __future__ import annotations

import datetime as dt

from samverkan.kernel.clock import Clock


def test_a_fixed_today_is_today_and_the_time_of_day_still_runs() -> None:
    clock = Clock(fixed_today=dt.date(2026, 6, 1))
    assert clock.today() == dt.date(2026, 6, 1) == clock.now().date()
    clock.fixed_today = dt.date(2027, 1, 31)  # as a test moving the date does
    assert clock.today() == dt.date(2027, 1, 31)
    assert Clock().today() == dt.datetime.now(Clock().zone).date()


def test_a_clock_with_its_own_now_gives_today_from_it() -> None:
    class Later(Clock):
        def now(self) -> dt.datetime:
            return dt.datetime(2030, 1, 2, 12, tzinfo=self.zone)

    assert Later(fixed_today=dt.date(2026, 6, 1)).today() == dt.date(2030, 1, 2)
