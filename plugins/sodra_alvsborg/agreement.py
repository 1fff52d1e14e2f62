"""Parties and the one version of the routine."""

from __future__ import annotations

import datetime as dt

from core.models import Agreement, Municipality, Parties, Rule, Strength, Version, VersionRef
from plugins.sodra_alvsborg.documents import ROUTINE, cite

AGREEMENT_ID = "sodra_alvsborg"
VERSION_KEY = "rutin-2017"

PARTIES = Parties(
    region_code="14",
    region_name="Västra Götalandsregionen",
    municipalities=(
        Municipality(code="1443", name="Bollebygd"),
        Municipality(code="1490", name="Borås"),
        Municipality(code="1466", name="Herrljunga"),
        Municipality(code="1463", name="Mark"),
        Municipality(code="1465", name="Svenljunga"),
        Municipality(code="1452", name="Tranemo"),
        Municipality(code="1491", name="Ulricehamn"),
        Municipality(code="1442", name="Vårgårda"),
    ),
    citation=cite(
        "Rubrik",
        "Samverkan mellan kommunerna och VGR i Närvårdssamverkan Södra Älvsborg",
        note=(
            "The routine names no municipality. The eight municipalities of Södra Älvsborg and "
            "their SCB codes come from outside the text (DOMAIN.md 'Parties'; Statistics "
            "Sweden's code list)."
        ),
    ),
)

RUTIN_2017 = Version(
    key=VERSION_KEY,
    title="Rutin för tvistehantering, Närvårdssamverkan Södra Älvsborg (ÖK 2017)",
    document=ROUTINE,
    valid_from=dt.date(2017, 4, 1),
    valid_to=dt.date(2026, 12, 31),
    refines=VersionRef(agreement="vgr", version="ok-2017"),
    validity=Rule(
        text=(
            "The routine is the local application of the ÖK 2017 and ends with it: it applies "
            "from the ÖK's start (2017-04-01) to the ÖK's last extended day (2026-12-31). "
            "From 2027-01-01 the HSA's rules apply in Södra Älvsborg."
        ),
        strength=Strength.SHALL,
        citation=cite(
            "Inledning",
            "enligt överenskommelsen om samarbete mellan Västra Götalandsregionen och "
            "kommunerna i Västra Götaland kring personer med psykisk funktionsnedsättning "
            "och personer med missbruk",
            note=(
                "The routine carries no dates of its own. Reading (DOMAIN.md 'Sub-regional "
                "texts and the 2027 change'): it implements the ÖK 2017 (and the HSA "
                "2017–2020 it links to), so it refines that version and ends with it "
                "(ÖK 1.4: 2020-12-31 plus two-year extensions)."
            ),
        ),
    ),
    notes=(
        Rule(
            text="The routine is followed up every year and reviewed at the latest after two years.",
            strength=Strength.SHALL,
            citation=cite(
                "Uppföljning",
                "Denna rutin följs upp årligen och omprövas senast efter två år.",
                note=(
                    "Worded in the present tense ('följs upp'), read as binding. No review "
                    "decision is in the seeds, so the version's dates are not changed by it."
                ),
            ),
        ),
    ),
)

AGREEMENT = Agreement(
    id=AGREEMENT_ID,
    name="Närvårdssamverkan Södra Älvsborg – rutin för tvistehantering",
    name_en="Södra Älvsborg local care cooperation – dispute routine",
    county="Västra Götaland",
    parent="vgr",
    parties=PARTIES,
    versions=(RUTIN_2017,),
)
