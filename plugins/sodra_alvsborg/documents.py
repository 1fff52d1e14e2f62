"""The source texts this plugin quotes, a helper making citations for each, the routine's
headings as it writes them, and the fields it lists under them.

The routine itself is seed ``000_b8e9fff3a33f2abe``. It implements the VGR ÖK 2017 (seed
``001_8913e1c88694e007``), whose words it relies on for the schablon's figures and for consent
to a SIP; those rules cite the ÖK.
"""

from __future__ import annotations

from samverkan.models import Citation, Document, DocumentField, Strength

ROUTINE = Document(
    id="000_b8e9fff3a33f2abe",
    title=(
        "Samverkan mellan kommunerna och VGR i Närvårdssamverkan Södra Älvsborg – "
        "rutin för tvistehantering"
    ),
    short="Rutin tvistehantering Södra Älvsborg",
)

#: The ÖK the routine implements (the VGR plugin's ``ok-2017`` version).
OK_2017 = "ÖK 2017"


def cite(clause: str, quote: str, note: str = "") -> Citation:
    """A citation of the routine: section/heading, the Swedish words, the project's reading."""
    return Citation(document=ROUTINE.short, clause=clause, quote=quote, note=note)


def listed(heading: str, key: str, label: str, label_en: str) -> DocumentField:
    """A *shall* field the routine lists under ``heading``, cited by its own words (the label)."""
    return DocumentField(
        key=key,
        label=label,
        label_en=label_en,
        strength=Strength.SHALL,
        citation=cite(heading, label),
    )


def cite_ok(clause: str, quote: str, note: str = "") -> Citation:
    """A citation of the ÖK 2017 (seed 001), for rules the routine takes from it."""
    return Citation(document=OK_2017, clause=clause, quote=quote, note=note)


# Headings of the routine, as it writes them.
HEADING = "Rubrik"
INTRODUCTION = "Inledning"
COORDINATION = "2. Samordning är grunden"
DISPUTE = "4 Vid oenighet: Vad är en tvist?"
ROUTINE_STEPS = "5 Rutin för tvistehantering"
LOCAL_LEVEL = f"{ROUTINE_STEPS}: Lokal nivå"
SUB_REGIONAL_LEVEL = f"{ROUTINE_STEPS}: Delregional nivå"
REGIONAL_LEVEL = f"{ROUTINE_STEPS}: Regional nivå"
DISPUTE_PREPARATION = f"{ROUTINE_STEPS}: Beredningsgrupp för tvister"
FOLLOW_UP = "Uppföljning"
PLACEMENTS = "Personer med psykisk funktionsnedsättning och/eller missbruk/beroende"
A = "a. Gemensamma utgångspunkter innan placering är aktuellt"
B = (
    "b. Grundläggande förutsättningar för ett delat kostnadsansvar när en individ behöver en "
    "placering utanför hemmet"
)
C = "c. Schablon vid oklarhet eller akut placering"
D = "d. Oenighet om placeringen"

#: The ÖK's clauses the routine relies on.
OK_COST = "3.5 Överenskommelse om kostnadsansvar"
OK_SIP = "3.7 Vårdplaneringen – Samordnad individuell plan, SIP"
OK_DISPUTES = "4.3 Tvister"
