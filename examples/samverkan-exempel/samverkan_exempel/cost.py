"""Who pays for a placement (TODO the clauses on cost)."""

from __future__ import annotations

from samverkan.models import (
    AcuteRule,
    CostPolicy,
    Fraction,
    RetroactivityPolicy,
    Rule,
    Schablon,
    Strength,
)

from .deadlines import ACUTE_COST_AGREEMENT
from .documents import COST, cite

MAIN_RULE = Rule(
    text="TODO in English: each party pays for what it is responsible for",
    strength=Strength.SHALL,
    citation=cite(COST, "TODO the words of the main rule"),
)

# The fixed split the parties may choose when the split is unclear; if the text has none,
# set schablon=None below and no_schablon to the rule saying so.
SCHABLON = Schablon(
    region=Fraction(numerator=1, denominator=2),  # TODO the region's share
    municipality=Fraction(numerator=1, denominator=2),  # TODO the municipality's share
    condition="TODO in English: when the text allows it",
    strength=Strength.MAY,
    citation=cite(COST, "TODO the words setting the schablon"),
)

UNITS_RULE = Rule(
    text="TODO in English: how a written split is stated (percent, kronor)",
    strength=Strength.MAY,
    citation=cite(COST, "TODO the words on how a split is stated"),
)

ACUTE = AcuteRule(
    deadline=ACUTE_COST_AGREEMENT.name,
    cost_stays_with_placing_party=Rule(
        text="TODO in English: who bears an acute placement's cost until the split is agreed",
        strength=Strength.SHALL,
        citation=cite(COST, "TODO the words on the acute placement's cost"),
    ),
    settle_by=Rule(
        text="TODO in English: by when the split of an acute placement is agreed",
        strength=ACUTE_COST_AGREEMENT.strength,
        citation=ACUTE_COST_AGREEMENT.citation,
    ),
)

RETROACTIVITY = RetroactivityPolicy(
    planned="agreed_on",  # TODO placement_start, placement_start_if_stated or agreed_on
    acute="placement_start_if_stated",  # TODO likewise, for an acute placement
    rule=Rule(
        text="TODO in English: from when a written split applies",
        strength=Strength.SHALL,
        citation=cite(COST, "TODO the words on from when a split applies"),
    ),
)

COST_POLICY = CostPolicy(
    main_rule=MAIN_RULE,
    schablon=SCHABLON,
    units=("percent", "amount"),  # TODO the units the text allows
    units_rule=UNITS_RULE,
    acute=ACUTE,
    retroactivity=RETROACTIVITY,
)
