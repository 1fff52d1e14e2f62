"""The yearly follow-up (*uppföljning*) of an agreement, from its cases: the service the API and
the CLI call.

The texts ask for it at three levels (HSA 8: "på såväl lokal, delregional som länsnivå"): an
agreement that refines none is the county level and counts its own cases and those of the
agreements that refine it, each figure also per agreement; a refining agreement is its
sub-region's level; ``municipality`` narrows either to one party, the local level.

Who sees what: any party of the agreement (or of one it refines) reads the figures at every
level, for they are counts for spreading lessons in the county (HSA 6); the outcome texts, which
name cases, list only the disputes the key may see through the dispute endpoints; a municipality
asking for another municipality's local level gets 404, as for a case that is not its own. Each
report read is one audit row.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from samverkan.access.audit import Audit
from samverkan.access.keys import Principal
from samverkan.cases.followup import rows, texts
from samverkan.cases.followup.deadlines import deadline_figures
from samverkan.cases.followup.deviations import deviation_figures
from samverkan.cases.followup.disputes import Ladders, dispute_figures
from samverkan.cases.followup.figures import Tally, versions_in_force
from samverkan.cases.followup.placements import PlacementRules, placement_figures
from samverkan.cases.followup.schemas import (
    Ask,
    CitedRule,
    FollowUpReport,
    FollowUpRules,
    Level,
    VersionRef,
)
from samverkan.kernel.clock import Clock
from samverkan.kernel.errors import InvalidInput, NotFound, field_error
from samverkan.kernel.i18n import _, speaking
from samverkan.kernel.registry import InForce, Registry
from samverkan.models import Agreement
from samverkan.store.db import Store


def query_error(field: str, message: str) -> dict[str, Any]:
    return field_error(field, message, where="query")


def period(
    year: int | None, first: dt.date | None, last: dt.date | None
) -> tuple[dt.date, dt.date]:
    """The period asked for: a calendar ``year``, or ``from`` and ``to`` (both days included);
    422 naming the query parameter otherwise."""
    if year is not None and (first is not None or last is not None):
        raise InvalidInput(
            _("give either year, or from and to"),
            errors=[query_error("year", _("not with from and to"))],
        )
    if year is not None:
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    if first is None or last is None:
        missing = [name for name, value in (("from", first), ("to", last)) if value is None]
        if len(missing) == 2:
            missing = ["year"]
        raise InvalidInput(
            _("the period is a year (year=2026), or from and to (from=2026-01-01&to=2026-06-30)"),
            errors=[query_error(name, _("required")) for name in missing],
        )
    if first > last:
        raise InvalidInput(
            _("to (%(last)s) is before from (%(first)s)", last=last, first=first),
            errors=[query_error("to", _("on or after from (%(first)s)", first=first))],
        )
    return first, last


class FollowUp:
    """The follow-up report service (read-only; one audit row per report an API key reads)."""

    def __init__(self, store: Store, registry: Registry, clock: Clock, audit: Audit | None):
        self.store = store
        self.registry = registry
        self.clock = clock
        self.audit = audit

    def report(
        self,
        agreement: str,
        first: dt.date,
        last: dt.date,
        municipality: str | None = None,
        principal: Principal | None = None,
        lang: texts.Language = "sv",
    ) -> FollowUpReport:
        """The report of ``agreement`` for the days ``first`` – ``last``, for ``principal``
        (``None``: the operator, from the command line: every case, no audit row)."""
        found = self.registry.agreement(agreement)
        self._check(found, municipality, principal)
        counted = self.refining(agreement)
        scope = rows.Scope(counted, municipality, first, last)
        with self.store.read() as db:
            queried = {
                "disputes": {
                    "counts": rows.dispute_counts(db, scope),
                    "subjects": rows.disputes_by_subject(db, scope),
                    "disputes": rows.disputes(db, scope),
                    "events": rows.dispute_events(db, scope),
                },
                "visible": rows.resolved_visible(db, scope, principal),
                "deviations": rows.deviation_counts(db, scope),
                "placements": {
                    "counts": rows.placement_counts(db, scope),
                    "placements": rows.placements(db, scope),
                },
                "notifications": rows.notification_counts(db, scope),
            }
            ids = [p["id"] for p in queried["placements"]["placements"]]
            queried["placements"]["ledgers"] = rows.ledgers(db, ids, scope)
        with speaking(lang):  # the report's words, tiers' names included, in its language
            answer = self._answer(found, scope, queried, lang)
        if self.audit is not None and principal is not None:
            self.audit.read(principal, "read_followup", [audited(answer)])
        return answer

    def refining(self, agreement: str) -> tuple[str, ...]:
        """The agreement and every agreement that refines it, at any depth."""
        found = [agreement]
        for candidate in found:
            found += [a.id for a in self.registry.agreements.values() if a.parent == candidate]
        return tuple(found)

    def _check(
        self, agreement: Agreement, municipality: str | None, principal: Principal | None
    ) -> None:
        if principal is not None:
            lineage = [agreement.id]
            while (parent := self.registry.agreement(lineage[-1]).parent) is not None:
                lineage.append(parent)
            if not set(principal.related()) & set(lineage):
                raise NotFound(
                    _(
                        "no follow-up of %(id)s for this key: its organisation is no party to it",
                        id=agreement.id,
                    )
                )
            if municipality and principal.is_municipality and municipality != principal.org:
                raise NotFound(_("no local follow-up of %(code)s for this key", code=municipality))
        codes = {m.code for m in agreement.parties.municipalities}
        if municipality is not None and municipality not in codes:
            raise InvalidInput(
                _(
                    "municipality %(code)s is not a party to %(id)s",
                    code=municipality,
                    id=agreement.id,
                ),
                errors=[
                    query_error(
                        "municipality", _("one of %(allowed)s", allowed=", ".join(sorted(codes)))
                    )
                ],
            )

    def _answer(
        self, agreement: Agreement, scope: rows.Scope, queried: dict[str, Any], lang: Any
    ) -> FollowUpReport:
        first, last = scope.first, scope.last
        in_force = versions_in_force(self.registry, agreement.id, first, last)
        ladders = Ladders(self.registry)
        for name in scope.agreements:
            for version in versions_in_force(self.registry, name, first, last):
                for ladder, _source in self.registry.ladders(version):
                    ladders.add(version, ladder)

        def tally() -> Tally:
            return Tally(scope.agreements, lang)

        visible = queried["visible"]
        placed = queried["placements"]
        return FollowUpReport(
            agreement=agreement.id,
            name=agreement.name,
            level=self.level(agreement, scope),
            municipality=scope.municipality,
            municipality_name=next(
                (m.name for m in agreement.parties.municipalities if m.code == scope.municipality),
                None,
            ),
            period_from=first,
            period_to=last,
            agreements=list(scope.agreements),
            versions=[
                VersionRef(agreement=v.version_agreement, key=v.version.key) for v in in_force
            ],
            language=lang,
            generated_at=self.clock.now().astimezone(dt.UTC).replace(microsecond=0),
            follow_up=self.follow_up(in_force),
            disputes=dispute_figures(
                scope, tally(), ladders, queried["disputes"], visible.__contains__
            ),
            deviations=deviation_figures(tally(), queried["deviations"]),
            placements=placement_figures(scope, tally(), PlacementRules(self.registry), placed),
            deadlines=deadline_figures(tally(), queried["notifications"]),
            notices=self.notices(agreement, scope, in_force, lang),
        )

    @staticmethod
    def level(agreement: Agreement, scope: rows.Scope) -> Level:
        if scope.municipality is not None:
            return "local"
        return "county" if agreement.parent is None else "sub_regional"

    def follow_up(self, in_force: list[InForce]) -> FollowUpRules:
        """The follow-up rules of the versions in force, and what they ask, covered or not."""
        rules: dict[tuple[str, str, str], CitedRule] = {}
        asks: dict[tuple[str, str], Ask] = {}
        for version in in_force:
            policy = self.registry.follow_up(version)
            if policy is None:
                continue
            ref = VersionRef(agreement=version.version_agreement, key=version.version.key)
            for rule in policy.rules:
                key = (rule.citation.document, rule.citation.clause, rule.text)
                rules.setdefault(
                    key, CitedRule(text=rule.text, strength=rule.strength, citation=rule.citation)
                )
            for ask in policy.asks:
                asks.setdefault(
                    (ask.citation.document, ask.key),
                    Ask(
                        key=ask.key,
                        text=ask.text,
                        covered_by=list(ask.covered_by),
                        note=ask.note,
                        version=ref,
                        strength=ask.strength,
                        citation=ask.citation,
                    ),
                )
        return FollowUpRules(
            rules=list(rules.values()),
            covered=[a for a in asks.values() if a.covered_by],
            not_covered=[a for a in asks.values() if not a.covered_by],
        )

    def notices(
        self, agreement: Agreement, scope: rows.Scope, in_force: list[InForce], lang: Any
    ) -> list[str]:
        found = []
        children = [a for a in scope.agreements if a != agreement.id]
        if children and scope.municipality is None:
            found.append(
                texts.notice("county", lang, agreement=agreement.id, children=", ".join(children))
            )
        if scope.municipality is not None:
            name = next(
                m.name for m in agreement.parties.municipalities if m.code == scope.municipality
            )
            found.append(texts.notice("local", lang, municipality=f"{name} ({scope.municipality})"))
        if not in_force:
            found.append(texts.notice("no_version", lang, agreement=agreement.id))
        found.append(texts.notice("as_known", lang))
        return found


def audited(report: FollowUpReport) -> dict[str, Any]:
    """What the audit log names of a report read: the agreement, period and municipality."""
    parts = [report.agreement, report.period_from.isoformat(), report.period_to.isoformat()]
    if report.municipality:
        parts.append(report.municipality)
    return {"object_type": "followup", "object_id": ":".join(parts), "agreement": report.agreement}
