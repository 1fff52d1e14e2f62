"""The source text of this plugin, its headings, and the citation helper.

The seed numbers only some of its headings (8.1, 8.2, 12.1–12.3, and "avsnitt 15" for
*Utvärdering och revidering*); the other clauses are cited by their heading as the text writes it.
"""

from __future__ import annotations

from samverkan.models import Citation, Document

AGREEMENT_TEXT = Document(
    id="003_965a998fe3d73917",
    title=(
        "Länsövergripande överenskommelse om ansvarsfördelning när kommunen beslutar om "
        "placering på hem för vård eller boende (HVB)"
    ),
    short="HVB-överenskommelsen Dalarna 2021",
    approved="Each party's decision-making body (Ikraftträdande); in force 2021-07-01",
)


def cite(clause: str, quote: str, note: str = "") -> Citation:
    """A citation of the Dalarna HVB agreement."""
    return Citation(document=AGREEMENT_TEXT.short, clause=clause, quote=quote, note=note)


# Headings of the text, as it writes them.
PURPOSE = "Syfte"
BEFORE_PLACEMENT = "Inför beslut om placering"
DURING_PLACEMENT = "Under pågående placering"
RESPONSIBILITY = "8 Ansvar"
MUNICIPALITY_RESPONSIBILITY = "8.1 Kommunens ansvar vid placering på HVB"
REGION_RESPONSIBILITY = "8.2 Regionens ansvar vid placering på HVB"
BEFORE_END = "Inför avslut av placering"
COST = "Kostnadsansvar"
IMPLEMENTATION = "Implementering"
DEVIATIONS = "12.1 Avvikelser"
REGIONAL_DISPUTE = "12.2 Tvist på regional nivå"
LOCAL_DISPUTE = "12.3 Tvist på lokal nivå"
VALIDITY = "Giltighetstid"
ENTRY_INTO_FORCE = "Ikraftträdande"
REVISION = "15 Utvärdering och revidering"
