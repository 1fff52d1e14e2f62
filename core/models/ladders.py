"""Escalation ladders: tiers, their time limits, dispute forms and retroactivity."""

from __future__ import annotations

from typing import Literal

import msgspec

from samverkan.kernel.i18n import N_
from samverkan.models.rules import Base, Citation, Key, Party, Period, Rule, Strength


class TimeLimit(Base, kw_only=True):
    """A tier's time limit.

    :param starts: what starts the clock, in words (e.g. "the day the chair receives the case").
    :param on_expiry: what the text says happens when it runs out:
        ``must_escalate`` (the case shall go on), ``may_escalate`` (it may go on),
        ``goes_directly`` (it is referred on, e.g. ÖK 4.3 "hänförs den direkt till LiSA"),
        ``respond_by`` (the body shall have answered by then), ``prepare_by`` (the body shall
        have prepared the case by then, e.g. ÖK 4.3 "ska bereda frågan inom 30 dagar"; the
        text sets no date for its answer).
    """

    period: Period
    starts: str
    on_expiry: Literal["must_escalate", "may_escalate", "goes_directly", "respond_by", "prepare_by"]
    strength: Strength
    citation: Citation


#: What a time limit means when it runs out, in the words every explanation uses.
#: (English; the service shows them in the answer's language through its catalogue.)
ON_EXPIRY: dict[str, str] = {
    "must_escalate": N_("if the case is not settled by then, it shall go on to the next tier"),
    "may_escalate": N_("after it the case may go on to the next tier"),
    "goes_directly": N_("if the case is not solved by then, it goes directly to the next tier"),
    "respond_by": N_("the body shall have given its answer by then"),
    "prepare_by": N_(
        "the deadline is for preparing the case; the text sets no date for the answer itself"
    ),
}


class FormField(Base, kw_only=True):
    """One field of a dispute form (e.g. the *blankett för tvisteanmälan*).

    :param type: ``text``, or ``date`` (an ISO date, e.g. Dalarna's notice to the Styrgrupp,
        from which an ``earliest`` deadline named ``<ladder kind>_notice`` is counted).
    """

    key: Key
    label: str
    label_en: str
    strength: Strength
    citation: Citation
    type: Literal["text", "date"] = "text"


SubjectKind = Literal["responsibility", "cost", "interpretation", "deviation"]


class DisputeMatch(Base, kw_only=True):
    """Which disputes a rule covers: those of one of ``subjects``, and (``placement``) those
    linked to a placement; either suffices.

    Södra Älvsborg d, "Om parterna inte är överens om ansvaret för insatserna i en SIP eller om
    kostnadsfördelning vid en placering", is ``subjects=("cost",), placement=True``.
    """

    subjects: tuple[SubjectKind, ...] = ()
    placement: bool = False

    def covers(self, subject: str, placement_linked: bool) -> bool:
        return subject in self.subjects or (self.placement and placement_linked)


class Retroactivity(Base, kw_only=True):
    """Whether a tier's outcome may apply from an earlier date, and from when.

    :param from_: ``insats_start`` (Södra Älvsborg 5), ``joint_split`` (ÖK 4.3: the day a joint
        split existed), ``stated_date`` (Göteborg: a date the decision states), ``none`` (the
        outcome may not reach back).
    :param applies_to: the disputes this rule covers; ``None``: every dispute at the tier.
    """

    from_: Literal["insats_start", "joint_split", "stated_date", "none"] = msgspec.field(
        name="from"
    )
    applies_to: DisputeMatch | None = None
    strength: Strength
    citation: Citation


class Tier(Base, kw_only=True):
    """One step (*steg*, *nivå*) of an escalation ladder.

    :param key: stable id within the ladder, e.g. ``line_manager``.
    :param name: the Swedish name as the text gives it.
    :param aka: other names of the same tier (LiSA and VVG are one tier).
    :param case_label: what the case is called at this tier (*oenighet*, *tvist*), since the
        documents define *tvist* differently.
    :param level: ``operational``, ``local``, ``sub_regional``, ``regional``, ``political``, ``court``.
    :param body: the body that handles the case here.
    :param preparer: the group that prepares the case for the body, if the text names one.
    :param outcome: ``recommendation`` (the parties accept or reject), ``decision`` (binding),
        ``agreement`` (the parties settle it themselves, e.g. line managers), ``judgment``.
    :param time_limit: the tier's time limit, or ``None`` where the text names none
        ("utan dröjsmål" is recorded in ``pace``).
    :param pace: the text's words on speed where it gives no days, e.g. "utan dröjsmål".
    :param form: dispute-form fields a case needs to enter this tier.
    :param retroactive: whether this tier's outcome may apply retroactively: the first rule
        whose ``applies_to`` covers the dispute decides; none covering it means it may not.
    :param notes: further rules that bind this tier (e.g. step 3 may include economic settlement).
    """

    key: Key
    name: str
    name_en: str
    aka: tuple[str, ...] = ()
    case_label: str
    level: Literal["operational", "local", "sub_regional", "regional", "political", "court"]
    body: str
    preparer: str = ""
    outcome: Literal["recommendation", "decision", "agreement", "judgment"]
    time_limit: TimeLimit | None = None
    pace: str = ""
    form: tuple[FormField, ...] = ()
    retroactive: tuple[Retroactivity, ...] = ()
    notes: tuple[Rule, ...] = ()
    citation: Citation

    def retroactivity(self, subject: str, placement_linked: bool) -> Retroactivity | None:
        """The retroactivity rule for one dispute at this tier, or ``None``."""
        for rule in self.retroactive:
            if rule.applies_to is None or rule.applies_to.covers(subject, placement_linked):
                return rule
        return None


class Ladder(Base, kw_only=True):
    """An escalation ladder (*eskaleringstrappa*): ordered tiers for some dispute subjects.

    :param kind: id of the ladder within the version, e.g. ``default``, ``local``, ``regional``, ``cost``.
    :param subjects: the dispute subjects this ladder handles.
    :param temporary_arrangement: the rule on what must be agreed at once so the individual is
        never left without care (or, under Dalarna, how each party secures its insatser).
    :param temporary_arrangement_parts: the parties whose own part a recorded arrangement must
        state (Dalarna: each party on its own secures its insatser, so both).
    :param prerequisites: rules that must hold before the first tier (e.g. Dalarna's month of notice).
    """

    kind: Key
    name: str
    subjects: tuple[SubjectKind, ...]
    tiers: tuple[Tier, ...]
    temporary_arrangement: Rule
    temporary_arrangement_parts: tuple[Party, ...] = ()
    prerequisites: tuple[Rule, ...] = ()
    notes: tuple[Rule, ...] = ()
    citation: Citation
