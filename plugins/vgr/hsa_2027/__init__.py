"""VGR version ``hsa-2027``: the HSA 2027 (seed 002), in force 2027-01-01 – 2030-12-31, then
extending itself (1.6).

Its own text: ``ladders`` (6), ``deviations`` (5.1), ``responsibilities`` (2.1–2.5), ``followup`` (6,
8) and the general SIP rules in ``sip`` (3.4.3). Its placement cost rules (``cost``, ``deadlines``, the
placement SIP) are the ÖK 3.5 rules carried forward as a PROJECT ASSUMPTION (see
:data:`.assumption.ASSUMPTION`): those modules state only what differs and take the rest from
``ok_2017`` (:mod:`core.inherit`).
"""

from __future__ import annotations

from samverkan.plugin import Rules

from . import cost, deadlines, deviations, followup, ladders, responsibilities, sip

RULES = Rules(
    ladders=ladders.LADDERS,
    deadlines=deadlines.DEADLINES,
    cost_policy=cost.COST_POLICY,
    sip=sip.SIP_REQUIREMENTS,
    deviations=deviations.DEVIATION_POLICY,
    responsibilities=responsibilities.RESPONSIBILITIES,
    follow_up=followup.FOLLOW_UP_POLICY,
)
