"""The follow-up report as CSV: one table per section, each a title row, a header row, its rows
and an empty row, with the report's numbers as they stand in the JSON.

Made to open in a spreadsheet as a Swedish follow-up group uses one: UTF-8 with a byte order
mark (Excel reads UTF-8 only with it, and å, ä, ö come out right), ``;`` between cells (the list
separator of Swedish Excel, where the decimal separator is the comma: a ``,``-separated file
opens in one column there) and CRLF line ends. A text cell that a spreadsheet would take for a
formula (starting with ``=``, ``+``, ``-``, ``@`` or a tab) is written with a leading ``'``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import Any

from samverkan.cases.followup.schemas import (
    Breakdown,
    Count,
    FollowUpReport,
    Money,
    TierRef,
    TimeLimitRule,
)
from samverkan.cases.followup.texts import Language, csv_text, figure, label

Table = tuple[str, list[str], list[list[Any]]]
BOM = "\ufeff"
CITED = ("document", "clause", "quote")
FORMULA = ("=", "+", "-", "@", "\t", "\r")


def cell(value: Any) -> Any:
    """A cell's value: numbers as they are, text that could start a formula made inert."""
    if isinstance(value, str) and value.startswith(FORMULA):
        return "'" + value
    return "" if value is None else value


def to_csv(report: FollowUpReport) -> str:
    """The report as one CSV text, one table per section (with the byte order mark)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    for title, header, rows in tables(report):
        writer.writerow([title])
        writer.writerow(header)
        writer.writerows([cell(v) for v in row] for row in rows)
        writer.writerow([])
    return BOM + out.getvalue()


def tables(report: FollowUpReport) -> list[Table]:
    lang: Language = report.language
    t = lambda key, **values: csv_text(key, lang, **values)  # noqa: E731
    agreements = report.agreements
    disputes, deviations, placements = report.disputes, report.deviations, report.placements
    return [
        (t("title.report"), [t("field"), t("value")], meta(report)),
        (
            t("title.rules"),
            [t("rule"), t("strength"), t("document"), t("clause"), t("quote")],
            [
                [r.text, str(r.strength), r.citation.document, r.citation.clause, r.citation.quote]
                for r in report.follow_up.rules
            ],
        ),
        (
            t("title.asks"),
            [t("what"), t("covered_by"), t("note"), t("document"), t("clause"), t("quote")],
            [
                [
                    a.text,
                    ", ".join(label(f"section.{s}", lang) for s in a.covered_by)
                    or t("not_covered"),
                    a.note,
                    a.citation.document,
                    a.citation.clause,
                    a.citation.quote,
                ]
                for a in [*report.follow_up.covered, *report.follow_up.not_covered]
            ],
        ),
        counts(t("title.disputes"), disputes, DISPUTE_FIGURES, agreements, lang),
        breakdown(t("title.by_subject"), t("subject"), disputes.by_subject, agreements, lang),
        (
            t("title.by_highest_tier"),
            [*tier_header(lang), t("count"), *agreements],
            [
                [*tier_cells(i.tier), i.value, *(i.by_agreement[a] for a in agreements)]
                for i in disputes.by_highest_tier.items
            ]
            + [[disputes.by_highest_tier.counted]],
        ),
        time_at_tier(report, lang),
        lessons(report, lang),
        counts(t("title.deviations"), deviations, DEVIATION_FIGURES, agreements, lang),
        breakdown(
            t("title.by_direction"), t("direction"), deviations.by_direction, agreements, lang
        ),
        breakdown(t("title.by_category"), t("category"), deviations.by_category, agreements, lang),
        counts(t("title.placements"), placements, PLACEMENT_FIGURES, agreements, lang),
        breakdown(t("title.by_urgency"), t("kind"), placements.by_urgency, agreements, lang),
        breakdown(t("title.by_age"), t("kind"), placements.by_age, agreements, lang),
        breakdown(t("title.by_home_kind"), t("kind"), placements.by_home_kind, agreements, lang),
        money(report, lang),
        counts(
            t("title.acute"),
            placements.acute_cost_agreements,
            ("within", "late", "missing", "pending"),
            agreements,
            lang,
        ),
        (
            t("title.acute_rules"),
            [t(k) for k in ("version", "time_limit", "rule", "strength", *CITED)],
            [
                [
                    f"{r.version.agreement}/{r.version.key}",
                    t(f"unit.{r.unit}", n=r.amount),
                    r.text,
                    str(r.strength),
                    r.citation.document,
                    r.citation.clause,
                    r.citation.quote,
                ]
                for r in placements.acute_cost_agreements.rules
            ],
        ),
        counts(t("title.deadlines"), report.deadlines, DEADLINE_FIGURES, agreements, lang),
        (t("title.notices"), [t("notice")], [[n] for n in report.notices]),
    ]


DISPUTE_FIGURES = (
    "opened",
    "resolved",
    "withdrawn",
    "open_at_end",
    "deadlines_passed",
    "recommendations_given",
    "recommendations_accepted",
    "recommendations_rejected",
    "with_retroactive_adjustment",
)
DEVIATION_FIGURES = ("reported", "escalated", "drafts")
PLACEMENT_FIGURES = ("started", "ended", "placement_days")
DEADLINE_FIGURES = ("reminders", "overdue_notices", "other_notices", "failed_deliveries")


def meta(report: FollowUpReport) -> list[list[Any]]:
    lang = report.language
    name = report.municipality_name
    return [
        [csv_text("agreement", lang), f"{report.agreement}: {report.name}"],
        [csv_text("level", lang), label(f"level.{report.level}", lang)],
        [csv_text("municipality", lang), f"{report.municipality} {name}" if name else ""],
        [csv_text("from", lang), report.period_from.isoformat()],
        [csv_text("to", lang), report.period_to.isoformat()],
        [csv_text("agreements", lang), ", ".join(report.agreements)],
        [
            csv_text("versions", lang),
            ", ".join(f"{v.agreement}/{v.key}" for v in report.versions),
        ],
        [csv_text("generated_at", lang), report.generated_at.strftime("%Y-%m-%dT%H:%M:%SZ")],
    ]


def counts(
    title: str, section: Any, names: Iterable[str], agreements: list[str], lang: Language
) -> Table:
    header = [csv_text("measure", lang), csv_text("count", lang), *agreements]
    rows = []
    for name in names:
        found: Count = getattr(section, name)
        by = [found.by_agreement[a] for a in agreements]
        rows.append([figure(name, lang), found.value, *by, found.counted])
    return title, [*header, csv_text("counted", lang)], rows


def breakdown(
    title: str, key: str, found: Breakdown, agreements: list[str], lang: Language
) -> Table:
    rows: list[list[Any]] = [
        [i.label, i.value, *(i.by_agreement[a] for a in agreements)] for i in found.items
    ]
    return title, [key, csv_text("count", lang), *agreements], [*rows, [found.counted]]


def tier_header(lang: Language) -> list[str]:
    return [csv_text(k, lang) for k in ("version", "ladder", "step", "tier")]


def tier_cells(tier: TierRef) -> list[Any]:
    return [f"{tier.version.agreement}/{tier.version.key}", tier.ladder, tier.step, tier.name]


def limit_text(limit: TimeLimitRule | None, pace: str, lang: Language) -> str:
    if limit is None:
        return csv_text("no_limit", lang, pace=pace or "-")
    return csv_text(f"unit.{limit.unit}", lang, n=limit.amount)


def time_at_tier(report: FollowUpReport, lang: Language) -> Table:
    table = report.disputes.time_at_tier
    columns = ("stays_ended", "median_days", "p90_days", "time_limit", "over_limit")
    header = [*tier_header(lang), *(csv_text(c, lang) for c in columns)]
    header += [csv_text(c, lang) for c in ("at_tier_at_end", "rule", "quote")]
    header.insert(len(header) - 2, figure("deadlines_passed", lang))
    rows: list[list[Any]] = []
    for i in table.items:
        source = i.time_limit.citation if i.time_limit else None
        rows.append(
            [
                *tier_cells(i.tier),
                i.stays_ended,
                i.median_days,
                i.p90_days,
                limit_text(i.time_limit, i.pace, lang),
                i.over_limit,
                i.at_tier_at_end,
                i.deadlines_passed,
                f"{source.document}, {source.clause}" if source else "",
                source.quote if source else "",
            ]
        )
    return csv_text("title.time_at_tier", lang), header, [*rows, [table.counted]]


def lessons(report: FollowUpReport, lang: Language) -> Table:
    found = report.disputes.lessons
    keys = ("dispute", "agreement", "municipality", "subject", "title", "tier", "closed_on")
    header = [csv_text(k, lang) for k in (*keys, "outcome", "via", "adjustment_from")]
    rows: list[list[Any]] = [
        [
            i.id,
            i.agreement,
            i.municipality,
            label(f"subject.{i.subject}", lang),
            i.title,
            i.tier.name,
            i.closed_on.isoformat(),
            i.outcome,
            i.via,
            i.adjustment_from.isoformat() if i.adjustment_from else "",
        ]
        for i in found.items
    ]
    rows += [[csv_text("not_shown", lang), found.not_shown], [found.counted]]
    return csv_text("title.lessons", lang), header, rows


def money(report: FollowUpReport, lang: Language) -> Table:
    header = [csv_text(k, lang) for k in ("measure", "agreement", "region")]
    header += [csv_text("municipality_party", lang), csv_text("total", lang)]
    rows: list[list[Any]] = []
    notes = []
    for name in ("cost_ore", "balance_ore"):
        found: Money = getattr(report.placements, name)
        p = found.parties
        rows.append([figure(name, lang), csv_text("all", lang), p.region, p.municipality])
        rows[-1].append(found.total_ore)
        for agreement, amounts in found.by_agreement.items():
            total = amounts.region + amounts.municipality
            rows.append(
                [figure(name, lang), agreement, amounts.region, amounts.municipality, total]
            )
        notes.append([found.counted])
    return csv_text("title.money", lang), header, rows + notes
