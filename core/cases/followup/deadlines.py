"""The deadlines' and deliveries' figures: reminders and overdue notices the sweep sent, its
other notices, and the webhook deliveries that failed."""

from __future__ import annotations

from samverkan.cases.followup.figures import Tally
from samverkan.cases.followup.rows import Row
from samverkan.cases.followup.schemas import DeadlineFigures

#: the sweep's events counted on their own; every other event is an "other notice"
COUNTED_EVENTS = {"reminder": "reminders", "overdue": "overdue_notices"}


def deadline_figures(tally: Tally, counts: list[Row]) -> DeadlineFigures:
    """The section from :func:`samverkan.cases.followup.rows.notification_counts`."""
    for row in counts:
        name = COUNTED_EVENTS.get(row["event"], "other_notices")
        tally.add(name, row["agreement"], row["value"])
        tally.add("failed_deliveries", row["agreement"], row["failed"])
    return DeadlineFigures(
        reminders=tally.count("reminders", "deadlines.reminders"),
        overdue_notices=tally.count("overdue_notices", "deadlines.overdue_notices"),
        other_notices=tally.count("other_notices", "deadlines.other_notices"),
        failed_deliveries=tally.count("failed_deliveries", "deadlines.failed_deliveries"),
    )
