"""The rule vocabulary: what a plugin supplies and what the API answers.

Every rule carries a :class:`Citation` (document + clause, with the Swedish words it rests
on) and a :class:`Strength`, the force the text gives it (DOMAIN.md, "How strong a rule is").
All structs are frozen msgspec Structs, so plugin data cannot be changed after loading and
every model round-trips through JSON.
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import Annotated, Literal

import msgspec

Key = Annotated[str, msgspec.Meta(pattern=r"^[a-z][a-z0-9_\-.]*$", max_length=64)]
ScbCode = Annotated[str, msgspec.Meta(pattern=r"^[0-9]{2}([0-9]{2})?$")]
Party = Literal["region", "municipality"]
PARTIES: tuple[Party, Party] = ("region", "municipality")


class Base(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """Frozen, keyword-only, strict about unknown fields."""


class Strength(enum.StrEnum):
    """How strongly the text words a rule."""

    SHALL = "shall"  # ska, skall, är skyldiga: refused when broken
    SHOULD = "should"  # bör, det är viktigt att, i första hand: accepted with a warning
    MAY = "may"  # kan, får: an option the parties choose and record


class Citation(Base, kw_only=True):
    """Where a rule comes from.

    :param document: short id of the document, e.g. ``"ÖK 2017"``, ``"HSA 2027"``.
    :param clause: section or heading in the document, e.g. ``"3.5 Överenskommelse om kostnadsansvar"``.
    :param quote: the Swedish words the rule rests on, as short as makes the rule checkable.
    :param note: how the project reads the text where it is silent or ambiguous; an
        *interpretation* or *assumption* is marked as such here, never hidden.
    """

    document: str
    clause: str
    quote: str = ""
    note: str = ""


class Rule(Base, kw_only=True):
    """A rule in words, with its force and source.

    :param key: a stable id where code checks the rule (see :data:`RULE_KEYS`); most rules are
        shown, not checked, and leave it empty.
    """

    text: str
    strength: Strength
    citation: Citation
    key: str = ""


#: Rules the core checks by key, wherever a plugin lists them (``CostPolicy.prerequisites``).
RULE_KEYS: dict[str, str] = {
    "cost_agreement_before_placement": "a written cost agreement precedes the placement",
    "sip_before_placement": "a SIP (or where allowed an equivalent plan) precedes the placement",
    "placement_in_county": "a placement within the county/region is the first choice",
    "joint_planning_before_end": "before a placement ends the parties plan further insatser",
    "scope_children": "the agreement covers placements of children and young people only",
}


class Document(Base, kw_only=True):
    """A source text (one of ``shared/seeds``)."""

    id: str
    title: str
    short: str
    approved: str = ""


class Period(Base, kw_only=True):
    """A span of calendar time: ``30 days`` or ``1 month`` (end-of-month clamped)."""

    amount: Annotated[int, msgspec.Meta(ge=0)]
    unit: Literal["days", "months"]


class TimeLimit(Base, kw_only=True):
    """A tier's time limit.

    :param starts: what starts the clock, in words (e.g. "the day the chair receives the case").
    :param on_expiry: what the text says happens when it runs out:
        ``must_escalate`` (the case shall go on), ``may_escalate`` (it may go on),
        ``goes_directly`` (it is referred on, e.g. ÖK 4.3 "hänförs den direkt till LiSA"),
        ``respond_by`` (the body shall have answered by then).
    """

    period: Period
    starts: str
    on_expiry: Literal["must_escalate", "may_escalate", "goes_directly", "respond_by"]
    strength: Strength
    citation: Citation


class FormField(Base, kw_only=True):
    """One field of a dispute form (e.g. the *blankett för tvisteanmälan*).

    :param type: ``text``, or ``date`` (an ISO date, e.g. Dalarna's notice to the Styrgrupp,
        from which an ``earliest`` deadline named ``<ladder kind>_notice`` is counted).
    """

    key: Key
    label: str
    label_en: str
    strength: Strength
    citation: Citation
    type: Literal["text", "date"] = "text"


class Retroactivity(Base, kw_only=True):
    """Whether a tier's outcome may apply from an earlier date, and from when.

    :param from_: ``insats_start`` (Södra Älvsborg 5), ``joint_split`` (ÖK 4.3: the day a joint
        split existed), ``stated_date`` (Göteborg: a date the decision states), ``none``.
    """

    from_: Literal["insats_start", "joint_split", "stated_date", "none"] = msgspec.field(
        name="from"
    )
    strength: Strength
    citation: Citation


class Tier(Base, kw_only=True):
    """One step (*steg*, *nivå*) of an escalation ladder.

    :param key: stable id within the ladder, e.g. ``line_manager``.
    :param name: the Swedish name as the text gives it.
    :param aka: other names of the same tier (LiSA and VVG are one tier).
    :param case_label: what the case is called at this tier (*oenighet*, *tvist*), since the
        documents define *tvist* differently.
    :param level: ``operational``, ``local``, ``sub_regional``, ``regional``, ``political``, ``court``.
    :param body: the body that handles the case here.
    :param preparer: the group that prepares the case for the body, if the text names one.
    :param outcome: ``recommendation`` (the parties accept or reject), ``decision`` (binding),
        ``agreement`` (the parties settle it themselves, e.g. line managers), ``judgment``.
    :param time_limit: the tier's time limit, or ``None`` where the text names none
        ("utan dröjsmål" is recorded in ``pace``).
    :param pace: the text's words on speed where it gives no days, e.g. "utan dröjsmål".
    :param form: dispute-form fields a case needs to enter this tier.
    :param retroactive: whether this tier's outcome may apply retroactively.
    :param notes: further rules that bind this tier (e.g. step 3 may include economic settlement).
    """

    key: Key
    name: str
    name_en: str
    aka: tuple[str, ...] = ()
    case_label: str
    level: Literal["operational", "local", "sub_regional", "regional", "political", "court"]
    body: str
    preparer: str = ""
    outcome: Literal["recommendation", "decision", "agreement", "judgment"]
    time_limit: TimeLimit | None = None
    pace: str = ""
    form: tuple[FormField, ...] = ()
    retroactive: Retroactivity | None = None
    notes: tuple[Rule, ...] = ()
    citation: Citation


SubjectKind = Literal["responsibility", "cost", "interpretation", "deviation"]


class Ladder(Base, kw_only=True):
    """An escalation ladder (*eskaleringstrappa*): ordered tiers for some dispute subjects.

    :param kind: id of the ladder within the version, e.g. ``default``, ``local``, ``regional``, ``cost``.
    :param subjects: the dispute subjects this ladder handles.
    :param temporary_arrangement: the rule on what must be agreed at once so the individual is
        never left without care (or, under Dalarna, how each party secures its insatser).
    :param temporary_arrangement_parts: the parties whose own part a recorded arrangement must
        state (Dalarna: each party on its own secures its insatser, so both).
    :param prerequisites: rules that must hold before the first tier (e.g. Dalarna's month of notice).
    """

    kind: Key
    name: str
    subjects: tuple[SubjectKind, ...]
    tiers: tuple[Tier, ...]
    temporary_arrangement: Rule
    temporary_arrangement_parts: tuple[Party, ...] = ()
    prerequisites: tuple[Rule, ...] = ()
    notes: tuple[Rule, ...] = ()
    citation: Citation


class DeadlineRule(Base, kw_only=True):
    """A named deadline: a period counted from a start event.

    :param name: stable id, e.g. ``acute_cost_agreement``.
    :param starts: the event that starts it, in words.
    :param kind: ``due`` (something should/shall be done by then) or ``earliest`` (a thing may be
        done no earlier, e.g. Dalarna's month of notice before a written submission).
    :param also_settles: further things the text says must be settled by the same date
        (Dalarna: *folkbokföringskommun*).
    """

    name: Key
    title: str
    period: Period
    starts: str
    kind: Literal["due", "earliest"] = "due"
    also_settles: tuple[str, ...] = ()
    strength: Strength
    citation: Citation
    assumption: str = ""


class Fraction(Base, kw_only=True):
    numerator: Annotated[int, msgspec.Meta(ge=0)]
    denominator: Annotated[int, msgspec.Meta(gt=0)]


class Schablon(Base, kw_only=True):
    """A fixed split the parties *may* choose when the split is unclear. Never automatic.

    :param shares: each party's share as an exact fraction; they sum to one.
    :param condition: when the text allows it.
    :param requires_reason: the text restricts it (Södra Älvsborg c: "ska användas restriktivt"),
        so a cost agreement using it must give a written reason why the split is unclear.
    """

    region: Fraction
    municipality: Fraction
    condition: str
    requires_reason: bool = False
    strength: Strength
    citation: Citation
    restriction: Rule | None = None


class AcuteRule(Base, kw_only=True):
    """What holds for an acute placement until the split is agreed."""

    deadline: Key
    cost_stays_with_placing_party: Rule
    settle_by: Rule


class RetroactivityPolicy(Base, kw_only=True):
    """How far back a written cost agreement's ``effective_from`` may reach.

    Values: ``placement_start`` (always, Södra Älvsborg c), ``placement_start_if_stated``
    (when the written agreement says so), ``agreed_on`` (never before the written date).
    """

    planned: Literal["placement_start", "placement_start_if_stated", "agreed_on"]
    acute: Literal["placement_start", "placement_start_if_stated", "agreed_on"]
    rule: Rule
    dispute_outcome: Rule | None = None


class DocumentField(Base, kw_only=True):
    """One thing a document (SIP, cost agreement) must show.

    :param applies_to: ``all`` placements, or only ``acute`` or ``planned`` ones (Dalarna asks
        for the municipality of registration only after an acute placement).
    """

    key: Key
    label: str
    label_en: str
    strength: Strength
    citation: Citation
    applies_to: Literal["all", "acute", "planned"] = "all"


class CostPolicy(Base, kw_only=True):
    """How a placement's cost is split under an agreement version.

    :param main_rule: each party pays for its own responsibility.
    :param schablon: the fixed split the parties may choose, or ``None``.
    :param no_schablon: the rule that forbids one, where the text does (Dalarna).
    :param units: how a written split may be expressed: ``percent`` and/or ``amount`` (kronor).
    :param units_rule: the rule naming the units.
    :param acute: the acute-placement rule.
    :param retroactivity: how far back an agreed split may reach.
    :param prerequisites: what must exist before a placement with shared cost (SIP, written agreement …).
    :param agreement_fields: what the written cost agreement must show.
    :param placing_parties: who may place under this agreement (Dalarna: only the municipality).
    :param assumption: a project assumption every answer using this policy states to the user.
    """

    main_rule: Rule
    schablon: Schablon | None = None
    no_schablon: Rule | None = None
    units: tuple[Literal["percent", "amount"], ...] = ("percent", "amount")
    units_rule: Rule
    acute: AcuteRule
    retroactivity: RetroactivityPolicy
    prerequisites: tuple[Rule, ...] = ()
    agreement_fields: tuple[DocumentField, ...] = ()
    placing_parties: tuple[Party, ...] = ("municipality", "region")
    placing_rule: Rule | None = None
    notes: tuple[Rule, ...] = ()
    assumption: str = ""


class DeviationPolicy(Base, kw_only=True):
    """How deviations (*avvikelser*) from an agreement are reported and handled.

    A deviation is one party's report that the other did not do what was agreed. The policy
    says where it is registered, who reports it, how it is handled and when it becomes a dispute.

    :param rule: what counts as a deviation and that it is reported.
    :param system: where deviations are registered, as the text names it (``"Synergi"``,
        ``"avsedd IT-tjänst"``); ``""`` when the text names none.
    :param system_rule: the rule naming that system, if any.
    :param reporting_roles: the roles the text names as reporting or handling deviations
        (Dalarna: ``("MAS", "MAR", "SAS")``); empty when it names none.
    :param roles: ``fixed`` (only the named roles report) or ``examples`` (any role may; the
        named ones are suggestions, e.g. Dalarna's "ofta").
    :param roles_rule: the rule naming the roles, if any.
    :param handling: how a deviation is handled (pace, feedback, analysis, reporting upward).
    :param escalation: what becomes of a deviation the parties cannot solve.
    :param title_suggestion: a title the text suggests for a registered deviation, if any.
    :param category_suggestion: a category the text suggests, if any.
    :param suggestion_rule: the rule making those suggestions, if any.
    """

    rule: Rule
    system: str = ""
    system_rule: Rule | None = None
    reporting_roles: tuple[str, ...] = ()
    roles: Literal["fixed", "examples"] = "examples"
    roles_rule: Rule | None = None
    handling: tuple[Rule, ...] = ()
    escalation: Rule
    title_suggestion: str = ""
    category_suggestion: str = ""
    suggestion_rule: Rule | None = None


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


#: What a written cost agreement may be required to show (``CostPolicy.agreement_fields``).
COST_AGREEMENT_FIELD_KEYS: dict[str, str] = {
    "goal": "goal of the placement",
    "responsibilities": "each party's responsibility for the care and support insatser",
    "health_care_provision": "how the health-care insatser are provided",
    "municipal_provision": "how the municipality's insatser are provided",
    "split": "the split of the cost in kronor or percent",
    "follow_up": "follow-up",
    "registration_municipality": "the municipality of registration (folkbokföringskommun)",
    "economic_mandate": "people with a mandate to make economic decisions take part in / sign it",
    "sip": "the SIP (or equivalent plan) it rests on",
}


class Municipality(Base, kw_only=True):
    code: ScbCode
    name: str


class Parties(Base, kw_only=True):
    """The parties bound by an agreement: one region and its municipalities (SCB codes)."""

    region_code: ScbCode
    region_name: str
    municipalities: tuple[Municipality, ...]
    citation: Citation


class VersionRef(Base, kw_only=True):
    agreement: Key
    version: Key


class Version(Base, kw_only=True):
    """One version of an agreement, valid over a closed date range.

    :param refines: for a sub-regional text, the parent version it refines; it ends with it.
    :param valid_to: the last day it applies, after the extensions the text itself grants.
    :param extension: how the text extends it (words and citation), if it does.
    """

    key: Key
    title: str
    document: Document
    valid_from: dt.date
    valid_to: dt.date
    refines: VersionRef | None = None
    validity: Rule
    extension: Rule | None = None
    notes: tuple[Rule, ...] = ()


class Agreement(Base, kw_only=True):
    """An agreement's metadata: what a plugin answers to ``samverkan_agreement``."""

    id: Key
    name: str
    name_en: str
    county: str
    parent: Key | None = None
    parties: Parties
    versions: tuple[Version, ...]
