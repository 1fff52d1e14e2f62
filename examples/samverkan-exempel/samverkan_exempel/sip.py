"""What a SIP (samordnad individuell plan) must show (TODO the clauses on the SIP)."""

from __future__ import annotations

from samverkan.models import DocumentField, Rule, SipContext, SipRequirements, Strength

from .documents import SIP, cite

CONSENT = Rule(
    text="TODO in English: a SIP is drawn up when the individual consents",
    strength=Strength.SHALL,
    citation=cite(SIP, "TODO the words on consent"),
)

FIELDS = (
    DocumentField(
        key="responsibilities",  # TODO a key from samverkan.models.SIP_FIELD_KEYS; one per field
        label="TODO what the plan must show, in the text's words",
        label_en="TODO the same in English",
        strength=Strength.SHALL,
        citation=cite(SIP, "TODO the words asking for it"),
    ),
)


def _requirements(context: SipContext) -> SipRequirements:
    return SipRequirements(
        context=context,
        fields=FIELDS,
        consent=CONSENT,
        citation=cite(SIP, "TODO the words asking for a SIP"),
    )


#: ``general`` and ``placement``; ``child_placement`` falls back to ``placement``.
SIP_REQUIREMENTS: dict[SipContext, SipRequirements] = {
    "general": _requirements("general"),
    "placement": _requirements("placement"),
}
