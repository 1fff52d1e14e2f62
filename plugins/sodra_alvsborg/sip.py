"""The SIP before a placement, in the placement part: b. "Av SIP-en ska framgå" and b.1; consent
from the ÖK 3.7 the routine implements.
"""

from __future__ import annotations

from samverkan.models import DocumentField, Rule, SipContext, SipRequirements, Strength

from .documents import OK_SIP, B, cite, cite_ok, listed

SIP_SHOWS = f"{B}: Av SIP-en ska framgå"
SCOPE_NOTE = (
    "The placement part applies to persons 'oavsett ålder' (whatever their age), so the same "
    "rules hold for children's placements."
)


# -- SIP before a placement (b: "Av SIP-en ska framgå") --------------------------------------


def _sip_field(key: str, label: str, label_en: str) -> DocumentField:
    return listed(SIP_SHOWS, key, label, label_en)


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
        OK_SIP,
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


SIP_REQUIREMENTS: dict[SipContext, SipRequirements] = {
    "placement": _sip_requirements("placement"),
    "child_placement": _sip_requirements("child_placement"),
}
