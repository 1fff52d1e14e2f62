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

    :param key: a stable id. The core checks some rules by key (:data:`RULE_KEYS`); a version
        that builds on another restates one of its rules by using the same key (see
        :mod:`core.inherit`). Every prerequisite and note of a cost policy has one.
    :param replaces: keys of the parent version's rules this rule stands in for, where it
        restates them under another key or merges several (:mod:`core.inherit`).
    """

    text: str
    strength: Strength
    citation: Citation
    key: str = ""
    replaces: tuple[str, ...] = ()


#: Rules the core checks by key, wherever a plugin lists them (``CostPolicy.prerequisites``).
#: Other keys only name a rule so that a refining version can restate or replace it.
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
    """A span of calendar time: ``30 days``, ``1 month`` (end-of-month clamped) or ``3 years``
    (36 calendar months)."""

    amount: Annotated[int, msgspec.Meta(ge=0)]
    unit: Literal["days", "months", "years"]


class TimeLimit(Base, kw_only=True):
    """A tier's time limit.

    :param starts: what starts the clock, in words (e.g. "the day the chair receives the case").
    :param on_expiry: what the text says happens when it runs out:
        ``must_escalate`` (the case shall go on), ``may_escalate`` (it may go on),
        ``goes_directly`` (it is referred on, e.g. ÖK 4.3 "hänförs den direkt till LiSA"),
        ``respond_by`` (the body shall have answered by then), ``prepare_by`` (the body shall
        have prepared the case by then, e.g. ÖK 4.3 "ska bereda frågan inom 30 dagar"; the
        text sets no date for its answer).
    """

    period: Period
    starts: str
    on_expiry: Literal["must_escalate", "may_escalate", "goes_directly", "respond_by", "prepare_by"]
    strength: Strength
    citation: Citation


#: What a time limit means when it runs out, in the words every explanation uses.
ON_EXPIRY: dict[str, str] = {
    "must_escalate": "if the case is not settled by then, it shall go on to the next tier",
    "may_escalate": "after it the case may go on to the next tier",
    "goes_directly": "if the case is not solved by then, it goes directly to the next tier",
    "respond_by": "the body shall have given its answer by then",
    "prepare_by": (
        "the deadline is for preparing the case; the text sets no date for the answer itself"
    ),
}


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


SubjectKind = Literal["responsibility", "cost", "interpretation", "deviation"]


class DisputeMatch(Base, kw_only=True):
    """Which disputes a rule covers: those of one of ``subjects``, and (``placement``) those
    linked to a placement; either suffices.

    Södra Älvsborg d, "Om parterna inte är överens om ansvaret för insatserna i en SIP eller om
    kostnadsfördelning vid en placering", is ``subjects=("cost",), placement=True``.
    """

    subjects: tuple[SubjectKind, ...] = ()
    placement: bool = False

    def covers(self, subject: str, placement_linked: bool) -> bool:
        return subject in self.subjects or (self.placement and placement_linked)


class Retroactivity(Base, kw_only=True):
    """Whether a tier's outcome may apply from an earlier date, and from when.

    :param from_: ``insats_start`` (Södra Älvsborg 5), ``joint_split`` (ÖK 4.3: the day a joint
        split existed), ``stated_date`` (Göteborg: a date the decision states), ``none`` (the
        outcome may not reach back).
    :param applies_to: the disputes this rule covers; ``None``: every dispute at the tier.
    """

    from_: Literal["insats_start", "joint_split", "stated_date", "none"] = msgspec.field(
        name="from"
    )
    applies_to: DisputeMatch | None = None
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
    :param retroactive: whether this tier's outcome may apply retroactively: the first rule
        whose ``applies_to`` covers the dispute decides; none covering it means it may not.
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
    retroactive: tuple[Retroactivity, ...] = ()
    notes: tuple[Rule, ...] = ()
    citation: Citation

    def retroactivity(self, subject: str, placement_linked: bool) -> Retroactivity | None:
        """The retroactivity rule for one dispute at this tier, or ``None``."""
        for rule in self.retroactive:
            if rule.applies_to is None or rule.applies_to.covers(subject, placement_linked):
                return rule
        return None


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


class Renewal(Base, kw_only=True):
    """A text that extends itself term by term unless a party gives written notice.

    HSA 1.6: "Om ingen Part skriftligen har sagt upp Avtalet förlängs det med tre år i taget,
    med arton (18) månaders uppsägningstid." After ``Version.valid_to`` the version stays in
    force one ``period`` at a time. A written notice (config ``[agreements.<id>]
    notice_given_on``) given at the latest ``notice`` before a term's last day ends the version
    on that day; a later notice, on the last day of the next term. The words and citation of
    the extension are the version's ``extension`` rule.

    :param period: the length of each extension.
    :param notice: how long before a term's last day a notice must be given to end it there.
    :param on_notice: the rule on when a version under notice ends, with its citation.
    """

    period: Period
    notice: Period
    on_notice: Rule


class Version(Base, kw_only=True):
    """One version of an agreement, valid over a closed date range.

    :param refines: for a sub-regional text, the parent version it refines; it ends with it.
    :param valid_to: the last day of the text's own term, after the extensions it grants that
        are already known (e.g. the ÖK's to 2026-12-31); a ``renewal`` may extend it further.
    :param extension: how the text extends it (words and citation), if it does.
    :param renewal: how the text goes on extending itself after ``valid_to`` unless notice is
        given (only an agreement's last version); ``None`` where it does not.
    """

    key: Key
    title: str
    document: Document
    valid_from: dt.date
    valid_to: dt.date
    refines: VersionRef | None = None
    validity: Rule
    extension: Rule | None = None
    renewal: Renewal | None = None
    notes: tuple[Rule, ...] = ()


class Fallback(Base, kw_only=True):
    """What applies in a sub-regional agreement's area on dates its own versions do not cover:
    the parent agreement's version in force, with a notice built from these rules.

    :param before: the rule for dates before its first version (e.g. before the text was
        approved); ``None``: such dates are refused like any date no version covers.
    :param after: the rule for dates after its last version (its text rests on agreements that
        ended); ``None``: refused.
    """

    before: Rule | None = None
    after: Rule | None = None


class Agreement(Base, kw_only=True):
    """An agreement's metadata: what a plugin answers to ``samverkan_agreement``.

    :param fallback: for a sub-regional agreement (``parent`` set), when the parent's rules
        apply in its area outside its own versions.
    """

    id: Key
    name: str
    name_en: str
    county: str
    parent: Key | None = None
    parties: Parties
    versions: tuple[Version, ...]
    fallback: Fallback | None = None


class Responsibility(Base, kw_only=True):
    """A responsibility rule that can be looked up: who answers for what (HSA 2.1–2.5).

    :param key: stable id; a refining version restates it by the same key.
    :param kind: ``care`` (who provides a kind of care or staff), ``principle`` (a ground rule
        applied by an overall assessment of the case), ``cost`` (who pays).
    :param area: what it concerns, e.g. "home visits", "medicines".
    :param region: what the region answers for under this rule ("" where nothing).
    :param municipality: what the municipality answers for ("" where nothing).
    :param exception_to: the key of the general rule this one departs from, if any.
    :param assessment: for a ``principle``, the rule that an overall assessment decides each case.
    :param notes: further rules that qualify it.
    """

    key: Key
    kind: Literal["care", "principle", "cost"]
    area: str
    region: str = ""
    municipality: str = ""
    exception_to: str = ""
    assessment: Rule | None = None
    text: str
    strength: Strength
    citation: Citation
    notes: tuple[Rule, ...] = ()
