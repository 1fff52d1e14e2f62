"""Sections 4 "Vid oenighet" and 5 "Rutin för tvistehantering": the escalation ladder.

Line manager (30 days) -> local steering group (30 days to recommend) -> sub-regional steering
group (prepared by the Beredningsgrupp för tvister; 30 days, then directly on) -> VVG (the ÖK's
LiSA; prepares within 30 days). A *tvist* arises as soon as the parties disagree about who is
responsible (section 4), so every tier calls the case "tvist".

How far back an outcome reaches differs by tier: the sub-regional steering group may reach
back to the day the insats started for any dispute (its own words); at the local group and at
VVG only a disagreement under section d (a dispute about a placement or about cost) does; other
disputes have none at the local group and follow ÖK 4.3 at VVG; the line manager has none.
"""

from __future__ import annotations

from samverkan.models import (
    DisputeMatch,
    FormField,
    Ladder,
    Period,
    Retroactivity,
    Rule,
    Strength,
    Tier,
    TimeLimit,
)

from .documents import (
    DISPUTE,
    DISPUTE_PREPARATION,
    LOCAL_LEVEL,
    OK_DISPUTES,
    REGIONAL_LEVEL,
    ROUTINE_STEPS,
    SUB_REGIONAL_LEVEL,
    D,
    cite,
    cite_ok,
)

THIRTY_DAYS = Period(amount=30, unit="days")
CASE_LABEL = "tvist"
TVIST_DEFINED = cite(
    DISPUTE,
    "Om två parter inte kommer överens om vem som har ansvaret för insatser uppstår en tvist.",
    note="So the case is a 'tvist' at every tier, unlike the HSA where it is one only at step 3.",
)

SKYNDSAMT = "skyndsamt"

#: Quotes more than one rule rests on (cost.py cites the first two too).
ECONOMIC_MANDATE = (
    "Dialog om vårdinnehåll och insatser som innebär kostnader för den andra huvudmannen ska "
    "ske i dialog mellan parter med ekonomiskt mandat."
)
SECTION_D_ADJUSTMENT = (
    "Detta kan innebära att ansvars- och eller kostnadsfördelning kan komma att justeras i "
    "efterhand från den dag insatsen påbörjats."
)
LOCAL_GROUP_PURPOSE = (
    "Dialog i ledningsgruppen syftar till att ge parterna en rekommendation om hur tvisten ska "
    "lösas i det enskilda ärendet."
)

#: Section d covers disagreement "om ansvaret för insatserna i en SIP eller om
#: kostnadsfördelning vid en placering": a dispute linked to a placement, or about cost.
SECTION_D = DisputeMatch(subjects=("cost",), placement=True)

# d: such a disagreement is handled by the routine, and its outcome may reach back to the day
# the insats started, at whichever level it is settled.
PLACEMENT_RETROACTIVITY = Retroactivity(
    from_="insats_start",
    applies_to=SECTION_D,
    strength=Strength.MAY,
    citation=cite(
        D,
        SECTION_D_ADJUSTMENT,
        note=(
            "Section d covers disagreement 'om ansvaret för insatserna i en SIP eller om "
            "kostnadsfördelning vid en placering', read as a dispute linked to a placement or "
            "about cost (a reading); for those it holds at every level of the routine."
        ),
    ),
)


def _form_field(key: str, label: str, label_en: str, quote: str, note: str = "") -> FormField:
    return FormField(
        key=key,
        label=label,
        label_en=label_en,
        strength=Strength.SHALL,
        citation=cite(DISPUTE_PREPARATION, quote, note=note),
    )


_FIRST_FOUR = (
    "The sentence names the form's content ('används \"blankett för tvisteanmälan\" med …'); "
    "read as required, like the fields the next sentences say 'ska' be included."
)

#: The *blankett för tvisteanmälan* (Bilaga 2); the text lists what it contains.
DISPUTE_FORM = (
    _form_field(
        "case_summary",
        "Kort beskrivning av ärendet",
        "short description of the case",
        "med en kort beskrivning av ärendet",
        _FIRST_FOUR,
    ),
    _form_field("what_happened", "Vad som hänt", "what happened", "vad som hänt", _FIRST_FOUR),
    _form_field(
        "interpretations",
        "Huvudmännens olika tolkningar",
        "the parties' different interpretations",
        "huvudmännens olika tolkningar",
        _FIRST_FOUR,
    ),
    _form_field(
        "why_no_agreement",
        "Skälen till varför man inte kommer överens",
        "why the parties cannot agree",
        "samt skälen till varför man inte kommer överens",
        _FIRST_FOUR,
    ),
    _form_field(
        "local_group_handling",
        "Den lokala ledningsgruppens hantering av ärendet och varför man inte kunnat ge en "
        "rekommendation",
        "how the local steering group handled the case and why it could not give a recommendation",
        "Underlaget ska också innehålla den lokala ledningsgruppens hantering av ärendet och "
        "varför man inte kunnat ge en rekommendation.",
        "Where a party rejected the group's recommendation, the second half is answered with "
        "that (the two paths to this tier, see the ladder's notes).",
    ),
    _form_field(
        "temporary_solution",
        "Hur parterna tillfälligt löst situationen för den enskilde",
        "how the parties temporarily solved the individual's situation",
        "Även beskrivning av hur parterna tillfälligt löst situationen för den enskilde",
    ),
    _form_field(
        "consequences_for_individual",
        "Vilka konsekvenser tvisten får för den enskilde individen",
        "the consequences of the dispute for the individual",
        "vilka konsekvenser tvisten får för den enskilde individen ska beskrivas",
    ),
)

LINE_MANAGER = Tier(
    key="line_manager",
    name="Verksamhetsnivå – närmsta linjechef",
    name_en="Operational level – nearest line manager",
    case_label=CASE_LABEL,
    level="operational",
    body="Närmsta linjechef hos respektive huvudman",
    outcome="agreement",
    time_limit=TimeLimit(
        period=THIRTY_DAYS,
        starts="the day the disagreement was recorded",
        on_expiry="must_escalate",
        strength=Strength.SHALL,
        citation=cite(
            DISPUTE,
            "Om oenigheter och olika tolkning av lagar, avtal och överenskommelser kvarstår "
            "efter 30 dagar, och om parterna fortsatt inte kan komma överens, ska tvisten "
            "hanteras enligt nedanstående rutin.",
            note=(
                "The text does not say from when the 30 days run; read (interpretation): from "
                "the day the disagreement was recorded. Escalating earlier is allowed: the "
                "text asks for speed ('skyndsamt')."
            ),
        ),
    ),
    notes=(
        Rule(
            text=(
                "When staff at individual level cannot agree, the question is lifted to the "
                "nearest line manager."
            ),
            strength=Strength.SHALL,
            citation=cite(
                DISPUTE,
                "När man inte kommer överens på denna nivå, lyfts frågan till närmsta linjechef.",
                note="Present tense, read as the routine's required first step.",
            ),
        ),
        Rule(
            text="Solving the individual's situation shall happen without delay.",
            strength=Strength.SHALL,
            citation=cite(
                DISPUTE,
                "Frågan om att lösa situationen för den enskilde ska ske skyndsamt.",
            ),
        ),
        Rule(
            text=(
                "The main direction is that cooperation cases are solved in the line, by the "
                "services themselves."
            ),
            strength=Strength.SHOULD,
            citation=cite(
                DISPUTE,
                "Huvudinriktningen är dock att samverkansärenden löses i linjen, av "
                "verksamheterna själva.",
                note="A direction, not a duty: read as a should.",
            ),
        ),
    ),
    citation=TVIST_DEFINED,
)

LOCAL_STEERING_GROUP = Tier(
    key="local_steering_group",
    name="Lokal ledningsgrupp för närvårdssamverkan",
    name_en="Local steering group for local care cooperation (one per municipality)",
    case_label=CASE_LABEL,
    level="local",
    body="Lokal ledningsgrupp för närvårdssamverkan i kommunen",
    outcome="recommendation",
    time_limit=TimeLimit(
        period=THIRTY_DAYS,
        starts="the day the case reached the chair of the local steering group",
        on_expiry="respond_by",
        strength=Strength.SHALL,
        citation=cite(
            LOCAL_LEVEL,
            "Från det att tvisten inkommit till ordföranden har den lokala ledningsgruppen "
            "maximalt 30 dagar på sig att lämna rekommendation om hur tvisten ska lösas.",
            note="'maximalt 30 dagar' read as a binding limit.",
        ),
    ),
    pace=SKYNDSAMT,
    retroactive=(
        PLACEMENT_RETROACTIVITY,
        Retroactivity(
            from_="none",
            strength=Strength.SHALL,
            citation=cite(
                LOCAL_LEVEL,
                LOCAL_GROUP_PURPOSE,
                note=(
                    "The local level's text names no retroactivity; only a disagreement under "
                    "section d (a placement or its cost) reaches back to the day the insats "
                    "started. Other disputes' outcomes here apply from their own date (a "
                    "reading)."
                ),
            ),
        ),
    ),
    notes=(
        Rule(
            text="Each local steering group shall solve, without delay, the disputes not "
            "solved at the operational level.",
            strength=Strength.SHALL,
            citation=cite(
                LOCAL_LEVEL,
                "Lokal ledningsgrupp i varje kommun har i ansvar att skyndsamt lösa de tvister "
                "som uppstått och som inte lösts på verksamhetsnivå.",
            ),
        ),
        Rule(
            text=(
                "The parties involved shall inform the chair of the local steering group of the "
                "dispute without delay; the chair is responsible for the group handling it."
            ),
            strength=Strength.SHALL,
            citation=cite(
                LOCAL_LEVEL,
                "Vid uppkommen tvist har inblandade parter skyldighet att skyndsamt informera "
                "ordförande i lokal ledningsgrupp om ärendet",
            ),
        ),
        Rule(
            text=(
                "Each local steering group sets up how disputes are prepared, including time "
                "frames and mandates for decisions."
            ),
            strength=Strength.SHALL,
            citation=cite(
                LOCAL_LEVEL,
                "Detta förutsätter att varje lokal ledningsgrupp finner former för beredning av "
                "tvisteärenden som inkluderar tidsramar och mandat för beslut.",
                note=(
                    "'förutsätter' read as a duty of each local group. Its own time frames are "
                    "not in the seeds; the routine's 30 days bound them."
                ),
            ),
        ),
        Rule(
            text=(
                "After a dispute, the local steering group should identify and plan general "
                "measures (e.g. training) to prevent similar cases."
            ),
            strength=Strength.SHOULD,
            citation=cite(
                LOCAL_LEVEL,
                "Lokal ledningsgrupp bör efter uppkomna tvister identifiera och ev. planera för "
                "åtgärder på generell nivå",
            ),
        ),
    ),
    citation=cite(
        LOCAL_LEVEL,
        LOCAL_GROUP_PURPOSE,
    ),
)

SUB_REGIONAL_STEERING_GROUP = Tier(
    key="sub_regional_steering_group",
    name="Delregional styrgrupp för Närvårdssamverkan",
    name_en="Sub-regional steering group for local care cooperation",
    case_label=CASE_LABEL,
    level="sub_regional",
    body="Styrgrupp för Närvårdssamverkan Södra Älvsborg",
    preparer="Beredningsgrupp för tvister (supported by närvårdskontoret)",
    outcome="recommendation",
    time_limit=TimeLimit(
        period=THIRTY_DAYS,
        starts="the day the case was reported to the sub-regional steering group",
        on_expiry="goes_directly",
        strength=Strength.SHALL,
        citation=cite(
            REGIONAL_LEVEL,
            "Om en tvist inte kan lösas inom 30 dagar på delregional nivå hänvisas den direkt "
            "till VVG",
            note=(
                "The text does not say when the sub-regional 30 days start; read "
                "(interpretation): the day the local chair reported the case on the form."
            ),
        ),
    ),
    form=DISPUTE_FORM,
    pace=SKYNDSAMT,
    retroactive=(
        Retroactivity(
            from_="insats_start",
            strength=Strength.MAY,
            citation=cite(
                SUB_REGIONAL_LEVEL,
                "Rekommendationen kan komma att innebära att ansvars- och/eller "
                "kostnadsfördelning justeras i efterhand från den dag insatsen påbörjats.",
                note="Said of the sub-regional recommendation whatever the dispute's subject.",
            ),
        ),
    ),
    notes=(
        Rule(
            text="Sub-regional care cooperation shall handle, without delay, a case whose "
            "local recommendation was not accepted.",
            strength=Strength.SHALL,
            citation=cite(
                SUB_REGIONAL_LEVEL,
                "Delregional vårdsamverkan äger ansvar för att skyndsamt hantera ärendet när "
                "tvistelösning inte accepterats.",
            ),
        ),
        Rule(
            text=(
                "The chair of the local steering group reports the case to the sub-regional "
                "steering group on the special form (blankett för tvisteanmälan)."
            ),
            strength=Strength.SHALL,
            citation=cite(
                SUB_REGIONAL_LEVEL,
                "Ordförande i lokal ledningsgrupp ansvarar för att ärendet kommuniceras till "
                "styrgruppen.",
            ),
        ),
        Rule(
            text=(
                "The preparation group is called as soon as a dispute arrives and shall work "
                "without delay on a proposal for the steering group."
            ),
            strength=Strength.SHALL,
            citation=cite(
                DISPUTE_PREPARATION,
                "Beredningsgruppen sammankallas så snart ett tvisteärende inkommit och ska då "
                "arbeta skyndsamt",
            ),
        ),
    ),
    citation=cite(
        SUB_REGIONAL_LEVEL,
        "Styrgrupp för Närvårdssamverkan är den instans som ger rekommendation till "
        "inblandade parter.",
    ),
)

VVG = Tier(
    key="vvg",
    name="Vårdsamverkan Västra Götaland (VVG)",
    name_en="County-wide care cooperation, Västra Götaland",
    aka=("LiSA", "Ledning i samverkan"),
    case_label=CASE_LABEL,
    level="regional",
    body="Vårdsamverkan Västra Götaland",
    outcome="recommendation",
    time_limit=TimeLimit(
        period=THIRTY_DAYS,
        starts="the day the case reached VVG",
        on_expiry="prepare_by",
        strength=Strength.SHALL,
        citation=cite(
            REGIONAL_LEVEL,
            "hänvisas den direkt till VVG som ska bereda frågan inom 30 dagar.",
            note=(
                "The 30 days are for preparing the case ('bereda'); the routine sets no date "
                "for VVG's answer."
            ),
        ),
    ),
    retroactive=(
        PLACEMENT_RETROACTIVITY,
        Retroactivity(
            from_="joint_split",
            strength=Strength.MAY,
            citation=cite_ok(
                OK_DISPUTES,
                "Den rekommendation som utfärdas kan innebära ansvarsjustering i efterhand från "
                "den dag gemensam ansvarsfördelning finns.",
                note=(
                    "The routine names no retroactivity at VVG for a dispute outside section d. "
                    "VVG is the ÖK's LiSA, so ÖK 4.3 applies: back to the day a joint (e.g. "
                    "temporary) split of responsibility existed (a reading)."
                ),
            ),
        ),
    ),
    notes=(
        Rule(
            text=(
                "A dispute of principle may be lifted to VVG; 'of principle' means any dispute "
                "prepared under this routine and still not solved, so there is no separate test."
            ),
            strength=Strength.MAY,
            citation=cite(
                REGIONAL_LEVEL,
                "Med principiell karaktär menas här ärenden av tvistekaraktär som beretts enligt "
                "denna rutin, men ändå inte lösts.",
            ),
        ),
        Rule(
            text="VVG issues a recommendation on how the case is handled.",
            strength=Strength.SHALL,
            citation=cite_ok(
                OK_DISPUTES,
                "LiSA som utfärdar rekommendation om hantering av ärendet.",
                note=(
                    "The routine does not say what VVG gives; the ÖK's LiSA (replaced by VVG "
                    "2017-01-01, a fact from outside the seeds) issues a recommendation."
                ),
            ),
        ),
    ),
    citation=cite(
        REGIONAL_LEVEL,
        "Enligt hälso- och sjukvårdsavtal kan tvist av principiell karaktär lyftas till VVG.",
    ),
)

DEFAULT_LADDER = Ladder(
    kind="default",
    name="Rutin för tvistehantering, Närvårdssamverkan Södra Älvsborg",
    subjects=("responsibility", "cost", "interpretation", "deviation"),
    tiers=(LINE_MANAGER, LOCAL_STEERING_GROUP, SUB_REGIONAL_STEERING_GROUP, VVG),
    temporary_arrangement=Rule(
        text=(
            "The individual's care shall be secured whether or not the parties agree; they "
            "shall at once agree a temporary split of responsibility while awaiting a lasting "
            "solution or recommendation."
        ),
        strength=Strength.SHALL,
        citation=cite(
            LOCAL_LEVEL,
            "Parterna har ett gemensamt ansvar att omgående komma överens om tillfällig "
            "ansvarsfördelning i väntan på långsiktig lösning/rekommendation från lokal "
            "ledningsgrupp.",
            note="With: 'Patientens vård och omsorg ska säkerställas oavsett om parterna är "
            "överens om kostnadsfördelning eller inte.'",
        ),
    ),
    notes=(
        Rule(
            text=(
                "Dialogue about care content and insatser that bring costs to the other party "
                "shall take place between people with an economic mandate; each party makes "
                "sure of its internal routines and delegations."
            ),
            strength=Strength.SHALL,
            citation=cite(
                DISPUTE,
                ECONOMIC_MANDATE,
            ),
        ),
        Rule(
            text="Who holds the mandate should be known in both parties' organisations.",
            strength=Strength.SHOULD,
            citation=cite(
                DISPUTE,
                "Vem som har mandatet bör vara bekantgjort i både den egna och motpartens "
                "organisation.",
            ),
        ),
        Rule(
            text=(
                "Responsibility for an insats carries the economic responsibility with it; the "
                "parties shall agree who is responsible for each insats."
            ),
            strength=Strength.SHALL,
            citation=cite(
                DISPUTE,
                "Parterna ska komma överens om vem som har ansvar för de olika insatserna. Med "
                "ansvar för insatser följer även ekonomiskt ansvar.",
            ),
        ),
        Rule(
            text=(
                "Two paths lead to the sub-regional steering group: a party does not accept the "
                "local group's recommendation, or the local group could not give one (its 30 "
                "days ran out). The case records which path was taken."
            ),
            strength=Strength.SHALL,
            citation=cite(
                SUB_REGIONAL_LEVEL,
                "Om den lokala ledningsgruppens rekommendation inte accepteras av endera eller "
                "båda parterna rapporteras ärendet till delregional styrgrupp",
                note=(
                    "The second path is read from the form, which asks 'varför man inte kunnat "
                    "ge en rekommendation' (Beredningsgrupp för tvister): an interpretation."
                ),
            ),
        ),
        Rule(
            text=(
                "Disagreement about responsibility in a SIP or about the cost split of a "
                "placement is handled by this routine."
            ),
            strength=Strength.SHALL,
            citation=cite(
                D,
                "hanteras oenigheten enligt avsnittet Rutin för tvistehantering",
            ),
        ),
    ),
    citation=cite(
        ROUTINE_STEPS,
        "ska tvisten hanteras enligt nedanstående rutin",
        note=(
            "Subjects: responsibility and cost (4, d), interpretation ('olika tolkning av lagar, "
            "avtal och överenskommelser', 4). Deviations are named under 4 'Vid oenighet'; one "
            "the parties cannot settle becomes a disagreement handled here (interpretation)."
        ),
    ),
)

LADDERS = [DEFAULT_LADDER]
