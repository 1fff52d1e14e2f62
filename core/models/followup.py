"""What an agreement asks its parties to follow up, and how often (the yearly *uppföljning*)."""

from __future__ import annotations

from typing import Literal

from samverkan.models.rules import Base, Citation, Key, Rule, Strength

#: The sections of the follow-up report (``GET /api/v1/followup``) a text's ask can point to.
ReportSection = Literal["disputes", "deviations", "placements", "deadlines"]


class FollowUpAsk(Base, kw_only=True):
    """One thing a text asks the follow-up to show.

    :param key: a stable id; a refining version restates a parent's ask by using its key.
    :param text: what is asked, in words.
    :param covered_by: the report's sections that answer it; empty: the service holds no data
        for it, and the report names it as not covered (ÖK 4.4's "motiv samt vård och
        behandlingsinnehåll").
    :param note: how far the sections answer it, where only in part.
    """

    key: Key
    text: str
    covered_by: tuple[ReportSection, ...] = ()
    note: str = ""
    strength: Strength
    citation: Citation


class FollowUpPolicy(Base, kw_only=True):
    """How an agreement version is followed up.

    :param rules: who follows up what, how often and at which levels (HSA 8: yearly, "på såväl
        lokal, delregional som länsnivå"; Södra Älvsborg: "följs upp årligen").
    :param asks: what the follow-up is to show, each pointing to the report's sections that
        answer it, or to none.
    """

    rules: tuple[Rule, ...]
    asks: tuple[FollowUpAsk, ...] = ()
