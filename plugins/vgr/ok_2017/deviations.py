"""ÖK 4.2 Avvikelser: each care giver reports deviations; each sub-region reports to LiSA.

The ÖK names no system and no reporting roles. Deviations it cannot settle go the dispute
route of 4.3 (3.4: "Hantering av avvikelser och tvister ska ske i enlighet med punkterna 4.2
och 4.3").
"""

from __future__ import annotations

from samverkan.models import DeviationPolicy, Rule, Strength

from ..documents import OK_DEVIATIONS, cite_ok

#: Deviations from the ÖK are handled in the follow-up of the main agreement (ladders.py too).
HANDLED_IN_FOLLOW_UP = cite_ok(
    OK_DEVIATIONS,
    "Avvikelser då någon part inte uppfyller det som är överenskommet i denna överenskommelse "
    "hanteras inom ramen för uppföljning av Hälso- och sjukvårdsavtalet.",
)

DEVIATION_POLICY = DeviationPolicy(
    rule=Rule(
        text=(
            "Each care giver has routines to identify, document and report negative events and "
            "incidents; deviations here are deviations from commitments under this agreement "
            "and joint routines."
        ),
        strength=Strength.SHALL,
        citation=cite_ok(
            OK_DEVIATIONS,
            "Varje vårdgivare har rutiner för att identifiera, dokumentera och rapportera "
            "negativa händelser och tillbud. Här avses avvikelser från åtaganden enligt denna "
            "överenskommelse och gemensamma rutiner.",
            note="Indicative 'har' read as an obligation of each care giver.",
        ),
    ),
    handling=(
        Rule(
            text=(
                "Each care-cooperation area has a joint deviation routine describing the case "
                "flow and the time frames for feedback and measures."
            ),
            strength=Strength.SHALL,
            citation=cite_ok(
                OK_DEVIATIONS,
                "Rutinen ska beskriva ärendegång och tidsramar för återkoppling och åtgärder.",
            ),
        ),
        Rule(
            text=(
                "Each sub-regional care-cooperation area reports regularly to LiSA: the most "
                "frequent deviations, identified system faults, measures taken locally or "
                "sub-regionally and proposed measures at regional level."
            ),
            strength=Strength.SHALL,
            citation=cite_ok(
                OK_DEVIATIONS,
                "Från respektive delregionalt vårdsamverkansområde ska en rapport redovisas "
                "regelbundet till Ledning i samverkan, LiSA.",
            ),
        ),
        Rule(
            text=(
                "Deviations where a party does not do what this agreement says are handled "
                "within the follow-up of the health and medical care agreement."
            ),
            strength=Strength.SHALL,
            citation=HANDLED_IN_FOLLOW_UP,
        ),
    ),
    escalation=Rule(
        text=(
            "Deviations and disputes are handled under 4.2 and 4.3: a deviation the parties "
            "cannot settle goes on as a dispute at the local level of the 4.3 ladder."
        ),
        strength=Strength.SHALL,
        citation=cite_ok(
            "3.4 Barn och ungdomar med sammansatt psykisk/psykiatrisk och social problematik",
            "Hantering av avvikelser och tvister ska ske i enlighet med punkterna 4.2 och 4.3.",
            note=(
                "The sentence stands in 3.4; reading: it names the route for deviations under "
                "the whole ÖK, so an unsolved deviation enters the 4.3 ladder at its first tier."
            ),
        ),
    ),
)
