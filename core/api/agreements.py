"""``/api/v1/agreements``: the rules of every enabled agreement, on any date."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, ClassVar

from litestar import Controller, get, post
from litestar.params import Parameter

from samverkan.kernel.rulebook import RuleBook
from samverkan.kernel.sip import SipCheckRequest
from samverkan.kernel.split import SplitRequest

On = Annotated[
    dt.date | None,
    Parameter(
        description="The date whose rules apply, YYYY-MM-DD (default: today, Europe/Stockholm)."
    ),
]


class AgreementController(Controller):
    path = "/api/v1/agreements"
    tags: ClassVar[list[str]] = ["agreements"]

    @get("/", summary="The enabled agreements with their parties and versions")
    async def list_agreements(self, rulebook: RuleBook) -> list[dict[str, Any]]:
        return rulebook.agreements()

    @get("/{agreement_id:str}", summary="The whole rule set in force on a date")
    async def get_agreement(
        self, rulebook: RuleBook, agreement_id: str, on: On = None
    ) -> dict[str, Any]:
        return rulebook.rule_set(agreement_id, on)

    @get("/{agreement_id:str}/ladder", summary="The escalation ladder in force on a date")
    async def get_ladder(
        self,
        rulebook: RuleBook,
        agreement_id: str,
        on: On = None,
        kind: Annotated[
            str | None,
            Parameter(description="Ladder kind, as the rule set lists them (default: the first)."),
        ] = None,
    ) -> dict[str, Any]:
        return rulebook.ladder(agreement_id, on, kind)

    @get("/{agreement_id:str}/deadlines/{name:str}", summary="When a named deadline falls")
    async def get_deadline(
        self,
        rulebook: RuleBook,
        agreement_id: str,
        name: str,
        start: Annotated[
            dt.date,
            Parameter(query="from", description="The day the deadline starts counting from."),
        ],
        on: Annotated[
            dt.date | None,
            Parameter(description="The date whose rules apply (default: the 'from' date)."),
        ] = None,
    ) -> dict[str, Any]:
        return rulebook.deadline(agreement_id, name, start, on)

    @post("/{agreement_id:str}/cost-split", status_code=200, summary="Split an amount in öre")
    async def cost_split(
        self, rulebook: RuleBook, agreement_id: str, data: SplitRequest
    ) -> dict[str, Any]:
        return rulebook.split(agreement_id, data)

    @post("/{agreement_id:str}/sip-check", status_code=200, summary="What a SIP lacks")
    async def sip_check(
        self, rulebook: RuleBook, agreement_id: str, data: SipCheckRequest
    ) -> dict[str, Any]:
        return rulebook.sip_check(agreement_id, data)
