"""The parties (Rubrik), the one version of the routine (Inledning: it implements the ÖK 2017;
Uppföljning) and what applies after the ÖK ended (the placement part: "en lokal tillämpning")."""

from __future__ import annotations

import datetime as dt

from samverkan.models import (
    Agreement,
    Fallback,
    Municipality,
    Parties,
    Rule,
    Strength,
    Version,
    VersionRef,
)

from .documents import FOLLOW_UP, HEADING, INTRODUCTION, PLACEMENTS, ROUTINE, cite

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
        HEADING,
        "Samverkan mellan kommunerna och VGR i Närvårdssamverkan Södra Älvsborg",
        note=(
            "The routine names no municipality. The eight municipalities of Södra Älvsborg and "
            "their SCB codes come from outside the text (Statistics Sweden's code list)."
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
            INTRODUCTION,
            "enligt överenskommelsen om samarbete mellan Västra Götalandsregionen och "
            "kommunerna i Västra Götaland kring personer med psykisk funktionsnedsättning "
            "och personer med missbruk",
            note=(
                "The routine carries no dates of its own. Reading: it implements the ÖK 2017 "
                "(and the HSA 2017–2020 it links to), so it refines that version and ends with "
                "it (ÖK 1.4: 2020-12-31 plus two-year extensions)."
            ),
        ),
    ),
    notes=(
        Rule(
            text="The routine is followed up every year and reviewed at the latest after two years.",
            strength=Strength.SHALL,
            citation=cite(
                FOLLOW_UP,
                "Denna rutin följs upp årligen och omprövas senast efter två år.",
                note=(
                    "Worded in the present tense ('följs upp'), read as binding. No review "
                    "decision is in the seeds, so the version's dates are not changed by it."
                ),
            ),
        ),
    ),
)

FALLBACK = Fallback(
    after=Rule(
        text=(
            "The routine is the local application of the ÖK 2017, which ended 2026-12-31; it "
            "awaits revision. Its local tiers may still serve as local practice inside the "
            "parent's steps, but the binding ladder is the parent's."
        ),
        strength=Strength.SHALL,
        citation=cite(
            PLACEMENTS,
            "framkommer att en lokal tillämpning ska tas fram.",
            note=(
                "Reading: the routine is the ÖK's local application (ÖK 4.1) and ends with it; "
                "the ÖK's validity depends on a main agreement in force (ÖK 1.4), so after "
                "2026-12-31 the VGR version in force (the HSA 2027) applies in Södra Älvsborg."
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
    fallback=FALLBACK,
)
