"""8 Uppföljning (the yearly follow-up, jointly and by each party, at the local, sub-regional and
county level) and 6's "Uppföljning av oenighet och tvist" (lessons spread in the county)."""

from __future__ import annotations

from samverkan.models import FollowUpAsk, FollowUpPolicy, Rule, Strength

from ..documents import HSA_DISPUTES, cite_hsa

FOLLOW_UP = "8 Uppföljning"
DISPUTE_FOLLOW_UP = f"{HSA_DISPUTES}: Uppföljning av oenighet och tvist"
YEARLY = (
    "Parterna har både ett gemensamt och ett eget ansvar att årligen följa upp efterlevnaden av "
    "Avtalet samt tillhörande överenskommelser."
)
LESSONS = (
    "Resultatet av oenighet och tvist mellan Parter ska följas upp inom den egna organisationen, "
    "samt inom länsgemensam vårdsamverkan för spridning av lärdomar och erfarenheter i länet."
)

FOLLOW_UP_POLICY = FollowUpPolicy(
    rules=(
        Rule(
            key="yearly",
            text=(
                "The parties follow up compliance with the agreement and its sub-agreements "
                "every year, jointly and each on its own."
            ),
            strength=Strength.SHALL,
            citation=cite_hsa(FOLLOW_UP, YEARLY),
        ),
        Rule(
            key="levels",
            text=(
                "The joint forums carry out the follow-up at the local, sub-regional and county "
                "level."
            ),
            strength=Strength.SHALL,
            citation=cite_hsa(
                FOLLOW_UP,
                "Partsgemensamma forum i Västra Götaland ansvarar för genomförande av "
                "uppföljningen och att den sker på såväl lokal, delregional som länsnivå.",
            ),
        ),
        Rule(
            key="dispute_results",
            text=(
                "The results of disagreements and disputes are followed up in each party's own "
                "organisation and county-wide, to spread lessons learned in the county."
            ),
            strength=Strength.SHALL,
            citation=cite_hsa(DISPUTE_FOLLOW_UP, LESSONS),
        ),
    ),
    asks=(
        FollowUpAsk(
            key="compliance",
            text="Compliance with the agreement (efterlevnaden)",
            covered_by=("disputes", "deviations", "placements", "deadlines"),
            note="As far as the cases held by the service show it; compliance that no case "
            "records is not held.",
            strength=Strength.SHALL,
            citation=cite_hsa(FOLLOW_UP, YEARLY),
        ),
        FollowUpAsk(
            key="dispute_results",
            text="The results of disagreements and disputes, for lessons learned (lärdomar)",
            covered_by=("disputes",),
            strength=Strength.SHALL,
            citation=cite_hsa(DISPUTE_FOLLOW_UP, LESSONS),
        ),
    ),
)
