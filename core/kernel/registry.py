"""The rule registry: which agreement version is in force on a date, and its rules.

A sub-regional version ``refines`` one version of its parent: a rule it does not supply is
asked of that parent version, and a cost policy it supplies carries the parent's rules it does
not restate (:mod:`samverkan.inherit`). On dates a sub-regional agreement's own versions do not
cover, the parent's version in force answers, with the notice the plugin's
:class:`~samverkan.models.Fallback` words. How long a version is in force (its text's term, the
extensions the text grants itself, a written notice, a configured extension) is
:mod:`samverkan.kernel.validity`'s.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import msgspec
import pluggy

from samverkan.inherit import inherit_cost_policy
from samverkan.kernel.answers import VersionRef as Source
from samverkan.kernel.config import Settings
from samverkan.kernel.errors import ConfigError, NotFound, OutOfValidity, ProblemError, field_error
from samverkan.kernel.i18n import _, local
from samverkan.kernel.parts import missing_part
from samverkan.kernel.plugindata import (
    Finding,
    PluginDataError,
    agreement_answers,
    agreement_findings,
    rule_findings,
)
from samverkan.kernel.validity import Term, Validity, describe_end, terms_of, validity_notices
from samverkan.models import (
    ON_EXPIRY,
    Agreement,
    Base,
    CostPolicy,
    DeadlineRule,
    DeviationPolicy,
    FollowUpPolicy,
    Ladder,
    Responsibility,
    Rule,
    SipContext,
    SipRequirements,
    Strength,
    Version,
    VersionRef,
)


class InForce(Base, kw_only=True):
    """The version in force for an agreement on a date.

    :param agreement: the agreement asked about.
    :param on: the date asked about.
    :param version: the version whose rules apply (may belong to the parent agreement).
    :param version_agreement: the agreement that version belongs to.
    :param chain: where rules are looked up, in order: the version, then what it refines.
    :param validity: the version's validity on the date: the text's own end and the end in force.
    :param notices: what the user must be told about this answer (fallback, extension …).
    """

    agreement: str
    on: dt.date
    version: Version
    version_agreement: str
    chain: tuple[VersionRef, ...]
    validity: Validity
    notices: tuple[Rule, ...] = ()


class Registry:
    """All loaded agreements and the rules their plugins supply."""

    def __init__(self, pm: pluggy.PluginManager, settings: Settings, *, strict: bool = True):
        """Load every enabled plugin's agreement and check its data (:mod:`.plugindata`).

        :param strict: refuse (:class:`PluginDataError`) when the data breaks the rules the
            core relies on; the plugin kit passes ``False`` and reads :attr:`findings`.
        """
        self.pm = pm
        self.settings = settings
        #: each agreement id -> the entry-point name of the plugin that supplies it
        self.owners: dict[str, str] = {}
        self.agreements: dict[str, Agreement] = {}
        self.findings: list[Finding] = []
        for plugin, agreement in agreement_answers(pm):
            if not isinstance(agreement, Agreement):
                self.findings += agreement_findings(plugin, agreement, {})
                continue
            if agreement.id in self.agreements:
                raise ConfigError(f"two plugins supply the agreement id {agreement.id!r}")
            self.agreements[agreement.id] = agreement
            self.owners[agreement.id] = plugin
        # answer in the order the config enables them (pluggy calls plugins last-first)
        order = {name: index for index, name in enumerate(settings.enabled)}
        self.agreements = dict(
            sorted(self.agreements.items(), key=lambda item: order.get(item[0], len(order)))
        )
        for agreement in self.agreements.values():
            if agreement.parent and agreement.parent not in self.agreements:
                if agreement.parent in settings.enabled:
                    raise ConfigError(
                        f"plugin {agreement.id!r} refines {agreement.parent!r}, which is enabled "
                        "but supplies no agreement (samverkan_agreement answered nothing)"
                    )
                raise ConfigError(
                    f"plugin {agreement.id!r} refines {agreement.parent!r}, which is not "
                    f"enabled: add {agreement.parent!r} to 'enabled' (or remove {agreement.id!r})"
                )
            owner = self.owners[agreement.id]
            self.findings += agreement_findings(owner, agreement, self.agreements)
        if strict and self.findings:
            raise PluginDataError(self.findings)
        unused = set(settings.agreements) - set(self.agreements)
        if unused:
            raise ConfigError(
                f"config [agreements.{sorted(unused)[0]}] names an agreement that is not "
                f"enabled; enabled: {', '.join(sorted(self.agreements))}"
            )
        self.terms: dict[tuple[str, str], Term] = {}
        for agreement in self.agreements.values():
            try:
                self.terms.update(terms_of(agreement, settings.agreements.get(agreement.id)))
            except (ConfigError, AttributeError, TypeError, ValueError):
                if strict or not self.findings:
                    raise
                for v in agreement.versions:  # the kit goes on with what it can read
                    self.terms[(agreement.id, v.key)] = Term(agreement=agreement.id, version=v)
        self.findings += rule_findings(self)
        if strict and self.findings:
            raise PluginDataError(self.findings)

    # -- metadata -------------------------------------------------------------------------

    def term(self, agreement_id: str, version_key: str) -> Term:
        """A version's term: the text's end, any notice and configured extension."""
        return self.terms[(agreement_id, version_key)]

    def version_in_force(self, agreement_id: str, version_key: str) -> InForce | None:
        """The version in force on its own first day, or ``None`` where another version
        answers that day (overlapping versions)."""
        version = self.version(VersionRef(agreement=agreement_id, version=version_key))
        try:
            in_force = self.in_force(agreement_id, version.valid_from)
        except ProblemError:
            return None
        same = (in_force.version_agreement, in_force.version.key) == (agreement_id, version.key)
        return in_force if same else None

    def _missing(
        self, in_force: InForce, part: str, error: type[ProblemError], context: str = ""
    ) -> ProblemError:
        return missing_part(
            part,
            agreement=in_force.agreement,
            plugin=self.owners.get(in_force.agreement, in_force.agreement),
            version=in_force.version.key,
            on=in_force.on,
            refines=len(in_force.chain) > 1,
            context=context,
            error=error,
        )

    def agreement(self, agreement_id: str) -> Agreement:
        """The agreement, or 404 naming the enabled ones."""
        try:
            return self.agreements[agreement_id]
        except KeyError:
            enabled = ", ".join(sorted(self.agreements))
            raise NotFound(
                _(
                    "unknown or disabled agreement %(id)s; enabled agreements: %(enabled)s",
                    id=agreement_id,
                    enabled=enabled,
                ),
                enabled=sorted(self.agreements),
            ) from None

    def version(self, ref: VersionRef) -> Version:
        for version in self.agreement(ref.agreement).versions:
            if version.key == ref.version:
                return version
        raise NotFound(
            _(
                "agreement %(id)s has no version %(version)s",
                id=ref.agreement,
                version=ref.version,
            )
        )

    # -- which version is in force ----------------------------------------------------------

    def in_force(
        self, agreement_id: str, on: dt.date, *, missing: type[ProblemError] = OutOfValidity
    ) -> InForce:
        """The version in force on ``on``.

        :param missing: the error raised when no version covers the date: 404 on reads
            (:class:`NotFound`), 422 on computations (:class:`OutOfValidity`, the default).
        """
        agreement = self.agreement(agreement_id)
        for version in agreement.versions:
            term = self.term(agreement.id, version.key)
            validity = term.on(on)
            if validity is not None:
                return InForce(
                    agreement=agreement.id,
                    on=on,
                    version=version,
                    version_agreement=agreement.id,
                    chain=self._chain(agreement.id, version),
                    validity=validity,
                    notices=validity_notices(term, validity, on),
                )
        first = min(v.valid_from for v in agreement.versions)
        last = max(v.valid_to for v in agreement.versions)
        fallback = agreement.fallback
        rule = None
        if agreement.parent and fallback is not None:
            rule = fallback.before if on < first else fallback.after if on > last else None
        if rule is not None and agreement.parent:
            parent = self.in_force(agreement.parent, on, missing=missing)
            notice = Rule(
                text=_(
                    "%(text)s On %(on)s the rules of %(title)s apply in its area.",
                    text=rule.text,
                    on=on,
                    title=parent.version.title,
                ),
                strength=rule.strength,
                citation=rule.citation,
            )
            return msgspec.structs.replace(
                parent, agreement=agreement.id, notices=(*parent.notices, notice)
            )
        versions = [(v, self.term(agreement.id, v.key)) for v in agreement.versions]
        listed = "; ".join(f"{v.key} {v.valid_from} – {describe_end(t)}" for v, t in versions)
        detail = _(
            "no version of %(id)s is in force on %(on)s; versions: %(versions)s",
            id=agreement.id,
            on=on,
            versions=listed,
        )
        renews = any(v.renewal for v in agreement.versions)
        if (
            on > last
            and not renews
            and not self.term(agreement.id, versions[-1][0].key).extended_to
        ):
            detail += " " + _(
                "The agreement has lapsed; if the parties have extended it, record their "
                "decision as %(key)s (with extension_reason) in config/samverkan.toml.",
                key=f"[agreements.{agreement.id}] extended_to",
            )
        raise missing(
            detail,
            errors=[
                field_error(
                    "on",
                    _("a date a version of %(id)s covers", id=agreement.id),
                    where="query" if missing is NotFound else "body",
                )
            ],
            versions=[
                {
                    "key": v.key,
                    "valid_from": str(v.valid_from),
                    "valid_to": str(v.valid_to),
                    "ends_on": str(t.ends_on) if t.ends_on else None,
                }
                for v, t in versions
            ],
        )

    def _chain(self, agreement_id: str, version: Version) -> tuple[VersionRef, ...]:
        chain = [VersionRef(agreement=agreement_id, version=version.key)]
        while version.refines:
            chain.append(version.refines)
            version = self.version(version.refines)
        return tuple(chain)

    # -- rules, with inheritance ------------------------------------------------------------

    def _first(self, hook: str, in_force: InForce, **kwargs: Any) -> tuple[Any, Source | None]:
        caller = getattr(self.pm.hook, hook)
        for ref in in_force.chain:
            result = caller(agreement=ref.agreement, version=ref.version, **kwargs)
            if result is not None:
                return result, Source(agreement=ref.agreement, key=ref.version)
        return None, None

    def ladders(self, in_force: InForce) -> list[tuple[Ladder, Source]]:
        """Ladders merged down the chain by kind: a refining version replaces its parent's
        ladder of the same kind and may add kinds. The first ladder is the default."""
        merged: dict[str, tuple[Ladder, Source]] = {}
        for ref in reversed(in_force.chain):
            found = self.pm.hook.samverkan_ladders(agreement=ref.agreement, version=ref.version)
            for ladder in found or []:
                merged[ladder.kind] = (ladder, Source(agreement=ref.agreement, key=ref.version))
        return list(merged.values())

    def ladder(
        self,
        in_force: InForce,
        kind: str | None = None,
        *,
        missing: type[ProblemError] = NotFound,
    ) -> tuple[Ladder, Source]:
        """The ladder of ``kind`` (default: the first ladder); 404 names the kinds.

        :param missing: the error when the plugin supplies no ladder at all.
        """
        ladders = self.ladders(in_force)
        if not ladders:
            raise self._missing(in_force, "ladders", missing)
        if kind is None:
            return ladders[0]
        for ladder, source in ladders:
            if ladder.kind == kind:
                return ladder, source
        kinds = ", ".join(ladder.kind for ladder, _source in ladders)
        raise NotFound(
            _(
                "%(id)s has no ladder of kind %(kind)s on %(on)s; kinds: %(kinds)s",
                id=in_force.agreement,
                kind=kind,
                on=in_force.on,
                kinds=kinds,
            ),
            errors=[field_error("kind", _("one of %(kinds)s", kinds=kinds), where="query")],
        )

    def ladder_for_subject(
        self, in_force: InForce, subject: str, *, missing: type[ProblemError] = NotFound
    ) -> tuple[Ladder, Source]:
        """The ladder that handles a dispute subject, the most specific version's first: a
        refining version's own ladder (Göteborg's ``cost``) wins over a parent's ladder that also
        names the subject (the ÖK's ``default``). The default ladder if none names it."""
        rank = {(ref.agreement, ref.version): i for i, ref in enumerate(in_force.chain)}
        naming = [
            (rank.get((source.agreement, source.key), len(rank)), index, ladder, source)
            for index, (ladder, source) in enumerate(self.ladders(in_force))
            if subject in ladder.subjects
        ]
        if naming:
            _rank, _index, ladder, source = min(naming, key=lambda item: item[:2])
            return ladder, source
        return self.ladder(in_force, missing=missing)

    def deadlines(self, in_force: InForce) -> dict[str, tuple[DeadlineRule, Source]]:
        """Named deadlines, parent's first and overridden by name, plus tier time limits."""
        merged: dict[str, tuple[DeadlineRule, Source]] = {}
        for ref in reversed(in_force.chain):
            found = self.pm.hook.samverkan_deadlines(agreement=ref.agreement, version=ref.version)
            for rule in found or []:
                merged[rule.name] = (rule, Source(agreement=ref.agreement, key=ref.version))
        for ladder, source in self.ladders(in_force):
            for tier in ladder.tiers:
                if tier.time_limit is None:
                    continue
                name = f"tier.{ladder.kind}.{tier.key}"
                merged[name] = (
                    DeadlineRule(
                        name=name,
                        title=_(
                            "%(tier)s: time limit; %(expiry)s",
                            tier=local(tier.name, tier.name_en),
                            expiry=_(ON_EXPIRY[tier.time_limit.on_expiry]),
                        ),
                        period=tier.time_limit.period,
                        starts=tier.time_limit.starts,
                        strength=tier.time_limit.strength,
                        citation=tier.time_limit.citation,
                    ),
                    source,
                )
        return merged

    def deadline(self, in_force: InForce, name: str) -> tuple[DeadlineRule, Source]:
        deadlines = self.deadlines(in_force)
        try:
            return deadlines[name]
        except KeyError:
            names = ", ".join(sorted(deadlines))
            raise NotFound(
                _(
                    "%(id)s has no deadline %(name)s on %(on)s; deadlines: %(names)s",
                    id=in_force.agreement,
                    name=name,
                    on=in_force.on,
                    names=names,
                ),
                errors=[field_error("name", _("one of %(names)s", names=names), where="path")],
            ) from None

    def cost_policy(
        self, in_force: InForce, *, missing: type[ProblemError] = NotFound
    ) -> tuple[CostPolicy, Source]:
        """The cost policy; a refining version's policy also carries every parent prerequisite
        and note it does not restate or replace (:mod:`samverkan.inherit`), so none is lost.

        :param missing: the error when no plugin in the chain supplies one.
        """
        found = self.find_cost_policy(in_force)
        if found is None:
            raise self._missing(in_force, "cost_policy", missing)
        return found

    def find_cost_policy(self, in_force: InForce) -> tuple[CostPolicy, Source] | None:
        """The cost policy, or ``None`` where no version in the chain supplies one."""
        policy, source = self._first("samverkan_cost_policy", in_force)
        if policy is None or source is None:
            return None
        refs = [(r.agreement, r.version) for r in in_force.chain]
        for agreement, version in refs[refs.index((source.agreement, source.key)) + 1 :]:
            parent = self.pm.hook.samverkan_cost_policy(agreement=agreement, version=version)
            if parent is not None:
                policy = inherit_cost_policy(policy, parent)
        return policy, source

    def responsibilities(self, in_force: InForce) -> list[Responsibility]:
        """Responsibility rules (HSA 2.1–2.5), parent's first and restated by key; an empty
        list where the text has none."""
        merged: dict[str, Responsibility] = {}
        for ref in reversed(in_force.chain):
            found = self.pm.hook.samverkan_responsibilities(
                agreement=ref.agreement, version=ref.version
            )
            for rule in found or []:
                merged[rule.key] = rule
        return list(merged.values())

    def deviation_rules(self, in_force: InForce) -> tuple[DeviationPolicy, Source]:
        """How deviations are handled; a sub-regional version without its own inherits."""
        policy, source = self._first("samverkan_deviation_rules", in_force)
        if policy is None or source is None:
            raise self._missing(in_force, "deviations", NotFound)
        return policy, source

    def follow_up(self, in_force: InForce) -> FollowUpPolicy | None:
        """How the version is followed up: its rules and asks merged over its parent's by key
        (a rule without a key is kept as it is); ``None`` where no version in the chain says."""
        rules: dict[str, Rule] = {}
        asks: dict[str, Any] = {}
        found = False
        for ref in reversed(in_force.chain):
            policy = self.pm.hook.samverkan_follow_up(agreement=ref.agreement, version=ref.version)
            if policy is None:
                continue
            found = True
            for index, rule in enumerate(policy.rules):
                rules[rule.key or f"{ref.agreement}/{ref.version}#{index}"] = rule
            for ask in policy.asks:
                asks[ask.key] = ask
        if not found:
            return None
        return FollowUpPolicy(rules=tuple(rules.values()), asks=tuple(asks.values()))

    def sip_requirements(
        self, in_force: InForce, context: SipContext, *, missing: type[ProblemError] = NotFound
    ) -> tuple[SipRequirements, Source]:
        """SIP requirements for a context; ``child_placement`` falls back to ``placement``.

        :param missing: the error when no version in the chain names any for the context.
        """
        contexts: tuple[SipContext, ...] = (
            ("child_placement", "placement") if context == "child_placement" else (context,)
        )
        for candidate in contexts:
            found, source = self._first("samverkan_sip_requirements", in_force, context=candidate)
            if found is not None and source is not None:
                return found, source
        raise self._missing(in_force, "sip", missing, context=context)


def version_ref(in_force: InForce) -> Source:
    """The version an answer rests on."""
    return Source(agreement=in_force.version_agreement, key=in_force.version.key)


def assumption_notice(policy: CostPolicy) -> Rule:
    """The notice every answer that uses an assumed (carried-forward) cost policy carries."""
    return Rule(
        text=policy.assumption,
        strength=Strength.SHALL,
        citation=policy.main_rule.citation,
    )
