"""Named deadlines (TODO the clauses that set them: the acute placement's)."""

from __future__ import annotations

from samverkan.models import DeadlineRule, Period, Strength

from .documents import COST, cite

ACUTE_COST_AGREEMENT = DeadlineRule(
    name="acute_cost_agreement",
    title="TODO the deadline's title, in the text's words",
    period=Period(amount=30, unit="days"),  # TODO the period the text gives: days, months, years
    starts="the day of the acute placement",  # TODO in English: the event that starts it
    strength=Strength.SHALL,  # TODO shall (ska), should (bör) or may (kan, får)
    citation=cite(COST, "TODO the words setting the deadline"),
)

DEADLINES = [ACUTE_COST_AGREEMENT]
