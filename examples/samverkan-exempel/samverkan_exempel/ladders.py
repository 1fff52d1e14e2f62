"""The escalation ladder (TODO the clauses on disputes: who handles a dispute at each tier,
within what time, and what holds for the individual meanwhile)."""

from __future__ import annotations

from samverkan.models import Ladder, Period, Rule, Strength, Tier, TimeLimit

from .documents import DISPUTES, cite

FIRST = Tier(
    key="first",  # TODO a key for the tier, e.g. "managers"
    name="TODO the tier's name, as the text gives it",
    name_en="TODO the tier's name in English",
    case_label="oenighet",  # TODO what the text calls the case here (oenighet, tvist)
    level="local",  # TODO operational, local, sub_regional, regional, political or court
    body="TODO the body that handles the case at this tier",
    outcome="agreement",  # TODO agreement, recommendation, decision or judgment
    time_limit=TimeLimit(
        period=Period(amount=30, unit="days"),  # TODO the tier's time limit (or time_limit=None)
        starts="TODO in English: what starts the clock",
        on_expiry="must_escalate",  # TODO must_escalate, may_escalate, goes_directly, respond_by, prepare_by
        strength=Strength.SHALL,
        citation=cite(DISPUTES, "TODO the words setting the time limit"),
    ),
    citation=cite(DISPUTES, "TODO the words naming the first tier"),
)

SECOND = Tier(
    key="second",  # TODO a key for the tier
    name="TODO the tier's name, as the text gives it",
    name_en="TODO the tier's name in English",
    case_label="tvist",  # TODO what the text calls the case here
    level="regional",  # TODO the tier's level
    body="TODO the body that handles the case at this tier",
    outcome="recommendation",  # TODO the tier's outcome
    citation=cite(DISPUTES, "TODO the words naming the second tier"),
)

LADDERS = [
    Ladder(
        kind="default",
        name="TODO the ladder's name",
        subjects=("responsibility", "cost", "interpretation", "deviation"),  # TODO the subjects it handles
        tiers=(FIRST, SECOND),
        temporary_arrangement=Rule(
            text="TODO in English: what must be agreed at once so the individual is never left without care",
            strength=Strength.SHALL,
            citation=cite(DISPUTES, "TODO the words on the individual's care meanwhile"),
        ),
        citation=cite(DISPUTES, "TODO the words setting out the tiers"),
    )
]
