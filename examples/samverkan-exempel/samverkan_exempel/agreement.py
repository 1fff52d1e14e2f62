"""The parties and the one version of the agreement (1 Parter, 2 Giltighet)."""

from __future__ import annotations

import datetime as dt

from samverkan.models import Agreement, Municipality, Parties, Rule, Strength, Version

from .documents import AGREEMENT_TEXT, PREAMBLE, VALIDITY, cite

AGREEMENT_ID = "exempel"
VERSION_KEY = "avtal-2026"

#: The municipalities, with their SCB codes (they start with the county's code). Exempellän
#: is fictional: 98 is no Swedish county's code, so no code here is a real one.
MUNICIPALITIES = (
    ("9801", "Exempelstad"),
    ("9802", "Provby"),
    ("9803", "Låtsaslunda"),
)

PARTIES = Parties(
    region_code="98",
    region_name="Region Exempel",
    municipalities=tuple(Municipality(code=code, name=name) for code, name in MUNICIPALITIES),
    citation=cite(
        PREAMBLE,
        "Denna överenskommelse är träffad mellan Region Exempel och kommunerna Exempelstad, "
        "Provby och Låtsaslunda.",
    ),
)

VERSION = Version(
    key=VERSION_KEY,
    title="Exempelöverenskommelsen 2026–2029",
    document=AGREEMENT_TEXT,
    valid_from=dt.date(2026, 1, 1),
    valid_to=dt.date(2029, 12, 31),
    validity=Rule(
        text="The agreement applies from 2026-01-01 to 2029-12-31.",
        strength=Strength.SHALL,
        citation=cite(
            VALIDITY,
            "Överenskommelsen gäller från och med 2026-01-01 till och med 2029-12-31.",
        ),
    ),
)

AGREEMENT = Agreement(
    id=AGREEMENT_ID,
    name=AGREEMENT_TEXT.title,
    name_en="Agreement on cooperation between Region Exempel and the municipalities of Exempellän",
    county="Exempellän",
    parties=PARTIES,
    versions=(VERSION,),
)
