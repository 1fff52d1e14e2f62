"""The escalation ladder (5 Tvister): the heads of administration within 30 days, then the
Samverkansråd's recommendation; the individual's care meanwhile (5.4)."""

from __future__ import annotations

from samverkan.models import Ladder, Period, Rule, Strength, Tier, TimeLimit

from .documents import DISPUTES, cite

MANAGERS = Tier(
    key="managers",
    name="Förvaltningscheferna",
    name_en="The heads of administration",
    case_label="oenighet",
    level="local",
    body="Förvaltningscheferna för de berörda parterna",
    outcome="agreement",
    time_limit=TimeLimit(
        period=Period(amount=30, unit="days"),
        starts="the day a party raised the question",
        on_expiry="must_escalate",
        strength=Strength.SHALL,
        citation=cite(
            "5.2",
            "Är frågan inte löst inom 30 dagar ska den lyftas till Samverkansrådet.",
        ),
    ),
    citation=cite(
        "5.2",
        "I det första steget ska förvaltningscheferna för de berörda parterna försöka lösa "
        "frågan inom 30 dagar från den dag en part har tagit upp den.",
    ),
)

COUNCIL = Tier(
    key="council",
    name="Samverkansrådet",
    name_en="The cooperation council",
    case_label="oenighet",
    level="regional",
    body="Samverkansrådet",
    outcome="recommendation",
    citation=cite(
        "5.3", "I det andra steget lämnar Samverkansrådet en rekommendation till parterna."
    ),
)

LADDERS = [
    Ladder(
        kind="default",
        name="Tvister enligt Exempelöverenskommelsen",
        subjects=("responsibility", "cost", "interpretation", "deviation"),
        tiers=(MANAGERS, COUNCIL),
        temporary_arrangement=Rule(
            text=(
                "While the parties disagree the individual gets the insatser they need; the "
                "parties shall agree at once on a temporary solution."
            ),
            strength=Strength.SHALL,
            citation=cite(
                "5.4",
                "Medan parterna är oeniga ska den enskilde få de insatser den behöver. Parterna "
                "ska genast komma överens om en tillfällig lösning.",
            ),
        ),
        citation=cite(
            DISPUTES,
            "Oenighet om ansvar, kostnad, tolkning eller avvikelser från överenskommelsen löses "
            "i två steg.",
        ),
    )
]
