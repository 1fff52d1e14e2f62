"""The source texts this plugin quotes, and a helper making citations for each.

The routine itself is seed ``000_b8e9fff3a33f2abe``. It implements the VGR ÖK 2017 (seed
``001_8913e1c88694e007``), whose words it relies on for the schablon's figures and for consent
to a SIP; those rules cite the ÖK.
"""

from __future__ import annotations

from samverkan.models import Citation, Document

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


def cite_ok(clause: str, quote: str, note: str = "") -> Citation:
    """A citation of the ÖK 2017 (seed 001), for rules the routine takes from it."""
    return Citation(document=OK_2017, clause=clause, quote=quote, note=note)
