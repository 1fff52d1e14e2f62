"""Uppföljning: the routine is followed up yearly and reviewed at the latest after two years.
The ÖK's 4.4 follow-up is inherited from ``vgr``/``ok-2017``."""

from __future__ import annotations

from samverkan.models import FollowUpAsk, FollowUpPolicy, Rule, Strength

from .documents import FOLLOW_UP, cite

YEARLY = "Denna rutin följs upp årligen och omprövas senast efter två år."

FOLLOW_UP_POLICY = FollowUpPolicy(
    rules=(
        Rule(
            key="routine_yearly",
            text="This routine is followed up every year and reviewed at the latest after two "
            "years.",
            strength=Strength.SHALL,
            citation=cite(FOLLOW_UP, YEARLY),
        ),
    ),
    asks=(
        FollowUpAsk(
            key="routine_use",
            text="How the dispute routine was used: the disputes, how far each climbed and how "
            "it ended",
            covered_by=("disputes",),
            strength=Strength.SHALL,
            citation=cite(FOLLOW_UP, YEARLY),
        ),
    ),
)
