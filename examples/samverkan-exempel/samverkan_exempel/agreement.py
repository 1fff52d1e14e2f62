"""The parties and the versions of the agreement (TODO the clauses on parties and validity)."""

from __future__ import annotations

import datetime as dt

from samverkan.models import Agreement, Municipality, Parties, Rule, Strength, Version

from .documents import AGREEMENT_TEXT, PREAMBLE, VALIDITY, cite

AGREEMENT_ID = "exempel"
VERSION_KEY = "exempel-1"  # TODO a key for this version, e.g. "avtal-2026"

#: The municipalities, with their SCB codes (they start with the county's code).
MUNICIPALITIES = (
    ("0000", "TODO a municipality"),  # TODO its SCB code and name; one line each
)

PARTIES = Parties(
    region_code="00",  # TODO the region's (county's) SCB code
    region_name="TODO the region's name",
    municipalities=tuple(Municipality(code=code, name=name) for code, name in MUNICIPALITIES),
    citation=cite(PREAMBLE, "TODO the words naming the parties"),
)

VERSION = Version(
    key=VERSION_KEY,
    title="TODO the version's title",
    document=AGREEMENT_TEXT,
    valid_from=dt.date(2026, 1, 1),  # TODO the first day the text applies
    valid_to=dt.date(2029, 12, 31),  # TODO its last day
    validity=Rule(
        text="TODO in English: from when to when the agreement applies",
        strength=Strength.SHALL,
        citation=cite(VALIDITY, "TODO the words on its validity"),
    ),
)

AGREEMENT = Agreement(
    id=AGREEMENT_ID,
    name=AGREEMENT_TEXT.title,
    name_en="TODO the agreement's name in English",
    county="Exempellän",
    parties=PARTIES,
    versions=(VERSION,),
)
