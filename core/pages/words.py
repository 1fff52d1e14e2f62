"""The words a page shows for the service's codes (statuses, strengths, levels …), marked for
the catalogue and translated where shown; and the marks that tell a reader (and a screen
reader) when a part of a page is in the other language."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup, escape

from samverkan.cases.disputes.transitions import OUTCOMES, PARTIES_SAID, STATUS_SAID
from samverkan.cases.followup.texts import LABELS
from samverkan.kernel.dates import describe_period
from samverkan.kernel.i18n import N_, _, language, local
from samverkan.models.ladders import ON_EXPIRY

WORDS: dict[str, dict[str, str]] = {
    "outcome": OUTCOMES,
    "status": {
        **STATUS_SAID,
        "escalated": N_("escalated"),
        "closed": N_("closed"),
        "met": N_("met"),
    },
    "party": PARTIES_SAID,
    "on_expiry": ON_EXPIRY,
    "strength": {"shall": N_("shall"), "should": N_("should"), "may": N_("may")},
    "agreement_state": {
        "in_force": N_("in force"),
        "in_force_by_extension": N_("in force by an extension in config"),
        "ending_soon": N_("ending soon"),
        "lapsed": N_("lapsed"),
        "not_yet_in_force": N_("not yet in force"),
    },
    "level": {
        "operational": N_("operational"),
        "local": N_("local"),
        "sub_regional": N_("sub-regional"),
        "regional": N_("regional"),
        "political": N_("political"),
        "court": N_("court"),
    },
    "retro_from": {
        "insats_start": N_("from the day the insats started"),
        "joint_split": N_("from the day a joint split of responsibility existed"),
        "stated_date": N_("from a date the outcome states"),
        "none": N_("not retroactive"),
    },
    "subject": {
        "responsibility": N_("responsibility"),
        "cost": N_("cost"),
        "interpretation": N_("interpretation"),
        "deviation": N_("deviation"),
        "placement": N_("placement"),
    },
    "action": {
        "opened": N_("opened"),
        "escalated": N_("escalated"),
        "recommendation": N_("recommendation"),
        "decision": N_("decision"),
        "agreement": N_("agreement"),
        "judgment": N_("judgment"),
        "response_accept": N_("accepted"),
        "response_reject": N_("rejected"),
        "resolved": N_("resolved"),
        "withdrawn": N_("withdrawn"),
        "recorded": N_("recorded"),
    },
    "next": {
        "escalate": N_("Escalate"),
        "recommendation": N_("Record the outcome"),
        "responses": N_("The parties respond"),
        "resolve": N_("Resolve"),
        "withdraw": N_("Withdraw"),
    },
    "reason": {
        "no_agreement": N_("the parties did not agree"),
        "rejected_recommendation": N_("a party rejected the recommendation"),
        "no_recommendation_given": N_("the body gave no recommendation"),
        "time_ran_out": N_("the time limit ran out"),
    },
    "unit": {"days": N_("days"), "months": N_("months"), "years": N_("years")},
    "fires": {
        "due": N_("due"),
        "no_progress": N_("no progress"),
        "earliest": N_("earliest"),
        "ending": N_("version ending"),
    },
}


LEVELS = {level: LABELS[f"level.{level}"] for level in ("county", "sub_regional", "local")}


def say(value: Any, table: str) -> str:
    """The word for ``value`` in ``table`` in the request's language (the code itself where
    the table has none)."""
    word = WORDS[table].get(str(value))
    return _(word) if word else str(value)


def action(step: Any) -> str:
    """The ``action`` tag of a next step (a tagged msgspec Struct keeps it in its config)."""
    return str(type(step).__struct_config__.tag)


def in_language(text: Any, spoken: str) -> Markup:
    """``text`` (plugin data written in ``spoken``), marked with ``lang`` when the page speaks
    the other language (WCAG 3.1.2, language of parts)."""
    if text is None or text == "":
        return Markup("")
    if spoken == language():
        return escape(text)
    return Markup('<span lang="%s">%s</span>') % (spoken, text)


def sv(text: Any) -> Markup:
    return in_language(text, "sv")


def en(text: Any) -> Markup:
    return in_language(text, "en")


def name(sv_name: str, en_name: str) -> Markup:
    """A thing named in both languages (a tier's ``name``/``name_en``), in the page's."""
    return escape(local(sv_name, en_name))


def say_level(level: str) -> str:
    """A follow-up report's level, in the report's words."""
    return _(LEVELS[level])


GLOBALS = {
    "say_level": say_level,
    "_": _,
    "say": say,
    "sv": sv,
    "en": en,
    "name": name,
    "period": describe_period,
}
FILTERS = {"say": say, "action": action}
