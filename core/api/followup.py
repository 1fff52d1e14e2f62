"""``/api/v1/followup``: the yearly follow-up (*uppföljning*) of an agreement, as JSON or CSV
(API key required; docs/api/followup.md)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from litestar import MediaType, Response, get
from litestar.params import QueryParameter

from samverkan.api.conventions import AnyRequest, Who
from samverkan.api.declare import READ, Named
from samverkan.cases.followup import FollowUp, FollowUpReport, period, to_csv
from samverkan.kernel.i18n import language

CSV = "text/csv"  # Litestar adds "; charset=utf-8"
Q = QueryParameter
Agreement = Annotated[
    str,
    Q(
        description="The agreement: one no other refines is the county level, counting the "
        "agreements that refine it too."
    ),
]
Year = Annotated[int | None, Q(ge=2000, le=2099, description="A calendar year.")]
First = Annotated[dt.date | None, Q(name="from", description="The period's first day (with to).")]
Last = Annotated[dt.date | None, Q(name="to", description="The period's last day (with from).")]
Municipality = Annotated[
    str | None,
    Q(pattern=r"^[0-9]{4}$", description="One municipality's SCB code: the local level."),
]


@get(
    "/api/v1/followup",
    tags=["followup"],
    operation_id="getFollowUp",
    summary="The yearly follow-up of an agreement from its cases (CSV with format=csv or "
    "Accept: text/csv)",
    media_type=MediaType.JSON,
    **READ,
)
async def followup_report(
    request: AnyRequest,
    caller: Who,
    followup: Named[FollowUp],
    agreement: Agreement,
    year: Year = None,
    first: First = None,
    last: Last = None,
    municipality: Municipality = None,
    format: Annotated[Literal["json", "csv"] | None, Q()] = None,
) -> Response[FollowUpReport]:
    start, end = period(year, first, last)
    lang = language()  # from Accept-Language (the guard)
    report = followup.report(agreement, start, end, municipality, caller.principal, lang)  # type: ignore[arg-type]
    if format == "csv" or (format is None and "text/csv" in request.headers.get("accept", "")):
        name = f"uppfoljning-{agreement}-{start}-{end}{f'-{municipality}' if municipality else ''}"
        headers = {
            "Content-Disposition": f'attachment; filename="{name}.csv"',
            "Vary": "Accept, Accept-Language",
        }
        return Response(to_csv(report), media_type=CSV, headers=headers)  # type: ignore[arg-type]
    return Response(report, headers={"Vary": "Accept, Accept-Language"})
