"""The rule vocabulary: what a plugin supplies and what the API answers.

Every rule carries a :class:`Citation` (document + clause, with the Swedish words it rests
on) and a :class:`Strength`, the force the text gives it (DOMAIN.md, "How strong a rule is").
All structs are frozen msgspec Structs, so plugin data cannot be changed after loading and
every model round-trips through JSON.

A plugin imports every name from here (``from samverkan.models import Ladder, Rule``); the
modules behind it follow the parts of an agreement a plugin supplies: :mod:`.rules` (the words
every rule is made of), :mod:`.agreement`, :mod:`.ladders`, :mod:`.deadlines`, :mod:`.cost`,
:mod:`.sip`, :mod:`.deviations`, :mod:`.responsibilities` and :mod:`.followup`.
"""

from samverkan.models.agreement import (
    Agreement,
    Document,
    Fallback,
    Municipality,
    Parties,
    Renewal,
    Version,
    VersionRef,
)
from samverkan.models.cost import (
    COST_AGREEMENT_FIELD_KEYS,
    AcuteRule,
    CostPolicy,
    Fraction,
    RetroactivityPolicy,
    Schablon,
)
from samverkan.models.deadlines import DeadlineRule
from samverkan.models.deviations import DeviationPolicy
from samverkan.models.followup import FollowUpAsk, FollowUpPolicy, ReportSection
from samverkan.models.ladders import (
    ON_EXPIRY,
    DisputeMatch,
    FormField,
    Ladder,
    Retroactivity,
    SubjectKind,
    Tier,
    TimeLimit,
)
from samverkan.models.responsibilities import Responsibility
from samverkan.models.rules import (
    PARTIES,
    RULE_KEYS,
    Base,
    Citation,
    DocumentField,
    Key,
    Party,
    Period,
    Rule,
    ScbCode,
    Strength,
)
from samverkan.models.sip import SIP_CONTEXTS, SIP_FIELD_KEYS, SipContext, SipRequirements

__all__ = [
    "COST_AGREEMENT_FIELD_KEYS",
    "ON_EXPIRY",
    "PARTIES",
    "RULE_KEYS",
    "SIP_CONTEXTS",
    "SIP_FIELD_KEYS",
    "AcuteRule",
    "Agreement",
    "Base",
    "Citation",
    "CostPolicy",
    "DeadlineRule",
    "DeviationPolicy",
    "DisputeMatch",
    "Document",
    "DocumentField",
    "Fallback",
    "FollowUpAsk",
    "FollowUpPolicy",
    "FormField",
    "Fraction",
    "Key",
    "Ladder",
    "Municipality",
    "Parties",
    "Party",
    "Period",
    "Renewal",
    "ReportSection",
    "Responsibility",
    "Retroactivity",
    "RetroactivityPolicy",
    "Rule",
    "ScbCode",
    "Schablon",
    "SipContext",
    "SipRequirements",
    "Strength",
    "SubjectKind",
    "Tier",
    "TimeLimit",
    "Version",
    "VersionRef",
]
