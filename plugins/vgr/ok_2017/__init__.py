"""VGR version ``ok-2017``: the ÖK 2017 (seed 001), in force 2017-04-01 – 2026-12-31.

Modules: ``ladders`` (4.3), ``deadlines`` and ``cost`` (3.5, 3.6), ``sip`` (3.5, 3.7),
``deviations`` (4.2) and ``followup`` (4.4). The ÖK's responsibilities stand in its cost policy (3.5 Ansvar): there is
no ``responsibilities`` module.
"""

from __future__ import annotations

from samverkan.plugin import Rules

from . import cost, deadlines, deviations, followup, ladders, sip

RULES = Rules(
    ladders=ladders.LADDERS,
    deadlines=deadlines.DEADLINES,
    cost_policy=cost.COST_POLICY,
    sip=sip.SIP_REQUIREMENTS,
    deviations=deviations.DEVIATION_POLICY,
    follow_up=followup.FOLLOW_UP_POLICY,
)
