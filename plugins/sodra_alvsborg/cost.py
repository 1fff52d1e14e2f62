"""The cost of a placement, in the placement part ("Personer med psykisk funktionsnedsättning
och/eller missbruk/beroende"): a. starting points, b. prerequisites for shared cost and what the
written agreement shows, c. acute placements and the schablon, d. disagreement about a placement;
with 4 "Vad är en tvist?" (cost follows responsibility) and 2 "Samordning är grunden".
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
    Strength,
)

from .deadlines import ACUTE_COST_AGREEMENT
from .documents import COORDINATION, DISPUTE, OK_COST, PLACEMENTS, A, B, C, D, cite, cite_ok, listed
from .ladders import ECONOMIC_MANDATE, SECTION_D_ADJUSTMENT

AGREEMENT_SHOWS = f"{B}: Av den skriftliga överenskommelsen ska framgå"


# -- the written cost agreement (b: "Av den skriftliga överenskommelsen ska framgå") --------


def _agreement_field(key: str, label: str, label_en: str) -> DocumentField:
    return listed(AGREEMENT_SHOWS, key, label, label_en)


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
            DISPUTE,
            ECONOMIC_MANDATE,
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
        OK_COST,
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
            DISPUTE,
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
                SECTION_D_ADJUSTMENT,
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
                PLACEMENTS,
                "Personer, oavsett ålder, med psykisk funktionsnedsättning och/eller "
                "missbruk/beroende",
            ),
        ),
    ),
)
