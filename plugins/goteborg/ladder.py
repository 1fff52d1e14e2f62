"""Disputes about cost ("Tvister om kostnadsansvar"): solved in the line organisation.

The guidance adds one ladder of kind ``cost``; the ``default`` ladder (ÖK 4.3) is inherited
from ``vgr``/``ok-2017`` by the core's merge.
"""

from __future__ import annotations

from core.models import Ladder, Retroactivity, Rule, Strength, Tier
from plugins.goteborg.documents import COST_DISPUTES, cite

LINE_ORGANISATION = Tier(
    key="line_organisation",
    name="Linjeorganisationen",
    name_en="Line organisation (the managers of each party)",
    case_label="tvist",
    level="operational",
    body="Chefer i respektive verksamhet/organisation",
    outcome="agreement",
    retroactive=Retroactivity(
        from_="stated_date",
        strength=Strength.MAY,
        citation=cite(
            COST_DISPUTES,
            "Det beslut som slutligen fattas i linjeorganisationen kan innebära en justering "
            "i efterhand.",
            note=(
                "The text names no date from which; the decision states it as an explicit "
                "field, by default the day the temporary cost split started (a reading)."
            ),
        ),
    ),
    notes=(
        Rule(
            text="The managers of each party are tasked with finding a solution together.",
            strength=Strength.SHALL,
            citation=cite(
                COST_DISPUTES,
                "chefer i respektive verksamhet/organisation har i uppdrag att i samverkan "
                "hitta en lösning",
            ),
        ),
    ),
    citation=cite(COST_DISPUTES, "ska lösas i linjeorganisationen"),
)

COST_LADDER = Ladder(
    kind="cost",
    name="Tvister om kostnadsansvar",
    subjects=("cost",),
    tiers=(LINE_ORGANISATION,),
    temporary_arrangement=Rule(
        text=(
            "While the dispute is solved, the parties agree a temporary cost split at once, "
            "via the SIP."
        ),
        strength=Strength.SHALL,
        citation=cite(
            COST_DISPUTES,
            "Parterna har gemensamt ansvar för att via SIP omgående komma överens om "
            "tillfällig kostnadsfördelning i väntan på lösning.",
            note="'har gemensamt ansvar för att' read as an obligation (shall).",
        ),
    ),
    notes=(
        Rule(
            text=(
                "The text names no tier beyond the line organisation and no time limit. Other "
                "disputes (responsibility, interpretation) follow the inherited VGR ladder."
            ),
            strength=Strength.SHALL,
            citation=cite(
                COST_DISPUTES,
                "Tvister som uppkommer vid upprättandet av överenskommelse om kostnadsansvar",
                note="Reading: the guidance covers only cost disputes; ÖK 4.3 covers the rest.",
            ),
        ),
    ),
    citation=cite(
        COST_DISPUTES,
        "Tvister som uppkommer vid upprättandet av överenskommelse om kostnadsansvar mellan "
        "huvudmännen, ska lösas i linjeorganisationen.",
    ),
)

LADDERS = [COST_LADDER]
