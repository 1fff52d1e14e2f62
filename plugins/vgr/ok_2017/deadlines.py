"""ÖK 3.5: an acute placement's cost split should be settled within 30 days."""

from __future__ import annotations

from samverkan.models import DeadlineRule, Period, Strength

from ..documents import OK_COST, cite_ok

ACUTE_COST_AGREEMENT = DeadlineRule(
    name="acute_cost_agreement",
    title="Kostnadsfördelning vid akut placering",
    period=Period(amount=30, unit="days"),
    starts="the day of the acute placement",
    strength=Strength.SHOULD,
    citation=cite_ok(
        OK_COST,
        "Då placering sker akut bör kostnadsfördelningen vara klarlagd senast 30 dagar efter "
        "placeringen.",
    ),
)

DEADLINES: tuple[DeadlineRule, ...] = (ACUTE_COST_AGREEMENT,)
