"""Exempellän: *Överenskommelse om samverkan mellan Region Exempel och kommunerna i
Exempellän* (2026), a fictional agreement written to show the plugin kit.

The rules are data in the modules beside this one: ``agreement`` (1 Parter, 2 Giltighet),
``documents`` (the source text and its headings), ``ladders`` (5 Tvister), ``deadlines`` (4.4),
``cost`` (4 Kostnadsansvar) and ``sip`` (3). This module only declares which of them each
version supplies.
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
