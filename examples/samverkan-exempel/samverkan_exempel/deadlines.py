"""Named deadlines (4.4: the acute placement's 30 days)."""

from __future__ import annotations

from samverkan.models import DeadlineRule, Period, Strength

from .documents import cite

ACUTE_COST_AGREEMENT = DeadlineRule(
    name="acute_cost_agreement",
    title="Kostnadsfördelningen överenskommen efter en akut placering",
    period=Period(amount=30, unit="days"),
    starts="the day of the acute placement",
    strength=Strength.SHALL,
    citation=cite(
        "4.4",
        "Kostnadsfördelningen ska vara överenskommen senast 30 dagar efter placeringen.",
    ),
)

DEADLINES = [ACUTE_COST_AGREEMENT]
