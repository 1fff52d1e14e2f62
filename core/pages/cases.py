"""Cases at a glance, for a signed-in key (read-only: changes go through the API). Each page
asks the same service the API asks, scoped by the same principal, and audits what it shows:
a case the key may not see is a 404 here too."""

from __future__ import annotations

from typing import Annotated, Literal

from litestar import get
from litestar.di import NamedDependency
from litestar.params import FromPath, QueryParameter
from litestar.response import Template

from samverkan.cases.deadlines import Deadlines
from samverkan.cases.deviations import Deviations
from samverkan.cases.disputes import Disputes
from samverkan.cases.placements import Placements
from samverkan.kernel.i18n import _, set_language
from samverkan.kernel.rulebook import RuleBook
from samverkan.pages.agreements import rules_day
from samverkan.pages.common import AnyRequest, Viewer, render

PAGE = 50
Offset = Annotated[int, QueryParameter(ge=0, le=2**62)]
Who = NamedDependency[Viewer]
Status = Literal["open", "resolved", "withdrawn"]


@get("/cases")
async def dispute_list(
    request: AnyRequest,
    viewer: Who,
    disputes: NamedDependency[Disputes],
    status: Annotated[Status | None, QueryParameter()] = "open",
    offset: Offset = 0,
) -> Template:
    found = disputes.list(status=status, limit=PAGE, offset=offset, scope=viewer.principal)
    return viewer.lists(request, found, "cases.html", _("Disputes"), status=status)


@get("/disputes/{dispute_id:str}")
async def dispute(
    request: AnyRequest,
    viewer: Who,
    disputes: NamedDependency[Disputes],
    rulebook: NamedDependency[RuleBook],
    dispute_id: FromPath[str],
) -> Template:
    view = disputes.get(dispute_id, viewer.principal)
    viewer.read("read", view)
    ladder = rulebook.ladder(view.agreement, view.opened_on, view.ladder.kind).ladder
    rules_on = rules_day(rulebook, view.agreement, view.version, view.opened_on)
    return render(request, "dispute.html", view.title, case=view, ladder=ladder, rules_on=rules_on)


@get("/disputes/{dispute_id:str}/notice")
async def notice(
    request: AnyRequest, viewer: Who, disputes: NamedDependency[Disputes], dispute_id: FromPath[str]
) -> Template:
    found = disputes.tier_form(dispute_id, viewer.principal)
    viewer.read("read_notice", found.case)
    set_language("sv")  # the printable notice is Swedish whatever was asked, as the API's
    form = found.answer.swedish_data()
    page = render(request, "notice.html", form.title, form=form, case=found.case)
    page.headers["Content-Language"] = "sv"
    return page


@get("/deviations")
async def deviation_list(
    request: AnyRequest, viewer: Who, deviations: NamedDependency[Deviations], offset: Offset = 0
) -> Template:
    found = deviations.list(limit=PAGE, offset=offset, scope=viewer.principal)
    return viewer.lists(request, found, "deviations.html", _("Deviations"))


@get("/placements")
async def placement_list(
    request: AnyRequest, viewer: Who, placements: NamedDependency[Placements], offset: Offset = 0
) -> Template:
    return viewer.lists(
        request,
        placements.list(limit=PAGE, offset=offset, scope=viewer.principal),
        "placements.html",
        _("Placements"),
    )


@get("/placements/{placement_id:str}")
async def placement(
    request: AnyRequest,
    viewer: Who,
    placements: NamedDependency[Placements],
    rulebook: NamedDependency[RuleBook],
    placement_id: FromPath[str],
) -> Template:
    view = placements.get(placement_id, viewer.principal)
    settled = placements.settlement(placement_id, None, viewer.principal).answer
    viewer.read("read_settlement", view)
    title = _("Placement %(id)s", id=view.id)
    rules_on = rules_day(rulebook, view.agreement, view.version, view.start_date)
    return render(
        request, "placement.html", title, case=view, settlement=settled, rules_on=rules_on
    )


@get("/deadlines")
async def deadline_list(
    request: AnyRequest,
    viewer: Who,
    deadlines: NamedDependency[Deadlines],
    overdue: Annotated[bool | None, QueryParameter()] = None,
    offset: Offset = 0,
) -> Template:
    found = deadlines.list(
        overdue=overdue, status="open", limit=PAGE, offset=offset, scope=viewer.principal
    )
    return render(request, "deadlines.html", _("Deadlines"), found=found, overdue=overdue)


HANDLERS = [dispute_list, dispute, notice, deviation_list, placement_list, placement, deadline_list]
