"""VGR version ``hsa-2027``: the HSA 2027 (seed 002), in force 2027-01-01 – 2030-12-31.

Its ladder, general SIP rules and responsibility rules (2.1–2.5) are the HSA's own. Its placement cost rules are the ÖK 3.5
rules carried forward as a PROJECT ASSUMPTION (see :data:`assumption.ASSUMPTION`).
"""

from __future__ import annotations

from samverkan_plugins.vgr.hsa_2027.cost import COST_POLICY
from samverkan_plugins.vgr.hsa_2027.deadlines import DEADLINES
from samverkan_plugins.vgr.hsa_2027.deviations import DEVIATION_POLICY
from samverkan_plugins.vgr.hsa_2027.ladder import LADDERS
from samverkan_plugins.vgr.hsa_2027.responsibilities import RESPONSIBILITIES
from samverkan_plugins.vgr.hsa_2027.sip import SIP_REQUIREMENTS

__all__ = [
    "COST_POLICY",
    "DEADLINES",
    "DEVIATION_POLICY",
    "LADDERS",
    "RESPONSIBILITIES",
    "SIP_REQUIREMENTS",
]
