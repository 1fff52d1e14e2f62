"""What the SIP must show before a child's placement ("Förutsättningar", SIP (1))."""

from __future__ import annotations

from samverkan.models import DocumentField, Rule, SipContext, SipRequirements, Strength

from .documents import CHECKLIST, PREREQUISITES, cite, cite_ok

SIP_HEADING = "Av den samordnade individuella planen, SIP (1) ska framgå:"


def _field(key: str, label: str, label_en: str) -> DocumentField:
    return DocumentField(
        key=key,
        label=label,
        label_en=label_en,
        strength=Strength.SHALL,
        citation=cite(f"{PREREQUISITES}: {SIP_HEADING}", f"{label}."),
    )


CHILD_PLACEMENT = SipRequirements(
    context="child_placement",
    fields=(
        _field("goal", "Målsättningen med placeringen", "goal of the placement"),
        _field("wishes", "Individens önskemål", "the individual's wishes"),
        _field(
            "responsibilities",
            "Respektive huvudmans ansvar för de vård- och stödinsatser som ska utföras",
            "each party's responsibility for the care and support insatser",
        ),
        _field(
            "performers",
            "Om huvudmännen själva utför insatserna eller om de utförs av annan part",
            "whether the parties perform the insatser themselves or another party does",
        ),
        _field(
            "school_occupation",
            "Hur skola/sysselsättning ska tillgodoses",
            "how school/occupation is provided",
        ),
        _field(
            "overall_responsibility",
            "Vem av huvudmännen som har det övergripande ansvaret för planen",
            "which party has overall responsibility for the plan",
        ),
    ),
    consent=Rule(
        text="The individual consents to the SIP.",
        strength=Strength.SHALL,
        citation=cite_ok(
            "3.7 Vårdplaneringen – Samordnad individuell plan, SIP",
            "Den enskilde måste då ge sitt samtycke till SIP.",
            note="The guidance names no consent rule; the ÖK it implements does.",
        ),
    ),
    equivalent_plan=None,
    notes=(
        Rule(
            text="The individual is offered to take part in making and following up the SIP.",
            strength=Strength.SHALL,
            citation=cite(
                PREREQUISITES,
                "den enskilde ska erbjudas att vara med i framtagandet och uppföljningen av SIP",
            ),
        ),
        Rule(
            text="The SIP, including how school/occupation is provided, follows the SIP template.",
            strength=Strength.SHOULD,
            citation=cite(
                CHECKLIST,
                "En SIP, som inkluderar hur skola/sysselsättning tillgodoses, är upprättad enligt "
                "SIP-mallen",
                note=(
                    "A SIP is asked for, not 'eller motsvarande' as in ÖK 3.5: no equivalent "
                    "plan (a reading). Should: 'Använd gärna checklistan'."
                ),
            ),
        ),
    ),
    citation=cite(PREREQUISITES, SIP_HEADING),
)


#: The child-placement SIP; the other contexts are inherited from VGR.
SIP_REQUIREMENTS: dict[SipContext, SipRequirements] = {"child_placement": CHILD_PLACEMENT}
