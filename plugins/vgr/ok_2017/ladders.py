"""ÖK 4.3 Tvister: local -> sub-regional (30 days) -> LiSA/VVG (30 days to prepare the case;
recommendation)."""

from __future__ import annotations

from samverkan.models import Ladder, Period, Retroactivity, Rule, Strength, Tier, TimeLimit

from ..documents import OK_DISPUTES, cite_ok
from .deviations import HANDLED_IN_FOLLOW_UP

LOCAL = Tier(
    key="local",
    name="Lokal nivå",
    name_en="Local level",
    case_label="tvist",
    level="local",
    body="Parterna lokalt (lokal vårdsamverkan)",
    outcome="agreement",
    citation=cite_ok(
        OK_DISPUTES,
        "Tvister mellan parterna om tolkning av överenskommelsens innebörd ska i första hand "
        "lösas lokalt",
    ),
)

SUB_REGIONAL = Tier(
    key="sub_regional",
    name="Delregional vårdsamverkan",
    name_en="Sub-regional care cooperation",
    case_label="tvist",
    level="sub_regional",
    body="Delregional vårdsamverkan",
    outcome="agreement",
    time_limit=TimeLimit(
        period=Period(amount=30, unit="days"),
        starts="the day the dispute reached the sub-regional level (delregional vårdsamverkan)",
        on_expiry="goes_directly",
        strength=Strength.SHALL,
        citation=cite_ok(
            OK_DISPUTES,
            "Om tvist inte kan lösas inom 30 dagar på delregional nivå hänförs den direkt till "
            "LiSA",
            note="The text does not say when the 30 days start; read: the day the case "
            "reached the sub-regional level (interpretation).",
        ),
    ),
    notes=(
        Rule(
            text="A dispute the sub-regional level cannot solve may be lifted to LiSA before "
            "the 30 days have run.",
            strength=Strength.MAY,
            citation=cite_ok(
                OK_DISPUTES,
                "Om en tvist inte kan lösas inom delregional vårdsamverkan kan den lyftas den "
                "till LiSA",
            ),
        ),
    ),
    citation=cite_ok(OK_DISPUTES, "i andra hand delregionalt, inom vårdsamverkan"),
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
        period=Period(amount=30, unit="days"),
        starts="the day the case is referred to LiSA (VVG)",
        on_expiry="prepare_by",
        strength=Strength.SHALL,
        citation=cite_ok(
            OK_DISPUTES,
            "LiSA som ska bereda frågan inom 30 dagar",
            note=(
                "The 30 days are for preparing the case ('bereda'); the text sets no date for "
                "LiSA's recommendation itself."
            ),
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
                note="The text speaks of responsibility (ansvarsjustering); cost follows "
                "responsibility (ÖK 3.5 Överenskommelse om kostnadsansvar, main rule).",
            ),
        ),
    ),
    citation=cite_ok(
        OK_DISPUTES,
        "LiSA som utfärdar rekommendation om hantering av ärendet",
        note=(
            "LiSA was replaced by VVG (Vårdsamverkan Västra Götaland) on 2017-01-01: a fact "
            "from outside the seeds (the ÖK still says LiSA; Södra Älvsborg's routine names "
            "VVG). One tier with two names."
        ),
    ),
)

DEFAULT = Ladder(
    kind="default",
    name="Tvister enligt ÖK 4.3",
    subjects=("responsibility", "cost", "interpretation", "deviation"),
    tiers=(LOCAL, SUB_REGIONAL, LISA),
    temporary_arrangement=Rule(
        text=(
            "The parties agree at once a temporary split of responsibility, via the SIP, "
            "while the dispute is solved."
        ),
        strength=Strength.SHALL,
        citation=cite_ok(
            OK_DISPUTES,
            "Parterna har gemensamt ansvar att omgående komma överens om tillfällig "
            "ansvarsfördelning, via SIP, i väntan på lösning.",
        ),
    ),
    notes=(
        Rule(
            text="The patient's care is secured whether or not the parties agree on "
            "responsibility.",
            strength=Strength.SHALL,
            citation=cite_ok(
                OK_DISPUTES,
                "Patientens vård och omsorg ska alltid säkerställas oavsett om parterna är "
                "överens om ansvarsfördelning eller inte.",
            ),
        ),
        Rule(
            text="Even when the cost responsibility is unclear, the individual's investigation "
            "or treatment continues without delay.",
            strength=Strength.SHALL,
            citation=cite_ok(
                "2.1 Individens behov i centrum",
                "Även om kostnadsansvaret är oklart ska individens behov av utredning eller "
                "behandling fullföljas utan dröjsmål.",
            ),
        ),
        Rule(
            text="Disputes are handled by the principles of the health and medical care agreement.",
            strength=Strength.SHALL,
            citation=cite_ok(
                OK_DISPUTES,
                "Tvister ska hanteras enligt de principer som anges i Hälso- och sjukvårdsavtalet.",
            ),
        ),
        Rule(
            text="Deviations, where a party does not do what the ÖK says, are handled within "
            "the follow-up of the health and medical care agreement; each sub-region reports "
            "regularly to LiSA.",
            strength=Strength.SHALL,
            citation=HANDLED_IN_FOLLOW_UP,
        ),
    ),
    citation=cite_ok(
        OK_DISPUTES,
        "ska i första hand lösas lokalt och i andra hand delregionalt, inom vårdsamverkan",
    ),
)

LADDERS: tuple[Ladder, ...] = (DEFAULT,)
