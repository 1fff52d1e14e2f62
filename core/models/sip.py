"""What a SIP (samordnad individuell plan) must contain, by context."""

from __future__ import annotations

from typing import Literal

from samverkan.models.rules import Base, Citation, DocumentField, Rule

SipContext = Literal["general", "placement", "child_placement"]
SIP_CONTEXTS: tuple[SipContext, ...] = ("general", "placement", "child_placement")


class SipRequirements(Base, kw_only=True):
    """What a SIP must contain in a context.

    :param fields: the things the plan must show; keys come from :data:`SIP_FIELD_KEYS`.
    :param consent: the rule that the individual consents.
    :param equivalent_plan: the rule allowing an equivalent plan instead of a SIP, if any
        (ÖK 3.5 "eller motsvarande").
    """

    context: SipContext
    fields: tuple[DocumentField, ...]
    consent: Rule
    equivalent_plan: Rule | None = None
    notes: tuple[Rule, ...] = ()
    citation: Citation


#: The SIP vocabulary shared by all plugins (a SIP document may hold any of these).
SIP_FIELD_KEYS: dict[str, str] = {
    "needs": "the insatser the individual needs",
    "responsibilities": "each party's responsibility for the care and support insatser",
    "others_measures": "measures taken by anyone other than municipality and region",
    "overall_responsibility": "which party has overall responsibility for the plan",
    "goal": "goal of the placement",
    "wishes": "the individual's wishes",
    "performers": "whether the parties perform the insatser themselves or another party does",
    "school_occupation": "how school/occupation is provided",
    "follow_up": "how and when follow-up happens",
    "who_does_what": "who does what",
}
