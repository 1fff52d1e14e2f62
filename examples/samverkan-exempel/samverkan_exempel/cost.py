"""Who pays for a placement (4 Kostnadsansvar): each party its own; half each when the
responsibility is unclear; the acute placement's cost with the placing party for 30 days."""

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
from .documents import cite

MAIN_RULE = Rule(
    text="Each party pays for the insatser it is responsible for under law.",
    strength=Strength.SHALL,
    citation=cite(
        "4.1",
        "Varje part betalar för de insatser som parten ansvarar för enligt lag.",
        note="Indicative 'betalar' read as binding.",
    ),
)

SCHABLON = Schablon(
    region=Fraction(numerator=1, denominator=2),
    municipality=Fraction(numerator=1, denominator=2),
    condition="when it is unclear which party is responsible for an insats",
    strength=Strength.MAY,
    citation=cite(
        "4.2",
        "När det är oklart vem som ansvarar för en insats kan parterna komma överens om att dela "
        "kostnaden lika, hälften var.",
    ),
)

UNITS_RULE = Rule(
    text="A written split is stated in percent or in kronor.",
    strength=Strength.MAY,
    citation=cite("4.3", "En skriftlig kostnadsfördelning anges i procent eller i kronor."),
)

ACUTE = AcuteRule(
    deadline=ACUTE_COST_AGREEMENT.name,
    cost_stays_with_placing_party=Rule(
        text="The placing party bears an acute placement's cost until the split is agreed.",
        strength=Strength.SHALL,
        citation=cite(
            "4.4",
            "Vid en akut placering står den part som placerar för kostnaden till dess att "
            "kostnadsfördelningen är överenskommen.",
        ),
    ),
    settle_by=Rule(
        text="The split of an acute placement shall be agreed at the latest 30 days after it.",
        strength=ACUTE_COST_AGREEMENT.strength,
        citation=ACUTE_COST_AGREEMENT.citation,
    ),
)

RETROACTIVITY = RetroactivityPolicy(
    planned="placement_start_if_stated",
    acute="placement_start_if_stated",
    rule=Rule(
        text=(
            "A written split applies from the day it is signed; from the placement's start "
            "when it says so itself."
        ),
        strength=Strength.SHALL,
        citation=cite(
            "4.5",
            "En överenskommen kostnadsfördelning gäller från den dag den undertecknas. Den gäller "
            "från placeringens början om den själv anger det.",
        ),
    ),
)

COST_POLICY = CostPolicy(
    main_rule=MAIN_RULE,
    schablon=SCHABLON,
    units=("percent", "amount"),
    units_rule=UNITS_RULE,
    acute=ACUTE,
    retroactivity=RETROACTIVITY,
)
