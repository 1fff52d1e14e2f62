"""4.4 Uppföljning (the yearly follow-up per LiSA's instructions, and the joint follow-up of HVB
placements) and what 4.2 Avvikelser asks each sub-region to report to LiSA."""

from __future__ import annotations

from samverkan.models import FollowUpAsk, FollowUpPolicy, Rule, Strength

from ..documents import OK_DEVIATIONS, cite_ok

FOLLOW_UP = "4.4 Uppföljning"
HVB = f"{FOLLOW_UP}: Uppföljning placeringar HVB-hem"
FOCUS = "Tillgänglighet, samordning och kvalitet i insatser ska bland annat vara i fokus."
HVB_ASK = (
    "Gemensam uppföljning av förslaget om tillämpning vid placering …"
    "(volymer, motiv samt vård och behandlingsinnehåll)."
)

FOLLOW_UP_POLICY = FollowUpPolicy(
    rules=(
        Rule(
            key="yearly",
            text=(
                "The agreement is followed up yearly, as LiSA instructs, on the principles of "
                "the health and medical care agreement."
            ),
            strength=Strength.SHALL,
            citation=cite_ok(
                FOLLOW_UP,
                "Uppföljning av överenskommelsen ska ske enligt de principer som anges i Hälso- "
                "och sjukvårdsavtalet. Detta innebär att den följs upp årligen enligt anvisningar "
                "av LiSA.",
            ),
        ),
        Rule(
            key="deviation_report",
            text=(
                "Each sub-regional cooperation area reports regularly to LiSA: the most frequent "
                "deviations, the system faults found, the measures taken and proposed."
            ),
            strength=Strength.SHALL,
            citation=cite_ok(
                OK_DEVIATIONS,
                "Från respektive delregionalt vårdsamverkansområde ska en rapport redovisas "
                "regelbundet till Ledning i samverkan, LiSA. Rapporten ska redovisa de mest "
                "frekventa avvikelserna, och identifierade systembrister enligt anvisningar "
                "från LiSA.",
            ),
        ),
    ),
    asks=(
        FollowUpAsk(
            key="coordination",
            text="Coordination between the parties (samordning)",
            covered_by=("disputes", "deviations"),
            note="As the disputes and deviations between the parties; nothing else about "
            "coordination is held by the service.",
            strength=Strength.SHALL,
            citation=cite_ok(FOLLOW_UP, FOCUS),
        ),
        FollowUpAsk(
            key="availability_quality",
            text="Availability and quality of the insatser (tillgänglighet, kvalitet)",
            strength=Strength.SHALL,
            citation=cite_ok(FOLLOW_UP, FOCUS),
        ),
        FollowUpAsk(
            key="frequent_deviations",
            text="The most frequent deviations",
            covered_by=("deviations",),
            note="By category and direction; system faults and measures are not held.",
            strength=Strength.SHALL,
            citation=cite_ok(
                OK_DEVIATIONS, "Rapporten ska redovisa de mest frekventa avvikelserna"
            ),
        ),
        FollowUpAsk(
            key="hvb_volumes",
            text="Volumes of HVB placements (volymer)",
            covered_by=("placements",),
            strength=Strength.SHALL,
            citation=cite_ok(HVB, HVB_ASK),
        ),
        FollowUpAsk(
            key="hvb_reasons_and_content",
            text=(
                "The reasons for HVB placements and their care and treatment content (motiv "
                "samt vård och behandlingsinnehåll)"
            ),
            strength=Strength.SHALL,
            citation=cite_ok(HVB, HVB_ASK),
        ),
    ),
)
