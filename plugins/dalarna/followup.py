"""15 Utvärdering och revidering: revised every third year, with an evaluation; and the 12-month
extension of Giltighetstid, which needs that evaluation and revision to have begun."""

from __future__ import annotations

from samverkan.models import FollowUpAsk, FollowUpPolicy, Rule, Strength

from .documents import REVISION, VALIDITY, cite

EVALUATION = (
    "Överenskommelsen om ansvarsfördelning skall revideras vart tredje år från och med "
    "ikraftträdandet av denna överenskommelse. I samband med en revidering skall även en "
    "utvärdering av överenskommelsen genomföras."
)

FOLLOW_UP_POLICY = FollowUpPolicy(
    rules=(
        Rule(
            key="revision",
            text=(
                "The agreement is revised every third year from its entry into force, and "
                "evaluated at each revision; Länschefsnätverket decides the assignment."
            ),
            strength=Strength.SHALL,
            citation=cite(REVISION, EVALUATION),
        ),
        Rule(
            key="extension_needs_evaluation",
            text=(
                "Without a new agreement by the end of its term, it is extended by 12 months "
                "only if an evaluation and revision under section 15 has begun."
            ),
            strength=Strength.SHALL,
            citation=cite(
                VALIDITY,
                "Om inte en ny samverkansöverenskommelse tagits fram innan giltighetstidens "
                "upphörande men en utvärdering och revidering har påbörjats i enlighet med "
                "avsnitt 15",
            ),
        ),
    ),
    asks=(
        FollowUpAsk(
            key="evaluation",
            text="An evaluation of the agreement (utvärdering)",
            covered_by=("disputes", "deviations", "placements", "deadlines"),
            note="The report gives the cases' figures for it; the evaluation itself is the "
            "parties' work.",
            strength=Strength.SHALL,
            citation=cite(REVISION, EVALUATION),
        ),
    ),
)
