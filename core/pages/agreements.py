"""The agreements, readable without a key (as the rule endpoints are): ``/`` lists each
enabled agreement with its status and its versions on a time line; ``/agreements/{id}`` draws
its ladders, deadlines, cost policy and SIP requirements on a date; ``/compare`` sets two or
more side by side."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from litestar import get
from litestar.di import NamedDependency
from litestar.params import FromPath, QueryParameter
from litestar.response import Template

from samverkan.kernel.answers import VersionRef
from samverkan.kernel.i18n import _
from samverkan.kernel.rulebook import RuleBook
from samverkan.pages.common import AnyRequest, render
from samverkan.pages.timeline import timeline

Rules = NamedDependency[RuleBook]
On = Annotated[dt.date | None, QueryParameter(description="The day the rules apply on.")]


@get("/")
async def start(request: AnyRequest, rulebook: Rules) -> Template:
    health = rulebook.health()
    agreements = rulebook.agreements()
    return render(
        request,
        "start.html",
        _("Agreements"),
        agreements=agreements,
        status={s.id: s for s in health.agreements},
        health=health,
        lines=timeline(agreements, health.today),
    )


@get("/agreements/{agreement_id:str}")
async def agreement(
    request: AnyRequest, rulebook: Rules, agreement_id: FromPath[str], on: On = None
) -> Template:
    rules = rulebook.rule_set(agreement_id, on or shown_day(rulebook, agreement_id))
    title = _("%(agreement)s on %(day)s", agreement=rules.name, day=rules.on)
    return render(request, "agreement.html", title, rules=rules, on=rules.on)


@get("/compare")
async def compare(
    request: AnyRequest,
    rulebook: Rules,
    agreements: Annotated[list[str] | None, QueryParameter(max_items=20)] = None,
    on: On = None,
) -> Template:
    chosen = [a for a in agreements or [] if a]
    known = [a.id for a in rulebook.agreements()]
    chosen = chosen if len(chosen) >= 2 else known
    comparison = rulebook.compare(chosen, on)
    return render(
        request,
        "compare.html",
        _("Agreements side by side"),
        comparison=comparison,
        known=known,
        chosen=chosen,
    )


def shown_day(rulebook: RuleBook, agreement_id: str) -> dt.date:
    """Today; for an agreement with no version today, the nearest day one applies (its last
    day when it has lapsed, its first when it is yet to come), so its page draws it."""
    today = rulebook.clock.today()
    terms = [t for a in rulebook.agreements() if a.id == agreement_id for t in a.terms]
    if not terms or any(t.valid_from <= today <= (t.ends_on or dt.date.max) for t in terms):
        return today
    ended = [t.ends_on for t in terms if t.ends_on and t.ends_on < today]
    return max(ended) if ended else min(t.valid_from for t in terms)


def rules_day(rulebook: RuleBook, agreement: str, version: VersionRef, day: dt.date) -> dt.date:
    """The day to show the rules a case runs under: the first day of its version (one page per
    version, whatever day the case began), or ``day`` where the version is another
    agreement's (a sub-regional agreement answering with its parent's)."""
    if version.agreement != agreement:
        return day
    for info in rulebook.agreements():
        for text in info.versions if info.id == agreement else ():
            if text.key == version.key:
                return text.valid_from
    return day


HANDLERS = [start, agreement, compare]
