"""Placement cost under the 2027 version: ÖK 3.5 carried forward as a project assumption.

The rules are the ÖK's (:mod:`plugins.vgr.ok_2017.cost`), re-used here; the policy carries
:data:`plugins.vgr.hsa_2027.assumption.ASSUMPTION`, which every answer using it states.
"""

from __future__ import annotations

import msgspec

from samverkan.models import CostPolicy, Rule, Strength
from samverkan_plugins.vgr.documents import cite_hsa, cite_ok
from samverkan_plugins.vgr.hsa_2027.assumption import (
    ASSUMPTION,
    CARRIED_NOTE,
    PENDING_SUB_AGREEMENT,
)
from samverkan_plugins.vgr.ok_2017 import cost as ok

MAIN_RULE = Rule(
    text=ok.MAIN_RULE.text,
    strength=ok.MAIN_RULE.strength,
    citation=cite_ok(
        "3.5 Överenskommelse om kostnadsansvar",
        ok.MAIN_RULE.citation.quote,
        note=CARRIED_NOTE,
    ),
)

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
        "6 Oenighet och tvist, Ekonomisk reglering och allmän domstol",
        "Steg 3 i eskaleringstrappan kan innefatta ekonomisk reglering",
        note="Reading: ÖK 4.3's LiSA recommendation ended with the ÖK; under the HSA ladder a "
        "retroactive cost adjustment is whatever the step-3 settlement states.",
    ),
)

COST_POLICY = CostPolicy(
    main_rule=MAIN_RULE,
    schablon=ok.SCHABLON,
    units=ok.COST_POLICY.units,
    units_rule=ok.UNITS_RULE,
    acute=ok.ACUTE,
    retroactivity=msgspec.structs.replace(ok.RETROACTIVITY, dispute_outcome=SETTLEMENT),
    prerequisites=ok.PREREQUISITES,
    agreement_fields=ok.AGREEMENT_FIELDS,
    placing_parties=ok.COST_POLICY.placing_parties,
    placing_rule=ok.PLACING_RULE,
    notes=(PENDING_SUB_AGREEMENT, HVB_HEALTH_CARE, *ok.NOTES),
    assumption=ASSUMPTION,
)
