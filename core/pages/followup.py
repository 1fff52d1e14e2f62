"""The yearly follow-up (*uppföljning*) as a page: an agreement, a year and a level chosen by a
GET form; the report the API gives (the same service, the same audit), its figures drawn as
charts with their numbers in a table beside each, the API's CSV to download, and a print style
so the page prints as the yearly document."""

from __future__ import annotations

from typing import Annotated

from litestar import Response, get
from litestar.di import NamedDependency
from litestar.params import QueryParameter
from litestar.response import Template

from samverkan.cases.followup import FollowUp, period, to_csv
from samverkan.kernel.i18n import _, language
from samverkan.kernel.rulebook import RuleBook
from samverkan.pages.common import AnyRequest, Viewer, render
from samverkan.pages.figures import charts, choices, key_figures

Q = QueryParameter
Agreement = Annotated[str | None, Q(max_length=64)]
Year = Annotated[int | None, Q(ge=2000, le=2099)]
Municipality = Annotated[str | None, Q(pattern=r"^([0-9]{4})?$")]


@get("/followup")
async def followup_page(
    request: AnyRequest,
    viewer: NamedDependency[Viewer],
    followup: NamedDependency[FollowUp],
    rulebook: NamedDependency[RuleBook],
    agreement: Agreement = None,
    year: Year = None,
    municipality: Municipality = None,
) -> Template:
    form = choices(rulebook, agreement, year, municipality or None)
    first, last = period(form.year, None, None)
    report = followup.report(
        form.agreement,
        first,
        last,
        form.municipality,
        viewer.principal,
        language(),  # type: ignore[arg-type]
    )
    title = _("Follow-up %(year)s: %(agreement)s", year=form.year, agreement=report.name)
    return render(
        request,
        "followup.html",
        title,
        form=form,
        report=report,
        charts=charts(report),
        figures=key_figures(report),
    )


@get("/followup.csv")
async def followup_csv(
    viewer: NamedDependency[Viewer],
    followup: NamedDependency[FollowUp],
    rulebook: NamedDependency[RuleBook],
    agreement: Agreement = None,
    year: Year = None,
    municipality: Municipality = None,
) -> Response[str]:
    form = choices(rulebook, agreement, year, municipality or None)
    first, last = period(form.year, None, None)
    report = followup.report(
        form.agreement,
        first,
        last,
        form.municipality,
        viewer.principal,
        language(),  # type: ignore[arg-type]
    )
    name = f"uppfoljning-{form.agreement}-{first}-{last}"
    name += f"-{form.municipality}" if form.municipality else ""
    headers = {"Content-Disposition": f'attachment; filename="{name}.csv"'}
    return Response(to_csv(report), media_type="text/csv", headers=headers)


HANDLERS = [followup_page, followup_csv]
