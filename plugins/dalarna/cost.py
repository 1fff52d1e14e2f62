"""Who pays (Kostnadsansvar), who places (Syfte), and what must hold before a placement
(Inför beslut om placering, 8 Ansvar)."""

from __future__ import annotations

from samverkan.models import (
    AcuteRule,
    CostPolicy,
    DocumentField,
    RetroactivityPolicy,
    Rule,
    Strength,
)

from .deadlines import ACUTE_COST_AGREEMENT
from .documents import (
    BEFORE_END,
    BEFORE_PLACEMENT,
    COST,
    PURPOSE,
    REGION_RESPONSIBILITY,
    RESPONSIBILITY,
    cite,
)

WRITTEN_SPLIT = "skriftlig kostnadsfördelning"

MAIN_RULE = Rule(
    text=(
        "The municipality is responsible for, decides on and pays for the housing and all "
        "social insatser; the region is responsible for, decides on and pays for the health-care "
        "insatser the child, young person or adult needs."
    ),
    strength=Strength.SHALL,
    citation=cite(
        COST,
        "Kommunen ansvarar för, beslutar om och finansierar boendet och alla sociala insatser "
        "… Regionen ansvarar för, beslutar om och finansierar de hälso- och sjukvårdsinsatser",
        note="Indicative 'ansvarar för … finansierar' read as binding.",
    ),
)

NO_SCHABLON = Rule(
    text=(
        "No schablon: each party's responsibility must be clear before the placement and the "
        "split follows each party's responsibility under law (HSL, SoL, LSS, LVU, LVM, "
        "Skollagen); no party can claim cost coverage afterwards unless the responsibility is "
        "clear from a written cost split."
    ),
    strength=Strength.SHALL,
    citation=cite(
        COST,
        "I Dalarna gäller att vardera partens ansvar ska vara klarlagt innan placering sker … "
        "Ingen part kan i efterhand åberopa kostnadstäckning om inte detta ansvar klart framgår "
        "av skriftlig kostnadsfördelning.",
        note=(
            "Also: 'Principen för kostnadsansvar … motsvaras av huvudmännens ansvar enligt "
            "gällande lagstiftning (HSL, SoL, LSS, LVU, LVM, Skollagen).' The text names no "
            "fixed split."
        ),
    ),
)

UNITS_RULE = Rule(
    text="The written cost split (skriftlig kostnadsfördelning) may be stated in percent or in kronor.",
    strength=Strength.MAY,
    citation=cite(
        COST,
        WRITTEN_SPLIT,
        note=(
            "The text names no unit; the project accepts percent and kronor as under the other "
            "agreements (an interpretation)."
        ),
    ),
)

ACUTE = AcuteRule(
    deadline=ACUTE_COST_AGREEMENT.name,
    cost_stays_with_placing_party=Rule(
        text=(
            "The cost of an acute placement stays with the placing party until the split of "
            "responsibility and cost is established."
        ),
        strength=Strength.SHALL,
        citation=cite(
            COST,
            "Kostnaden för akutplaceringen ligger kvar på placerande huvudman till dess att "
            "ansvars- och kostnadsfördelning fastställts.",
        ),
    ),
    settle_by=Rule(
        text=(
            "For an acute placement the split and the municipality of registration "
            "(folkbokföringskommun) should be settled at the latest one month after the placement."
        ),
        strength=Strength.SHOULD,
        citation=ACUTE_COST_AGREEMENT.citation,
    ),
)

RETROACTIVITY = RetroactivityPolicy(
    planned="agreed_on",
    acute="placement_start_if_stated",
    rule=Rule(
        text=(
            "Planned placement: a written split applies from its written date, never earlier. "
            "Acute placement: a written split may reach back to the placement's start when it "
            "says it covers that period."
        ),
        strength=Strength.SHALL,
        citation=cite(
            COST,
            "Ingen part kan i efterhand åberopa kostnadstäckning om inte detta ansvar klart "
            "framgår av skriftlig kostnadsfördelning. Undantag från detta är när placeringen "
            "sker akut",
            note=(
                "'Ingen part kan' is a prohibition, not an option. Reading of 'Undantag från "
                "detta': the exception lets an acute placement's written split cover the time "
                "from the placement's start, when the split says so; a planned placement's "
                "split applies from its written date, never earlier."
            ),
        ),
    ),
)

PLACING_RULE = Rule(
    text="The municipality's social welfare board decides on placement in an HVB.",
    strength=Strength.SHALL,
    citation=cite(
        PURPOSE,
        "Socialnämnden fattar beslut om placering på HVB.",
        note="So the placing party is always the municipality.",
    ),
)

PREREQUISITES = (
    Rule(
        key="cost_agreement_before_placement",
        text="Each party's responsibility shall be clear before the placement.",
        strength=Strength.SHALL,
        citation=cite(RESPONSIBILITY, "parternas ansvar skall vara klarlagt innan placering"),
    ),
    Rule(
        key="open_care_tried",
        text=(
            "Individually adapted open-care insatser have been tried, evaluated and judged not "
            "sufficient."
        ),
        strength=Strength.SHOULD,
        citation=cite(
            BEFORE_PLACEMENT,
            "Placering på HVB kan bli aktuellt om individanpassade öppenvårdsinsatser prövats, "
            "utvärderats och bedömts inte vara tillräckliga.",
            note=(
                "A condition ('kan bli aktuellt om'), not an option: read as a should, so a "
                "placement without it is flagged, not refused (an interpretation)."
            ),
        ),
    ),
    Rule(
        key="own_care_plans",
        text=(
            "Health care and social services each draw up their own care plan together with the "
            "individual, specifying the need for health care and for social insatser."
        ),
        strength=Strength.SHALL,
        citation=cite(
            BEFORE_PLACEMENT,
            "Hälso- och sjukvården och socialtjänsten upprättar var för sig en vårdplan "
            "tillsammans med den enskilde",
            note="'de planer respektive verksamhet har skyldighet att upprätta' (same section).",
        ),
    ),
)

NOTES = (
    Rule(
        key="joint_planning_before_end",
        text=(
            "Before the placement ends, the parties prepare an unbroken chain of care in good "
            "time, so that insatser begun are not broken off."
        ),
        strength=Strength.SHOULD,
        citation=cite(
            BEFORE_END,
            "Det är viktigt att även inför avslut av placering ge förutsättningar för en obruten "
            "vårdkedja.",
        ),
    ),
    Rule(
        key="separate_hvb_contracts",
        text=(
            "Where the region buys health care from the HVB, municipality and region make "
            "separate contracts with the HVB."
        ),
        strength=Strength.SHALL,
        citation=cite(
            COST,
            "I det fall regionen köper hälso- och sjukvård av HVB upprättar kommun och region "
            "separata avtal med HVB.",
        ),
    ),
    Rule(
        key="purchase_between_regions",
        text=(
            "If the region needs care in another region that it cannot provide itself, it is a "
            "purchase between regions (open or inpatient care)."
        ),
        strength=Strength.SHALL,
        citation=cite(
            REGION_RESPONSIBILITY,
            "sker det som köp mellan regioner i form av öppenvård eller slutenvård",
        ),
    ),
    Rule(
        key="self_care_decision",
        text="The treating physician decides what is self-care and what health care performs.",
        strength=Strength.SHALL,
        citation=cite(
            REGION_RESPONSIBILITY,
            "Behandlingsansvarig läkare beslutar vad som är egenvård och vad som skall utföras "
            "av hälso- och sjukvården.",
        ),
    ),
)

AGREEMENT_FIELDS = (
    DocumentField(
        key="responsibilities",
        label="Vardera partens ansvar",
        label_en="each party's responsibility for the insatser",
        strength=Strength.SHALL,
        citation=cite(
            COST,
            "om inte detta ansvar klart framgår av skriftlig kostnadsfördelning",
        ),
    ),
    DocumentField(
        key="split",
        label="Skriftlig kostnadsfördelning",
        label_en="the split of the cost",
        strength=Strength.SHALL,
        citation=cite(COST, WRITTEN_SPLIT),
    ),
    DocumentField(
        key="registration_municipality",
        label="Folkbokföringskommun (endast vid akut placering)",
        label_en="the municipality of registration (acute placements only)",
        strength=Strength.SHOULD,
        citation=cite(
            COST,
            "då kostnadsfördelningen och folkbokföringskommun bör vara klarlagd",
            note=(
                "The text asks for it only for acute placements; for a planned placement it "
                "is not required."
            ),
        ),
        applies_to="acute",
    ),
)

COST_POLICY = CostPolicy(
    main_rule=MAIN_RULE,
    schablon=None,
    no_schablon=NO_SCHABLON,
    units=("percent", "amount"),
    units_rule=UNITS_RULE,
    acute=ACUTE,
    retroactivity=RETROACTIVITY,
    prerequisites=PREREQUISITES,
    agreement_fields=AGREEMENT_FIELDS,
    placing_parties=("municipality",),
    placing_rule=PLACING_RULE,
    notes=NOTES,
)
