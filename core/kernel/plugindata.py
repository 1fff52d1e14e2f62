"""Plugin data checked before the service starts: the rules the core relies on.

Python does not check a frozen msgspec Struct built in code, so ``outcome="recomendation"``
would load and be served. Every agreement and every part a version supplies is checked here
against its model (each fixed value one the model allows, keys and SCB codes in their pattern,
every field of the type it declares) and against the rest of the plugin's data: versions in
order and without overlap, a refined version that exists, an acute deadline that names a
deadline, unique names where the core looks things up by name, schablon shares that sum to one,
field keys from the shared vocabulary. A :class:`Finding` names the plugin, the version, where
in the data and what is wrong. The registry refuses to start on any (:class:`PluginDataError`);
the plugin kit reports the same findings (``samverkan plugin check``).
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import re
from collections.abc import Iterator, Mapping
from fractions import Fraction
from typing import TYPE_CHECKING, Any, NamedTuple

import msgspec
import msgspec.inspect as mi
import pluggy

from samverkan.kernel.errors import ConfigError
from samverkan.models import (
    COST_AGREEMENT_FIELD_KEYS,
    SIP_CONTEXTS,
    SIP_FIELD_KEYS,
    Agreement,
    CostPolicy,
    DeadlineRule,
    DeviationPolicy,
    FollowUpPolicy,
    Ladder,
    Responsibility,
    SipRequirements,
)

if TYPE_CHECKING:
    from samverkan.kernel.registry import Registry

#: Each part a version supplies: the hook that answers it and the type the answer must have.
PART_TYPES: dict[str, tuple[str, Any]] = {
    "ladders": ("samverkan_ladders", list[Ladder] | None),
    "deadlines": ("samverkan_deadlines", list[DeadlineRule] | None),
    "cost_policy": ("samverkan_cost_policy", CostPolicy | None),
    "sip": ("samverkan_sip_requirements", SipRequirements | None),
    "deviations": ("samverkan_deviation_rules", DeviationPolicy | None),
    "responsibilities": ("samverkan_responsibilities", list[Responsibility] | None),
    "follow_up": ("samverkan_follow_up", FollowUpPolicy | None),
}

#: How a struct is named in a finding's path (``ladder 'default', tier 'desk', outcome``).
_NOUNS = {
    "DeadlineRule": "deadline",
    "DocumentField": "field",
    "FormField": "form field",
    "SipRequirements": "SIP requirements",
}


class Finding(NamedTuple):
    """One problem with a plugin's data.

    :param plugin: the plugin's entry-point name.
    :param agreement: the agreement id.
    :param version: the version key (``""`` for the agreement as a whole).
    :param where: where in the data, e.g. ``ladder 'default', tier 'desk', outcome``.
    :param problem: what is wrong, with the allowed values where there is a fixed set.
    """

    plugin: str
    agreement: str
    version: str
    where: str
    problem: str

    def __str__(self) -> str:
        version = f", version {self.version!r}" if self.version else ""
        return (
            f"plugin {self.plugin!r} (agreement {self.agreement!r}{version}): "
            f"{self.where}: {self.problem}"
        )


class PluginDataError(ConfigError):
    """The enabled plugins' data breaks the rules the core relies on; nothing is served."""

    def __init__(self, findings: list[Finding]):
        self.findings = findings
        shown = [f"  - {finding}" for finding in findings[:25]]
        if len(findings) > 25:
            shown.append(f"  … and {len(findings) - 25} more")
        plugins = sorted({finding.plugin for finding in findings})
        super().__init__(
            "plugin data breaks the rules the service relies on; fix the plugin (`samverkan "
            f"plugin check {plugins[0]}` lists every problem) or remove it from 'enabled':\n"
            + "\n".join(shown)
        )


# -- the data each plugin supplies ----------------------------------------------------------


def agreement_answers(pm: pluggy.PluginManager) -> Iterator[tuple[str, Any]]:
    """``(plugin name, answer)`` for each plugin that answers ``samverkan_agreement``."""
    for impl in reversed(pm.hook.samverkan_agreement.get_hookimpls()):
        answer = impl.function()
        if answer is not None:
            yield impl.plugin_name, answer


def own_parts(pm: pluggy.PluginManager, agreement: str, version: str) -> dict[str, Any]:
    """What the plugins supply for one version themselves (not what it inherits); ``sip`` by
    context. A hook that raises is answered by the exception."""
    hook = pm.hook
    found: dict[str, Any] = {}
    for part, (name, _) in PART_TYPES.items():
        caller = getattr(hook, name)
        try:
            if part == "sip":
                found[part] = {
                    c: caller(agreement=agreement, version=version, context=c) for c in SIP_CONTEXTS
                }
            else:
                found[part] = caller(agreement=agreement, version=version)
        except Exception as exc:  # a plugin's bug, reported as a finding
            found[part] = exc
    return found


# -- every value as its model declares it ---------------------------------------------------


@functools.cache
def _info(annotation: Any) -> mi.Type:
    return mi.type_info(annotation)


def label(value: Any) -> str | None:
    """How a struct with an id is named in a path (``tier 'desk'``), else ``None``."""
    name = type(value).__name__
    for attr in ("kind",) if name == "Ladder" else ("key", "code", "name"):
        ident = getattr(value, attr, None)
        if isinstance(ident, str) and ident:
            return f"{_NOUNS.get(name, name.lower())} {ident!r}"
    return None


def join(path: tuple[str, ...]) -> str:
    return ", ".join(path) or "the answer"


def _allowed(value: Any, values: tuple[Any, ...]) -> str:
    return f"{value!r} is not an allowed value; allowed: {', '.join(str(v) for v in values)}"


def type_problems(
    value: Any, annotation: Any, path: tuple[str, ...] = ()
) -> Iterator[tuple[str, str]]:
    """``(where, problem)`` for every value that is not what ``annotation`` declares."""
    yield from _walk(value, _info(annotation), path)


def _walk(value: Any, t: mi.Type, path: tuple[str, ...]) -> Iterator[tuple[str, str]]:
    if isinstance(t, mi.StructType):
        if not isinstance(value, t.cls):
            yield join(path), f"is {type(value).__name__} {value!r:.60}, not a {t.cls.__name__}"
            return
        for field in t.fields:
            yield from _walk(getattr(value, field.name), field.type, (*path, field.encode_name))
    elif isinstance(t, mi.UnionType):
        if value is None and any(isinstance(x, mi.NoneType) for x in t.types):
            return
        options = [x for x in t.types if not isinstance(x, mi.NoneType)]
        results = [list(_walk(value, option, path)) for option in options]
        if results and all(results):
            yield from results[0]
    elif isinstance(t, mi.LiteralType):
        if not _hashable(value) or value not in t.values:
            yield join(path), _allowed(value, t.values)
    elif isinstance(t, mi.EnumType):
        values = tuple(member.value for member in t.cls)
        if not _hashable(value) or value not in values:
            yield join(path), _allowed(value, values)
    elif isinstance(t, mi.StrType):
        yield from _str(value, t, path)
    elif isinstance(t, mi.IntType):
        yield from _int(value, t, path)
    elif isinstance(t, mi.BoolType):
        if not isinstance(value, bool):
            yield join(path), f"is {value!r}, not true or false"
    elif isinstance(t, mi.DateType):
        if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
            yield join(path), f"is {value!r}, not a date (datetime.date)"
    elif isinstance(t, mi.VarTupleType | mi.ListType | mi.SetType | mi.FrozenSetType):
        if not isinstance(value, tuple | list | set | frozenset):
            yield join(path), f"is {type(value).__name__}, not a list or tuple"
            return
        for index, item in enumerate(value):
            named = label(item) if isinstance(item, msgspec.Struct) else None
            where = (*path[:-1], named) if named else (*path[:-1], f"{_last(path)}[{index}]")
            yield from _walk(item, t.item_type, where)
    elif isinstance(t, mi.DictType):
        if not isinstance(value, Mapping):
            yield join(path), f"is {type(value).__name__}, not a mapping"
            return
        for key, item in value.items():
            yield from _walk(key, t.key_type, (*path, f"key {key!r}"))
            yield from _walk(item, t.value_type, (*path, str(key)))
    elif isinstance(t, mi.NoneType) and value is not None:
        yield join(path), f"is {value!r}, not empty (None)"


def _last(path: tuple[str, ...]) -> str:
    return path[-1] if path else "item"


def _hashable(value: Any) -> bool:
    try:
        hash(value)
    except TypeError:
        return False
    return True


def _str(value: Any, t: mi.StrType, path: tuple[str, ...]) -> Iterator[tuple[str, str]]:
    if not isinstance(value, str):
        yield join(path), f"is {type(value).__name__} {value!r:.60}, not text"
        return
    if t.pattern and not re.search(t.pattern, value):
        yield join(path), f"{value!r} does not match {t.pattern} ({_PATTERNS.get(t.pattern, '')})"
    if t.max_length is not None and len(value) > t.max_length:
        yield join(path), f"is {len(value)} characters; at most {t.max_length}"
    if t.min_length is not None and len(value) < t.min_length:
        yield join(path), f"is {len(value)} characters; at least {t.min_length}"


#: What the patterns of the vocabulary mean, in the words a plugin author needs.
_PATTERNS = {
    r"^[a-z][a-z0-9_\-.]*$": "a key: lower-case letters, digits, '_', '-', '.'; a letter first",
    r"^[0-9]{2}([0-9]{2})?$": "an SCB code: two digits for a region, four for a municipality",
}


def _int(value: Any, t: mi.IntType, path: tuple[str, ...]) -> Iterator[tuple[str, str]]:
    if not isinstance(value, int) or isinstance(value, bool):
        yield join(path), f"is {value!r}, not a whole number"
        return
    bounds = [
        (t.ge, value >= (t.ge or 0), "at least"),
        (t.gt, value > (t.gt or 0), "more than"),
        (t.le, value <= (t.le or 0), "at most"),
        (t.lt, value < (t.lt or 0), "less than"),
    ]
    for bound, ok, words in bounds:
        if bound is not None and not ok:
            yield join(path), f"is {value}; must be {words} {bound}"


# -- the agreement --------------------------------------------------------------------------


def agreement_findings(
    plugin: str, agreement: Any, known: Mapping[str, Agreement]
) -> list[Finding]:
    """The agreement as its model declares it; versions in order, without overlap, each
    refining a version that exists; a renewal only on the last version."""
    ident = getattr(agreement, "id", "?")
    found = [
        Finding(plugin, str(ident), "", where, problem)
        for where, problem in type_problems(agreement, Agreement, ("agreement",))
    ]
    if found:
        return found

    def finding(version: str, where: str, problem: str) -> None:
        found.append(Finding(plugin, agreement.id, version, where, problem))

    keys = [v.key for v in agreement.versions]
    if not keys:
        finding("", "versions", "names no version")
    for key in {k for k in keys if keys.count(k) > 1}:
        finding(key, "key", "two versions have this key")
    for v in agreement.versions:
        if v.valid_to < v.valid_from:
            finding(v.key, "valid_to", f"{v.valid_to} is before valid_from {v.valid_from}")
        if v.renewal is not None and v.extension is None:
            finding(v.key, "renewal", "a text that extends itself needs the extension rule")
        if v.refines is not None:
            finding_refines(agreement, v, known, finding)
    ordered = sorted(agreement.versions, key=lambda v: v.valid_from)
    for before, after in itertools.pairwise(ordered):
        if after.valid_from <= before.valid_to:
            finding(
                after.key,
                "valid_from",
                f"{after.valid_from} overlaps version {before.key!r} "
                f"({before.valid_from} – {before.valid_to}); versions may not overlap",
            )
    last = max(agreement.versions, key=lambda v: v.valid_to, default=None)
    for v in agreement.versions:
        if v.renewal is not None and v is not last:
            finding(v.key, "renewal", "only the agreement's last version may extend itself")
    if agreement.fallback is not None and not agreement.parent:
        finding("", "fallback", "only a sub-regional agreement (with a parent) has a fallback")
    return found


def finding_refines(
    agreement: Agreement, version: Any, known: Mapping[str, Agreement], finding: Any
) -> None:
    ref = version.refines
    if ref.agreement != agreement.parent:
        finding(
            version.key,
            "refines",
            f"names agreement {ref.agreement!r}, but the agreement's parent is "
            f"{agreement.parent!r}; a version refines a version of its parent",
        )
        return
    parent = known.get(ref.agreement)
    if parent is not None and ref.version not in {v.key for v in parent.versions}:
        finding(
            version.key,
            "refines",
            f"{ref.agreement}/{ref.version} does not exist; {ref.agreement}'s versions: "
            + ", ".join(v.key for v in parent.versions),
        )


# -- each version's rules ---------------------------------------------------------------------


def rule_findings(registry: Registry) -> list[Finding]:
    """Every part each version supplies, as its model declares it, and consistent with the
    version's other rules (names unique, the acute deadline exists, shares sum to one …)."""
    found: list[Finding] = []
    for agreement in registry.agreements.values():
        plugin = registry.owners.get(agreement.id, agreement.id)
        for version in agreement.versions:
            parts = own_parts(registry.pm, agreement.id, version.key)
            problems = list(_part_problems(parts))
            if not problems:
                try:
                    problems = list(_merged_problems(registry, agreement.id, version.key))
                except Exception as exc:  # broken data elsewhere in the chain (the kit goes on)
                    problems = [("its merged rules", f"cannot be read: {exc!r}")]
            found += [Finding(plugin, agreement.id, version.key, w, p) for w, p in problems]
    return found


def _part_problems(parts: dict[str, Any]) -> Iterator[tuple[str, str]]:
    for part, value in parts.items():
        hook, annotation = PART_TYPES[part]
        answers = value.items() if part == "sip" and isinstance(value, dict) else [(None, value)]
        for context, answer in answers:
            where = f"{hook}" + (f"(context={context!r})" if context else "")
            if isinstance(answer, Exception):
                yield where, f"raised {type(answer).__name__}: {answer}"
                continue
            yield from type_problems(answer, annotation, (f"sip {context!r}" if context else part,))
    if any(isinstance(v, Exception) for v in parts.values()):
        return
    yield from _unique(parts)
    yield from _vocabulary(parts)


def _duplicates(names: list[str]) -> list[str]:
    return sorted({n for n in names if names.count(n) > 1})


def _unique(parts: dict[str, Any]) -> Iterator[tuple[str, str]]:
    ladders = parts["ladders"] or []
    for kind in _duplicates([ladder.kind for ladder in ladders]):
        yield f"ladder {kind!r}", "two ladders have this kind; kinds are unique in a version"
    for ladder in ladders:
        if not ladder.tiers:
            yield f"ladder {ladder.kind!r}, tiers", "the ladder has no tier"
        for key in _duplicates([tier.key for tier in ladder.tiers]):
            yield f"ladder {ladder.kind!r}, tier {key!r}", "two tiers of the ladder have this key"
    for name in _duplicates([rule.name for rule in parts["deadlines"] or []]):
        yield f"deadline {name!r}", "two deadlines have this name"
    for key in _duplicates([rule.key for rule in parts["responsibilities"] or []]):
        yield f"responsibility {key!r}", "two responsibility rules have this key"
    follow_up: FollowUpPolicy | None = parts["follow_up"]
    if follow_up is not None:
        for key in _duplicates([rule.key for rule in follow_up.rules if rule.key]):
            yield f"follow_up, rule {key!r}", "two follow-up rules have this key"
        for key in _duplicates([ask.key for ask in follow_up.asks]):
            yield f"follow_up, ask {key!r}", "two follow-up asks have this key"


def _vocabulary(parts: dict[str, Any]) -> Iterator[tuple[str, str]]:
    policy: CostPolicy | None = parts["cost_policy"]
    if policy is not None:
        for field in policy.agreement_fields:
            if field.key not in COST_AGREEMENT_FIELD_KEYS:
                yield (
                    f"cost_policy, agreement_fields, field {field.key!r}",
                    _allowed(field.key, tuple(COST_AGREEMENT_FIELD_KEYS)),
                )
        if policy.schablon is not None:
            sch = policy.schablon
            total = Fraction(sch.region.numerator, sch.region.denominator) + Fraction(
                sch.municipality.numerator, sch.municipality.denominator
            )
            if total != 1:
                yield "cost_policy, schablon", f"the shares sum to {total}, not to one"
    for context, requirements in (parts["sip"] or {}).items():
        for field in requirements.fields if requirements else ():
            if field.key not in SIP_FIELD_KEYS:
                yield (
                    f"sip {context!r}, field {field.key!r}",
                    _allowed(field.key, tuple(SIP_FIELD_KEYS)),
                )


def _merged_problems(registry: Registry, agreement: str, version: str) -> Iterator[tuple[str, str]]:
    """What only the version's merged rules show (its own and those it inherits)."""
    in_force = registry.version_in_force(agreement, version)
    if in_force is None:
        return
    found = registry.find_cost_policy(in_force)
    if found is not None:
        deadlines = registry.deadlines(in_force)
        if found[0].acute.deadline not in deadlines:
            yield (
                "cost_policy, acute, deadline",
                f"{found[0].acute.deadline!r} names no deadline of this version; its "
                f"deadlines: {', '.join(sorted(deadlines)) or '(none)'}",
            )
    responsibilities = registry.responsibilities(in_force)
    keys = {rule.key for rule in responsibilities}
    for rule in responsibilities:
        if rule.exception_to and rule.exception_to not in keys:
            yield (
                f"responsibility {rule.key!r}, exception_to",
                f"{rule.exception_to!r} names no responsibility rule of this version",
            )
