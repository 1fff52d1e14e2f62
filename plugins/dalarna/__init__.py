"""Dalarna: *Länsövergripande överenskommelse om ansvarsfördelning när kommunen beslutar om
placering på HVB* (Region Dalarna and Dalarna's municipalities, 2021).

The rules are data in the modules beside this one: ``agreement`` (parties, validity),
``ladders`` (12.2, 12.3), ``deadlines``, ``cost`` (Kostnadsansvar), ``sip``, ``deviations``
(12.1) and ``followup`` (15). This module only declares which of them the one version supplies.
"""

from __future__ import annotations

from samverkan.plugin import AgreementPlugin, Rules

from . import cost, deadlines, deviations, followup, ladders, sip
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
            deviations=deviations.DEVIATION_POLICY,
            follow_up=followup.FOLLOW_UP_POLICY,
        )
    },
)
