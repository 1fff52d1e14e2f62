"""The deviations' figures: reported, by direction and category, escalated into disputes, and
the drafts the deadline sweep left."""

from __future__ import annotations

from samverkan.cases.followup.figures import Tally
from samverkan.cases.followup.rows import Row
from samverkan.cases.followup.schemas import DeviationFigures

DIRECTIONS = ("municipality_to_region", "region_to_municipality")


def deviation_figures(tally: Tally, counts: list[Row]) -> DeviationFigures:
    """The section from :func:`samverkan.cases.followup.rows.deviation_counts`."""
    for row in counts:
        agreement, value = row["agreement"], row["value"]
        if row["draft"]:
            tally.add("drafts", agreement, value)
            continue
        other = "region" if row["from_party"] == "municipality" else "municipality"
        tally.add("reported", agreement, value)
        tally.add(f"direction.{row['from_party']}_to_{other}", agreement, value)
        tally.add(f"category.{row['category']}", agreement, value)
        tally.add("escalated", agreement, row["escalated"])
    return DeviationFigures(
        reported=tally.count("reported", "deviations.reported"),
        by_direction=tally.breakdown("direction", DIRECTIONS, "deviations.by_direction"),
        by_category=tally.breakdown("category", (), "deviations.by_category"),
        escalated=tally.count("escalated", "deviations.escalated"),
        drafts=tally.count("drafts", "deviations.drafts"),
    )
