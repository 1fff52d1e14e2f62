"""The source text of this plugin (``texts/exempel-2026.txt``), its headings, and the citation
helper."""

from __future__ import annotations

from samverkan.models import Citation, Document

AGREEMENT_TEXT = Document(
    id="exempel-2026",
    title="Överenskommelse om samverkan mellan Region Exempel och kommunerna i Exempellän",
    short="Exempelöverenskommelsen 2026",
    approved="Regionfullmäktige and each municipality's kommunfullmäktige (2 Giltighet)",
)


def cite(clause: str, quote: str, note: str = "") -> Citation:
    """A citation of the agreement: its clause (section or heading as the text writes it),
    the words the rule rests on, word for word, and a note where the plugin reads the text."""
    return Citation(document=AGREEMENT_TEXT.short, clause=clause, quote=quote, note=note)


# Headings of the text, as it writes them.
PREAMBLE = "1 Parter"
VALIDITY = "2 Giltighet"
DISPUTES = "5 Tvister"
COST = "4 Kostnadsansvar"
SIP = "3 Samordnad individuell plan"
