"""Section c "Schablon vid oklarhet eller akut placering": the acute placement's 30 days.

Tier time limits (30 days at each tier) live on the ladder's tiers (ladders.py).
"""

from __future__ import annotations

from samverkan.models import DeadlineRule, Period, Strength

from .documents import C, cite

ACUTE_COST_AGREEMENT = DeadlineRule(
    name="acute_cost_agreement",
    title="Akut placering: SIP och kostnadsfördelning klar",
    period=Period(amount=30, unit="days"),
    starts="the day the placement started",
    strength=Strength.SHOULD,
    citation=cite(
        C,
        "bör en SIP göras och kostnadsfördelningen vara klar senaste 30 dagar efter påbörjad "
        "placering",
    ),
)

DEADLINES = [ACUTE_COST_AGREEMENT]
