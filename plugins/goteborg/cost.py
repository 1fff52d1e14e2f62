"""Cost of a placement: "Förutsättningar", the checklist, "Ansvar och fördelning av
kostnadsansvar" and "Tvister om kostnadsansvar"."""

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

from .deadlines import ACUTE_COST_AGREEMENT
from .documents import (
    CHECKLIST,
    COST,
    COST_DISPUTES,
    PREREQUISITES,
    cite,
)
from .ladders import LINE_DECISION

STAYS_WITH_PLACING_PARTY = "Till dess ligger den kvar hos placerande huvudman."

MAIN_RULE = Rule(
    text=(
        "Each party pays the costs that belong to its own responsibility, whether it performs "
        "the insatser itself or contracts another party: the municipality social services, "
        "schooling etc.; VGR health care."
    ),
    strength=Strength.SHALL,
    citation=cite(
        COST,
        "Huvudregeln är att varje huvudman ansvarar för de kostnader som kan knytas till vars "
        "och ens ansvar",
    ),
)

SCHABLON = Schablon(
    region=Fraction(numerator=1, denominator=3),
    municipality=Fraction(numerator=2, denominator=3),
    condition=(
        "the split is unclear; and (ÖK 3.5, which the guidance implements) the home provides "
        "both social-service and health-care insatser"
    ),
    strength=Strength.MAY,
    citation=cite(
        COST,
        "I de fall då kostnadsfördelningen är oklar, kan huvudmännen dela på kostnaden utifrån "
        "en schablon där VGR betalar 1/3 och kommunen 2/3.",
        note=(
            "Reading: the guidance names only 'oklar'; since it implements ÖK 3.5, the ÖK's "
            "condition also applies: 'I de fall HVB tillhandahåller både socialtjänstinsatser "
            "och hälso- och sjukvårdsinsatser och fördelningen mellan dessa är oklar'."
        ),
    ),
)

UNITS_RULE = Rule(
    text="The written cost agreement states the split in kronor or percent.",
    strength=Strength.SHALL,
    citation=cite(PREREQUISITES, "Fördelning av kostnader i kronor eller procent."),
)

ACUTE = AcuteRule(
    deadline="acute_cost_agreement",
    cost_stays_with_placing_party=Rule(
        text="Until the split is clear, the acute placement's cost stays with the placing party.",
        strength=Strength.SHALL,
        citation=cite(COST, STAYS_WITH_PLACING_PARTY),
    ),
    settle_by=Rule(
        text="The split of an acute placement should be clear at the latest 30 days after it.",
        strength=Strength.SHOULD,
        citation=ACUTE_COST_AGREEMENT.citation,
    ),
)

RETROACTIVITY = RetroactivityPolicy(
    planned="placement_start_if_stated",
    acute="placement_start_if_stated",
    rule=Rule(
        text=(
            "Until a split is agreed the placing party bears the cost; a written cost agreement "
            "may apply from the placement's start when it says so, otherwise from its date."
        ),
        strength=Strength.MAY,
        citation=cite(
            COST,
            STAYS_WITH_PLACING_PARTY,
            note=(
                "Reading: the text keeps the cost with the placing party until the split is "
                "clear and names no date for a written split; it may reach back to the "
                "placement's start when the written agreement says so."
            ),
        ),
    ),
    dispute_outcome=Rule(
        text=(
            "The line organisation's final decision may adjust the cost retroactively, from a "
            "date the decision states (default: the day the temporary cost split started)."
        ),
        strength=Strength.MAY,
        citation=cite(
            COST_DISPUTES,
            LINE_DECISION,
            note="The text names no date: it is an explicit field of the decision (a reading).",
        ),
    ),
)

PREREQUISITE_RULES = (
    Rule(
        key="sip_before_placement",
        text="A SIP in which the split of responsibility has been made clear.",
        strength=Strength.SHALL,
        citation=cite(
            PREREQUISITES,
            "En samordnad individuell plan (SIP) där ansvarsfördelningen har tydliggjorts.",
        ),
    ),
    Rule(
        key="cost_agreement_before_placement",
        text=(
            "A written agreement between the parties on cost responsibility for the insatser, "
            "drawn up from the SIP, whichever party makes the placement."
        ),
        strength=Strength.SHALL,
        citation=cite(
            PREREQUISITES,
            "En överenskommelse mellan huvudmännen om kostnadsansvar gällande insatser till den "
            "enskilde (oavsett vilken huvudman som gör placeringen)",
            note="Checklist: 'Utifrån SIP upprättar parterna en skriftlig överenskommelse om "
            "kostnadsansvar.'",
        ),
    ),
    Rule(
        key="resources_exhausted",
        text=(
            "The parties agree that the individual's needs cannot be met except by an external "
            "placement outside the home."
        ),
        strength=Strength.SHALL,
        citation=cite(
            CHECKLIST,
            "Huvudmännen är överens om att behoven inte kan tillgodoses för den enskilde på "
            "annat sätt än genom extern placering utanför hemmet.",
            note=(
                "Shall: ÖK 3.5, which the guidance implements, words it 'Innan frågan om "
                "placering aktualiseras ska huvudmännen ha kommit fram till …'."
            ),
        ),
    ),
    Rule(
        key="placement_in_county",
        text="A placement within Västra Götaland has been considered.",
        strength=Strength.SHOULD,
        citation=cite(
            CHECKLIST,
            "En placering inom Västra Götalands län har övervägts.",
            note="Should: ÖK 3.5 'ska en placering inom det egna länet i första hand väljas'.",
        ),
    ),
)


def _field(key: str, label: str, label_en: str, quote: str, strength: Strength) -> DocumentField:
    return DocumentField(
        key=key,
        label=label,
        label_en=label_en,
        strength=strength,
        citation=cite(PREREQUISITES, quote),
    )


PROVISION = "Hur hälso- och sjukvårdsinsatser och insatser från kommun ska tillgodoses."

AGREEMENT_FIELDS = (
    _field(
        "responsibilities",
        "Respektive huvudmans ansvar för de vård- och stödinsatser som ska utföras",
        "each party's responsibility for the care and support insatser",
        "Respektive huvudmans ansvar för de vård- och stödinsatser som ska utföras.",
        Strength.SHALL,
    ),
    _field(
        "health_care_provision",
        "Hur hälso- och sjukvårdsinsatser ska tillgodoses",
        "how the health-care insatser are provided",
        PROVISION,
        Strength.SHALL,
    ),
    _field(
        "municipal_provision",
        "Hur insatser från kommun ska tillgodoses",
        "how the municipality's insatser are provided",
        PROVISION,
        Strength.SHALL,
    ),
    _field(
        "split",
        "Fördelning av kostnader i kronor eller procent",
        "the split of the cost in kronor or percent",
        "Fördelning av kostnader i kronor eller procent.",
        Strength.SHALL,
    ),
    _field(
        "economic_mandate",
        "Personer med mandat att fatta ekonomiska beslut deltar i/undertecknar",
        "people with a mandate to make economic decisions take part in / sign it",
        "Det är viktigt att personer med uppgift och mandat att fatta ekonomiska beslut deltar "
        "i/undertecknar överenskommelsen om kostnadsansvar.",
        Strength.SHOULD,
    ),
)

PLACING_RULE = Rule(
    text="Either party may make the placement; the cost agreement is required either way.",
    strength=Strength.SHALL,
    citation=cite(PREREQUISITES, "oavsett vilken huvudman som gör placeringen"),
)

NOTES = (
    Rule(
        key="responsibility_split",
        text="The municipality answers for social-service insatser, schooling etc.; VGR for "
        "health-care insatser.",
        strength=Strength.SHALL,
        citation=cite(
            COST,
            "Det innebär att kommunen ansvarar för socialtjänstinsatser, skolgång mm och "
            "Västragötalandsregionen för hälso- och sjukvårdsinsatser.",
        ),
    ),
    Rule(
        key="joint_follow_up",
        text="Follow-up is joint and regular.",
        strength=Strength.SHALL,
        citation=cite(COST, "Uppföljning ska ske gemensamt och regelbundet."),
    ),
    Rule(
        key="reassess_split",
        text="The parties assess whether the split should change as the individual's needs change.",
        strength=Strength.SHALL,
        citation=cite(
            COST,
            "Parterna ska bedöma om kostnadsfördelningen ska justeras i takt med att den "
            "enskildes behov förändras.",
        ),
    ),
    Rule(
        key="joint_planning_before_end",
        text="Before the placement ends, the parties plan further insatser together.",
        strength=Strength.SHALL,
        citation=cite(COST, "Inför avslut ska en gemensam planering för vidare insatser göras."),
    ),
    Rule(
        key="individual_not_in_cost_dialogue",
        text=(
            "The individual is offered to take part in making and following up the SIP, but "
            "not in the dialogue on the cost split (two separate meetings)."
        ),
        strength=Strength.SHALL,
        citation=cite(
            CHECKLIST,
            "Vid framtagandet/uppföljningen av SIP ska den enskilde erbjudas vara med, men inte "
            "vid dialog om kostnadsfördelning.",
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
    prerequisites=PREREQUISITE_RULES,
    agreement_fields=AGREEMENT_FIELDS,
    placing_parties=("municipality", "region"),
    placing_rule=PLACING_RULE,
    notes=NOTES,
)
