"""Exempellän: TODO the agreement's name, as its text gives it.

The rules are data in the modules beside this one: ``agreement`` (parties, versions),
``documents`` (the source text and its headings), ``ladders``, ``deadlines``,
``cost`` and ``sip``. This module only declares which of them each version supplies.
"""

from __future__ import annotations

from samverkan.plugin import AgreementPlugin, Rules

from . import cost, deadlines, ladders, sip
from .agreement import AGREEMENT, VERSION_KEY

plugin = AgreementPlugin(
    __name__,
    AGREEMENT,
    {
        VERSION_KEY: Rules(
            ladders=ladders.LADDERS,
            deadlines=deadlines.DEADLINES,
            cost_policy=cost.COST_POLICY,
            sip=sip.SIP_REQUIREMENTS,
        )
    },
)
