"""Parties and the one version of the guidance ("Bakgrund och uppdrag", "Processen …")."""

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

from .documents import (
    BACKGROUND,
    DEVIATIONS,
    GUIDANCE,
    PREREQUISITES,
    PROCESS,
    cite,
    cite_hsa,
)

AGREEMENT_ID = "goteborg"
VERSION_KEY = "vagledning-2019"
APPROVED = "Ledningsgrupp i samverkan (LGS) godkänner vägledningen den 2019-11-14."

PARTIES = Parties(
    region_code="14",
    region_name="Västra Götalandsregionen",
    municipalities=(
        Municipality(code="1402", name="Partille"),
        Municipality(code="1401", name="Härryda"),
        Municipality(code="1481", name="Mölndal"),
        Municipality(code="1407", name="Öckerö"),
        Municipality(code="1480", name="Göteborg"),
    ),
    citation=cite(
        BACKGROUND,
        "som består av kommunerna Partille, Härryda, Mölndal, Öckerö och Göteborg samt "
        "Västra Götalandsregionens verksamheter i samma område",
        note="SCB municipality codes and county code 14 from Statistics Sweden, not the text.",
    ),
)

SCOPE = Rule(
    key="scope_children",
    text=(
        "Applies to placements outside the home of children and young people (barn och unga) "
        "with psychiatric disability who need insatser from both municipality and region."
    ),
    strength=Strength.SHALL,
    citation=cite(
        PREREQUISITES,
        "när barn och unga med psykisk funktionsnedsättning ska placeras utanför hemmet",
    ),
)

AGE = Rule(
    text="Children and young people: 0–17 years, i.e. until the day the person turns 18.",
    strength=Strength.SHALL,
    citation=cite_hsa(
        "9 Definitioner, Barn och unga",
        "Personer 0–17 år, det vill säga fram till den dag personen fyller 18 år.",
        note=(
            "Reading: the guidance gives no age; the HSA's county-wide definition of "
            "'barn och unga' is used."
        ),
    ),
)

DEVIATIONS_ROUTINE = Rule(
    text=(
        "Deviations from county-wide commitments are handled by the sub-region's routine "
        "'Brister i samverkan'."
    ),
    strength=Strength.SHALL,
    citation=cite(DEVIATIONS, "sker enligt vårdsamverkans rutiner vid brister i samverkan"),
)

VAGLEDNING_2019 = Version(
    key=VERSION_KEY,
    title="Delregional vägledning Göteborgsområdet (barn och unga), 2019",
    document=GUIDANCE,
    valid_from=dt.date(2019, 11, 14),
    valid_to=dt.date(2026, 12, 31),
    refines=VersionRef(agreement="vgr", version="ok-2017"),
    validity=Rule(
        text=(
            "In force from its approval by LGS on 2019-11-14 while the ÖK it implements is in "
            "force (to 2026-12-31)."
        ),
        strength=Strength.SHALL,
        citation=cite(
            PROCESS,
            APPROVED,
            note=(
                "The text names no end date. Reading: it refines ÖK 3.5 ('framtaget enligt ett "
                "uppdrag i … stycket 3.5') and ends with it; afterwards the VGR version in "
                "force applies."
            ),
        ),
    ),
    notes=(SCOPE, AGE, DEVIATIONS_ROUTINE),
)

FALLBACK = Fallback(
    before=Rule(
        text=(
            "Before LGS approved the guidance on 2019-11-14, the ÖK 2017 alone applied in "
            "Göteborgsområdet."
        ),
        strength=Strength.SHALL,
        citation=cite(
            PROCESS,
            APPROVED,
            note=(
                "Reading: the guidance applies from its approval; before it the VGR agreement "
                "in force (the ÖK 2017, whose 3.5 the guidance implements) applied alone."
            ),
        ),
    ),
    after=Rule(
        text=(
            "The guidance implements the ÖK 2017, which ended 2026-12-31; it awaits revision. "
            "Its line organisation may still serve as local practice inside the parent's steps, "
            "but the binding ladder is the parent's."
        ),
        strength=Strength.SHALL,
        citation=cite(
            BACKGROUND,
            "Detta vägledningsdokument är framtaget enligt ett uppdrag i den gemensamma "
            "länsövergripande överenskommelsen",
            note=(
                "Reading: the guidance was written under ÖK 3.5 and ends with the ÖK, whose "
                "validity depends on a main agreement in force (ÖK 1.4); after 2026-12-31 the "
                "VGR version in force (the HSA 2027) applies in the area."
            ),
        ),
    ),
)

AGREEMENT = Agreement(
    id=AGREEMENT_ID,
    name="Delregional vägledning, Kommun och sjukvård – samverkan i Göteborgsområdet",
    name_en=(
        "Sub-regional guidance, Göteborg area: placements of children and young people "
        "outside the home"
    ),
    county="Västra Götaland",
    parent="vgr",
    parties=PARTIES,
    versions=(VAGLEDNING_2019,),
    fallback=FALLBACK,
)
