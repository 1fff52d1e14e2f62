"""SIP: ÖK 3.7 (in general) and ÖK 3.5 Gemensam planering (before a placement)."""

from __future__ import annotations

from samverkan.models import DocumentField, Rule, SipContext, SipRequirements, Strength

from ..documents import OK_PLANNING, OK_RESPONSIBILITY, OK_SIP, cite_ok

CONTENT = f"{OK_SIP}: Planen ska innehålla"
DESCRIBED = f"{OK_PLANNING}: Vid placering ska särskilt beskrivas"

CONSENT_QUOTE = "Den enskilde måste då ge sitt samtycke till SIP."
#: ÖK 3.5 asks for a SIP or an equivalent plan before a placement (cost.py cites it too).
PLANNING_BEFORE_PLACEMENT = cite_ok(
    OK_PLANNING,
    "Inför en placering där båda huvudmännen är delaktiga, ska en samordnad individuell plan "
    "eller motsvarande upprättas där ansvarsfördelningen tydliggörs.",
)

CONSENT = Rule(
    text="The individual must consent to the SIP.",
    strength=Strength.SHALL,
    citation=cite_ok(OK_SIP, CONSENT_QUOTE),
)


def _sip_field(key: str, label: str, label_en: str, clause: str, quote: str) -> DocumentField:
    return DocumentField(
        key=key,
        label=label,
        label_en=label_en,
        strength=Strength.SHALL,
        citation=cite_ok(clause, quote),
    )


GENERAL = SipRequirements(
    context="general",
    fields=(
        _sip_field(
            "needs",
            "Insatser den enskilde behöver",
            "the insatser the individual needs",
            CONTENT,
            "Insatser den enskilde behöver.",
        ),
        _sip_field(
            "responsibilities",
            "Huvudmännens ansvar",
            "the parties' responsibilities",
            CONTENT,
            "Huvudmännens ansvar.",
        ),
        _sip_field(
            "others_measures",
            "Vilka åtgärder som vidtas av någon annan än kommunen och landstinget",
            "measures taken by anyone other than municipality and region",
            CONTENT,
            "Vilka åtgärder som vidtas av någon annan än kommunen och landstinget.",
        ),
        _sip_field(
            "overall_responsibility",
            "Vem av huvudmännen som har det övergripande ansvaret för planen",
            "which party has overall responsibility for the plan",
            CONTENT,
            "Vem av huvudmännen som har det övergripande ansvaret för planen.",
        ),
    ),
    consent=CONSENT,
    notes=(
        Rule(
            text="A SIP is drawn up for people who need insatser from both social services "
            "and health care, if either party judges it needed.",
            strength=Strength.SHALL,
            citation=cite_ok(
                OK_SIP,
                "En samordnad individuell plan, SIP, upprättas för personer som behöver "
                "insatser från både socialtjänst och hälso- och sjukvård",
            ),
        ),
        Rule(
            text="The individual, next of kin or the parties' staff may take the initiative.",
            strength=Strength.MAY,
            citation=cite_ok(
                OK_SIP,
                "Initiativ till SIP kan tas av den enskilde, närstående eller av personal "
                "inom parternas verksamheter.",
            ),
        ),
        Rule(
            text="SIPs are drawn up and followed up by the guidelines adopted by VGR and VästKom.",
            strength=Strength.SHALL,
            citation=cite_ok(
                OK_SIP,
                "Upprättande och uppföljning av SIP ska ske enligt de riktlinjer som antagits "
                "av Västra Götalandsregionen och Västkom.",
            ),
        ),
    ),
    citation=cite_ok(OK_SIP, "Planen ska innehålla"),
)

PLACEMENT_CONSENT = Rule(
    text="The individual must consent to the SIP.",
    strength=Strength.SHALL,
    citation=cite_ok(
        OK_SIP,
        CONSENT_QUOTE,
        note="3.5 names no consent for the plan before a placement; read: 3.7's consent "
        "applies to it (interpretation), as to every SIP (ÖK 2.3: 'om den enskilde samtycker "
        "till att den upprättas').",
    ),
)

EQUIVALENT_PLAN = Rule(
    text="Instead of a SIP the parties may draw up an equivalent plan that makes the split of "
    "responsibility clear.",
    strength=Strength.MAY,
    citation=cite_ok(OK_PLANNING, "ska en samordnad individuell plan eller motsvarande upprättas"),
)

PLACEMENT = SipRequirements(
    context="placement",
    fields=(
        _sip_field(
            "goal",
            "målsättning med placeringen",
            "goal of the placement",
            DESCRIBED,
            "målsättning med placeringen.",
        ),
        _sip_field(
            "wishes",
            "individens önskemål",
            "the individual's wishes",
            DESCRIBED,
            "individens önskemål.",
        ),
        _sip_field(
            "responsibilities",
            "respektive huvudmans och parts ansvar för de vård- och stödinsatser som ska utföras",
            "each party's responsibility for the care and support insatser",
            DESCRIBED,
            "respektive huvudmans och parts ansvar för de vård- och stödinsatser som ska utföras.",
        ),
        _sip_field(
            "performers",
            "om huvudmännen själva utför insatsen eller om de utförs av annan part",
            "whether the parties perform the insatser themselves or another party does",
            DESCRIBED,
            "om huvudmännen själva utför insatsen eller om de utförs av annan part.",
        ),
        _sip_field(
            "school_occupation",
            "hur skola/sysselsättning tillgodoses",
            "how school/occupation is provided",
            DESCRIBED,
            "hur skola/sysselsättning tillgodoses",
        ),
    ),
    consent=PLACEMENT_CONSENT,
    equivalent_plan=EQUIVALENT_PLAN,
    notes=(
        Rule(
            text="When children are placed, their health and schooling are the most important "
            "factors to consider.",
            strength=Strength.SHOULD,
            citation=cite_ok(
                OK_RESPONSIBILITY,
                "Vid placering av barn är barnens hälsa och skolgång de enskilt viktigaste "
                "faktorerna att ta hänsyn till.",
                note="Worded as a statement, read as a should.",
            ),
        ),
    ),
    citation=PLANNING_BEFORE_PLACEMENT,
)

SIP_REQUIREMENTS: dict[SipContext, SipRequirements] = {
    "general": GENERAL,
    "placement": PLACEMENT,
}
