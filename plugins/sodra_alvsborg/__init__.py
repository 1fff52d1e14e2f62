"""Närvårdssamverkan Södra Älvsborg – rutin för tvistehantering (refines VGR's ÖK 2017).

The rules are data in the modules beside this one, named after what they hold: ``agreement``
(parties, the version, its fallback), ``ladders`` (sections 4–5), ``deadlines`` (c), ``cost``
(the placement part a–d), ``sip`` (b) and ``followup`` (Uppföljning). Anything not supplied here is inherited from
``vgr``/``ok-2017``.

Deviations are inherited too: section 4 "Vad är en avvikelse?" only explains the term
("Avvikelser i samverkan är när någon part inte uppfyller sin del i det som står i avtal,
överenskommelser, riktlinjer och rutiner för samverkan") and why reporting matters; it adds no
rule of its own to ÖK 4.2 (the routine it describes is the one ÖK 4.2 asks each area to have).
"""

from __future__ import annotations

from samverkan.plugin import AgreementPlugin, Rules

from . import cost, deadlines, followup, ladders, sip
from .agreement import AGREEMENT, VERSION_KEY

plugin = AgreementPlugin(
    __name__,
    AGREEMENT,
    {
        VERSION_KEY: Rules(
            ladders=ladders.LADDERS,
            deadlines=deadlines.DEADLINES,
            cost_policy=cost.COST_POLICY,
            sip=sip.SIP_REQUIREMENTS,  # "general": inherited from vgr
            follow_up=followup.FOLLOW_UP_POLICY,  # with the ÖK's 4.4, inherited
        )
    },
)
