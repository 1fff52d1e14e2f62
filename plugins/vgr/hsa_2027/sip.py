"""SIP under the 2027 version.

- In general: HSA 3.4.3, the HSA's own text.
- Before a placement: ÖK 3.5 Gemensam planering carried forward as a project assumption,
  plus what HSA 3.4.3 asks of every SIP (who does what; how and when follow-up happens).
"""

from __future__ import annotations

from samverkan.inherit import annotate
from samverkan.models import DocumentField, Rule, SipContext, SipRequirements, Strength

from ..documents import cite_hsa
from ..ok_2017 import sip as ok
from .assumption import CARRIED_NOTE, PENDING_SUB_AGREEMENT

SIP = "3.4.3 Samordnad individuell plan, SIP"


def _field(key: str, label: str, label_en: str, quote: str) -> DocumentField:
    return DocumentField(
        key=key,
        label=label,
        label_en=label_en,
        strength=Strength.SHALL,
        citation=cite_hsa(SIP, quote),
    )


GENERAL = SipRequirements(
    context="general",
    fields=(
        _field(
            "responsibilities", "ansvar", "the responsibilities", "Planen ska tydliggöra ansvar"
        ),
        _field("who_does_what", "vem som gör vad", "who does what", "vem som gör vad"),
        _field(
            "follow_up",
            "hur och när uppföljning ska ske",
            "how and when follow-up happens",
            "samt hur och när uppföljning ska ske",
        ),
    ),
    consent=Rule(
        text="The SIP is the patient's plan, drawn up with the person who needs the insatser; "
        "it needs the individual's consent.",
        strength=Strength.SHALL,
        citation=cite_hsa(
            SIP,
            "SIP är patientens plan och ska tas fram tillsammans med den som har behov av "
            "insatserna.",
            note=(
                "Interpretation: the HSA does not say 'samtycke' in words; it draws the plan "
                "up under 16 kap. 4 § HSL and 10 kap. 8–9 §§ SoL (HSA 7.5), which make consent "
                "a condition, as the ÖK 2017 said in words (3.7 'måste ge sitt samtycke')."
            ),
        ),
    ),
    notes=(
        Rule(
            text="A SIP is offered to patients who need insatser from both VGR and the "
            "municipality.",
            strength=Strength.SHALL,
            citation=cite_hsa(
                SIP,
                "En samordnad individuell plan (SIP) ska erbjudas patienter som är i behov av "
                "insatser från VGR och Kommun.",
            ),
        ),
        Rule(
            text="A SIP is offered on discharge from inpatient care when the individual then "
            "needs insatser from both.",
            strength=Strength.SHALL,
            citation=cite_hsa(
                "7.5 Lagstiftning",
                "Samordnad individuell planering (SIP) ska enligt 4 kap. 1–3 §§ lagen "
                "(2017:612) om samverkan vid utskrivning från sluten hälso- och sjukvård "
                "erbjudas den enskilde",
            ),
        ),
    ),
    citation=cite_hsa(
        SIP, "Planen ska tydliggöra ansvar, vem som gör vad, samt hur och när uppföljning ska ske."
    ),
)

_PLACEMENT_KEYS = {field.key for field in ok.PLACEMENT.fields}

#: Before a placement: ÖK 3.5's plan carried forward (its citation says so), with the HSA's
#: consent and the fields HSA 3.4.3 asks of every SIP that the ÖK's list lacks.
PLACEMENT = annotate(
    ok.PLACEMENT,
    CARRIED_NOTE,
    fields=(
        *ok.PLACEMENT.fields,
        *(field for field in GENERAL.fields if field.key not in _PLACEMENT_KEYS),
    ),
    consent=GENERAL.consent,
    notes=(PENDING_SUB_AGREEMENT, *ok.PLACEMENT.notes),
)

SIP_REQUIREMENTS: dict[SipContext, SipRequirements] = {
    "general": GENERAL,
    "placement": PLACEMENT,
}
