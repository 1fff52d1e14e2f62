"""Named deadlines ("Ansvar och fördelning av kostnadsansvar")."""

from __future__ import annotations

from samverkan.models import DeadlineRule, Period, Strength

from .documents import COST, cite

ACUTE_COST_AGREEMENT = DeadlineRule(
    name="acute_cost_agreement",
    title="Akut placering: kostnadsfördelningen klarlagd",
    period=Period(amount=30, unit="days"),
    starts="the day of the acute placement",
    strength=Strength.SHOULD,
    citation=cite(
        COST,
        "Vid akut placering bör kostnadsfördelningen vara klarlagd senast 30 dagar efter "
        "placeringen.",
    ),
)

DEADLINES = [ACUTE_COST_AGREEMENT]
