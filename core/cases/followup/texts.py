"""Every human-readable text of the follow-up report, in one place: English msgids marked for
the message catalogue (``core/locales/sv``, :mod:`samverkan.kernel.i18n`), shown in the
report's language (the request's ``Accept-Language``, Swedish by default; the command's
``--lang``).

``COUNTED`` says how each figure was counted, ``LABELS`` names the keys of the breakdowns,
``NOTICES`` holds the report's notices, ``FIGURES`` the figures' names and ``CSV`` the CSV's
table titles and column headers.
"""

from __future__ import annotations

from typing import Literal

from samverkan.kernel.i18n import N_, translate

Language = Literal["sv", "en"]

#: How each figure was counted: which rows, dates and statuses.
COUNTED: dict[str, str] = {
    "disputes.opened": N_(
        "Disputes whose opening day (opened_on) falls in the period, whatever their status today."
    ),
    "disputes.resolved": N_(
        "Disputes resolved (status resolved) with their closing day (closed_on) in the period."
    ),
    "disputes.withdrawn": N_(
        "Disputes withdrawn (status withdrawn) with their closing day (closed_on) in the period."
    ),
    "disputes.open_at_end": N_(
        "Disputes opened by the period's last day and not closed on it (no closing day, or a later one)."
    ),
    "disputes.by_subject": N_("Disputes opened in the period, by subject."),
    "disputes.by_highest_tier": N_(
        "Disputes open on some day of the period, by the highest tier of their ladder reached by the period's end (the steps in their history up to its last day)."
    ),
    "disputes.time_at_tier": N_(
        "Stays at a tier that ended in the period (the case was escalated, resolved or withdrawn): days from the day the tier's clock started (clock_started_on, the day the tier received the case) to the day the case left the tier. Median and 90th percentile by nearest rank. Over the limit: the case left the tier after its due date, the time limit counted from clock_started_on. At the tier at the end: cases at the tier on the period's last day. Deadlines passed: due dates whose next day falls in the period, with the case still at the tier. The time limit is cited from the agreement."
    ),
    "disputes.deadlines_passed": N_(
        "Due dates of the tiers' time limits whose next day falls in the period, with the case still at the tier (the sum over the time-at-tier table)."
    ),
    "disputes.recommendations_given": N_(
        "Recommendations and decisions given by a tier's body, dated (given_on) in the period."
    ),
    "disputes.recommendations_accepted": N_(
        "Recommendations and decisions both parties accepted, the last acceptance (and so the resolution) dated in the period."
    ),
    "disputes.recommendations_rejected": N_(
        "Recommendations and decisions at least one party rejected, once per recommendation, on the day of the first rejection, in the period."
    ),
    "disputes.with_retroactive_adjustment": N_(
        "Disputes resolved in the period whose outcome adjusts responsibility or cost retroactively (adjustment)."
    ),
    "disputes.lessons": N_(
        "The outcomes of disputes resolved in the period, for lessons learned: those the key may see through /api/v1/disputes; the others are counted in not_shown."
    ),
    "deviations.reported": N_(
        "Deviations reported (reported_on) in the period, except the drafts the deadline sweep left."
    ),
    "deviations.by_direction": N_(
        "Deviations reported in the period, by direction: from the reporting party (from_party) to the other."
    ),
    "deviations.by_category": N_(
        "Deviations reported in the period, by category; the default is the category the agreement suggests, where it suggests one."
    ),
    "deviations.escalated": N_(
        "Of the deviations reported in the period: those escalated into a dispute opened by the period's last day."
    ),
    "deviations.drafts": N_(
        "Draft deviations the deadline sweep left when a tier's due date passed, reported in the period (not counted as reported)."
    ),
    "placements.started": N_("Placements with their start date (start_date) in the period."),
    "placements.ended": N_("Placements with their end date (end_date) in the period."),
    "placements.by_urgency": N_("Placements started in the period, acute and planned."),
    "placements.by_age": N_(
        "Placements started in the period, children (under 18 on the start date) and adults."
    ),
    "placements.by_home_kind": N_("Placements started in the period, by kind of home."),
    "placements.placement_days": N_(
        "Days of the period the placements ran: from the later of the start date and the period's first day to the earlier of the end date and its last day, both included."
    ),
    "placements.cost_ore": N_(
        "The cost entries for the period's days, split between the parties by the split in force on each day under the cost agreements and dispute outcomes known on the period's last day; an entry across the period's edge counts by days, as in the settlement (/settlement). In öre."
    ),
    "placements.balance_ore": N_(
        "The settlement of the period's days as of its last day, of the same cost entries as the cost: what each party paid for the period's days less what it owes for them; a positive balance means the party paid more than its share, and the parties' balances sum to zero. The balance since a placement's start is its /settlement?as_of=. In öre."
    ),
    "placements.acute.within": N_(
        "Acute placements started in the period whose first written cost agreement (agreed_on) came by the due date of the agreement's rule."
    ),
    "placements.acute.late": N_(
        "Acute placements started in the period whose first written cost agreement came after the due date, by the period's last day."
    ),
    "placements.acute.missing": N_(
        "Acute placements started in the period without a written cost agreement on the period's last day, though the due date had passed."
    ),
    "placements.acute.pending": N_(
        "Acute placements started in the period without a written cost agreement yet, whose due date is the period's last day or later."
    ),
    "deadlines.reminders": N_(
        "Reminders of a due date (event reminder) with their day (fire_on) in the period."
    ),
    "deadlines.overdue_notices": N_(
        "Overdue notices (event overdue) with their day (fire_on, the day after the due date) in the period."
    ),
    "deadlines.other_notices": N_(
        "The deadline sweep's other notices with their day in the period (no progress, earliest date reached, version ending, unwatched case …)."
    ),
    "deadlines.failed_deliveries": N_(
        "Webhook deliveries that gave up after max_attempts (status failed), of notifications with their day in the period."
    ),
}

#: The labels of the breakdowns' keys.
LABELS: dict[str, str] = {
    "subject.responsibility": N_("responsibility"),
    "subject.cost": N_("cost"),
    "subject.interpretation": N_("interpretation"),
    "subject.deviation": N_("deviation"),
    "direction.municipality_to_region": N_("municipality → region"),
    "direction.region_to_municipality": N_("region → municipality"),
    "category.": N_("(no category)"),
    "urgency.acute": N_("acute"),
    "urgency.planned": N_("planned"),
    "age.child": N_("children and young people (0–17)"),
    "age.adult": N_("adult"),
    "home_kind.hvb": N_("HVB (residential care home)"),
    "home_kind.family_home": N_("family home"),
    "home_kind.other_24h_care": N_("other 24-hour care"),
    "home_kind.sis": N_("SiS (state institution)"),
    "level.county": N_("county level"),
    "level.sub_regional": N_("sub-regional level"),
    "level.local": N_("local level"),
    "section.disputes": N_("disputes"),
    "section.deviations": N_("deviations"),
    "section.placements": N_("placements"),
    "section.deadlines": N_("deadlines and deliveries"),
    "party.region": N_("region"),
    "party.municipality": N_("municipality"),
    "total": N_("total"),
    "yes": N_("yes"),
    "no": N_("no"),
}

#: The report's notices.
NOTICES: dict[str, str] = {
    "county": N_(
        "County level: counts the cases under %(agreement)s and under the agreements that refine it (%(children)s), each figure also per agreement."
    ),
    "local": N_("Local level: only the cases of %(municipality)s are counted."),
    "no_version": N_(
        "No version of %(agreement)s is in force on any day of the period; the figures count the cases there are, without the agreement's follow-up rules."
    ),
    "as_known": N_(
        "Everything is counted as known on the period's last day: steps, agreements and costs dated later are not counted."
    ),
}

#: The figures' names (rows of the CSV's tables).
FIGURES: dict[str, str] = {
    "opened": N_("Opened"),
    "resolved": N_("Resolved"),
    "withdrawn": N_("Withdrawn"),
    "open_at_end": N_("Open at the period's end"),
    "deadlines_passed": N_("Tier deadlines passed"),
    "recommendations_given": N_("Recommendations and decisions given"),
    "recommendations_accepted": N_("Recommendations and decisions accepted by both parties"),
    "recommendations_rejected": N_("Recommendations and decisions rejected"),
    "with_retroactive_adjustment": N_("Resolved with a retroactive adjustment"),
    "reported": N_("Reported"),
    "escalated": N_("Escalated into a dispute"),
    "drafts": N_("Drafts left by the sweep"),
    "started": N_("Started"),
    "ended": N_("Ended"),
    "placement_days": N_("Placement days"),
    "cost_ore": N_("Cost of the period's days"),
    "balance_ore": N_("Balance at the period's end"),
    "within": N_("Within the deadline"),
    "late": N_("After the deadline"),
    "missing": N_("Missing, deadline passed"),
    "pending": N_("Deadline not yet reached"),
    "reminders": N_("Reminders"),
    "overdue_notices": N_("Overdue notices"),
    "other_notices": N_("Other notices"),
    "failed_deliveries": N_("Failed deliveries"),
}

#: The CSV's table titles, column headers and the words in its cells.
CSV: dict[str, str] = {
    "title.report": N_("Follow-up"),
    "title.rules": N_("The agreement's follow-up rules"),
    "title.asks": N_("What the agreement asks the follow-up to show"),
    "title.disputes": N_("Disputes"),
    "title.by_subject": N_("Disputes by subject"),
    "title.by_highest_tier": N_("Disputes by highest tier"),
    "title.time_at_tier": N_("Time at each tier"),
    "title.lessons": N_("Outcomes of resolved disputes (lessons)"),
    "title.deviations": N_("Deviations"),
    "title.by_direction": N_("Deviations by direction"),
    "title.by_category": N_("Deviations by category"),
    "title.placements": N_("Placements"),
    "title.by_urgency": N_("Placements started, acute or planned"),
    "title.by_age": N_("Placements started, child or adult"),
    "title.by_home_kind": N_("Placements started by kind of home"),
    "title.money": N_("Cost and settlement (öre)"),
    "title.acute": N_("Acute placements: written cost agreement"),
    "title.acute_rules": N_("Deadline for an acute placement's cost agreement"),
    "title.deadlines": N_("Deadlines and deliveries"),
    "title.notices": N_("Notices"),
    "field": N_("Field"),
    "value": N_("Value"),
    "agreement": N_("Agreement"),
    "level": N_("Level"),
    "municipality": N_("Municipality"),
    "from": N_("From"),
    "to": N_("To"),
    "agreements": N_("Agreements counted"),
    "versions": N_("Versions"),
    "generated_at": N_("Generated (UTC)"),
    "measure": N_("Measure"),
    "count": N_("Count"),
    "counted": N_("How it was counted"),
    "rule": N_("Rule"),
    "strength": N_("Strength"),
    "document": N_("Document"),
    "clause": N_("Clause"),
    "quote": N_("Quote"),
    "what": N_("What"),
    "covered_by": N_("Answered by"),
    "not_covered": N_("not covered: the service holds no data for it"),
    "note": N_("Note"),
    "subject": N_("Subject"),
    "version": N_("Version"),
    "ladder": N_("Ladder"),
    "step": N_("Step"),
    "tier": N_("Tier"),
    "stays_ended": N_("Stays ended"),
    "median_days": N_("Median (days)"),
    "p90_days": N_("90th percentile (days)"),
    "time_limit": N_("Time limit"),
    "over_limit": N_("Over the limit"),
    "at_tier_at_end": N_("At the tier at the end"),
    "dispute": N_("Dispute"),
    "title": N_("Title"),
    "closed_on": N_("Resolved on"),
    "outcome": N_("Outcome"),
    "via": N_("How"),
    "adjustment_from": N_("Adjustment from"),
    "not_shown": N_("Resolved disputes the key may not see (not shown)"),
    "direction": N_("Direction"),
    "category": N_("Category"),
    "kind": N_("Kind"),
    "all": N_("all"),
    "region": N_("Region"),
    "municipality_party": N_("Municipality"),
    "total": N_("Total"),
    "notice": N_("Notice"),
    "unit.days": N_("%(n)s days"),
    "unit.months": N_("%(n)s month(s)"),
    "unit.years": N_("%(n)s year(s)"),
    "no_limit": N_("none (%(pace)s)"),
}


def counted(key: str, lang: Language) -> str:
    return translate(COUNTED[key], lang, {})


def label(key: str, lang: Language) -> str:
    """The label of a breakdown's key; an unknown key (a category) stands as it is."""
    found = LABELS.get(key)
    return translate(found, lang, {}) if found else key.split(".", 1)[-1]


def notice(key: str, lang: Language, **values: str) -> str:
    return translate(NOTICES[key], lang, values)


def figure(key: str, lang: Language) -> str:
    return translate(FIGURES[key], lang, {})


def csv_text(key: str, lang: Language, **values: object) -> str:
    return translate(CSV[key], lang, values)
