"""Placement cost under the 2027 version: ÖK 3.5 carried forward as a project assumption.

The 2027 version states only what differs from the ÖK's policy (:mod:`..ok_2017.cost`): the
main rule's citation says it is carried forward; a step-3 settlement (HSA 6) takes the place of
LiSA's recommendation as the dispute outcome; the pending sub-agreement (HSA 7.6) and the HSA's
own HVB rule (2.2) come first among the notes. Every other part, prerequisite and note is the
ÖK's (:func:`core.inherit.carry_forward`). The policy carries
:data:`.assumption.ASSUMPTION`, which every answer using it states.
"""

from __future__ import annotations

import msgspec

from samverkan.inherit import annotate, carry_forward
from samverkan.models import Rule, Strength

from ..documents import cite_hsa
from ..ok_2017 import cost as ok
from .assumption import ASSUMPTION, CARRIED_NOTE, PENDING_SUB_AGREEMENT
from .ladders import SETTLEMENT_CLAUSE

HVB_HEALTH_CARE = Rule(
    key="hvb_health_care",
    text="VGR is responsible for health care for people staying in an HVB or a home for "
    "certain other round-the-clock care.",
    strength=Strength.SHALL,
    citation=cite_hsa(
        "2.2 Västra Götalandsregionens ansvar",
        "hälso- och sjukvård för personer som vistas i hem för vård och boende (HVB) eller hem "
        "för viss annan heldygnsvård",
    ),
)

SETTLEMENT = Rule(
    text=(
        "A step-3 decision may include an economic settlement; the HSA names no date from "
        "which it applies, so the decision states it."
    ),
    strength=Strength.MAY,
    citation=cite_hsa(
        SETTLEMENT_CLAUSE,
        "Steg 3 i eskaleringstrappan kan innefatta ekonomisk reglering",
        note="Reading: ÖK 4.3's LiSA recommendation ended with the ÖK; under the HSA ladder a "
        "retroactive cost adjustment is whatever the step-3 settlement states.",
    ),
)

COST_POLICY = carry_forward(
    ok.COST_POLICY,
    main_rule=annotate(ok.MAIN_RULE, CARRIED_NOTE),
    retroactivity=msgspec.structs.replace(ok.RETROACTIVITY, dispute_outcome=SETTLEMENT),
    notes=(PENDING_SUB_AGREEMENT, HVB_HEALTH_CARE),
    assumption=ASSUMPTION,
)
