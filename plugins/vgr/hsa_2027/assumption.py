"""The project assumption behind the 2027 version's placement cost rules.

The HSA 2027 names a new sub-agreement on psychiatric disability, harmful use and children
cared for outside the home (HSA 7.6), but its text is not in the seeds, and the ÖK ends with
the old main agreement (HSA 1: sub-agreements' validity follows the main agreement). Until
that text exists, the 2027 version carries the ÖK 3.5 cost rules forward. This is NOT
agreement text, and every answer that uses these rules says so.
"""

from __future__ import annotations

from samverkan.models import Rule, Strength

from ..documents import cite_hsa

ASSUMPTION = (
    "ÖK 3.5 carried forward pending the sub-agreement named in HSA 7.6. The HSA 2027 names "
    "a new sub-agreement on psychiatric disability, harmful use and children cared for "
    "outside the home, but its text is not available, so the placement cost and planning "
    "rules of the ÖK 2017 (3.5) are applied as a project assumption, not as agreement text."
)

#: How an ÖK 3.5 citation is annotated when the 2027 version uses it.
CARRIED_NOTE = (
    "Project assumption: ÖK 3.5 carried forward into the HSA 2027 version pending the "
    "sub-agreement named in HSA 7.6; not HSA text."
)

PENDING_SUB_AGREEMENT = Rule(
    key="pending_sub_agreement",
    text=ASSUMPTION,
    strength=Strength.SHALL,
    citation=cite_hsa(
        "7.6 Överenskommelser",
        "Överenskommelse – Samverkan kring personer med psykisk funktionsnedsättning, "
        "personer med skadligt bruk och beroende, samt barn och unga som vårdas utanför det "
        "egna hemmet",
        note="The sub-agreement's text is not in the seeds; strength SHALL here means every "
        "answer using the carried-forward rules states the assumption.",
    ),
)
