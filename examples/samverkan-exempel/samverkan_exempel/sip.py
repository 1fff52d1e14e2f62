"""What a SIP (samordnad individuell plan) must show (3): consent, and which party answers for
which insatser."""

from __future__ import annotations

from samverkan.models import DocumentField, Rule, SipContext, SipRequirements, Strength

from .documents import SIP, cite

CONSENT = Rule(
    text="A SIP is drawn up when the individual has consented to it.",
    strength=Strength.SHALL,
    citation=cite(
        "3.1",
        "En samordnad individuell plan (SIP) ska upprättas när den enskilde har samtyckt till det.",
    ),
)

FIELDS = (
    DocumentField(
        key="responsibilities",
        label="Vilken part som ansvarar för vilka insatser",
        label_en="which party is responsible for which insatser",
        strength=Strength.SHALL,
        citation=cite(
            "3.2", "Av planen ska det framgå vilken part som ansvarar för vilka insatser."
        ),
    ),
)


def _requirements(context: SipContext) -> SipRequirements:
    return SipRequirements(
        context=context,
        fields=FIELDS,
        consent=CONSENT,
        citation=cite(SIP, "En samordnad individuell plan (SIP) ska upprättas"),
    )


#: ``general`` and ``placement``; ``child_placement`` falls back to ``placement``.
SIP_REQUIREMENTS: dict[SipContext, SipRequirements] = {
    "general": _requirements("general"),
    "placement": _requirements("placement"),
}
