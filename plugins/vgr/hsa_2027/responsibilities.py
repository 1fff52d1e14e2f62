"""HSA 2 Ansvar: the responsibility rules that can be looked up (2.1–2.5).

Care: physicians (VGR) and nurses, occupational therapists and physiotherapists (the
municipality) in municipal primary care (2.1); health care in HVB and during short-term LSS
stays (VGR, 2.2). A principle decided by an overall assessment: home visits (2.1). Cost:
medicines in the pharmaceutical benefit (2.4); personal aids, whose cost follows the care
responsibility, except for children and young people (2.5).
"""

from __future__ import annotations

from samverkan.models import Responsibility, Rule, Strength

from ..documents import cite_hsa

COMPETENCES = (
    "2.1 Gemensamt ansvar: I den kommunala primärvården har Parterna ansvar för olika "
    "grundkompetenser"
)
COMMON = "2.1 Gemensamt ansvar"
REGION_PRIMARY_CARE = (
    "2.2 Västra Götalandsregionens ansvar: VGR:s hälso- och sjukvårdsansvar på primärvårdsnivå"
)
MEDICINES = "2.4 Läkemedel"
AIDS = (
    "2.5 Personliga hjälpmedel inklusive förbrukningsartiklar och nutritionsprodukter samt "
    "andra medicintekniska produkter"
)

PHYSICIANS = Responsibility(
    key="physicians",
    kind="care",
    area="physicians in municipal primary care",
    region="physicians (läkare)",
    text="In municipal primary care, VGR is responsible for physicians.",
    strength=Strength.SHALL,
    citation=cite_hsa(COMPETENCES, "VGR ansvarar för läkare"),
)

NURSING_AND_REHABILITATION = Responsibility(
    key="nurses_therapists",
    kind="care",
    area="nurses, occupational therapists and physiotherapists in municipal primary care",
    municipality="nurses, occupational therapists and physiotherapists",
    text=(
        "In municipal primary care, the municipality is responsible for nurses, occupational "
        "therapists and physiotherapists."
    ),
    strength=Strength.SHALL,
    citation=cite_hsa(
        COMPETENCES, "Kommunen ansvarar för sjuksköterska, arbetsterapeut och fysioterapeut"
    ),
)

HVB_AND_SHORT_STAYS = Responsibility(
    key="hvb_short_stay_health_care",
    kind="care",
    area="health care in HVB, homes for other round-the-clock care and short-term LSS stays",
    region="health care for people staying in an HVB or a home for certain other "
    "round-the-clock care, and during short-term stays under LSS",
    text=(
        "VGR is responsible for health care for people staying in an HVB or a home for "
        "certain other round-the-clock care, and in connection with short-term stays under LSS."
    ),
    strength=Strength.SHALL,
    citation=cite_hsa(
        REGION_PRIMARY_CARE,
        "hälso- och sjukvård för personer som vistas i hem för vård och boende (HVB) eller hem "
        "för viss annan heldygnsvård, samt i samband med korttidsvistelse enligt lagen "
        "(1993:387) om stöd och service till vissa funktionshindrade, LSS",
    ),
)

HOME_VISITS = Responsibility(
    key="home_visits",
    kind="principle",
    area="home visits",
    region="temporary needs of home visits over shorter periods, or needs that recur rarely "
    "over a longer time",
    municipality="home visits when the need is judged to last a longer time, and/or the "
    "insatser need to be given more regularly",
    text=(
        "The ground principle: VGR is responsible for temporary or low-frequency needs of home "
        "visits, the municipality for long-lasting and/or regular ones. Each case is decided by "
        "an overall assessment."
    ),
    strength=Strength.SHALL,
    citation=cite_hsa(
        COMMON,
        "Grundprincipen är att VGR ansvarar för tillfälliga behov av hembesök under kortare "
        "perioder, eller sällan förekommande behov över längre tid. Kommunen ansvarar för "
        "hembesök när behovet bedöms kvarstå över längre tid, och/eller när insatserna behöver "
        "ges mer regelbundet.",
        note="A ground principle, not a bright line: the overall assessment decides the case.",
    ),
    assessment=Rule(
        text=(
            "An overall assessment is made from the need's duration and frequency together with "
            "an efficient use of the parties' combined resources; the starting point is always "
            "person-centred care and the patient's security and continuity."
        ),
        strength=Strength.SHALL,
        citation=cite_hsa(
            COMMON,
            "En helhetsbedömning ska göras utifrån en kombination av behovets varaktighet, "
            "frekvens och en resurseffektiv användning av Parternas sammanlagda resurser.",
        ),
    ),
    notes=(
        Rule(
            text=(
                "A need judged from the start to be long-lasting and/or more frequent should be "
                "handled within municipal primary care from the start."
            ),
            strength=Strength.SHOULD,
            citation=cite_hsa(
                COMMON,
                "Om behovet från början bedöms bli långvarigt, och/eller har en högre frekvens, "
                "bör det redan från start hanteras inom kommunal primärvård.",
            ),
        ),
    ),
)

MEDICINE_COSTS = Responsibility(
    key="medicine_costs",
    kind="cost",
    area="medicines in the pharmaceutical benefit",
    region="the costs, excluding the patient's own fee, of medicines in the pharmaceutical "
    "benefit prescribed to an individual patient",
    text=(
        "VGR pays, excluding the patient's own fee, for medicines covered by the pharmaceutical "
        "benefit and prescribed to an individual patient under the act on pharmaceutical "
        "benefits."
    ),
    strength=Strength.SHALL,
    citation=cite_hsa(
        MEDICINES,
        "VGR ansvarar för kostnader, exklusive patientens egenavgift, avseende läkemedel som "
        "omfattas av läkemedelsförmånen, och som är förskrivna enligt lagen om "
        "läkemedelsförmåner till enskild patient.",
    ),
)

AIDS_COSTS = Responsibility(
    key="personal_aids_costs",
    kind="cost",
    area="prescribed personal aids",
    region="prescribed aids for the needs it has the health-care responsibility for",
    municipality="prescribed aids for the needs it has the health-care responsibility for",
    text=(
        "In general, the care giver with the health-care responsibility for the need pays for "
        "the personal aids prescribed for it."
    ),
    strength=Strength.SHALL,
    citation=cite_hsa(
        AIDS,
        "Generellt gäller att den vårdgivare som har hälso- och sjukvårdsansvar för aktuellt "
        "behov är kostnadsansvarig för förskrivna hjälpmedel.",
    ),
)

CHILDREN_AIDS_COSTS = Responsibility(
    key="children_aids_costs",
    kind="cost",
    area="personal aids for children and young people",
    region="personal aids for children and young people, until their 18th birthday",
    exception_to=AIDS_COSTS.key,
    text=(
        "An exception to the general rule: VGR pays for personal aids for children and young "
        "people until their 18th birthday, whoever has the health-care responsibility."
    ),
    strength=Strength.SHALL,
    citation=cite_hsa(
        AIDS,
        "VGR har kostnadsansvar för personliga hjälpmedel för barn och ungdomar fram till "
        "artonårsdagen.",
        note="The text names it among the exceptions where cost does not follow the care "
        "responsibility ('Det finns undantag då kostnadsansvaret för hjälpmedel inte följer "
        "hälso- och sjukvårdsansvaret').",
    ),
)

RESPONSIBILITIES: tuple[Responsibility, ...] = (
    PHYSICIANS,
    NURSING_AND_REHABILITATION,
    HVB_AND_SHORT_STAYS,
    HOME_VISITS,
    MEDICINE_COSTS,
    AIDS_COSTS,
    CHILDREN_AIDS_COSTS,
)
