"""What the follow-up page shows of a report: the choices of its form, and each chart with the
table of its numbers. The numbers are the report's (:mod:`samverkan.cases.followup`), never
counted again; the words are the report's too (its tables' titles and labels)."""

from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup

from samverkan.cases.followup import FollowUpReport, Language
from samverkan.cases.followup.schemas import Breakdown, TierRef, TierTimes
from samverkan.cases.followup.texts import csv_text, figure
from samverkan.kernel.i18n import _, language
from samverkan.kernel.rulebook import RuleBook
from samverkan.pages.charts import Series, bar_chart
from samverkan.pages.common import money

#: the first year the form offers (the oldest built-in text is from 2017)
FIRST_YEAR = 2017


@dataclass(frozen=True)
class Choice:
    """The form's choices and what was chosen (an agreement, a year, a municipality or the
    whole agreement: the level)."""

    agreement: str
    year: int
    municipality: str | None
    agreements: list[tuple[str, str]]
    years: list[int]
    municipalities: list[tuple[str, str]]


def choices(
    rulebook: RuleBook, agreement: str | None, year: int | None, municipality: str | None
) -> Choice:
    """The choices; without an agreement the first enabled one, without a year this year."""
    known = rulebook.agreements()
    chosen = agreement or (known[0].id if known else "")
    this_year = rulebook.clock.today().year
    parties = [(m.code, m.name) for a in known if a.id == chosen for m in a.parties.municipalities]
    return Choice(
        agreement=chosen,
        year=year or this_year,
        municipality=municipality,
        agreements=[(a.id, a.name_en if language() == "en" else a.name) for a in known],
        years=list(range(this_year, FIRST_YEAR - 1, -1)),
        municipalities=parties,
    )


@dataclass(frozen=True)
class Chart:
    """One chart and its numbers: ``rows`` of cells, the first the row's heading."""

    key: str
    title: str
    svg: Markup
    headings: list[str]
    rows: list[list[str]]
    counted: str = ""
    notes: list[str] = field(default_factory=list)


def drawn(
    key: str,
    title: str,
    headings: list[str],
    rows: list[list[str]],
    series: Series,
    counted: str,
    horizontal: bool = True,
) -> Chart:
    name = _("%(title)s (the numbers are in the table beside it)", title=title)
    labels = [row[0] for row in rows]
    svg = bar_chart(name, labels, series, horizontal=horizontal)
    return Chart(key, title, svg, headings, rows, counted)


def tier_names(refs: list[TierRef]) -> list[str]:
    """Each tier's name, with its version where two tiers counted share a name (the county
    level counts the ladders of every agreement refining it)."""
    names = [ref.name for ref in refs]
    return [
        f"{ref.name} ({ref.version.key})" if names.count(ref.name) > 1 else ref.name for ref in refs
    ]


def charts(report: FollowUpReport) -> list[Chart]:
    """Disputes by highest tier and by subject, the time at each tier against its limit,
    deviations by direction, and the placements' cost and balance by party."""
    lang = report.language
    disputes, placements = report.disputes, report.placements
    tiers = disputes.by_highest_tier
    by_tier = drawn(
        "by_highest_tier",
        csv_text("title.by_highest_tier", lang),
        [csv_text("tier", lang), csv_text("count", lang)],
        [
            [n, str(t.value)]
            for n, t in zip(tier_names([t.tier for t in tiers.items]), tiers.items, strict=True)
        ],
        [(csv_text("count", lang), [t.value for t in tiers.items])],
        tiers.counted,
    )
    by_subject = counts("by_subject", "subject", disputes.by_subject, lang)
    times = disputes.time_at_tier
    limits = [
        t.time_limit.amount if t.time_limit and t.time_limit.unit == "days" else None
        for t in times.items
    ]
    at_tier = drawn(
        "time_at_tier",
        csv_text("title.time_at_tier", lang),
        [
            csv_text("tier", lang),
            csv_text("stays_ended", lang),
            csv_text("median_days", lang),
            csv_text("p90_days", lang),
            csv_text("time_limit", lang),
            csv_text("over_limit", lang),
        ],
        [
            [
                n,
                str(t.stays_ended),
                dash(t.median_days),
                dash(t.p90_days),
                limit_text(t, lang),
                str(t.over_limit),
            ]
            for n, t in zip(tier_names([t.tier for t in times.items]), times.items, strict=True)
        ],
        [
            (csv_text("median_days", lang), [t.median_days for t in times.items]),
            (csv_text("p90_days", lang), [t.p90_days for t in times.items]),
            (csv_text("time_limit", lang), limits),
        ],
        times.counted,
    )
    by_direction = counts("by_direction", "direction", report.deviations.by_direction, lang)
    parties = ("region", "municipality")
    cost, balance = placements.cost_ore, placements.balance_ore
    by_party = drawn(
        "money",
        csv_text("title.money", lang).replace(" (öre)", ""),
        [csv_text("kind", lang), csv_text("region", lang), csv_text("municipality_party", lang)],
        [
            [figure("cost_ore", lang), *(money(getattr(cost.parties, p)) for p in parties)],
            [figure("balance_ore", lang), *(money(getattr(balance.parties, p)) for p in parties)],
        ],
        [
            (
                csv_text("region", lang),
                [kronor(cost.parties.region), kronor(balance.parties.region)],
            ),
            (
                csv_text("municipality_party", lang),
                [kronor(cost.parties.municipality), kronor(balance.parties.municipality)],
            ),
        ],
        cost.counted,
        horizontal=False,
    )
    return [by_tier, by_subject, at_tier, by_direction, by_party]


def counts(key: str, heading: str, breakdown: Breakdown, lang: Language) -> Chart:
    """A breakdown's counts (by subject, by direction …) as a chart and its table."""
    return drawn(
        key,
        csv_text(f"title.{key}", lang),
        [csv_text(heading, lang), csv_text("count", lang)],
        [[item.label, str(item.value)] for item in breakdown.items],
        [(csv_text("count", lang), [item.value for item in breakdown.items])],
        breakdown.counted,
    )


def dash(value: int | None) -> str:
    return "—" if value is None else str(value)


def kronor(ore: int) -> float:
    """For drawing only (the table shows the exact amount)."""
    return ore / 100


def limit_text(times: TierTimes, lang: Language) -> str:
    limit = times.time_limit
    if limit is None:
        return csv_text("no_limit", lang, pace=times.pace or "—")
    return csv_text(f"unit.{limit.unit}", lang, n=limit.amount)


def key_figures(report: FollowUpReport) -> list[tuple[str, str, int]]:
    """(section, figure, value) of the report's counts, for the page's first table."""
    lang = report.language
    d, v, p = report.disputes, report.deviations, report.placements
    return (
        [
            (csv_text("title.disputes", lang), figure(name, lang), getattr(d, name).value)
            for name in ("opened", "resolved", "withdrawn", "open_at_end", "deadlines_passed")
        ]
        + [
            (csv_text("title.deviations", lang), figure(name, lang), getattr(v, name).value)
            for name in ("reported", "escalated")
        ]
        + [
            (csv_text("title.placements", lang), figure(name, lang), getattr(p, name).value)
            for name in ("started", "ended", "placement_days")
        ]
    )
