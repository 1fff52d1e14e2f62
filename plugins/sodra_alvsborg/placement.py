"""The placement part ("Personer med psykisk funktionsnedsättning och/eller missbruk/beroende"):
a. starting points, b. prerequisites for shared cost (SIP and written agreement), c. acute
placements and the schablon, d. disagreement about a placement.
"""

from __future__ import annotations

from samverkan.models import (
    AcuteRule,
    CostPolicy,
    DocumentField,
    Fraction,
    RetroactivityPolicy,
    Rule,
    Schablon,
    SipContext,
    SipRequirements,
    Strength,
)
from samverkan_plugins.sodra_alvsborg.deadlines import ACUTE_CLAUSE, ACUTE_COST_AGREEMENT
from samverkan_plugins.sodra_alvsborg.documents import cite, cite_ok

A = "a. Gemensamma utgångspunkter innan placering är aktuellt"
B = (
    "b. Grundläggande förutsättningar för ett delat kostnadsansvar när en individ behöver en "
    "placering utanför hemmet"
)
C = ACUTE_CLAUSE
D = "d. Oenighet om placeringen"
MANDATE = "4 Vid oenighet: Vad är en tvist?"
COORDINATION = "2. Samordning är grunden"
SIP_SHOWS = f"{B}: Av SIP-en ska framgå"
AGREEMENT_SHOWS = f"{B}: Av den skriftliga överenskommelsen ska framgå"
SCOPE_NOTE = (
    "The placement part applies to persons 'oavsett ålder' (whatever their age), so the same "
    "rules hold for children's placements."
)


# -- the written cost agreement (b: "Av den skriftliga överenskommelsen ska framgå") --------


def _agreement_field(key: str, label: str, label_en: str) -> DocumentField:
    return DocumentField(
        key=key,
        label=label,
        label_en=label_en,
        strength=Strength.SHALL,
        citation=cite(AGREEMENT_SHOWS, label),
    )


AGREEMENT_FIELDS = (
    _agreement_field("goal", "Målsättning med placering", "goal of the placement"),
    _agreement_field(
        "responsibilities",
        "Respektive huvudmans parts ansvar för de vård- och stödinsatser som ska utföras",
        "each party's responsibility for the care and support insatser",
    ),
    _agreement_field(
        "health_care_provision",
        "Hur hälso- och sjukvårdsinsatser ska tillgodoses",
        "how the health-care insatser are provided",
    ),
    _agreement_field(
        "split", "Fördelning av kostnader i kronor eller procent", "the split in kronor or percent"
    ),
    _agreement_field("follow_up", "Uppföljning", "follow-up"),
    DocumentField(
        key="economic_mandate",
        label="Parter med ekonomiskt mandat",
        label_en="people with a mandate to make economic decisions take part in / sign it",
        strength=Strength.SHALL,
        citation=cite(
            MANDATE,
            "Dialog om vårdinnehåll och insatser som innebär kostnader för den andra "
            "huvudmannen ska ske i dialog mellan parter med ekonomiskt mandat.",
            note=(
                "Strength: SHALL, because the text says 'ska'. The rule binds the dialogue that "
                "puts costs on the other party; the written cost agreement is that dialogue's "
                "outcome, so read (interpretation): it must show that people with an economic "
                "mandate on both sides took part in or signed it. b adds that each party shall "
                "make sure 'var mandat för att fatta beslut finns'. Göteborg words the same "
                "point as 'viktigt' (a should); here it is a shall."
            ),
        ),
    ),
)


# -- cost policy -----------------------------------------------------------------------------

SCHABLON = Schablon(
    region=Fraction(numerator=1, denominator=3),
    municipality=Fraction(numerator=2, denominator=3),
    condition=(
        "the split of responsibility is unclear and the HVB performs both social-service and "
        "health-care insatser; to be used restrictively, the individual's needs govern"
    ),
    requires_reason=True,
    strength=Strength.MAY,
    citation=cite_ok(
        "3.5 Överenskommelse om kostnadsansvar",
        "VGR betalar en tredjedel och kommunen två tredjedelar av placeringskostnaden",
        note=(
            "The routine allows the schablon 'enligt överenskommelsen' (c) without giving its "
            "figures; they come from the ÖK 3.5 it implements."
        ),
    ),
    restriction=Rule(
        text=(
            "The schablon shall be used restrictively: the individual's needs govern the cost "
            "responsibility, so a cost agreement using it states why the split is unclear."
        ),
        strength=Strength.SHALL,
        citation=cite(
            C,
            "Denna schablon ska användas restriktivt. Huvudregeln är att individens behov styr "
            "kostnadsansvaret.",
            note=(
                "The text names no procedure; asking for a written reason is how the project "
                "makes 'restriktivt' checkable (an interpretation)."
            ),
        ),
    ),
)

COST_POLICY = CostPolicy(
    main_rule=Rule(
        text=(
            "Responsibility for an insats carries the economic responsibility with it: each "
            "party pays for the insatser it is responsible for; the individual's needs govern."
        ),
        strength=Strength.SHALL,
        citation=cite(
            MANDATE,
            "Med ansvar för insatser följer även ekonomiskt ansvar.",
            note="With c: 'Huvudregeln är att individens behov styr kostnadsansvaret.'",
        ),
    ),
    schablon=SCHABLON,
    units=("percent", "amount"),
    units_rule=Rule(
        text="The written agreement states the split of costs in kronor or percent.",
        strength=Strength.SHALL,
        citation=cite(B, "Fördelning av kostnader i kronor eller procent"),
    ),
    acute=AcuteRule(
        deadline=ACUTE_COST_AGREEMENT.name,
        cost_stays_with_placing_party=Rule(
            text=(
                "Until the split of responsibility and cost is agreed, the placing party bears "
                "the cost."
            ),
            strength=Strength.SHALL,
            citation=cite(
                C,
                "Tills dess att ansvars- och kostnadsfördelningen är överenskommen ligger "
                "kostnaden kvar hos placerande huvudman",
            ),
        ),
        settle_by=Rule(
            text=(
                "For an acute placement that may lead to shared cost, a SIP should be made and "
                "the cost split settled at the latest 30 days after the placement started."
            ),
            strength=ACUTE_COST_AGREEMENT.strength,
            citation=ACUTE_COST_AGREEMENT.citation,
        ),
    ),
    retroactivity=RetroactivityPolicy(
        planned="placement_start",
        acute="placement_start",
        rule=Rule(
            text=(
                "The cost the placing party bore may be adjusted afterwards to the agreed "
                "split: an agreed split may reach back to the placement's start."
            ),
            strength=Strength.MAY,
            citation=cite(
                C,
                "kan i förekommande fall justeras i efterhand utifrån den överenskomna "
                "fördelningen",
                note=(
                    "The sentence stands under c (acute or unclear). Reading: it holds for every "
                    "placement, planned ones too, so an agreed split may reach back to the "
                    "placement's start."
                ),
            ),
        ),
        dispute_outcome=Rule(
            text=(
                "A dispute's outcome about a placement or its cost (section d) may adjust "
                "responsibility and/or cost afterwards from the day the insats started, at "
                "every level of the routine; the sub-regional steering group may do so for any "
                "dispute. Tier by tier, see the ladder."
            ),
            strength=Strength.MAY,
            citation=cite(
                D,
                "Detta kan innebära att ansvars- och eller kostnadsfördelning kan komma att "
                "justeras i efterhand från den dag insatsen påbörjats.",
                note="Also 5 Delregional nivå: 'justeras i efterhand från den dag insatsen "
                "påbörjats'.",
            ),
        ),
    ),
    prerequisites=(
        Rule(
            key="sip_before_placement",
            text=(
                "Shared cost for a placement requires (1) a SIP describing the individual's "
                "needs and wishes and each party's responsibility, whichever party initiates "
                "the placement."
            ),
            strength=Strength.SHALL,
            citation=cite(
                B,
                "ska kunna fördelas krävs följande: 1. En SIP, samordnad individuell plan, "
                "finns upprättad",
            ),
        ),
        Rule(
            key="cost_agreement_before_placement",
            text=(
                "Shared cost for a placement requires (2) a written agreement on cost between "
                "the parties, whichever party initiates the placement."
            ),
            strength=Strength.SHALL,
            citation=cite(
                B,
                "2. En överenskommelse om kostnadsansvar mellan huvudmännen. Detta gäller "
                "oavsett vem av huvudmännen som tar initiativ till placeringen",
            ),
        ),
        Rule(
            key="sip_participation",
            text="The parties concerned are obliged to take part in the SIP planning.",
            strength=Strength.SHALL,
            citation=cite(B, "Berörda parter har en skyldighet att delta i SIP-planeringen."),
        ),
        Rule(
            key="placement_in_county",
            text="If a placement is necessary, a placement within Västra Götaland is the first choice.",
            strength=Strength.SHOULD,
            citation=cite(
                A,
                "ska en placering inom Västra Götaland i första hand väljas",
                note="'i första hand' makes it a should: another choice is accepted with a "
                "warning.",
            ),
        ),
        Rule(
            key="no_promises",
            text=(
                "Staff should not promise individuals placements that may put costs on the "
                "other party."
            ),
            strength=Strength.SHOULD,
            citation=cite(
                A,
                "Det är viktigt att handläggare, behandlare, läkare och andra i enskilda möten "
                "inte lovar individer placeringsalternativ som innebär att kostnader kan "
                "tillfalla den andra huvudmannen.",
            ),
        ),
    ),
    agreement_fields=AGREEMENT_FIELDS,
    placing_parties=("municipality", "region"),
    placing_rule=Rule(
        text="The prerequisites hold whichever party initiates the placement.",
        strength=Strength.SHALL,
        citation=cite(
            B, "Detta gäller oavsett vem av huvudmännen som tar initiativ till placeringen"
        ),
    ),
    notes=(
        Rule(
            key="reduce_need",
            text="Both parties strive to reduce the need for placements.",
            strength=Strength.SHALL,
            citation=cite(A, "Båda huvudmännen ska sträva efter att minska behovet av placering"),
        ),
        Rule(
            key="resources_exhausted",
            text=(
                "Before a placement is raised, resources near the individual are exhausted and "
                "the individual's needs cannot be met otherwise."
            ),
            strength=Strength.SHALL,
            citation=cite(
                A,
                "Innan en placering aktualiseras ska resurser i närmiljön vara uttömda",
                note="With the next point: 'Den enskildes behov kan inte tillgodoses på annat "
                "sätt'.",
            ),
        ),
        Rule(
            key="own_performance",
            text=(
                "Each party decides itself whether its insatser are given in its own services "
                "or another provider is engaged."
            ),
            strength=Strength.MAY,
            citation=cite(
                COORDINATION,
                "Varje huvudman äger själv rätt att bestämma om insatser ska ges i egen regi "
                "eller om annan verksamhet ska anlitas.",
                note="The routine's own words for ÖK 3.5's 'Båda huvudmännen har rätt att själva "
                "utföra insatserna eller träffa avtal med annan part', which it restates.",
            ),
        ),
        Rule(
            key="schablon_use",
            text=(
                "The schablon may be used when the split of responsibility is unclear and the "
                "HVB performs both social-service and health-care insatser."
            ),
            strength=Strength.MAY,
            citation=cite(
                C,
                "En schablon kan enligt överenskommelsen användas i de fall då "
                "ansvarsfördelningen är oklar och då både socialtjänstinsatser och hälso- och "
                "sjukvårdsinsatser utförs av HVB.",
            ),
        ),
        Rule(
            key="redistribution_at_follow_up",
            text=(
                "At follow-up the SIP may be revised and responsibility and cost redistributed "
                "after a new assessment of the individual's condition, needs and wishes."
            ),
            strength=Strength.MAY,
            citation=cite(
                B,
                "ansvarsfördelning och kostnader kan komma att omfördelas efter förnyad bedömning",
            ),
        ),
        Rule(
            key="decision_mandate",
            text=(
                "Each party secures internal routines and makes known, in its own organisation "
                "and to the other party, where the mandate to decide lies."
            ),
            strength=Strength.SHALL,
            citation=cite(
                B,
                "varje huvudman behöver säkra interna rutiner för hur detta ska ske och "
                "säkerställa var mandat för att fatta beslut finns",
                note="'behöver' (needs to) read as a duty following from the prerequisites.",
            ),
        ),
        Rule(
            key="any_age",
            text="The placement rules apply to persons of any age.",
            strength=Strength.SHALL,
            citation=cite(
                "Personer med psykisk funktionsnedsättning och/eller missbruk/beroende",
                "Personer, oavsett ålder, med psykisk funktionsnedsättning och/eller "
                "missbruk/beroende",
            ),
        ),
    ),
)


# -- SIP before a placement (b: "Av SIP-en ska framgå") --------------------------------------


def _sip_field(key: str, label: str, label_en: str) -> DocumentField:
    return DocumentField(
        key=key,
        label=label,
        label_en=label_en,
        strength=Strength.SHALL,
        citation=cite(SIP_SHOWS, label),
    )


SIP_FIELDS = (
    DocumentField(
        key="needs",
        label="Individens behov",
        label_en="the individual's needs",
        strength=Strength.SHALL,
        citation=cite(
            f"{B}, 1.",
            "En SIP, samordnad individuell plan, finns upprättad där individens behov och "
            "önskemål finns beskrivna",
            note=(
                "b.1 requires a SIP in which the individual's needs and wishes are described: "
                "both are shall-fields, though the list 'Av SIP-en ska framgå' names only the "
                "wishes."
            ),
        ),
    ),
    _sip_field("goal", "Målsättning med placering", "goal of the placement"),
    _sip_field("wishes", "Individens önskemål", "the individual's wishes"),
    _sip_field(
        "responsibilities",
        "Respektive huvudmans ansvar för de vård- och stödinsatser som ska utföras",
        "each party's responsibility for the care and support insatser",
    ),
    _sip_field(
        "performers",
        "Om huvudmännen själva utför insatserna eller om de utförs av annan part",
        "whether the parties perform the insatser themselves or another party does",
    ),
    _sip_field(
        "school_occupation",
        "Hur sysselsättning/skola ska tillgodoses",
        "how occupation/school is provided",
    ),
    _sip_field("follow_up", "När uppföljning ska ske", "when follow-up happens"),
)

CONSENT = Rule(
    text="The individual must consent to the SIP.",
    strength=Strength.SHALL,
    citation=cite_ok(
        "3.7 Vårdplaneringen – Samordnad individuell plan, SIP",
        "Den enskilde måste då ge sitt samtycke till SIP.",
        note=(
            "The routine does not repeat it; it links the SIP guidelines and the ÖK, and builds "
            "the SIP on 'individens behov och önskemål'. Consent is also the law's condition "
            "(SoL 2 kap. 7 §, HSL 16 kap. 4 §)."
        ),
    ),
)


def _sip_requirements(context: SipContext) -> SipRequirements:
    return SipRequirements(
        context=context,
        fields=SIP_FIELDS,
        consent=CONSENT,
        equivalent_plan=None,
        notes=(
            Rule(
                text=(
                    "The SIP describes the individual's needs and wishes and each party's "
                    "responsibility for the different parts."
                ),
                strength=Strength.SHALL,
                citation=cite(
                    B,
                    "En SIP, samordnad individuell plan, finns upprättad där individens behov "
                    "och önskemål finns beskrivna och huvudmännens ansvar för de olika delarna "
                    "beskrivs.",
                    note=(
                        "The routine asks for a SIP; unlike ÖK 3.5 it does not allow 'eller "
                        "motsvarande' (an equivalent plan): read as requiring a SIP."
                    ),
                ),
            ),
        ),
        citation=cite(
            B,
            "Av SIP-en ska framgå",
            note=SCOPE_NOTE if context == "child_placement" else "",
        ),
    )


SIP_REQUIREMENTS: dict[str, SipRequirements] = {
    "placement": _sip_requirements("placement"),
    "child_placement": _sip_requirements("child_placement"),
}
