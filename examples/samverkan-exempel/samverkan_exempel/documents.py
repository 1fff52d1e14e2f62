"""The source text of this plugin, its headings, and the citation helper."""

from __future__ import annotations

from samverkan.models import Citation, Document

AGREEMENT_TEXT = Document(
    id="exempel-text",  # TODO the text's id: texts/<id>.txt holds it
    title="TODO the text's title, as it gives it",
    short="TODO a short name every citation uses, e.g. 'Överenskommelse 2026'",
    approved="TODO who approved it, and when",
)


def cite(clause: str, quote: str, note: str = "") -> Citation:
    """A citation of the agreement: its clause (section or heading as the text writes it),
    the words the rule rests on, word for word, and a note where the plugin reads the text."""
    return Citation(document=AGREEMENT_TEXT.short, clause=clause, quote=quote, note=note)


# Headings of the text, as it writes them.
PREAMBLE = "TODO the heading naming the parties"
VALIDITY = "TODO the heading on how long the agreement applies"
DISPUTES = "TODO the heading on disputes (tvister)"
COST = "TODO the heading on who pays (kostnadsansvar)"
SIP = "TODO the heading on the coordinated individual plan (SIP)"
