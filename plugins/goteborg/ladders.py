"""Disputes about cost ("Tvister om kostnadsansvar"): solved in the line organisation, then,
by the project's reading, on up the ÖK 4.3 tiers the guidance implements.

The guidance says the decision is taken "slutligen … i linjeorganisationen" and names nothing
after it. It implements ÖK 3.5 ("framtaget enligt ett uppdrag i … stycket 3.5"), and ÖK 4.3
sends disputes "om tolkning av överenskommelsens innebörd" first locally, then sub-regionally
within vårdsamverkan, then to LiSA. So a cost dispute the line organisation cannot settle may go
on to the sub-regional level (30 days) and then to LiSA (30 days to prepare the case), each
cited to the ÖK with a note that this continuation is a reading. The ``default`` ladder (ÖK 4.3)
is inherited from ``vgr``/``ok-2017`` by the core's merge.
"""

from __future__ import annotations

from samverkan.models import Ladder, Period, Retroactivity, Rule, Strength, Tier, TimeLimit

from .documents import COST_DISPUTES, cite, cite_ok

OK_DISPUTES = "4.3 Tvister"
THIRTY_DAYS = Period(amount=30, unit="days")
CONTINUATION = (
    "Reading: the guidance names no step after the line organisation ('Det beslut som "
    "slutligen fattas i linjeorganisationen'); it implements the ÖK, whose 4.3 sends disputes "
    "on to the sub-regional level and then to LiSA, so a cost dispute the line organisation "
    "cannot settle may go on up those tiers."
)

#: The line organisation's final decision (cost.py cites it for the dispute outcome too).
LINE_DECISION = (
    "Det beslut som slutligen fattas i linjeorganisationen kan innebära en justering i efterhand."
)
SUB_REGIONAL_CITATION = cite_ok(
    OK_DISPUTES, "i andra hand delregionalt, inom vårdsamverkan", note=CONTINUATION
)

LINE_ORGANISATION = Tier(
    key="line_organisation",
    name="Linjeorganisationen",
    name_en="Line organisation (the managers of each party)",
    case_label="tvist",
    level="operational",
    body="Chefer i respektive verksamhet/organisation",
    outcome="agreement",
    retroactive=(
        Retroactivity(
            from_="stated_date",
            strength=Strength.MAY,
            citation=cite(
                COST_DISPUTES,
                LINE_DECISION,
                note=(
                    "The text names no date from which; the decision states it as an explicit "
                    "field, by default the day the temporary cost split started (a reading)."
                ),
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

SUB_REGIONAL = Tier(
    key="sub_regional",
    name="Delregional vårdsamverkan",
    name_en="Sub-regional care cooperation (Göteborgsområdet)",
    case_label="tvist",
    level="sub_regional",
    body="Kommun och sjukvård – samverkan i Göteborgsområdet (delregional vårdsamverkan)",
    outcome="agreement",
    time_limit=TimeLimit(
        period=THIRTY_DAYS,
        starts="the day the dispute reached the sub-regional level (delregional vårdsamverkan)",
        on_expiry="goes_directly",
        strength=Strength.SHALL,
        citation=cite_ok(
            OK_DISPUTES,
            "Om tvist inte kan lösas inom 30 dagar på delregional nivå hänförs den direkt till "
            "LiSA",
            note=CONTINUATION,
        ),
    ),
    notes=(
        Rule(
            text="The sub-regional level names no retroactivity: its outcome applies from its "
            "own date.",
            strength=Strength.SHALL,
            citation=SUB_REGIONAL_CITATION,
        ),
    ),
    citation=SUB_REGIONAL_CITATION,
)

LISA = Tier(
    key="lisa",
    name="LiSA (Ledning i samverkan)",
    name_en="LiSA, county-wide joint management (now VVG)",
    aka=("VVG", "Vårdsamverkan Västra Götaland"),
    case_label="tvist",
    level="regional",
    body="Ledning i samverkan, LiSA (Vårdsamverkan Västra Götaland, VVG)",
    outcome="recommendation",
    time_limit=TimeLimit(
        period=THIRTY_DAYS,
        starts="the day the case is referred to LiSA (VVG)",
        on_expiry="prepare_by",
        strength=Strength.SHALL,
        citation=cite_ok(
            OK_DISPUTES,
            "LiSA som ska bereda frågan inom 30 dagar",
            note="The 30 days are for preparing the case ('bereda'); the text sets no date for "
            "LiSA's recommendation itself. " + CONTINUATION,
        ),
    ),
    retroactive=(
        Retroactivity(
            from_="joint_split",
            strength=Strength.MAY,
            citation=cite_ok(
                OK_DISPUTES,
                "Den rekommendation som utfärdas kan innebära ansvarsjustering i efterhand från "
                "den dag gemensam ansvarsfördelning finns.",
                note=CONTINUATION,
            ),
        ),
    ),
    citation=cite_ok(
        OK_DISPUTES,
        "LiSA som utfärdar rekommendation om hantering av ärendet",
        note=(
            CONTINUATION + " LiSA was replaced by VVG (Vårdsamverkan Västra Götaland) on "
            "2017-01-01, a fact from outside the seeds: one tier with two names."
        ),
    ),
)

COST_LADDER = Ladder(
    kind="cost",
    name="Tvister om kostnadsansvar",
    subjects=("cost",),
    tiers=(LINE_ORGANISATION, SUB_REGIONAL, LISA),
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
                "A cost dispute the line organisation cannot settle may go on to the "
                "sub-regional level and then to LiSA, as ÖK 4.3 provides (a reading). Other "
                "disputes (responsibility, interpretation) follow the inherited VGR ladder."
            ),
            strength=Strength.MAY,
            citation=cite_ok(
                OK_DISPUTES,
                "Tvister mellan parterna om tolkning av överenskommelsens innebörd ska i första "
                "hand lösas lokalt och i andra hand delregionalt, inom vårdsamverkan.",
                note=CONTINUATION,
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
