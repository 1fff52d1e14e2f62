"""The acute-placement deadline of the 2027 version: ÖK 3.5's 30 days, carried forward."""

from __future__ import annotations

from samverkan.models import DeadlineRule, Period, Strength
from samverkan_plugins.vgr.documents import cite_ok
from samverkan_plugins.vgr.hsa_2027.assumption import ASSUMPTION, CARRIED_NOTE

ACUTE_COST_AGREEMENT = DeadlineRule(
    name="acute_cost_agreement",
    title="Kostnadsfördelning vid akut placering (ÖK 3.5, antagande)",
    period=Period(amount=30, unit="days"),
    starts="the day of the acute placement",
    strength=Strength.SHOULD,
    citation=cite_ok(
        "3.5 Överenskommelse om kostnadsansvar",
        "Då placering sker akut bör kostnadsfördelningen vara klarlagd senast 30 dagar efter "
        "placeringen.",
        note=CARRIED_NOTE,
    ),
    assumption=ASSUMPTION,
)

DEADLINES: tuple[DeadlineRule, ...] = (ACUTE_COST_AGREEMENT,)
