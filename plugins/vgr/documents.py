"""The two source texts of the VGR agreement, a citation helper for each, and the clauses that
more than one module cites.

- ÖK 2017 (seed ``001_8913e1c88694e007``): the sub-agreement on people with psychiatric
  disability and people with substance abuse, in force until 2026-12-31.
- HSA 2027 (seed ``002_e2f5b5210c6a7792``): the health and medical care agreement from
  2027-01-01.

Quotes are the seeds' own words, with the line-break hyphenation of the source joined up.
"""

from __future__ import annotations

from samverkan.models import Citation, Document

OK_2017 = Document(
    id="001_8913e1c88694e007",
    title=(
        "Överenskommelse om samarbete mellan Västra Götalandsregionen och kommunerna i "
        "Västra Götaland kring personer med psykisk funktionsnedsättning och personer med "
        "missbruk"
    ),
    short="ÖK 2017",
)

HSA_2027 = Document(
    id="002_e2f5b5210c6a7792",
    title="Hälso- och sjukvårdsavtalet i Västra Götaland",
    short="HSA 2027",
)


def cite_ok(clause: str, quote: str, note: str = "") -> Citation:
    """A citation of the ÖK 2017, e.g. ``cite_ok("4.3 Tvister", "…")``."""
    return Citation(document=OK_2017.short, clause=clause, quote=quote, note=note)


def cite_hsa(clause: str, quote: str, note: str = "") -> Citation:
    """A citation of the HSA 2027, e.g. ``cite_hsa("6 Oenighet och tvist", "…")``."""
    return Citation(document=HSA_2027.short, clause=clause, quote=quote, note=note)


# Clauses of the ÖK 2017 that more than one module cites, as the text heads them.
OK_PARTIES = "1.3 Parter"
OK_VALIDITY = "1.4 Giltighetstid"
OK_PLACEMENT = "3.5 Ansvar vid placering utanför hemmet"
OK_RESPONSIBILITY = "3.5 Ansvar"
OK_PLANNING = "3.5 Gemensam planering"
OK_COST = "3.5 Överenskommelse om kostnadsansvar"
OK_FOLLOW_UP = "3.5 Uppföljning"
OK_SIP = "3.7 Vårdplaneringen – Samordnad individuell plan, SIP"
OK_DEVIATIONS = "4.2 Avvikelser"
OK_DISPUTES = "4.3 Tvister"

# Clauses of the HSA 2027 that more than one rule cites.
HSA_TERM = "1.6 Avtalstid"
HSA_DEVIATIONS = "5.1 Avvikelser mellan vårdgivare"
HSA_DISPUTES = "6 Oenighet och tvist"
