"""ÖK 3.5 Ansvar vid placering utanför hemmet: responsibility and cost of a placement (and 3.6:
the same split for people in compulsory psychiatric care)."""

from __future__ import annotations

from samverkan.models import (
    AcuteRule,
    CostPolicy,
    DocumentField,
    Fraction,
    RetroactivityPolicy,
    Rule,
    Schablon,
    Strength,
)

from ..documents import (
    OK_COST,
    OK_DISPUTES,
    OK_FOLLOW_UP,
    OK_PLACEMENT,
    OK_RESPONSIBILITY,
    cite_ok,
)
from .deadlines import ACUTE_COST_AGREEMENT
from .sip import PLANNING_BEFORE_PLACEMENT

MAIN_RULE = Rule(
    text=(
        "Each party pays the costs that belong to its own responsibility for care, support "
        "and insatser, whether it performs them itself or contracts another party. The "
        "municipality: social insatser (SoL, LSS, LVU, LVM) and schooling; VGR: health care."
    ),
    strength=Strength.SHALL,
    citation=cite_ok(
        OK_COST,
        "Huvudregeln är att varje huvudman ansvarar för de kostnader som kan knytas till var "
        "och ens ansvar för vård, stöd och insatser",
    ),
)

SCHABLON = Schablon(
    region=Fraction(numerator=1, denominator=3),
    municipality=Fraction(numerator=2, denominator=3),
    condition=(
        "the HVB provides both social-services and health-care insatser and the split between "
        "them is unclear; applies unless the parties have agreed otherwise"
    ),
    strength=Strength.MAY,
    citation=cite_ok(
        OK_COST,
        "I de fall HVB tillhandahåller både socialtjänstinsatser och hälso- och "
        "sjukvårdsinsatser och fördelningen mellan dessa är oklar kan huvudmännen dela på "
        "kostnaden utifrån en schablon där VGR betalar en tredjedel och kommunen två "
        "tredjedelar av placeringskostnaden, om inget annat är överenskommet.",
    ),
)

UNITS_RULE = Rule(
    text="The written cost split states the split in kronor or percent.",
    strength=Strength.SHALL,
    citation=cite_ok(OK_COST, "fördelning av kostnader i kronor eller procent"),
)

ACUTE = AcuteRule(
    deadline="acute_cost_agreement",
    cost_stays_with_placing_party=Rule(
        text="The cost of an acute placement stays with the placing party until the split "
        "of responsibility and cost is established.",
        strength=Strength.SHALL,
        citation=cite_ok(
            OK_COST,
            "Kostnaden för akutplaceringen ligger kvar på placerande huvudman till dess att "
            "ansvars- och kostnadsfördelning fastställts.",
        ),
    ),
    settle_by=Rule(
        text="For an acute placement the cost split should be settled at the latest 30 days "
        "after the placement.",
        strength=Strength.SHOULD,
        citation=ACUTE_COST_AGREEMENT.citation,
    ),
)

RETROACTIVITY = RetroactivityPolicy(
    planned="placement_start_if_stated",
    acute="placement_start_if_stated",
    rule=Rule(
        text=(
            "Until a split applies, the placing party bears the cost. A written cost agreement "
            "applies from the date it states, which may reach back to the placement's start "
            "when the agreement says so."
        ),
        strength=Strength.MAY,
        citation=cite_ok(
            OK_COST,
            "ligger kvar på placerande huvudman till dess att ansvars- och kostnadsfördelning "
            "fastställts",
            note=(
                "Reading: the text keeps the cost with the placing party until the split is "
                "established and is silent on how far back a written split reaches; the "
                "parties' own written agreement may state that it applies from the "
                "placement's start."
            ),
        ),
    ),
    dispute_outcome=Rule(
        text=(
            "LiSA's (VVG's) recommendation may adjust responsibility, and with it cost, "
            "retroactively from the day a joint split of responsibility (e.g. the temporary "
            "split in the SIP) existed."
        ),
        strength=Strength.MAY,
        citation=cite_ok(
            OK_DISPUTES,
            "kan innebära ansvarsjustering i efterhand från den dag gemensam "
            "ansvarsfördelning finns",
        ),
    ),
)

PREREQUISITES: tuple[Rule, ...] = (
    Rule(
        key="cost_agreement_before_placement",
        text="Every placement is preceded by a written agreement on cost responsibility "
        "between the parties, whichever party places.",
        strength=Strength.SHALL,
        citation=cite_ok(
            OK_COST,
            "Varje placering ska föregås av en överenskommelse om kostnadsansvar mellan "
            "huvudmännen, oavsett vilken huvudman som gör placeringen.",
        ),
    ),
    Rule(
        key="sip_before_placement",
        text="Before a placement in which both parties take part, a SIP or an equivalent plan "
        "is drawn up that makes the split of responsibility clear.",
        strength=Strength.SHALL,
        citation=PLANNING_BEFORE_PLACEMENT,
    ),
    Rule(
        key="placement_in_county",
        text="If a placement is necessary, a placement within the county is the first choice.",
        strength=Strength.SHOULD,
        citation=cite_ok(
            OK_PLACEMENT,
            "Om en placering bedöms nödvändig ska en placering inom det egna länet i första "
            "hand väljas.",
            note="'ska … i första hand' is read as a should: a first choice, not a bar.",
        ),
    ),
)

WRITTEN_SPLIT_SHOWS = cite_ok(OK_COST, "I den skriftliga kostnadsfördelningen ska det framgå")

AGREEMENT_FIELDS: tuple[DocumentField, ...] = (
    DocumentField(
        key="responsibilities",
        label="respektive huvudmans och parts ansvar för de vård- och stödinsatser som ska utföras",
        label_en="each party's responsibility for the care and support insatser",
        strength=Strength.SHALL,
        citation=WRITTEN_SPLIT_SHOWS,
    ),
    DocumentField(
        key="health_care_provision",
        label="hur hälso- och sjukvårdsinsatser ska tillgodoses",
        label_en="how the health-care insatser are provided",
        strength=Strength.SHALL,
        citation=WRITTEN_SPLIT_SHOWS,
    ),
    DocumentField(
        key="split",
        label="fördelning av kostnader i kronor eller procent",
        label_en="the split of the cost in kronor or percent",
        strength=Strength.SHALL,
        citation=WRITTEN_SPLIT_SHOWS,
    ),
)

PLACING_RULE = Rule(
    text="Either party may make the placement; the cost agreement is needed whichever does.",
    strength=Strength.SHALL,
    citation=cite_ok(OK_COST, "oavsett vilken huvudman som gör placeringen"),
)

NOTES: tuple[Rule, ...] = (
    Rule(
        key="resources_exhausted",
        text="Before a placement is raised, the parties have concluded that local resources "
        "are exhausted and the individual's needs cannot be met other than by a placement.",
        strength=Strength.SHALL,
        citation=cite_ok(
            OK_PLACEMENT,
            "Innan frågan om placering aktualiseras ska huvudmännen ha kommit fram till att "
            "resurser i närmiljön är uttömda",
        ),
    ),
    Rule(
        key="responsibility_split",
        text="The municipality answers for social insatser (SoL, LSS, LVU, LVM) and schooling; "
        "VGR for health-care insatser.",
        strength=Strength.SHALL,
        citation=cite_ok(
            OK_RESPONSIBILITY,
            "Kommunen ansvarar för sociala insatser enligt SoL, LSS, LVU och LVM samt skolgång "
            "enligt skollagen. VGR ansvarar för hälso- och sjukvårdsinsatser.",
        ),
    ),
    Rule(
        key="own_performance",
        text="Each party may perform its insatser itself or contract another competent party.",
        strength=Strength.MAY,
        citation=cite_ok(
            OK_RESPONSIBILITY,
            "Båda huvudmännen har rätt att själva utföra insatserna eller träffa avtal med "
            "annan part",
        ),
    ),
    Rule(
        key="coordination_responsibility",
        text="The social services have the ultimate coordinating responsibility for the "
        "placement as a whole.",
        strength=Strength.SHALL,
        citation=cite_ok(
            OK_RESPONSIBILITY,
            "Socialtjänsten har det yttersta samordningsansvaret för placeringen i sin helhet.",
        ),
    ),
    Rule(
        key="reassess_split",
        text="As the individual's needs change, the parties assess whether and how the cost "
        "split is adjusted.",
        strength=Strength.SHALL,
        citation=cite_ok(
            OK_COST,
            "I takt med att den enskildes behov förändras ska parterna bedöma om och hur "
            "kostnadsfördelningen ska justeras.",
        ),
    ),
    Rule(
        key="joint_follow_up",
        text="The placement is followed up jointly and regularly.",
        strength=Strength.SHALL,
        citation=cite_ok(
            OK_FOLLOW_UP,
            "Uppföljning av den enskildes placering ska ske gemensamt och regelbundet",
        ),
    ),
    Rule(
        key="joint_planning_before_end",
        text="Before the placement ends, the parties plan further insatser together.",
        strength=Strength.SHALL,
        citation=cite_ok(
            OK_FOLLOW_UP,
            "Inför avslut av placering ska gemensam planering för vidare insatser göras.",
        ),
    ),
    Rule(
        key="compulsory_care_placements",
        text="A placement in housing proposed to the administrative court for a person in "
        "compulsory psychiatric care (LPT/LRV) follows the same split.",
        strength=Strength.SHALL,
        citation=cite_ok(
            "3.6 Personer i psykiatrisk tvångsvård",
            "Vid placering gäller den under punkt 3.5 beskrivna ansvarsfördelningen.",
        ),
    ),
)

COST_POLICY = CostPolicy(
    main_rule=MAIN_RULE,
    schablon=SCHABLON,
    units=("percent", "amount"),
    units_rule=UNITS_RULE,
    acute=ACUTE,
    retroactivity=RETROACTIVITY,
    prerequisites=PREREQUISITES,
    agreement_fields=AGREEMENT_FIELDS,
    placing_parties=("municipality", "region"),
    placing_rule=PLACING_RULE,
    notes=NOTES,
)
