"""How long a version is in force: its text's own term, the terms by which the text extends
itself (:class:`samverkan.models.Renewal`), a written notice that stops them, and an extension the
parties decided beyond the text (config ``extended_to``).

The HSA 1.6 example: the text's own term ends 2030-12-31; without notice it goes on in
three-year terms (2031-01-01 – 2033-12-31, …). A written notice given at the latest 18 months
before a term's last day ends it on that day (notice 2029-05-01 -> 2030-12-31); a later one at
the end of the next term (notice 2029-09-01 -> 2033-12-31).
"""

from __future__ import annotations

import datetime as dt

import msgspec

from samverkan.kernel.config import AgreementConfig
from samverkan.kernel.dates import add_period, describe_period
from samverkan.kernel.errors import ConfigError
from samverkan.kernel.i18n import _
from samverkan.models import Agreement, Base, Citation, Period, Rule, Strength, Version

LAST_DAY = dt.date.max


class Validity(Base, kw_only=True):
    """A version's validity as it stands on one date (what every rule-set answer shows).

    :param valid_from: its first day.
    :param text_ends_on: the last day of the text's own term (``Version.valid_to``).
    :param ends_on: the end in force: the day a written notice or a configured extension ends
        it, else the last day of the term running on the date (the text's own term, or the
        extension the text grants itself that the date falls in).
    :param term: ``0`` within the text's own term, ``n`` within its n-th self-extension.
    :param term_starts_on: the first day of that term.
    :param extends: whether the text extends itself again after ``ends_on`` (no notice recorded).
    :param notice_by: while it ``extends``: the last day a written notice ends it on ``ends_on``.
    :param notice_given_on: the written notice recorded in config, if any.
    :param extended_to: the last day of an extension declared in config, if any.
    :param basis: ``text`` (its own term), ``self_extension`` (a term the text grants itself),
        ``config_extension`` (only by the extension declared in config).
    """

    valid_from: dt.date
    text_ends_on: dt.date
    ends_on: dt.date
    term: int = 0
    term_starts_on: dt.date
    extends: bool = False
    notice_by: dt.date | None = None
    notice_given_on: dt.date | None = None
    extended_to: dt.date | None = None
    basis: str = "text"


class Term(Base, kw_only=True):
    """A version's term as the text and config decide it, for any date.

    :param ends_on: the last day it is in force, when known: the text's own end for a text
        that does not extend itself, the day a written notice ends it, or a configured
        extension; ``None`` while the text goes on extending itself with no notice recorded.
    """

    agreement: str
    version: Version
    notice_given_on: dt.date | None = None
    notice_reason: str = ""
    extended_to: dt.date | None = None
    extension_reason: str = ""

    def term_end(self, n: int) -> dt.date:
        """The last day of term ``n`` (``0``: the text's own term)."""
        renewal = self.version.renewal
        if n == 0 or renewal is None:
            return self.version.valid_to
        span = Period(amount=renewal.period.amount * n, unit=renewal.period.unit)
        try:
            return add_period(self.version.valid_to + dt.timedelta(days=1), span) - dt.timedelta(
                days=1
            )
        except (OverflowError, ValueError):
            return LAST_DAY

    def notice_deadline(self, n: int) -> dt.date:
        """The last day a written notice ends the version at the end of term ``n``."""
        renewal = self.version.renewal
        assert renewal is not None
        return add_period(self.term_end(n), renewal.notice, sign=-1)

    @property
    def notice_ends_on(self) -> dt.date | None:
        """The day the recorded notice ends the version: the first term end it is in time for."""
        if self.notice_given_on is None or self.version.renewal is None:
            return None
        n = 0
        while self.notice_given_on > self.notice_deadline(n):
            n += 1
        return self.term_end(n)

    @property
    def text_or_notice_end(self) -> dt.date | None:
        """Where the agreement text ends it (``None``: it goes on extending itself)."""
        if self.version.renewal is None:
            return self.version.valid_to
        return self.notice_ends_on

    @property
    def ends_on(self) -> dt.date | None:
        return self.extended_to or self.text_or_notice_end

    def term_of(self, day: dt.date) -> int:
        """The term ``day`` falls in (``0`` for days up to the text's own end)."""
        n = 0
        while day > self.term_end(n):
            n += 1
        return n

    def on(self, day: dt.date) -> Validity | None:
        """The version's validity on ``day``, or ``None`` when it is not in force then."""
        version = self.version
        end = self.ends_on
        if day < version.valid_from or (end is not None and day > end):
            return None
        own_end = self.text_or_notice_end
        if own_end is not None and day > own_end:  # only by the extension in config
            return Validity(
                valid_from=version.valid_from,
                text_ends_on=version.valid_to,
                ends_on=end or day,
                term=0,
                term_starts_on=own_end + dt.timedelta(days=1),
                notice_given_on=self.notice_given_on,
                extended_to=self.extended_to,
                basis="config_extension",
            )
        n = self.term_of(day) if version.renewal else 0
        starts = version.valid_from if n == 0 else self.term_end(n - 1) + dt.timedelta(days=1)
        extends = end is None
        return Validity(
            valid_from=version.valid_from,
            text_ends_on=version.valid_to,
            ends_on=self.term_end(n) if extends else end,  # type: ignore[arg-type]
            term=n,
            term_starts_on=starts,
            extends=extends,
            notice_by=self.notice_deadline(n) if extends else None,
            notice_given_on=self.notice_given_on,
            extended_to=self.extended_to,
            basis="text" if n == 0 else "self_extension",
        )


def terms_of(agreement: Agreement, extra: AgreementConfig | None) -> dict[tuple[str, str], Term]:
    """Each version's term; config's notice and extension (``extra``) apply to the last
    version.

    :raises ConfigError: a renewal on a version that is not the last, a renewal without an
        extension rule to cite, a notice for a text that does not extend itself, or an
        extension that is not after the text's own end (or the notice's).
    """
    last = max(agreement.versions, key=lambda v: v.valid_to)
    for version in agreement.versions:
        if version.renewal is not None and version is not last:
            raise ConfigError(
                f"{agreement.id}/{version.key} extends itself (renewal) but is not the "
                "agreement's last version"
            )
        if version.renewal is not None and version.extension is None:
            raise ConfigError(
                f"{agreement.id}/{version.key} has a renewal but no extension rule to cite"
            )
    terms = {
        (agreement.id, v.key): Term(agreement=agreement.id, version=v) for v in agreement.versions
    }
    if not extra:
        return terms
    where = f"agreements.{agreement.id}"
    if extra.notice_given_on and last.renewal is None:
        raise ConfigError(
            f"{where}.notice_given_on: {agreement.id}'s text does not extend itself "
            f"({last.key} ends {last.valid_to} by its own term), so there is no extension "
            "for a notice to stop"
        )
    term = Term(
        agreement=agreement.id,
        version=last,
        notice_given_on=extra.notice_given_on,
        notice_reason=extra.notice_reason,
    )
    if extra.extended_to:
        own_end = term.text_or_notice_end
        if own_end is None:
            raise ConfigError(
                f"{where}.extended_to: {agreement.id}/{last.key} extends itself "
                f"({last.extension.citation.clause if last.extension else 'its text'}) "
                "unless written notice is given; record a notice with notice_given_on "
                "before declaring an extension beyond the text"
            )
        if extra.extended_to <= own_end:
            raise ConfigError(
                f"{where}.extended_to {extra.extended_to} must be after the text's own end "
                f"{own_end}"
            )
        term = msgspec.structs.replace(
            term, extended_to=extra.extended_to, extension_reason=extra.extension_reason
        )
    terms[(agreement.id, last.key)] = term
    return terms


def describe_end(term: Term) -> str:
    """A version's end in words, for messages that list versions."""
    version = term.version
    if term.extended_to:
        return _(
            "%(end)s (by the extension in config; the text ends %(text_end)s)",
            end=term.extended_to,
            text_end=version.valid_to,
        )
    if version.renewal is None:
        return str(version.valid_to)
    ends = term.notice_ends_on
    if ends is None:
        return _(
            "%(end)s, then extended by %(period)s at a time while no written notice is recorded",
            end=version.valid_to,
            period=describe_period(version.renewal.period),
        )
    return _(
        "%(end)s (ended by the written notice given %(given)s)",
        end=ends,
        given=term.notice_given_on,
    )


def validity_notices(term: Term, validity: Validity, on: dt.date) -> tuple[Rule, ...]:
    """What an answer must say about how the version is in force on ``on``."""
    version = term.version
    notices: list[Rule] = []
    if validity.basis == "self_extension" and version.extension and version.renewal:
        notices.append(
            Rule(
                text=_(
                    "In force on %(on)s by the extension its text grants itself: extension "
                    "%(term)s by %(period)s, %(starts)s – %(ends)s. The text's own term ended "
                    "%(text_end)s. %(text)s",
                    on=on,
                    term=validity.term,
                    period=describe_period(version.renewal.period),
                    starts=validity.term_starts_on,
                    ends=term.term_end(validity.term),
                    text_end=version.valid_to,
                    text=version.extension.text,
                ).strip(),
                strength=Strength.SHALL,
                citation=version.extension.citation,
            )
        )
    if term.notice_given_on and version.renewal and on >= term.notice_given_on:
        ends = term.notice_ends_on
        in_time = ends == term.term_end(term.term_of(term.notice_given_on))
        params = {
            "given": term.notice_given_on,
            "reason": term.notice_reason,
            "title": version.title,
            "ends": ends,
            "notice": describe_period(version.renewal.notice),
            "text": version.renewal.on_notice.text,
        }
        text = (
            _(
                "Written notice given %(given)s (%(reason)s): %(title)s ends %(ends)s. The notice "
                "came at the latest %(notice)s before that term's last day. %(text)s",
                **params,
            )
            if in_time
            else _(
                "Written notice given %(given)s (%(reason)s): %(title)s ends %(ends)s. The notice "
                "came later than %(notice)s before the term's last day, so the version runs to "
                "the end of the next term. %(text)s",
                **params,
            )
        )
        notices.append(
            Rule(
                text=text.strip(),
                strength=Strength.SHALL,
                citation=version.renewal.on_notice.citation,
            )
        )
    if validity.basis == "config_extension":
        notices.append(
            Rule(
                text=_(
                    "In force from %(starts)s to %(ends)s only by an extension declared in this "
                    "deployment's config: %(reason)s. The agreement's own text ends %(text_end)s.",
                    starts=validity.term_starts_on,
                    ends=term.extended_to,
                    reason=term.extension_reason,
                    text_end=validity.term_starts_on - dt.timedelta(days=1),
                ),
                strength=Strength.SHALL,
                citation=Citation(
                    document="config/samverkan.toml",
                    clause=f"[agreements.{term.agreement}] extended_to",
                    note=_("Not agreement text: a decision of the parties recorded by the admin."),
                ),
            )
        )
    return tuple(notices)
