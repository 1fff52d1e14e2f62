"""VGR version ``ok-2017``: the ÖK 2017 (seed 001), in force 2017-04-01 – 2026-12-31."""

from __future__ import annotations

from samverkan_plugins.vgr.ok_2017.cost import COST_POLICY
from samverkan_plugins.vgr.ok_2017.deadlines import DEADLINES
from samverkan_plugins.vgr.ok_2017.deviations import DEVIATION_POLICY
from samverkan_plugins.vgr.ok_2017.ladder import LADDERS
from samverkan_plugins.vgr.ok_2017.sip import SIP_REQUIREMENTS

#: The ÖK's responsibilities stand in its cost policy (3.5 Ansvar); none to look up apart.
RESPONSIBILITIES: tuple[()] = ()

__all__ = [
    "COST_POLICY",
    "DEADLINES",
    "DEVIATION_POLICY",
    "LADDERS",
    "RESPONSIBILITIES",
    "SIP_REQUIREMENTS",
]
