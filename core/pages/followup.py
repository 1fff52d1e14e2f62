"""The yearly follow-up (*uppföljning*) as a page: an agreement, a year and a level chosen by a
GET form; the report the API gives (the same service, the same audit), its figures drawn as
charts with their numbers in a table beside each, the API's CSV to download, and a print style
so the page prints as the yearly document."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from litestar import Response, get
from litestar.di import NamedDependency
from litestar.params import QueryParameter
from litestar.response import Template

from samverkan.cases.followup import FollowUp, FollowUpReport, period, to_csv
from samverkan.kernel.i18n import _, language
from samverkan.kernel.rulebook import RuleBook
from samverkan.pages.common import AnyRequest, Viewer, render
from samverkan.pages.figures import Choice, charts, choices, key_figures

Q = QueryParameter


@dataclass(frozen=True)
class Asked:
    """What the form chose, and the report for it."""

    form: Choice
    report: FollowUpReport


def provide_asked(
    viewer: NamedDependency[Viewer],
    followup: NamedDependency[FollowUp],
    rulebook: NamedDependency[RuleBook],
    agreement: Annotated[str | None, Q(max_length=64)] = None,
    year: Annotated[int | None, Q(ge=2000, le=2099)] = None,
    municipality: Annotated[str | None, Q(pattern=r"^([0-9]{4})?$")] = None,
) -> Asked:
    """The report the form asks for, read as the signed-in key (404 beyond what it may see;
    audited by the service)."""
    form = choices(rulebook, agreement, year, municipality or None)
    first, last = period(form.year, None, None)
    lang = language()
    report = followup.report(form.agreement, first, last, form.municipality, viewer.principal, lang)  # type: ignore[arg-type]
    return Asked(form, report)


@get("/followup")
async def followup_page(request: AnyRequest, asked: NamedDependency[Asked]) -> Template:
    form, report = asked.form, asked.report
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
async def followup_csv(asked: NamedDependency[Asked]) -> Response[str]:
    report = asked.report
    name = f"uppfoljning-{report.agreement}-{report.period_from}-{report.period_to}"
    name += f"-{report.municipality}" if report.municipality else ""
    headers = {"Content-Disposition": f'attachment; filename="{name}.csv"'}
    return Response(to_csv(report), media_type="text/csv", headers=headers)


HANDLERS = [followup_page, followup_csv]
DEPENDENCIES = {"asked": provide_asked}
