"""The SIP (samordnad individuell vårdplan): Inför beslut om placering, Kostnadsansvar.

The text asks the SIP to make each party's responsibility clear; it names no other content.
The whole agreement concerns HVB placements, so ``general`` and ``placement`` carry the same
requirements; ``child_placement`` falls back to ``placement`` in the core.
"""

from __future__ import annotations

from samverkan.models import DocumentField, Rule, SipContext, SipRequirements, Strength

from .documents import BEFORE_PLACEMENT, COST, DURING_PLACEMENT, cite

CONSENT = Rule(
    text="A SIP is drawn up when needed and when the individual consents.",
    strength=Strength.SHALL,
    citation=cite(
        BEFORE_PLACEMENT,
        "Vid behov ska samordnad individuell vårdplan (SIP) upprättas när samtycke finns från "
        "brukaren",
    ),
)

FIELDS = (
    DocumentField(
        key="responsibilities",
        label="Vardera partens ansvar (kostnadsfördelningen)",
        label_en="each party's responsibility, on which the cost split rests",
        strength=Strength.SHALL,
        citation=cite(
            COST,
            "Detta klargörs i upprättad SIP baserad på parternas respektive vårdplan.",
            note="Indicative 'klargörs' read as binding.",
        ),
    ),
)

NOTES = (
    Rule(
        text="The SIP rests on the plans each party is obliged to draw up.",
        strength=Strength.SHALL,
        citation=cite(
            BEFORE_PLACEMENT,
            "Underlag är de planer respektive verksamhet har skyldighet att upprätta.",
        ),
    ),
    Rule(
        text="The parties should follow up the care closely under the SIP in force.",
        strength=Strength.SHOULD,
        citation=cite(
            DURING_PLACEMENT,
            "det viktigt att huvudmännen noga följer upp vården enligt gällande samordnad "
            "individuell vårdplan, SIP",
        ),
    ),
)


def _requirements(context: SipContext) -> SipRequirements:
    return SipRequirements(
        context=context,
        fields=FIELDS,
        consent=CONSENT,
        notes=NOTES,
        citation=cite(
            BEFORE_PLACEMENT,
            "Vid behov ska samordnad individuell vårdplan (SIP) upprättas",
            note="The text names the SIP 'samordnad individuell vårdplan'.",
        ),
    )


#: ``general`` and ``placement``; ``child_placement`` falls back to ``placement`` in the core.
SIP_REQUIREMENTS: dict[SipContext, SipRequirements] = {
    "general": _requirements("general"),
    "placement": _requirements("placement"),
}
