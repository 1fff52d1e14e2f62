"""The parties and the one version of the agreement (Giltighetstid, Ikraftträdande, 15)."""

from __future__ import annotations

import datetime as dt

from samverkan.models import Agreement, Municipality, Parties, Rule, Strength, Version

from .documents import (
    AGREEMENT_TEXT,
    ENTRY_INTO_FORCE,
    IMPLEMENTATION,
    REVISION,
    VALIDITY,
    cite,
)

AGREEMENT_ID = "dalarna"
VERSION_KEY = "hvb-2021"

MUNICIPALITIES = (
    ("2021", "Vansbro"),
    ("2023", "Malung-Sälen"),
    ("2026", "Gagnef"),
    ("2029", "Leksand"),
    ("2031", "Rättvik"),
    ("2034", "Orsa"),
    ("2039", "Älvdalen"),
    ("2061", "Smedjebacken"),
    ("2062", "Mora"),
    ("2080", "Falun"),
    ("2081", "Borlänge"),
    ("2082", "Säter"),
    ("2083", "Hedemora"),
    ("2084", "Avesta"),
    ("2085", "Ludvika"),
)

PARTIES = Parties(
    region_code="20",
    region_name="Region Dalarna",
    municipalities=tuple(Municipality(code=code, name=name) for code, name in MUNICIPALITIES),
    citation=cite(
        IMPLEMENTATION,
        "Region Dalarna och Dalarnas kommuner",
        note=(
            "The text names no municipality, only 'Dalarnas kommuner'. The 15 municipalities "
            "and their SCB codes come from Statistics Sweden's code list (outside the text)."
        ),
    ),
)

VALIDITY_RULE = Rule(
    text="The agreement applies from 2021-07-01 to 2024-06-30.",
    strength=Strength.SHALL,
    citation=cite(VALIDITY, "Denna överenskommelse gäller från 2021-07-01 – 2024-06-30."),
)

EXTENSION_RULE = Rule(
    text=(
        "If no new agreement has been drawn up before the end but an evaluation and revision "
        "under section 15 has begun, the agreement is extended automatically by 12 months, "
        "once: at most to 2025-06-30."
    ),
    strength=Strength.SHALL,
    citation=cite(
        VALIDITY,
        "men en utvärdering och revidering har påbörjats i enlighet med avsnitt 15 "
        "(Utvärdering och revidering), förlängs samverkansöverenskommelsen automatiskt med "
        "12 månader",
        note=(
            "Project assumption: the condition (evaluation and revision begun) was met, so the "
            "version runs to 2025-06-30. The text grants one 12-month extension (no 'at a time') "
            "and gives no rule after that: the service refuses dates after 2025-06-30 unless "
            "the deployment's config declares an extension the parties decided."
        ),
    ),
)

NOTES = (
    Rule(
        text=(
            "Signed in writing for the parties by the chairs and vice-chairs of "
            "Länschefsnätverket för förvaltningschefer and of Välfärdsrådet."
        ),
        strength=Strength.SHALL,
        citation=cite(
            ENTRY_INTO_FORCE,
            "Denna överenskommelse skall undertecknas skriftligen av parterna genom ordförande "
            "och vice ordförande i Länschefsnätverket för förvaltningschefer och i Välfärdsrådet.",
        ),
    ),
    Rule(
        text=(
            "Välfärdsrådet recommends the parties to approve it; each party's decision-making "
            "body approves it, in the order each party decides."
        ),
        strength=Strength.SHALL,
        citation=cite(
            ENTRY_INTO_FORCE,
            "Överenskommelsen ska godkännas av parternas respektive beslutande organ.",
        ),
    ),
    Rule(
        text=(
            "Revised every third year from its entry into force, with an evaluation at each "
            "revision; Länschefsnätverket commissions the evaluation and revision."
        ),
        strength=Strength.SHALL,
        citation=cite(
            REVISION,
            "Överenskommelsen om ansvarsfördelning skall revideras vart tredje år från och med "
            "ikraftträdandet av denna överenskommelse.",
        ),
    ),
)

HVB_2021 = Version(
    key=VERSION_KEY,
    title=AGREEMENT_TEXT.title + " (2021)",
    document=AGREEMENT_TEXT,
    valid_from=dt.date(2021, 7, 1),
    valid_to=dt.date(2025, 6, 30),
    validity=VALIDITY_RULE,
    extension=EXTENSION_RULE,
    notes=NOTES,
)

AGREEMENT = Agreement(
    id=AGREEMENT_ID,
    name=AGREEMENT_TEXT.title,
    name_en=(
        "County-wide agreement on the division of responsibility when the municipality "
        "decides on placement in a residential care home (HVB)"
    ),
    county="Dalarna",
    parent=None,
    parties=PARTIES,
    versions=(HVB_2021,),
)
