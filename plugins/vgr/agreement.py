"""The parties (ÖK 1.3; HSA 1.5) and the agreement's two versions, with their validity (ÖK 1.4;
HSA 1.6).

The seeds name the parties but no codes; the SCB codes are Statistics Sweden's code list.
"""

from __future__ import annotations

import datetime as dt

from samverkan.models import (
    Agreement,
    Municipality,
    Parties,
    Period,
    Renewal,
    Rule,
    Strength,
    Version,
)

from .documents import (
    HSA_2027,
    HSA_TERM,
    OK_2017,
    OK_PARTIES,
    OK_VALIDITY,
    cite_hsa,
    cite_ok,
)

AGREEMENT_ID = "vgr"

# -- the parties ---------------------------------------------------------------------------

MUNICIPALITIES: tuple[Municipality, ...] = tuple(
    Municipality(code=code, name=name)
    for code, name in (
        ("1401", "Härryda"),
        ("1402", "Partille"),
        ("1407", "Öckerö"),
        ("1415", "Stenungsund"),
        ("1419", "Tjörn"),
        ("1421", "Orust"),
        ("1427", "Sotenäs"),
        ("1430", "Munkedal"),
        ("1435", "Tanum"),
        ("1438", "Dals-Ed"),
        ("1439", "Färgelanda"),
        ("1440", "Ale"),
        ("1441", "Lerum"),
        ("1442", "Vårgårda"),
        ("1443", "Bollebygd"),
        ("1444", "Grästorp"),
        ("1445", "Essunga"),
        ("1446", "Karlsborg"),
        ("1447", "Gullspång"),
        ("1452", "Tranemo"),
        ("1460", "Bengtsfors"),
        ("1461", "Mellerud"),
        ("1462", "Lilla Edet"),
        ("1463", "Mark"),
        ("1465", "Svenljunga"),
        ("1466", "Herrljunga"),
        ("1470", "Vara"),
        ("1471", "Götene"),
        ("1472", "Tibro"),
        ("1473", "Töreboda"),
        ("1480", "Göteborg"),
        ("1481", "Mölndal"),
        ("1482", "Kungälv"),
        ("1484", "Lysekil"),
        ("1485", "Uddevalla"),
        ("1486", "Strömstad"),
        ("1487", "Vänersborg"),
        ("1488", "Trollhättan"),
        ("1489", "Alingsås"),
        ("1490", "Borås"),
        ("1491", "Ulricehamn"),
        ("1492", "Åmål"),
        ("1493", "Mariestad"),
        ("1494", "Lidköping"),
        ("1495", "Skara"),
        ("1496", "Skövde"),
        ("1497", "Hjo"),
        ("1498", "Tidaholm"),
        ("1499", "Falköping"),
    )
)

PARTIES = Parties(
    region_code="14",
    region_name="Västra Götalandsregionen",
    municipalities=MUNICIPALITIES,
    citation=cite_ok(
        OK_PARTIES,
        "Parter i denna överenskommelse är var och en av kommunerna i Västra Götaland och "
        "Västra Götalandsregionen",
        note=(
            "The HSA 2027 names the same parties (1.5 'Avtalsparter är VGR och var och en av "
            "Kommunerna'; 1 'de 49 kommunerna i Västra Götaland'). The SCB codes are not in "
            "the seeds: they come from Statistics Sweden's code list."
        ),
    ),
)

# -- ÖK 2017 -------------------------------------------------------------------------------

OK_VERSION = Version(
    key="ok-2017",
    title="Överenskommelse om samarbete kring personer med psykisk funktionsnedsättning och "
    "personer med missbruk (ÖK 2017), underavtal till Hälso- och sjukvårdsavtalet",
    document=OK_2017,
    valid_from=dt.date(2017, 4, 1),
    valid_to=dt.date(2026, 12, 31),
    validity=Rule(
        text="The ÖK applies from 2017-04-01 to 2020-12-31, then as extended (ÖK 1.4).",
        strength=Strength.SHALL,
        citation=cite_ok(
            OK_VALIDITY,
            "Överenskommelsen gäller från och med 2017-04-01 – 2020-12-31.",
            note=(
                "valid_to 2026-12-31 = 2020-12-31 plus three two-year extensions (1.4). Reading: "
                "the ÖK is a sub-agreement whose validity depends on a main agreement in force "
                "(1.4), and it falls with the main agreement that HSA 2027 replaces; from "
                "2027-01-01 the HSA 2027 applies, whose 7.6 names a new sub-agreement in its "
                "place."
            ),
        ),
    ),
    extension=Rule(
        text=(
            "Unless a party gives written notice at the latest twelve months before the end, "
            "the ÖK is extended by two years at a time, with twelve months' notice."
        ),
        strength=Strength.SHALL,
        citation=cite_ok(
            OK_VALIDITY,
            "Om ingen part skriftligen sagt upp avtalet förlängs det med två år i taget med "
            "tolv månaders uppsägningstid.",
        ),
    ),
    notes=(
        Rule(
            text="A party may give notice at the latest twelve months before the term ends.",
            strength=Strength.MAY,
            citation=cite_ok(
                OK_VALIDITY,
                "Senast tolv månader innan avtalstiden löper ut har part möjlighet att säga "
                "upp avtalet.",
            ),
        ),
        Rule(
            text=(
                "The ÖK is a sub-agreement to the health and medical care agreement: it is "
                "valid only while a main agreement is in force."
            ),
            strength=Strength.SHALL,
            citation=cite_ok(
                OK_VALIDITY,
                "överenskommelsens giltighet är beroende av ett gällande huvudavtal",
            ),
        ),
        Rule(
            text="It applies provided the municipal councils and the regional council decide so.",
            strength=Strength.SHALL,
            citation=cite_ok(
                OK_PARTIES,
                "Avtalet gäller under förutsättning att beslut tas av kommunfullmäktige "
                "respektive regionfullmäktige.",
            ),
        ),
        Rule(
            text=(
                "If a party hands over a task it is responsible for to someone else, the ÖK "
                "still applies."
            ),
            strength=Strength.SHALL,
            citation=cite_ok(
                OK_PARTIES,
                "Om kommunen eller VGR tecknar avtal med någon annan och överlåter uppgifter "
                "de har ansvar för, ska denna överenskommelse tillämpas.",
            ),
        ),
    ),
)

# -- HSA 2027 ------------------------------------------------------------------------------

HSA_VERSION = Version(
    key="hsa-2027",
    title="Hälso- och sjukvårdsavtalet i Västra Götaland 2027–2030 (HSA 2027)",
    document=HSA_2027,
    valid_from=dt.date(2027, 1, 1),
    valid_to=dt.date(2030, 12, 31),
    validity=Rule(
        text="The HSA applies from 2027-01-01 to 2030-12-31.",
        strength=Strength.SHALL,
        citation=cite_hsa(
            HSA_TERM,
            "Avtalet gäller under perioden 2027-01-01 – 2030-12-31.",
            note=(
                "After 2030-12-31 the text extends itself by three years at a time unless a "
                "party gives written notice (see the extension): the service applies those "
                "extensions itself. A written notice is recorded in config ([agreements.vgr] "
                "notice_given_on with notice_reason); extended_to is only for an extension the "
                "parties decide beyond the text."
            ),
        ),
    ),
    extension=Rule(
        text=(
            "Unless a party gives written notice at the latest 18 months before the end, the "
            "HSA is extended by three years at a time, with 18 months' notice."
        ),
        strength=Strength.SHALL,
        citation=cite_hsa(
            HSA_TERM,
            "Om ingen Part skriftligen har sagt upp Avtalet förlängs det med tre år i taget, "
            "med arton (18) månaders uppsägningstid.",
        ),
    ),
    renewal=Renewal(
        period=Period(amount=3, unit="years"),
        notice=Period(amount=18, unit="months"),
        on_notice=Rule(
            text=(
                "On notice the HSA ends when the running four-year period, or the running "
                "three-year extension, runs out; one party's notice ends it for all parties."
            ),
            strength=Strength.SHALL,
            citation=cite_hsa(
                HSA_TERM,
                "Vid uppsägning av Avtalet upphör Avtalet att gälla när den aktuella perioden om "
                "fyra år löper ut alternativt när förlängningstiden om tre år löper ut.",
                note=(
                    "Reading: 'Senast arton (18) månader innan avtalstiden löper ut' is counted "
                    "as 18 calendar months back from the term's last day (2030-12-31 -> "
                    "2029-06-30). A notice given by then ends the HSA on that last day; a later "
                    "notice ends it when the next three-year extension runs out."
                ),
            ),
        ),
    ),
    notes=(
        Rule(
            text="A party may give notice at the latest 18 months before the term ends.",
            strength=Strength.MAY,
            citation=cite_hsa(
                HSA_TERM,
                "Senast arton (18) månader innan avtalstiden löper ut har Parterna möjlighet "
                "att säga upp Avtalet.",
            ),
        ),
        Rule(
            text=(
                "The HSA and its sub-agreements apply only once approved by the regional "
                "council and the council of every municipality in Västra Götaland, by "
                "decisions that have gained legal force."
            ),
            strength=Strength.SHALL,
            citation=cite_hsa(
                HSA_TERM,
                "gäller under förutsättning att de godkänns av regionfullmäktige och "
                "kommunfullmäktige i samtliga kommuner i Västra Götaland, genom beslut som "
                "vinner laga kraft",
            ),
        ),
        Rule(
            text=(
                "One party's notice ends the HSA for all parties, and with it every sub-agreement."
            ),
            strength=Strength.SHALL,
            citation=cite_hsa(
                HSA_TERM,
                "Det räcker att en Part säger upp Avtalet för att det ska upphöra att gälla för "
                "samtliga Parter. En uppsägning av Avtalet får till följd att även "
                "överenskommelserna sägs upp",
            ),
        ),
        Rule(
            text=(
                "One party's notice of a sub-agreement ends it for all parties; the HSA and "
                "the other sub-agreements stay."
            ),
            strength=Strength.SHALL,
            citation=cite_hsa(
                HSA_TERM,
                "Det räcker att en Part säger upp en överenskommelse i form av underavtal, för "
                "att den ska upphöra att gälla för samtliga Parter.",
            ),
        ),
        Rule(
            text=(
                "Without an agreement only the Regionbildningsavtalet (with the "
                "Primärvårdsavtalet) and the law govern responsibility and cooperation."
            ),
            strength=Strength.SHALL,
            citation=cite_hsa(
                f"{HSA_TERM}, Förutsättning för samverkan utan Avtal",
                "Om inget Avtal finns tecknat mellan VGR och Kommunerna regleras "
                "ansvarsfördelning och samverkan enbart av Regionbildningsavtalet, inklusive "
                "Primärvårdsavtalet, samt av gällande lagstiftning.",
            ),
        ),
        Rule(
            text="Sub-agreements' validity is tied directly to the HSA's.",
            strength=Strength.SHALL,
            citation=cite_hsa(
                "1 Inledning",
                "Underavtalens giltighet är direkt kopplade till Avtalets giltighet.",
            ),
        ),
    ),
)

AGREEMENT = Agreement(
    id=AGREEMENT_ID,
    name="Hälso- och sjukvårdsavtalet i Västra Götaland med underavtal",
    name_en="The health and medical care agreement in Västra Götaland, with its sub-agreements",
    county="Västra Götaland",
    parties=PARTIES,
    versions=(OK_VERSION, HSA_VERSION),
)
