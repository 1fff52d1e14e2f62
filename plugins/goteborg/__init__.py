"""Göteborgsområdet: *Delregional vägledning, Kommun och sjukvård – samverkan i
Göteborgsområdet* (placements of children and young people), refining ``vgr``/``ok-2017``.

The rules are data in the modules beside this one, named after what they hold: ``agreement``
(parties, the version, its fallback), ``ladders`` (Tvister om kostnadsansvar), ``deadlines``,
``cost`` (Förutsättningar, the checklist, Ansvar och fördelning av kostnadsansvar) and ``sip``
(SIP (1)). Anything not supplied here is inherited from ``vgr``/``ok-2017``: among it the
deviation rules, since "Avvikelser i samverkan" only points to the sub-region's routine "Brister
i samverkan mellan kommun och region", whose text is not in the seeds.
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
