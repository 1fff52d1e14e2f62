"""The source text of this plugin and the texts it leans on, with citation helpers.

The guidance (seed 004) implements ÖK 3.5; where it is silent the plugin cites the ÖK (consent,
the schablon's condition) or the HSA (the age of *barn och unga*), and says so in the note.
"""

from __future__ import annotations

from samverkan.models import Citation, Document

GUIDANCE = Document(
    id="004_cb57a53f726f645d",
    title=(
        "Delregional vägledning, Kommun och sjukvård – samverkan i Göteborgsområdet: "
        "ansvar och kostnadsfördelning vid placering utanför hemmet av barn och unga med "
        "psykisk funktionsnedsättning"
    ),
    short="Vägledning Göteborgsområdet 2019",
    approved="2019-11-14 (LGS)",
)

#: Short names of the VGR texts, as the ``vgr`` plugin cites them.
OK_2017 = "ÖK 2017"
HSA_2027 = "HSA 2027"


def cite(clause: str, quote: str, note: str = "") -> Citation:
    """A citation of the guidance."""
    return Citation(document=GUIDANCE.short, clause=clause, quote=quote, note=note)


def cite_ok(clause: str, quote: str, note: str = "") -> Citation:
    """A citation of the ÖK 2017 (seed 001), which the guidance implements."""
    return Citation(document=OK_2017, clause=clause, quote=quote, note=note)


def cite_hsa(clause: str, quote: str, note: str = "") -> Citation:
    """A citation of the HSA (seed 002)."""
    return Citation(document=HSA_2027, clause=clause, quote=quote, note=note)


# Headings of the guidance, as the text writes them.
INTRODUCTION = "Inledning och syfte"
CHECKLIST = "Checklista inför placering utanför hemmet med delat kostnadsansvar"
BACKGROUND = "Bakgrund och uppdrag"
PREREQUISITES = "Förutsättningar"
COST = "Ansvar och fördelning av kostnadsansvar"
COST_DISPUTES = "Tvister om kostnadsansvar"
DEVIATIONS = "Avvikelser i samverkan"
PROCESS = "Processen inom Kommun och sjukvård – samverkan i Göteborgsområdet"
