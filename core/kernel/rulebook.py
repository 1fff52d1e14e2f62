"""The rule book: what the agreements API and the CLI answer about the rules, computed
without storage.

Every method takes an explicit date (``on``) or defaults to the service clock's today, so no
answer silently depends on the machine's date. The registry (:mod:`.registry`) knows which
version is in force and what its plugins supply; the rule book turns that into answers.

What the rules say on a day is pure data of the enabled plugins and the configuration, fixed
for the life of the process: a ladder answer, the rules a split applies and a SIP check's
answer for a given set of empty fields are computed once per agreement, day, language (and
what else they depend on) and kept in a bounded LRU (:data:`CACHED` each).
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any, NamedTuple

import msgspec

from samverkan.kernel.answers import PartyAmounts, PartyShares, VersionRef, percent, remark
from samverkan.kernel.clock import Clock
from samverkan.kernel.dates import add_period, day_facts, describe_period
from samverkan.kernel.errors import (
    InvalidInput,
    NotFound,
    OutOfValidity,
    RuleViolation,
    field_error,
)
from samverkan.kernel.i18n import _, language
from samverkan.kernel.loading import plugin_info
from samverkan.kernel.registry import (
    InForce,
    Registry,
    assumption_notice,
    version_ref,
)
from samverkan.kernel.rule_answers import (
    AgreementInfo,
    Compared,
    Comparison,
    CostBrief,
    DayFacts,
    DeadlineAnswer,
    DeadlineBrief,
    Health,
    LadderAnswer,
    PluginInfo,
    RequiredField,
    RetroactivityBrief,
    RulesBrief,
    RuleSet,
    SchablonBrief,
    SipCheckAnswer,
    SplitAnswer,
    Term,
    TierBrief,
    version_text,
)
from samverkan.kernel.rule_set import rule_set
from samverkan.kernel.sip import SipCheckRequest, SipDocument, check_sip
from samverkan.kernel.split import SplitRequest
from samverkan.kernel.status import agreement_status
from samverkan.kernel.validity import describe_end
from samverkan.models import (
    SIP_CONTEXTS,
    CostPolicy,
    DeadlineRule,
    Ladder,
    Rule,
    Strength,
    Version,
)

#: answers (or the rules behind them) kept per kind of question, least recently used dropped
CACHED = 1024
#: a plan's text fields (what a SIP check reads of them is whether each is empty)
_SIP_TEXTS = tuple(f for f in SipDocument.__struct_fields__ if f not in ("kind", "consent"))


@functools.lru_cache(maxsize=CACHED)
def _party_shares(shares: tuple[tuple[str, Any], ...]) -> PartyShares:
    """A split's shares as answered (a few per agreement: kept, as the words they come from)."""
    return PartyShares(**{party: percent(value) for party, value in shares})


class SplitRules(NamedTuple):
    """What a split on a day applies, whatever the amount: the version, its policy and
    notices, and the split methods the plugins offer."""

    in_force: InForce
    policy: CostPolicy
    source: Any
    methods: dict[str, Any]
    notices: tuple[Rule, ...]


class RuleBook:
    """The rules of every enabled agreement, as the API and the CLI ask for them."""

    def __init__(self, registry: Registry, clock: Clock):
        self.registry = registry
        self.clock = clock
        # the language is part of each key: answers carry texts in the asker's language
        self._ladder = functools.lru_cache(maxsize=CACHED)(self._ladder_answer)
        self._split_rules = functools.lru_cache(maxsize=CACHED)(self._rules_for_split)
        self._sip_check = functools.lru_cache(maxsize=CACHED)(self._sip_answer)

    def _on(self, on: dt.date | None) -> dt.date:
        return on or self.clock.today()

    # -- reads (a date with no version answers 404) -------------------------------------

    def agreements(self) -> list[AgreementInfo]:
        return [
            AgreementInfo(
                id=a.id,
                name=a.name,
                name_en=a.name_en,
                county=a.county,
                parent=a.parent,
                parties=a.parties,
                versions=[version_text(v) for v in a.versions],
                terms=[self._term(a.id, v) for v in a.versions],
            )
            for a in self.registry.agreements.values()
        ]

    def _term(self, agreement_id: str, version: Version) -> Term:
        term = self.registry.term(agreement_id, version.key)
        return Term(
            version=VersionRef(agreement=agreement_id, key=version.key),
            valid_from=version.valid_from,
            text_ends_on=version.valid_to,
            ends_on=term.ends_on,
            extends_itself=term.ends_on is None,
            notice_given_on=term.notice_given_on,
            extended_to=term.extended_to,
            described=describe_end(term),
        )

    def rule_set(self, agreement_id: str, on: dt.date | None) -> RuleSet:
        in_force = self.registry.in_force(agreement_id, self._on(on), missing=NotFound)
        return rule_set(self.registry, in_force)

    def ladder(self, agreement_id: str, on: dt.date | None, kind: str | None) -> LadderAnswer:
        return self._ladder(agreement_id, self._on(on), kind, language())

    def _ladder_answer(
        self, agreement_id: str, on: dt.date, kind: str | None, _language: str
    ) -> LadderAnswer:
        in_force = self.registry.in_force(agreement_id, on, missing=NotFound)
        ladder, source = self.registry.ladder(in_force, kind)
        return LadderAnswer(
            agreement=in_force.agreement,
            on=in_force.on,
            version=version_ref(in_force),
            source=source,
            kinds=[ladder.kind for ladder, _source in self.registry.ladders(in_force)],
            notices=list(in_force.notices),
            ladder=ladder,
        )

    # -- computations (a date with no version answers 422) --------------------------------

    def deadline(
        self, agreement_id: str, name: str, start: dt.date, on: dt.date | None
    ) -> DeadlineAnswer:
        """Due date of a named deadline counted from ``start``.

        The rules applied are those in force on ``on``, which defaults to ``start`` itself (a
        placement or case keeps the version in force on the day it began).
        """
        in_force = self.registry.in_force(agreement_id, on or start)
        rule, source = self.registry.deadline(in_force, name)
        due = add_period(start, rule.period)
        facts = day_facts(due)
        notices = list(in_force.notices)
        if rule.assumption:
            notices.append(
                Rule(text=rule.assumption, strength=Strength.SHALL, citation=rule.citation)
            )
        return DeadlineAnswer(
            agreement=agreement_id,
            name=name,
            starts_on=start,
            due_on=due,
            kind=rule.kind,
            strength=str(rule.strength),
            period=rule.period,
            falls_on=DayFacts(**facts),
            explanation=explain_deadline(rule, start, due, facts),
            rule=rule,
            version=version_ref(in_force),
            source=source,
            notices=notices,
        )

    def _rules_for_split(self, agreement_id: str, on: dt.date, _language: str) -> SplitRules:
        in_force = self.registry.in_force(agreement_id, on)
        policy, source = self.registry.cost_policy(in_force, missing=RuleViolation)
        methods: dict[str, Any] = {}
        for found in self.registry.pm.hook.samverkan_split_methods():
            methods.update(found or {})
        notices = list(in_force.notices)
        if policy.assumption:
            notices.append(assumption_notice(policy))
        return SplitRules(in_force, policy, source, methods, tuple(notices))

    def split(self, agreement_id: str, request: SplitRequest) -> SplitAnswer:
        rules = self._split_rules(agreement_id, self._on(request.on), language())
        in_force, policy, source, methods = rules[:4]
        if request.method not in methods:
            allowed = ", ".join(sorted(methods))
            raise InvalidInput(
                _(
                    "unknown method %(method)s; methods: %(allowed)s",
                    method=request.method,
                    allowed=allowed,
                ),
                errors=[field_error("method", _("one of %(allowed)s", allowed=allowed))],
            )
        result = methods[request.method](
            amount_ore=request.amount_ore, request=request, policy=policy
        )
        return SplitAnswer(
            agreement=in_force.agreement,
            on=in_force.on,
            version=version_ref(in_force),
            source=source,
            amount_ore=request.amount_ore,
            method=result.method,
            amounts_ore=PartyAmounts(**result.amounts_ore),
            shares=_party_shares(tuple(result.shares.items())),
            rule=result.rule,
            warnings=[remark(w) for w in result.warnings],
            notices=list(rules.notices),
        )

    def sip_check(self, agreement_id: str, request: SipCheckRequest) -> SipCheckAnswer:
        """What a SIP lacks. The answer depends on the plan only through which fields are
        empty, whether consent is recorded and its kind, so that is what it is kept by."""
        sip = request.sip
        empty = tuple(
            (value := getattr(sip, key)) is None or not str(value).strip() for key in _SIP_TEXTS
        )
        shape = (empty, sip.consent is True, sip.kind)
        on = self._on(request.on)
        return self._sip_check(agreement_id, on, request.context, shape, language())

    def _sip_answer(
        self,
        agreement_id: str,
        on: dt.date,
        context: Any,
        shape: tuple[tuple[bool, ...], bool, Any],
        _language: str,
    ) -> SipCheckAnswer:
        empty, consented, kind = shape
        # a plan of that shape (what the check reads of a plan: see check_sip)
        texts = {key: None if blank else "-" for key, blank in zip(_SIP_TEXTS, empty, strict=True)}
        sip = SipDocument(kind=kind, consent=True if consented else None, **texts)
        request = SipCheckRequest(context=context, sip=sip, on=on)
        in_force = self.registry.in_force(agreement_id, on)
        requirements, source = self.registry.sip_requirements(
            in_force, request.context, missing=RuleViolation
        )
        result = check_sip(requirements, request.sip)
        notices = list(in_force.notices)
        found = self.registry.find_cost_policy(in_force)
        if request.context != "general" and found is not None:
            policy = found[0]
            if policy.assumption and source.agreement == in_force.version_agreement:
                notices.append(assumption_notice(policy))
        return SipCheckAnswer(
            agreement=in_force.agreement,
            on=in_force.on,
            version=version_ref(in_force),
            source=source,
            asked_context=request.context,
            context=result["context"],
            complete=result["complete"],
            missing=[remark(m) for m in result["missing"]],
            warnings=[remark(w) for w in result["warnings"]],
            required=[RequiredField(**r) for r in result["required"]],
            notices=notices,
        )

    def compare(self, agreement_ids: list[str], on: dt.date | None) -> Comparison:
        """The same rules side by side; an agreement not in force that day says so, and a
        part an agreement's plugin does not supply is empty and named in its ``missing``."""
        if not agreement_ids:
            raise InvalidInput(
                _(
                    "name the agreements to compare: ?agreements=<id>,<id> (ids as in /api/v1/agreements)"
                ),
                errors=[
                    field_error(
                        "agreements", _("a comma-separated list of agreement ids"), where="query"
                    )
                ],
            )
        day = self._on(on)
        columns: dict[str, Compared] = {}
        for agreement_id in agreement_ids:
            self.registry.agreement(agreement_id)  # 404 for an unknown id
            try:
                in_force = self.registry.in_force(agreement_id, day)
            except OutOfValidity as exc:
                columns[agreement_id] = Compared(in_force=False, detail=exc.detail, rules=None)
                continue
            brief = summary(self.registry, in_force)
            columns[agreement_id] = Compared(in_force=True, detail=None, rules=brief)
        return Comparison(on=day, agreements=columns)

    def plugins(self) -> list[PluginInfo]:
        return [PluginInfo(**info) for info in plugin_info(self.registry.pm)]  # type: ignore[arg-type]

    def health(self) -> Health:
        """Liveness and each enabled agreement's status today (:mod:`.status`)."""
        today = self.clock.today()
        statuses = [agreement_status(self.registry, a, today) for a in self.registry.agreements]
        calm = all(s.status in ("in_force", "not_yet_in_force") for s in statuses)
        return Health(status="ok" if calm else "attention", today=today, agreements=statuses)


def explain_deadline(
    rule: DeadlineRule, start: dt.date, due: dt.date, facts: dict[str, Any]
) -> str:
    """How a named deadline's day follows from its rule, in the answer's language."""
    citation = rule.citation
    if rule.kind == "earliest":
        what = _("may be done no earlier than %(due)s", due=due)
    elif rule.strength == Strength.SHALL:
        what = _("shall be done by %(due)s", due=due)
    else:
        what = _("should be done by %(due)s", due=due)
    text = _(
        "%(title)s: %(period)s from %(start)s (%(starts)s); %(what)s (%(document)s, %(clause)s: "
        "\u201c%(quote)s\u201d).",
        title=rule.title,
        period=describe_period(rule.period),
        start=start,
        starts=rule.starts,
        what=what,
        document=citation.document,
        clause=citation.clause,
        quote=citation.quote,
    )
    if rule.also_settles:
        text += " " + _(
            "The same date applies to: %(things)s.", things=", ".join(rule.also_settles)
        )
    if not facts["working_day"]:
        reasons = [str(x) for x in (facts["public_holiday"], facts["holiday_eve"]) if x]
        text += " " + _(
            "%(due)s is a %(weekday)s (%(reasons)s); the text counts calendar days, so the date "
            "is not moved.",
            due=due,
            weekday=facts["weekday"],
            reasons=", ".join(reasons) or _("a weekend"),
        )
    return text


def summary(registry: Registry, in_force: InForce) -> RulesBrief:
    """A compact, comparable view of the rules in force (used by ``/compare``); a part the
    plugin does not supply is ``None`` (or empty) and named in ``missing``."""
    found = registry.find_cost_policy(in_force)
    sip: dict[str, list[str]] = {}
    for context in SIP_CONTEXTS:
        try:
            requirements, _source = registry.sip_requirements(in_force, context)
        except NotFound:
            continue
        sip[context] = [f.key for f in requirements.fields]
    ladders = registry.ladders(in_force)
    missing = [
        part
        for part, absent in (
            ("ladders", not ladders),
            ("cost_policy", found is None),
            ("sip", not sip),
        )
        if absent
    ]
    assumption = found[0].assumption if found else ""
    return RulesBrief(
        version=version_ref(in_force),
        valid=f"{in_force.version.valid_from} – {in_force.validity.ends_on}",
        text_ends_on=in_force.validity.text_ends_on,
        notices=[n.text for n in in_force.notices] + ([assumption] if assumption else []),
        ladders={
            ladder.kind: [
                TierBrief(
                    key=t.key,
                    name=t.name,
                    days=t.time_limit.period.amount if t.time_limit else None,
                    unit=t.time_limit.period.unit if t.time_limit else None,
                    outcome=t.outcome,
                )
                for t in ladder.tiers
            ]
            for ladder, _source in ladders
        },
        deadlines={
            name: DeadlineBrief(
                period=describe_period(rule.period),
                kind=rule.kind,
                strength=str(rule.strength),
                citation=f"{rule.citation.document} {rule.citation.clause}",
            )
            for name, (rule, _source) in registry.deadlines(in_force).items()
        },
        cost_policy=cost_brief(found[0]) if found else None,
        sip_fields=sip,
        missing=missing,
    )


def cost_brief(policy: CostPolicy) -> CostBrief:
    """A cost policy in brief, for ``/compare``."""
    schablon = policy.schablon
    return CostBrief(
        schablon=(
            SchablonBrief(
                region=f"{schablon.region.numerator}/{schablon.region.denominator}",
                municipality=(
                    f"{schablon.municipality.numerator}/{schablon.municipality.denominator}"
                ),
                requires_reason=schablon.requires_reason,
                citation=f"{schablon.citation.document} {schablon.citation.clause}",
            )
            if schablon
            else None
        ),
        units=list(policy.units),
        retroactivity=RetroactivityBrief(
            planned=policy.retroactivity.planned, acute=policy.retroactivity.acute
        ),
        placing_parties=list(policy.placing_parties),
        acute_deadline=policy.acute.deadline,
    )


def tier_lines(ladder: Ladder) -> list[str]:
    """The ladder's tiers in words, for the command line."""
    lines = []
    for index, tier in enumerate(ladder.tiers):
        limit = tier.time_limit
        pace = f"{describe_period(limit.period)} ({limit.starts})" if limit else tier.pace or "-"
        aka = f" ({', '.join(tier.aka)})" if tier.aka else ""
        lines.append(f"  {index + 1}. {tier.name}{aka} [{tier.case_label}]")
        lines.append(f"     {tier.body}: {tier.outcome}; {pace}")
    return lines


def to_builtins(value: Any) -> Any:
    """Plain JSON-able data (Structs, dates, enums) for the CLI and tests."""
    return msgspec.to_builtins(value)
