"""Named deadlines: the acute placement's month (Kostnadsansvar) and the month of notice
before a regional dispute (12.2)."""

from __future__ import annotations

from samverkan.models import DeadlineRule, Period, Strength

from .documents import COST, REGIONAL_DISPUTE, cite

ONE_MONTH = Period(amount=1, unit="months")

ACUTE_COST_AGREEMENT = DeadlineRule(
    name="acute_cost_agreement",
    title="Kostnadsfördelning och folkbokföringskommun vid akut placering",
    period=ONE_MONTH,
    starts="the day of the acute placement",
    kind="due",
    also_settles=("folkbokföringskommun",),
    strength=Strength.SHOULD,
    citation=cite(
        COST,
        "då kostnadsfördelningen och folkbokföringskommun bör vara klarlagd senast en månad "
        "efter placeringen",
        note=(
            "Interpretation: 'en månad' is read as one calendar month (2025-01-31 -> "
            "2025-02-28), not 30 days."
        ),
    ),
)

REGIONAL_NOTICE = DeadlineRule(
    name="regional_notice",
    title="Avisering till Styrgruppen för Länschefsnätverket minst en månad i förväg",
    period=ONE_MONTH,
    starts="the day the Styrgrupp för Länschefsnätverket was notified",
    kind="earliest",
    strength=Strength.SHALL,
    citation=cite(
        REGIONAL_DISPUTE,
        "aviseras genom kontakt med Styrgruppen för Länschefsnätverket minst en månad (1) i "
        "förväg och ska sedan skriftligen tillställas Styrgruppen",
        note=(
            "The text does not say before what the month runs. Reading: the written submission "
            "comes no earlier than one calendar month after the notice; record both dates."
        ),
    ),
)

DEADLINES = [ACUTE_COST_AGREEMENT, REGIONAL_NOTICE]
