"""``/api/v1/followup``: the yearly follow-up (*uppföljning*) of an agreement, as JSON or CSV
(API key required)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from litestar import MediaType, Request, Response, get
from litestar.params import Parameter

from samverkan.api.caller import Caller
from samverkan.cases.followup import FollowUp, FollowUpReport, language, period, to_csv

CSV = "text/csv"  # Litestar adds "; charset=utf-8"


@get(
    "/api/v1/followup",
    tags=["followup"],
    summary="The yearly follow-up of an agreement from its cases (CSV with format=csv or "
    "Accept: text/csv)",
    media_type=MediaType.JSON,
)
async def followup_report(
    request: Request[Any, Any, Any],
    caller: Caller,
    followup: FollowUp,
    agreement: Annotated[
        str, Parameter(description="County level: an agreement no other refines.")
    ],
    year: Annotated[int | None, Parameter(ge=2000, le=2099, description="A calendar year.")] = None,
    first: Annotated[dt.date | None, Parameter(query="from", description="With to.")] = None,
    last: Annotated[dt.date | None, Parameter(query="to", description="With from.")] = None,
    municipality: Annotated[str | None, Parameter(pattern=r"^[0-9]{4}$")] = None,
    format: Literal["json", "csv"] | None = None,
) -> Response[FollowUpReport]:
    start, end = period(year, first, last)
    lang = language(request.headers.get("accept-language"))
    report = followup.report(agreement, start, end, municipality, caller.principal, lang)
    headers = {"Content-Language": lang, "Vary": "Accept, Accept-Language"}
    if format == "csv" or (format is None and "text/csv" in request.headers.get("accept", "")):
        name = f"uppfoljning-{agreement}-{start}-{end}{f'-{municipality}' if municipality else ''}"
        headers["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        return Response(to_csv(report), media_type=CSV, headers=headers)  # type: ignore[return-value]
    return Response(report, headers=headers)
