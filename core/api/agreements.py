"""``/api/v1/agreements``: the rules of every enabled agreement, on any date."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, ClassVar

from litestar import Controller, get, post
from litestar.params import FromPath, JSONBody, QueryParameter

from samverkan.api.declare import RULE, Named, problems
from samverkan.kernel.answers import page, page_of
from samverkan.kernel.rule_answers import (
    AgreementInfo,
    DeadlineAnswer,
    LadderAnswer,
    RuleSet,
    SipCheckAnswer,
    SplitAnswer,
)
from samverkan.kernel.rulebook import RuleBook
from samverkan.kernel.sip import SipCheckRequest
from samverkan.kernel.split import SplitRequest

On = Annotated[
    dt.date | None,
    QueryParameter(
        description="The date whose rules apply, YYYY-MM-DD (default: today, Europe/Stockholm)."
    ),
]
Limit = Annotated[int, QueryParameter(ge=1, le=500, description="Items per page (1–500).")]
Offset = Annotated[int, QueryParameter(ge=0, le=2**62, description="Items to skip.")]
Book = Named[RuleBook]
AgreementPage = page_of(AgreementInfo)
#: a computation: a date no version covers is a 422 (with 404 for an unknown agreement)
COMPUTE: dict[str, Any] = {"status_code": 200, "responses": problems(404, 413)}


class AgreementController(Controller):
    path = "/api/v1/agreements"
    tags: ClassVar[list[str]] = ["agreements"]

    @get(
        "/",
        summary="The enabled agreements with their parties, versions and terms",
        operation_id="listAgreements",
        **RULE,
    )
    async def list_agreements(
        self, rulebook: Book, limit: Limit = 50, offset: Offset = 0
    ) -> AgreementPage:  # type: ignore[valid-type]
        found = rulebook.agreements()
        return page(
            AgreementInfo,
            {
                "items": found[offset : offset + limit],
                "total": len(found),
                "limit": limit,
                "offset": offset,
                "next_offset": offset + limit if offset + limit < len(found) else None,
            },
        )

    @get(
        "/{agreement_id:str}",
        summary="The whole rule set in force on a date",
        operation_id="getRuleSet",
        **RULE,
    )
    async def get_agreement(
        self, rulebook: Book, agreement_id: FromPath[str], on: On = None
    ) -> RuleSet:
        return rulebook.rule_set(agreement_id, on)

    @get(
        "/{agreement_id:str}/ladder",
        summary="The escalation ladder in force on a date",
        operation_id="getLadder",
        **RULE,
    )
    async def get_ladder(
        self,
        rulebook: Book,
        agreement_id: FromPath[str],
        on: On = None,
        kind: Annotated[
            str | None,
            QueryParameter(
                description="Ladder kind, as the rule set lists them (default: the first)."
            ),
        ] = None,
    ) -> LadderAnswer:
        return rulebook.ladder(agreement_id, on, kind)

    @get(
        "/{agreement_id:str}/deadlines/{name:str}",
        summary="When a named deadline falls",
        operation_id="getDeadlineRule",
        **RULE,
    )
    async def get_deadline(
        self,
        rulebook: Book,
        agreement_id: FromPath[str],
        name: FromPath[str],
        start: Annotated[
            dt.date,
            QueryParameter(name="from", description="The day the deadline starts counting from."),
        ],
        on: Annotated[
            dt.date | None,
            QueryParameter(description="The date whose rules apply (default: the 'from' date)."),
        ] = None,
    ) -> DeadlineAnswer:
        return rulebook.deadline(agreement_id, name, start, on)

    @post(
        "/{agreement_id:str}/cost-split",
        summary="Split an amount in öre",
        operation_id="splitCost",
        **COMPUTE,
    )
    async def cost_split(
        self, rulebook: Book, agreement_id: FromPath[str], data: JSONBody[SplitRequest]
    ) -> SplitAnswer:
        return rulebook.split(agreement_id, data)

    @post(
        "/{agreement_id:str}/sip-check",
        summary="What a SIP lacks",
        operation_id="checkSip",
        **COMPUTE,
    )
    async def sip_check(
        self, rulebook: Book, agreement_id: FromPath[str], data: JSONBody[SipCheckRequest]
    ) -> SipCheckAnswer:
        return rulebook.sip_check(agreement_id, data)
