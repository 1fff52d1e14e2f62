"""Disputes (12.2 Tvist på regional nivå, 12.3 Tvist på lokal nivå) and the rule that the
individual's insatser are secured meanwhile (Kostnadsansvar, last paragraph).

No tier has a number of days: the text gives no time limits. The local ladder comes first
(the default: disputes about cost and responsibility splits in individual cases).
"""

from __future__ import annotations

from samverkan.models import FormField, Ladder, Rule, Strength, Tier

from .documents import COST, LOCAL_DISPUTE, REGIONAL_DISPUTE, REVISION, cite

COUNTY_NETWORK = "Länschefsnätverket för förvaltningschefer"
STEERING_GROUP = "Styrgruppen för Länschefsnätverket för förvaltningschefer"
WELFARE_COUNCIL = "Välfärdsrådet"
PRESIDIUM = "Presidiet för Välfärdsrådet"
WELFARE_COUNCIL_NOTE = (
    "Välfärdsrådet is the political cooperation body of Region Dalarna and the municipalities "
    "(outside the text; the text has its chair and vice-chair sign the agreement)."
)

#: 12.2: how a regional dispute is raised (a form field and a tier rule rest on it).
NOTICE_IN_ADVANCE = (
    "Påtalad brist/er aviseras genom kontakt med Styrgruppen för Länschefsnätverket minst en "
    "månad (1) i förväg och ska sedan skriftligen tillställas Styrgruppen för "
    "Länschefsnätverket."
)

# -- Kostnadsansvar, last paragraph: while the split cannot be agreed ----------------------

TEMPORARY_ARRANGEMENT = Rule(
    text=(
        "If the split cannot be agreed, each party on its own secures the insatser the "
        "individual needs while it is being settled: the region first by referral to BUP or "
        "other care; exceptionally separate contracts with the HVB/SiS."
    ),
    strength=Strength.SHALL,
    citation=cite(
        COST,
        "Om kostnadsfördelningen inte kan överenskommas är det respektive huvudmans ansvar att "
        "säkerställa att individen får de insatser som behövs under tiden den fastställs.",
        note=(
            "Unlike the VGR texts, no joint temporary split is agreed: a dispute records how "
            "each party secures its insatser."
        ),
    ),
)

TEMPORARY_NOTES = (
    Rule(
        text="The region meets the need for health care first by referral to BUP or other care.",
        strength=Strength.SHOULD,
        citation=cite(
            COST,
            "Regionen kommer i första hand tillgodose behovet av hälso- och sjukvård genom "
            "remiss till aktuellt BUP/annan sjukvård.",
        ),
    ),
    Rule(
        text=(
            "Exceptionally, where referral is not possible and external care is needed, region "
            "and municipality make separate contracts with the HVB/SiS."
        ),
        strength=Strength.SHALL,
        citation=cite(
            COST,
            "Vid undantagsfall där remiss ej är möjligt och extern vård krävs, upprättar Region "
            "och Kommun separata avtal med HVB/SiS.",
            note="Indicative 'upprättar' read as what the parties do in that case.",
        ),
    ),
)

# -- 12.3 Tvist på lokal nivå ---------------------------------------------------------------

LOCAL = Ladder(
    kind="local",
    name="Tvist på lokal nivå",
    subjects=("responsibility", "cost", "deviation"),
    tiers=(
        Tier(
            key="senior_officials",
            name="Tjänsteledningen från regionen och kommunen inom berörd kommun",
            name_en="Senior officials of region and municipality within the municipality",
            case_label="tvist",
            level="local",
            body="Tjänsteledningen från regionen och kommunen inom berörd kommun",
            outcome="agreement",
            notes=(
                Rule(
                    text="Handled without the individual taking part.",
                    strength=Strength.SHALL,
                    citation=cite(
                        LOCAL_DISPUTE,
                        "utan deltagande av individen",
                        note="Indicative 'hanteras' read as binding.",
                    ),
                ),
                Rule(
                    text=(
                        "Handled under each party's routines and delegation orders and any "
                        "local agreement."
                    ),
                    strength=Strength.SHALL,
                    citation=cite(
                        LOCAL_DISPUTE,
                        "Ärenden angående tvister hanteras enligt respektive verksamhets "
                        "rutiner och delegationsordningar",
                    ),
                ),
                Rule(
                    text="The solution and decision should be documented in each party's system.",
                    strength=Strength.SHOULD,
                    citation=cite(
                        LOCAL_DISPUTE,
                        "Lösning och beslut av tvisten bör dokumenteras i respektive "
                        "verksamhets dokumentationssystem.",
                    ),
                ),
            ),
            citation=cite(
                LOCAL_DISPUTE,
                "Lokala tvister hanteras i första hand av tjänsteledningen från regionen och "
                "kommunen inom berörd kommun",
                note="Outcome 'agreement': the two parties' senior officials settle it together.",
            ),
        ),
        Tier(
            key="county_network",
            name="Länschefsnätverket för förvaltningschefer (Länschefsnätverket)",
            name_en="County network of heads of administration",
            case_label="tvist",
            level="regional",
            body=COUNTY_NETWORK,
            preparer=STEERING_GROUP,
            outcome="decision",
            notes=(
                Rule(
                    text=(
                        "The Styrgrupp prepares the case and proposes a decision; "
                        "Länschefsnätverket decides."
                    ),
                    strength=Strength.SHALL,
                    citation=cite(
                        LOCAL_DISPUTE,
                        "Styrgruppen för Länschefsnätverket för förvaltningschefer ansvarar för "
                        "att bereda ärendet och lämna förslag till beslut av lösning av tvisten.",
                        note=(
                            "Interpretation: 12.3 names no decider. By analogy with 12.2 "
                            "('som Länschefsnätverket tar ställning till och fattar beslut om') "
                            "we read it as Länschefsnätverket's decision."
                        ),
                    ),
                ),
            ),
            citation=cite(
                LOCAL_DISPUTE,
                "Om de lokala parterna alltjämt inte kommer överens förs ärendet vidare till "
                "Länschefsnätverket för förvaltningschefer (Länschefsnätverket).",
            ),
        ),
        Tier(
            key="welfare_council",
            name="Välfärdsrådet",
            name_en="Welfare Council",
            case_label="tvist",
            level="political",
            body=WELFARE_COUNCIL,
            preparer=PRESIDIUM,
            outcome="recommendation",
            citation=cite(
                LOCAL_DISPUTE,
                "Om ärendet inte uppklaras inom ramen Länschefsnätverket, förs ärendet till "
                "Välfärdsrådet. Presidiet för Välfärdsrådet bereder ärendet och lämnar förslag "
                "till rekommendation om tvistens lösning.",
                note=WELFARE_COUNCIL_NOTE,
            ),
        ),
        Tier(
            key="general_court",
            name="Allmän domstol",
            name_en="General court",
            case_label="tvist",
            level="court",
            body="allmän domstol",
            outcome="judgment",
            notes=(
                Rule(
                    text=(
                        "If the municipality and the region still do not agree, the dispute "
                        "may be decided in general court."
                    ),
                    strength=Strength.MAY,
                    citation=cite(
                        LOCAL_DISPUTE,
                        "får tvisten avgöras i allmän domstol",
                    ),
                ),
            ),
            citation=cite(
                LOCAL_DISPUTE,
                "Om den berörda kommunen och regionen fortsatt inte når enighet i ärendet får "
                "tvisten avgöras i allmän domstol.",
            ),
        ),
    ),
    temporary_arrangement=TEMPORARY_ARRANGEMENT,
    temporary_arrangement_parts=("region", "municipality"),
    notes=(
        *TEMPORARY_NOTES,
        Rule(
            text=(
                "Local disputes may arise from Synergi cases, local agreements or other "
                "cooperation agreements, e.g. on cost and responsibility splits."
            ),
            strength=Strength.MAY,
            citation=cite(
                LOCAL_DISPUTE,
                "Tvister på lokal nivå kan uppkomma med anledning av Synergiärenden, utifrån "
                "lokala överenskommelser eller övriga samverkansavtal om t.ex. kostnads- och "
                "ansvarsfördelning",
            ),
        ),
    ),
    citation=cite(
        LOCAL_DISPUTE,
        "Tvist på lokal nivå",
        note=(
            "No tier has a time limit. Reading: 12.3 names disputes 'om t.ex. kostnads- och "
            "ansvarsfördelning' and those arising from Synergi cases, so disputes about cost, "
            "responsibility and deviations are routed here; the routing of subjects to 12.2 or "
            "12.3 is the project's reading, not the text's."
        ),
    ),
)

# -- 12.2 Tvist på regional nivå ------------------------------------------------------------

REGIONAL = Ladder(
    kind="regional",
    name="Tvist på regional nivå",
    subjects=("interpretation",),
    tiers=(
        Tier(
            key="county_network",
            name="Länschefsnätverket för förvaltningschefer (Länschefsnätverket)",
            name_en="County network of heads of administration",
            aka=("Länsnätverket för förvaltningschefer",),
            case_label="tvist",
            level="regional",
            body=COUNTY_NETWORK,
            preparer=STEERING_GROUP,
            outcome="decision",
            form=(
                FormField(
                    key="notice_given_on",
                    label="Datum då bristen aviserades till Styrgruppen för Länschefsnätverket",
                    label_en="the day the Styrgrupp was notified (at least a month before the "
                    "written submission)",
                    strength=Strength.SHALL,
                    type="date",
                    citation=cite(
                        REGIONAL_DISPUTE,
                        NOTICE_IN_ADVANCE,
                        note=(
                            "The text does not say before what the month runs; read: the "
                            "written submission comes at least a month after the notice, and "
                            "the service shows that day as an earliest date, never an overdue."
                        ),
                    ),
                ),
            ),
            notes=(
                Rule(
                    text=(
                        "Länschefsnätverket may propose minor revisions, additions or changes "
                        "that do not affect the agreement's main content."
                    ),
                    strength=Strength.MAY,
                    citation=cite(
                        REGIONAL_DISPUTE,
                        "Länschefsnätverket kan eventuellt föreslå revidering, tillägg och/eller "
                        "ändring av överenskommelsen av enklare innebörd",
                    ),
                ),
                Rule(
                    text=(
                        "Under section 15 Länschefsnätverket may itself initiate and decide "
                        "minor changes (e.g. wording, changes in law or national guidelines)."
                    ),
                    strength=Strength.MAY,
                    citation=cite(
                        REVISION,
                        "Länschefnätverket kan initiera och fatta beslut om ändringar och tillägg "
                        "av enklare innebörd till överenskommelsen",
                    ),
                ),
                Rule(
                    text=(
                        "Such changes are documented and attached to the agreement, and "
                        "Välfärdsrådet is informed of them."
                    ),
                    strength=Strength.SHALL,
                    citation=cite(
                        REVISION,
                        "Sådana ändringar ska dokumenteras och biläggas överenskommelsen. "
                        "Välfärdsrådet skall informeras om sådana ändringar.",
                    ),
                ),
            ),
            citation=cite(
                REGIONAL_DISPUTE,
                "Styrgruppen bereder ärendet och lämnar förslag till beslut av lösning av "
                "tvisten som Länschefsnätverket tar ställning till och fattar beslut om.",
                note=(
                    "The text first calls the body 'Länsnätverket för förvaltningschefer', "
                    "then 'Länschefsnätverket': one body."
                ),
            ),
        ),
        Tier(
            key="welfare_council",
            name="Välfärdsrådet",
            name_en="Welfare Council",
            case_label="tvist",
            level="political",
            body=WELFARE_COUNCIL,
            preparer=PRESIDIUM,
            outcome="recommendation",
            notes=(
                Rule(
                    text=(
                        "Välfärdsrådet may commission Länschefsnätverket to revise, add to or "
                        "change the agreement where the dispute arose."
                    ),
                    strength=Strength.MAY,
                    citation=cite(
                        REGIONAL_DISPUTE,
                        "Välfärdsrådet kan också ge Länschefsnätverket i uppdrag att genomföra "
                        "en revidering, tillägg och/eller ändring av överenskommelsen",
                    ),
                ),
                Rule(
                    text=(
                        "If Välfärdsrådet still finds no common view, it may decide during the "
                        "term that the whole agreement is renegotiated, and commission "
                        "Länschefsnätverket to negotiate a new one."
                    ),
                    strength=Strength.MAY,
                    citation=cite(
                        REGIONAL_DISPUTE,
                        "kan Välfärdsrådet under pågående giltighetstid besluta om att "
                        "omförhandling ska ske av överenskommelsen om ansvarsfördelning i sin "
                        "helhet",
                    ),
                ),
            ),
            citation=cite(
                REGIONAL_DISPUTE,
                "Presidiet för Välfärdsrådet bereder ärendet och lämnar förslag till "
                "rekommendation om lösning av tvisten som Välfärdsrådet tar ställning till och "
                "fattar beslut om.",
                note=(
                    "Välfärdsrådet decides, and what it decides is a recommendation to the "
                    "parties (as in Ikraftträdande: 'Välfärdsrådet lämnar beslut om "
                    "rekommendation'), so the outcome is recorded as 'recommendation'. "
                    + WELFARE_COUNCIL_NOTE
                ),
            ),
        ),
    ),
    temporary_arrangement=TEMPORARY_ARRANGEMENT,
    temporary_arrangement_parts=("region", "municipality"),
    prerequisites=(
        Rule(
            text=(
                "The party gives notice of the shortcoming to the Styrgrupp för "
                "Länschefsnätverket at least one month in advance, and then submits it in "
                "writing to the Styrgrupp."
            ),
            strength=Strength.SHALL,
            citation=cite(
                REGIONAL_DISPUTE,
                NOTICE_IN_ADVANCE,
                note=(
                    "The text does not say before what the month runs: record the notice "
                    "date and the written submission date (deadline 'regional_notice')."
                ),
            ),
        ),
    ),
    notes=(
        Rule(
            text=(
                "Either party may, during the agreement's term, point out another party's "
                "shortcomings in complying with this agreement."
            ),
            strength=Strength.MAY,
            citation=cite(
                REGIONAL_DISPUTE,
                "Endera part kan under pågående avtalstid påtala brister i följsamhet av denna "
                "regionala överenskommelse om ansvarsfördelning av annan part.",
            ),
        ),
        *TEMPORARY_NOTES,
    ),
    citation=cite(
        REGIONAL_DISPUTE,
        "Tvist med anledning av denna regionala överenskommelse om ansvarsfördelning hanteras "
        "i första hand av Länsnätverket för förvaltningschefer.",
        note=(
            "No tier has a time limit. Reading: 12.2 is about a party's 'brister i följsamhet' "
            "of this agreement, so disputes about its interpretation and compliance are routed "
            "here; the routing of subjects to 12.2 or 12.3 is the project's reading, not the "
            "text's."
        ),
    ),
)

LADDERS = [LOCAL, REGIONAL]
