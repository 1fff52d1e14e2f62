"""The checks every plugin is held to, the built-in four included, as plain functions.

Each check takes the loaded plugin (:class:`~samverkan.kit.subject.Subject`) and yields one
sentence per problem, saying where (version, and the path to the value) and what to do; it
raises :class:`Skip` where it does not apply. The rule parts (ladders, deadlines, cost policy,
SIP, responsibilities) are checked as the service answers them on each version's first day,
with what the version inherits: :mod:`samverkan.kit.rule_checks`.
"""

from __future__ import annotations

import ast
import datetime as dt
import itertools
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from samverkan.kernel.plugindata import agreement_answers
from samverkan.kit.data import own_data, where
from samverkan.kit.subject import Subject
from samverkan.kit.todo import todos
from samverkan.models import Citation, Rule, Strength


class Skip(Exception):
    """The check does not apply to this plugin; the message says why."""


@dataclass(frozen=True)
class Check:
    """One check: its name (``samverkan plugin check --skip NAME``), what it holds the plugin
    to, and the function that finds the problems."""

    name: str
    title: str
    run: Callable[[Subject], Iterable[str]]


def loaded(subject: Subject) -> Subject:
    """The subject, if it loaded; else :class:`Skip` (the ``loads`` check says why)."""
    if subject.problems or subject.agreement is None:
        raise Skip("the plugin did not load (see the check 'loads')")
    return subject


def loads(subject: Subject) -> Iterator[str]:
    yield from subject.problems
    if subject.problems or subject.pm is None:
        return
    answers = [answer for plugin, answer in agreement_answers(subject.pm) if plugin == subject.name]
    if not answers:
        yield "samverkan_agreement answers nothing: the plugin supplies no agreement"
        return
    ident = getattr(answers[0], "id", None)
    if ident != subject.name:
        yield (
            f"the entry point is called {subject.name!r} but its agreement's id is {ident!r}: "
            "name the entry point after the agreement (config's 'enabled' and "
            "[agreements.<id>] use one name for both)"
        )


def structure(subject: Subject) -> Iterator[str]:
    """What the service refuses to start on (:mod:`samverkan.kernel.plugindata`)."""
    if subject.registry is None:
        raise Skip("the plugin did not load (see the check 'loads')")
    for finding in subject.registry.findings:
        if finding.plugin == subject.name:
            yield str(finding)


def todo(subject: Subject) -> Iterator[str]:
    if subject.package is None:
        raise Skip("the plugin's source was not found (see the check 'loads')")
    yield from todos(subject)


def citations(subject: Subject) -> Iterator[str]:
    """Every rule cited with document, clause and quote; strengths from the three words; a
    *should* never worded as a *must*."""
    loaded(subject)
    for version, path, value in own_data(subject):
        if isinstance(value, Citation):
            for part in ("document", "clause", "quote"):
                if not str(getattr(value, part) or "").strip():
                    yield f"{where(version, path)}: the citation has no {part}"
        if isinstance(value, Rule) and value.strength == Strength.SHOULD:
            words = f" {value.text.lower()} "
            if " must " in words or " shall " in words:
                yield (
                    f"{where(version, path)}: a rule the text words as a should (bör) says "
                    f"'must' or 'shall': {value.text!r}"
                )


# -- quotes against the source text -----------------------------------------------------------


def normalise(text: str) -> str:
    """Line-break hyphenation undone ("delregi-⏎onalt" -> "delregionalt"; "hälso- ⏎och"
    keeps its hyphen) and every run of whitespace one space."""
    text = re.sub(r"(\w)-\n\s*(?=\w)", r"\1", text)
    return re.sub(r"\s+", " ", text).strip()


def stands_in(quote: str, text: str) -> bool:
    """Each part of the quote (a quote may leave words out with "…") is in the text, in order."""
    at = 0
    for part in (normalise(p) for p in quote.split("…")):
        if not part:
            continue
        found = text.find(part, at)
        if found < 0:
            return False
        at = found + len(part)
    return True


def quotes(subject: Subject) -> Iterator[str]:
    """Every quote stands in its source text, word for word (where the texts are shipped)."""
    loaded(subject)
    folder = subject.texts
    if folder is None or not folder.is_dir():
        raise Skip("ships no source texts (texts/<document id>.txt): quotes not compared")
    registry = subject.registry
    assert registry is not None
    documents = {
        version.document.short: version.document.id
        for agreement in registry.agreements.values()
        for version in agreement.versions
    }
    texts = {
        short: normalise((folder / f"{ident}.txt").read_text(encoding="utf-8"))
        for short, ident in documents.items()
        if (folder / f"{ident}.txt").is_file()
    }
    if not texts:
        wanted = ", ".join(f"{ident}.txt" for ident in sorted(set(documents.values())))
        raise Skip(f"no source text in {folder} (looked for {wanted}): quotes not compared")
    for version, path, value in own_data(subject):
        if not isinstance(value, Citation) or not value.quote:
            continue
        if value.document not in documents:
            yield (
                f"{where(version, path)}: cites {value.document!r}, which is no version's "
                f"document; documents: {', '.join(sorted(documents))}"
            )
        elif value.document not in texts:
            yield f"{where(version, path)}: no text {documents[value.document]}.txt in {folder}"
        elif not stands_in(value.quote, texts[value.document]):
            yield (
                f"{where(version, path)}: the quote is not in "
                f"{documents[value.document]}.txt: \u201c{value.quote}\u201d"
            )


# -- versions and parties --------------------------------------------------------------------


def versions(subject: Subject) -> Iterator[str]:
    """Versions follow each other without a gap, each in force on its own first day, and a
    refining version lies within the version it refines."""
    agreement = loaded(subject).agreement
    registry = subject.registry
    assert agreement is not None and registry is not None
    ordered = sorted(agreement.versions, key=lambda v: v.valid_from)
    for before, after in itertools.pairwise(ordered):
        if after.valid_from > before.valid_to + dt.timedelta(days=1):
            yield (
                f"version {after.key!r} starts {after.valid_from}, but {before.key!r} ends "
                f"{before.valid_to}: no version covers the days between (versions follow "
                "each other without a gap)"
            )
    for version in ordered:
        if registry.version_in_force(agreement.id, version.key) is None:
            yield f"version {version.key!r} is not in force on its own first day"
        if version.refines is None:
            continue
        parent = registry.version(version.refines)
        if not (parent.valid_from <= version.valid_from and version.valid_to <= parent.valid_to):
            yield (
                f"version {version.key!r} ({version.valid_from} – {version.valid_to}) lies "
                f"outside the version it refines, {version.refines.agreement}/{parent.key} "
                f"({parent.valid_from} – {parent.valid_to})"
            )


def parties(subject: Subject) -> Iterator[str]:
    """Municipalities named once each, with SCB codes in their region's county; a
    sub-regional agreement's parties are its parent's."""
    agreement = loaded(subject).agreement
    registry = subject.registry
    assert agreement is not None and registry is not None
    codes = [m.code for m in agreement.parties.municipalities]
    if not codes:
        yield "parties: names no municipality"
    for code in sorted({c for c in codes if codes.count(c) > 1}):
        yield f"parties, municipality {code!r}: named twice"
    region = agreement.parties.region_code
    for code in codes:
        if not code.startswith(region):
            yield (
                f"parties, municipality {code!r}: an SCB municipality code starts with its "
                f"county's code, here {region!r}"
            )
    if agreement.parent and agreement.parent in registry.agreements:
        parent = {m.code for m in registry.agreements[agreement.parent].parties.municipalities}
        for code in sorted(set(codes) - parent):
            yield f"parties, municipality {code!r}: not a party to {agreement.parent!r}"


# -- the package -------------------------------------------------------------------------------

#: What a plugin's modules may be called: each named after what it holds.
MODULE_NAMES = {
    "agreement": "the parties (SCB codes), the versions with their validity, the fallback",
    "documents": "the source texts, their headings as the text writes them, citation helpers",
    "ladders": "the escalation ladders",
    "deadlines": "the named deadlines",
    "cost": "the placement cost policy",
    "sip": "the SIP requirements by context",
    "deviations": "the deviation policy, where the text has one",
    "responsibilities": "responsibility rules to look up, where the text has them",
    "followup": "how the version is followed up (uppföljning), where the text says",
    "assumption": "a project assumption a version rests on, in one place",
}


def layout(subject: Subject) -> Iterator[str]:
    """A package whose modules are named after what they hold, each starting with a
    docstring, with its scenario file."""
    package = subject.package
    if package is None:
        raise Skip("the plugin's source was not found (see the check 'loads')")
    if not package.is_dir():
        yield (
            "the plugin is a single module: the kit asks for a package whose modules are "
            "named after what they hold, with scenarios/rules.toml (samverkan plugin new)"
        )
        return
    modules = sorted(p for p in package.rglob("*.py") if "__pycache__" not in p.parts)
    names = {m.stem for m in modules} - {"__init__"}
    for needed in ("agreement", "documents"):
        if needed not in names:
            yield f"{package.name}/{needed}.py is missing ({MODULE_NAMES[needed]})"
    for module in modules:
        shown = module.relative_to(package.parent)
        if module.stem != "__init__" and module.stem not in MODULE_NAMES:
            yield f"{shown}: a module is named after what it holds, one of: " + ", ".join(
                MODULE_NAMES
            )
        if not ast.get_docstring(ast.parse(module.read_text(encoding="utf-8"))):
            yield f"{shown}: starts with no docstring naming the sections of the text it encodes"
    if not (package / "scenarios" / "rules.toml").is_file():
        yield f"{package.name}/scenarios/rules.toml is missing (its scenario tests)"
