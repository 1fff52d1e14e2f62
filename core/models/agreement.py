"""An agreement: its parties, versions, validity and what applies outside its versions."""

from __future__ import annotations

import datetime as dt

from samverkan.models.rules import Base, Citation, Key, Period, Rule, ScbCode


class Document(Base, kw_only=True):
    """A source text (one of ``shared/seeds``)."""

    id: str
    title: str
    short: str
    approved: str = ""


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
