"""Every human-readable text of the follow-up report, in Swedish and in English, in one place.

The report's language is chosen by ``Accept-Language`` (Swedish by default; see
:func:`language`). ``COUNTED`` says how each figure was counted, ``LABELS`` names the keys of
the breakdowns, ``CSV`` holds the CSV's table titles and column headers, ``NOTICES`` the
report's notices. When the service's message catalogues arrive, these move into them as they
stand: each entry is one message with its two translations.
"""

from __future__ import annotations

from typing import Literal

Language = Literal["sv", "en"]
Texts = dict[str, dict[Language, str]]

#: How each figure was counted: which rows, dates and statuses.
COUNTED: Texts = {
    "disputes.opened": {
        "sv": "Tvister vars öppningsdag (opened_on) ligger i perioden, oavsett status i dag.",
        "en": "Disputes whose opening day (opened_on) falls in the period, whatever their "
        "status today.",
    },
    "disputes.resolved": {
        "sv": "Tvister som lösts (status resolved) med avslutsdag (closed_on) i perioden.",
        "en": "Disputes resolved (status resolved) with their closing day (closed_on) in the "
        "period.",
    },
    "disputes.withdrawn": {
        "sv": "Tvister som återkallats (status withdrawn) med avslutsdag (closed_on) i perioden.",
        "en": "Disputes withdrawn (status withdrawn) with their closing day (closed_on) in the "
        "period.",
    },
    "disputes.open_at_end": {
        "sv": "Tvister öppnade senast periodens sista dag som inte var avslutade den dagen "
        "(ingen avslutsdag, eller en senare).",
        "en": "Disputes opened by the period's last day and not closed on it (no closing day, "
        "or a later one).",
    },
    "disputes.by_subject": {
        "sv": "Tvister öppnade i perioden, efter ämne (subject).",
        "en": "Disputes opened in the period, by subject.",
    },
    "disputes.by_highest_tier": {
        "sv": "Tvister som var öppna någon dag i perioden, efter den högsta nivå i sin "
        "eskaleringstrappa som de nått vid periodens slut (stegen i historiken till och med "
        "periodens sista dag).",
        "en": "Disputes open on some day of the period, by the highest tier of their ladder "
        "reached by the period's end (the steps in their history up to its last day).",
    },
    "disputes.time_at_tier": {
        "sv": "Vistelser på en nivå som avslutades i perioden (ärendet eskalerades, löstes eller "
        "återkallades): dagar från den dag nivåns klocka startade (clock_started_on, den dag "
        "nivån tog emot ärendet) till den dag ärendet lämnade nivån. Median och 90:e percentil "
        "enligt närmaste rang. Över tidsgränsen: ärendet lämnade nivån efter förfallodagen, "
        "tidsgränsen räknad från clock_started_on. Kvar vid periodens slut: ärenden på nivån "
        "periodens sista dag. Passerade förfallodagar: förfallodagar vars följande dag ligger i "
        "perioden, med ärendet kvar på nivån. Tidsgränsen citeras ur avtalet.",
        "en": "Stays at a tier that ended in the period (the case was escalated, resolved or "
        "withdrawn): days from the day the tier's clock started (clock_started_on, the day the "
        "tier received the case) to the day the case left the tier. Median and 90th percentile "
        "by nearest rank. Over the limit: the case left the tier after its due date, the time "
        "limit counted from clock_started_on. At the tier at the end: cases at the tier on the "
        "period's last day. Deadlines passed: due dates whose next day falls in the period, "
        "with the case still at the tier. The time limit is cited from the agreement.",
    },
    "disputes.deadlines_passed": {
        "sv": "Förfallodagar för nivåernas tidsgränser vars följande dag ligger i perioden, då "
        "ärendet fortfarande var kvar på nivån (summan av tabellen tid på nivå).",
        "en": "Due dates of the tiers' time limits whose next day falls in the period, with "
        "the case still at the tier (the sum over the time-at-tier table).",
    },
    "disputes.recommendations_given": {
        "sv": "Rekommendationer och beslut som en nivås organ lämnat, daterade (given_on) i "
        "perioden.",
        "en": "Recommendations and decisions given by a tier's body, dated (given_on) in the "
        "period.",
    },
    "disputes.recommendations_accepted": {
        "sv": "Rekommendationer och beslut som båda parter godtagit, där det sista godtagandet "
        "(och därmed lösningen) är daterat i perioden.",
        "en": "Recommendations and decisions both parties accepted, the last acceptance (and so "
        "the resolution) dated in the period.",
    },
    "disputes.recommendations_rejected": {
        "sv": "Rekommendationer och beslut som minst en part avvisat, en gång per rekommendation, "
        "på dagen för det första avvisandet, i perioden.",
        "en": "Recommendations and decisions at least one party rejected, once per "
        "recommendation, on the day of the first rejection, in the period.",
    },
    "disputes.with_retroactive_adjustment": {
        "sv": "Tvister lösta i perioden vars utfall justerar ansvar eller kostnad i efterhand "
        "(adjustment).",
        "en": "Disputes resolved in the period whose outcome adjusts responsibility or cost "
        "retroactively (adjustment).",
    },
    "disputes.lessons": {
        "sv": "Utfallet av tvister lösta i perioden, för lärdomar: de som nyckeln får se "
        "genom /api/v1/disputes; övriga räknas i not_shown.",
        "en": "The outcomes of disputes resolved in the period, for lessons learned: "
        "those the key may see through /api/v1/disputes; the others are counted in not_shown.",
    },
    "deviations.reported": {
        "sv": "Avvikelser rapporterade (reported_on) i perioden, utom de utkast som bevakningen "
        "lämnat.",
        "en": "Deviations reported (reported_on) in the period, except the drafts the deadline "
        "sweep left.",
    },
    "deviations.by_direction": {
        "sv": "Avvikelser rapporterade i perioden, efter riktning: från den rapporterande parten "
        "(from_party) till den andra.",
        "en": "Deviations reported in the period, by direction: from the reporting party "
        "(from_party) to the other.",
    },
    "deviations.by_category": {
        "sv": "Avvikelser rapporterade i perioden, efter kategori; förvald är den kategori "
        "avtalet föreslår, där det föreslår en.",
        "en": "Deviations reported in the period, by category; the default is the category the "
        "agreement suggests, where it suggests one.",
    },
    "deviations.escalated": {
        "sv": "Av avvikelserna rapporterade i perioden: de som eskalerats till en tvist öppnad "
        "senast periodens sista dag.",
        "en": "Of the deviations reported in the period: those escalated into a dispute opened "
        "by the period's last day.",
    },
    "deviations.drafts": {
        "sv": "Utkast till avvikelser som bevakningen lämnade när en nivås förfallodag "
        "passerats, med rapportdag i perioden (inte räknade som rapporterade).",
        "en": "Draft deviations the deadline sweep left when a tier's due date passed, "
        "reported in the period (not counted as reported).",
    },
    "placements.started": {
        "sv": "Placeringar med startdag (start_date) i perioden.",
        "en": "Placements with their start date (start_date) in the period.",
    },
    "placements.ended": {
        "sv": "Placeringar med slutdag (end_date) i perioden.",
        "en": "Placements with their end date (end_date) in the period.",
    },
    "placements.by_urgency": {
        "sv": "Placeringar som startade i perioden, akuta och planerade.",
        "en": "Placements started in the period, acute and planned.",
    },
    "placements.by_age": {
        "sv": "Placeringar som startade i perioden, barn och unga (under 18 år på startdagen) "
        "och vuxna.",
        "en": "Placements started in the period, children (under 18 on the start date) and adults.",
    },
    "placements.by_home_kind": {
        "sv": "Placeringar som startade i perioden, efter slag av hem.",
        "en": "Placements started in the period, by kind of home.",
    },
    "placements.placement_days": {
        "sv": "Dagar i perioden som placeringarna pågick: från den senare av startdagen och "
        "periodens första dag till den tidigare av slutdagen och periodens sista dag, båda "
        "dagarna inräknade.",
        "en": "Days of the period the placements ran: from the later of the start date and the "
        "period's first day to the earlier of the end date and its last day, both included.",
    },
    "placements.cost_ore": {
        "sv": "Kostnadsposterna för periodens dagar, fördelade mellan parterna med den "
        "fördelning som gällde varje dag enligt de kostnadsöverenskommelser och tvistutfall som "
        "var kända periodens sista dag; en post över periodens gräns räknas efter dagar, som i "
        "avräkningen (/settlement). I öre.",
        "en": "The cost entries for the period's days, split between the parties by the split "
        "in force on each day under the cost agreements and dispute outcomes known on the "
        "period's last day; an entry across the period's edge counts by days, as in the "
        "settlement (/settlement). In öre.",
    },
    "placements.balance_ore": {
        "sv": "Avräkningen av periodens dagar per dess sista dag, för samma kostnadsposter som "
        "kostnaden: vad varje part betalat för periodens dagar minus vad den är skyldig för dem; "
        "ett positivt saldo betyder att parten betalat mer än sin del, och parternas saldon är "
        "tillsammans noll. Saldot sedan en placerings start visar dess /settlement?as_of=. I öre.",
        "en": "The settlement of the period's days as of its last day, of the same cost entries "
        "as the cost: what each party paid for the period's days less what it owes for them; a "
        "positive balance means the party paid more than its share, and the parties' balances "
        "sum to zero. The balance since a placement's start is its /settlement?as_of=. In öre.",
    },
    "placements.acute.within": {
        "sv": "Akuta placeringar som startade i perioden, vars första skriftliga "
        "kostnadsöverenskommelse (agreed_on) kom senast på förfallodagen enligt avtalets regel.",
        "en": "Acute placements started in the period whose first written cost agreement "
        "(agreed_on) came by the due date of the agreement's rule.",
    },
    "placements.acute.late": {
        "sv": "Akuta placeringar som startade i perioden, vars första skriftliga "
        "kostnadsöverenskommelse kom efter förfallodagen men senast periodens sista dag.",
        "en": "Acute placements started in the period whose first written cost agreement came "
        "after the due date, by the period's last day.",
    },
    "placements.acute.missing": {
        "sv": "Akuta placeringar som startade i perioden, utan skriftlig "
        "kostnadsöverenskommelse periodens sista dag fast förfallodagen hade passerat.",
        "en": "Acute placements started in the period without a written cost agreement on the "
        "period's last day, though the due date had passed.",
    },
    "placements.acute.pending": {
        "sv": "Akuta placeringar som startade i perioden, utan skriftlig "
        "kostnadsöverenskommelse ännu, vars förfallodag är periodens sista dag eller senare.",
        "en": "Acute placements started in the period without a written cost agreement yet, "
        "whose due date is the period's last day or later.",
    },
    "deadlines.reminders": {
        "sv": "Påminnelser om en förfallodag (event reminder) med dag (fire_on) i perioden.",
        "en": "Reminders of a due date (event reminder) with their day (fire_on) in the period.",
    },
    "deadlines.overdue_notices": {
        "sv": "Meddelanden om passerad förfallodag (event overdue) med dag (fire_on, dagen efter "
        "förfallodagen) i perioden.",
        "en": "Overdue notices (event overdue) with their day (fire_on, the day after the due "
        "date) in the period.",
    },
    "deadlines.other_notices": {
        "sv": "Övriga meddelanden från bevakningen med dag i perioden (utan framsteg, tidigaste "
        "dag nådd, version som upphör, ärende utan bevakning …).",
        "en": "The deadline sweep's other notices with their day in the period (no progress, "
        "earliest date reached, version ending, unwatched case …).",
    },
    "deadlines.failed_deliveries": {
        "sv": "Webhook-leveranser som gav upp efter max_attempts (status failed), av "
        "meddelanden med dag i perioden.",
        "en": "Webhook deliveries that gave up after max_attempts (status failed), of "
        "notifications with their day in the period.",
    },
}

#: The labels of the breakdowns' keys.
LABELS: Texts = {
    "subject.responsibility": {"sv": "ansvar", "en": "responsibility"},
    "subject.cost": {"sv": "kostnad", "en": "cost"},
    "subject.interpretation": {"sv": "tolkning", "en": "interpretation"},
    "subject.deviation": {"sv": "avvikelse", "en": "deviation"},
    "direction.municipality_to_region": {"sv": "kommun → region", "en": "municipality → region"},
    "direction.region_to_municipality": {"sv": "region → kommun", "en": "region → municipality"},
    "category.": {"sv": "(utan kategori)", "en": "(no category)"},
    "urgency.acute": {"sv": "akut", "en": "acute"},
    "urgency.planned": {"sv": "planerad", "en": "planned"},
    "age.child": {"sv": "barn och unga (0–17 år)", "en": "children and young people (0–17)"},
    "age.adult": {"sv": "vuxen", "en": "adult"},
    "home_kind.hvb": {"sv": "HVB", "en": "HVB (residential care home)"},
    "home_kind.family_home": {"sv": "familjehem", "en": "family home"},
    "home_kind.other_24h_care": {"sv": "annan heldygnsvård", "en": "other 24-hour care"},
    "home_kind.sis": {"sv": "SiS", "en": "SiS (state institution)"},
    "level.county": {"sv": "länsnivå", "en": "county level"},
    "level.sub_regional": {"sv": "delregional nivå", "en": "sub-regional level"},
    "level.local": {"sv": "lokal nivå", "en": "local level"},
    "section.disputes": {"sv": "tvister", "en": "disputes"},
    "section.deviations": {"sv": "avvikelser", "en": "deviations"},
    "section.placements": {"sv": "placeringar", "en": "placements"},
    "section.deadlines": {"sv": "bevakning och leveranser", "en": "deadlines and deliveries"},
    "party.region": {"sv": "region", "en": "region"},
    "party.municipality": {"sv": "kommun", "en": "municipality"},
    "total": {"sv": "totalt", "en": "total"},
    "yes": {"sv": "ja", "en": "yes"},
    "no": {"sv": "nej", "en": "no"},
}

#: The report's notices.
NOTICES: Texts = {
    "county": {
        "sv": "Länsnivå: räknar ärendena under {agreement} och under de avtal som preciserar "
        "det ({children}), varje siffra också per avtal.",
        "en": "County level: counts the cases under {agreement} and under the agreements that "
        "refine it ({children}), each figure also per agreement.",
    },
    "local": {
        "sv": "Lokal nivå: bara ärendena i {municipality} räknas.",
        "en": "Local level: only the cases of {municipality} are counted.",
    },
    "no_version": {
        "sv": "Ingen version av {agreement} gäller någon dag i perioden; siffrorna räknar "
        "ärendena som finns, utan avtalets regler om uppföljning.",
        "en": "No version of {agreement} is in force on any day of the period; the figures "
        "count the cases there are, without the agreement's follow-up rules.",
    },
    "as_known": {
        "sv": "Allt räknas som det var känt periodens sista dag: steg, överenskommelser och "
        "kostnader daterade senare räknas inte.",
        "en": "Everything is counted as known on the period's last day: steps, agreements and "
        "costs dated later are not counted.",
    },
}


def language(accept_language: str | None) -> Language:
    """The report's language from ``Accept-Language``: English when English is preferred
    over Swedish, otherwise Swedish (the default)."""
    best: tuple[float, Language] = (0.0, "sv")
    for index, part in enumerate((accept_language or "").split(",")):
        name, _, params = part.strip().partition(";")
        tag = name.strip().lower().split("-")[0]
        if tag not in ("sv", "en"):
            continue
        weight = 1.0
        for param in params.split(";"):
            key, _, value = param.strip().partition("=")
            if key.strip() == "q":
                try:
                    weight = float(value)
                except ValueError:
                    weight = 0.0
        weight -= index * 1e-6  # the earlier of two equal weights wins
        if weight > best[0]:
            best = (weight, "sv" if tag == "sv" else "en")
    return best[1]


def counted(key: str, lang: Language) -> str:
    return COUNTED[key][lang]


def label(key: str, lang: Language) -> str:
    """The label of a breakdown's key; an unknown key (a category) stands as it is."""
    found = LABELS.get(key)
    return found[lang] if found else key.split(".", 1)[-1]


def notice(key: str, lang: Language, **values: str) -> str:
    return NOTICES[key][lang].format(**values)


#: The figures' names (rows of the CSV's tables).
FIGURES: Texts = {
    "opened": {"sv": "Öppnade", "en": "Opened"},
    "resolved": {"sv": "Lösta", "en": "Resolved"},
    "withdrawn": {"sv": "Återkallade", "en": "Withdrawn"},
    "open_at_end": {"sv": "Öppna vid periodens slut", "en": "Open at the period's end"},
    "deadlines_passed": {"sv": "Passerade förfallodagar", "en": "Tier deadlines passed"},
    "recommendations_given": {
        "sv": "Rekommendationer och beslut lämnade",
        "en": "Recommendations and decisions given",
    },
    "recommendations_accepted": {
        "sv": "Rekommendationer och beslut godtagna av båda parter",
        "en": "Recommendations and decisions accepted by both parties",
    },
    "recommendations_rejected": {
        "sv": "Rekommendationer och beslut avvisade",
        "en": "Recommendations and decisions rejected",
    },
    "with_retroactive_adjustment": {
        "sv": "Lösta med justering i efterhand",
        "en": "Resolved with a retroactive adjustment",
    },
    "reported": {"sv": "Rapporterade", "en": "Reported"},
    "escalated": {"sv": "Eskalerade till tvist", "en": "Escalated into a dispute"},
    "drafts": {"sv": "Utkast från bevakningen", "en": "Drafts left by the sweep"},
    "started": {"sv": "Startade", "en": "Started"},
    "ended": {"sv": "Avslutade", "en": "Ended"},
    "placement_days": {"sv": "Placeringsdagar", "en": "Placement days"},
    "cost_ore": {"sv": "Kostnad för periodens dagar", "en": "Cost of the period's days"},
    "balance_ore": {"sv": "Saldo vid periodens slut", "en": "Balance at the period's end"},
    "within": {"sv": "Inom tidsgränsen", "en": "Within the deadline"},
    "late": {"sv": "Efter tidsgränsen", "en": "After the deadline"},
    "missing": {"sv": "Saknas, tidsgränsen passerad", "en": "Missing, deadline passed"},
    "pending": {"sv": "Tidsgränsen ännu inte nådd", "en": "Deadline not yet reached"},
    "reminders": {"sv": "Påminnelser", "en": "Reminders"},
    "overdue_notices": {"sv": "Meddelanden om passerad förfallodag", "en": "Overdue notices"},
    "other_notices": {"sv": "Övriga meddelanden", "en": "Other notices"},
    "failed_deliveries": {"sv": "Misslyckade leveranser", "en": "Failed deliveries"},
}

#: The CSV's table titles, column headers and the words in its cells.
CSV: Texts = {
    "title.report": {"sv": "Uppföljning", "en": "Follow-up"},
    "title.rules": {
        "sv": "Avtalets regler om uppföljning",
        "en": "The agreement's follow-up rules",
    },
    "title.asks": {
        "sv": "Det avtalet ber uppföljningen visa",
        "en": "What the agreement asks the follow-up to show",
    },
    "title.disputes": {"sv": "Tvister", "en": "Disputes"},
    "title.by_subject": {"sv": "Tvister efter ämne", "en": "Disputes by subject"},
    "title.by_highest_tier": {"sv": "Tvister efter högsta nivå", "en": "Disputes by highest tier"},
    "title.time_at_tier": {"sv": "Tid på nivå", "en": "Time at each tier"},
    "title.lessons": {
        "sv": "Utfall av lösta tvister (lärdomar)",
        "en": "Outcomes of resolved disputes (lessons)",
    },
    "title.deviations": {"sv": "Avvikelser", "en": "Deviations"},
    "title.by_direction": {"sv": "Avvikelser efter riktning", "en": "Deviations by direction"},
    "title.by_category": {"sv": "Avvikelser efter kategori", "en": "Deviations by category"},
    "title.placements": {"sv": "Placeringar", "en": "Placements"},
    "title.by_urgency": {
        "sv": "Startade placeringar, akut eller planerad",
        "en": "Placements started, acute or planned",
    },
    "title.by_age": {
        "sv": "Startade placeringar, barn eller vuxen",
        "en": "Placements started, child or adult",
    },
    "title.by_home_kind": {
        "sv": "Startade placeringar efter slag av hem",
        "en": "Placements started by kind of home",
    },
    "title.money": {"sv": "Kostnad och avräkning (öre)", "en": "Cost and settlement (öre)"},
    "title.acute": {
        "sv": "Akuta placeringar: skriftlig kostnadsöverenskommelse",
        "en": "Acute placements: written cost agreement",
    },
    "title.acute_rules": {
        "sv": "Tidsgräns för akuta placeringars kostnadsöverenskommelse",
        "en": "Deadline for an acute placement's cost agreement",
    },
    "title.deadlines": {"sv": "Bevakning och leveranser", "en": "Deadlines and deliveries"},
    "title.notices": {"sv": "Anmärkningar", "en": "Notices"},
    "field": {"sv": "Fält", "en": "Field"},
    "value": {"sv": "Värde", "en": "Value"},
    "agreement": {"sv": "Avtal", "en": "Agreement"},
    "level": {"sv": "Nivå", "en": "Level"},
    "municipality": {"sv": "Kommun", "en": "Municipality"},
    "from": {"sv": "Från och med", "en": "From"},
    "to": {"sv": "Till och med", "en": "To"},
    "agreements": {"sv": "Avtal som räknas", "en": "Agreements counted"},
    "versions": {"sv": "Versioner", "en": "Versions"},
    "generated_at": {"sv": "Skapad (UTC)", "en": "Generated (UTC)"},
    "measure": {"sv": "Mått", "en": "Measure"},
    "count": {"sv": "Antal", "en": "Count"},
    "counted": {"sv": "Så har det räknats", "en": "How it was counted"},
    "rule": {"sv": "Regel", "en": "Rule"},
    "strength": {"sv": "Styrka", "en": "Strength"},
    "document": {"sv": "Dokument", "en": "Document"},
    "clause": {"sv": "Avsnitt", "en": "Clause"},
    "quote": {"sv": "Citat", "en": "Quote"},
    "what": {"sv": "Vad", "en": "What"},
    "covered_by": {"sv": "Besvaras av", "en": "Answered by"},
    "not_covered": {
        "sv": "täcks inte: tjänsten har inga uppgifter om det",
        "en": "not covered: the service holds no data for it",
    },
    "note": {"sv": "Anmärkning", "en": "Note"},
    "subject": {"sv": "Ämne", "en": "Subject"},
    "version": {"sv": "Version", "en": "Version"},
    "ladder": {"sv": "Trappa", "en": "Ladder"},
    "step": {"sv": "Steg", "en": "Step"},
    "tier": {"sv": "Nivå", "en": "Tier"},
    "stays_ended": {"sv": "Avslutade vistelser", "en": "Stays ended"},
    "median_days": {"sv": "Median (dagar)", "en": "Median (days)"},
    "p90_days": {"sv": "90:e percentilen (dagar)", "en": "90th percentile (days)"},
    "time_limit": {"sv": "Tidsgräns", "en": "Time limit"},
    "over_limit": {"sv": "Över tidsgränsen", "en": "Over the limit"},
    "at_tier_at_end": {"sv": "Kvar vid periodens slut", "en": "At the tier at the end"},
    "dispute": {"sv": "Tvist", "en": "Dispute"},
    "title": {"sv": "Rubrik", "en": "Title"},
    "closed_on": {"sv": "Löst", "en": "Resolved on"},
    "outcome": {"sv": "Utfall", "en": "Outcome"},
    "via": {"sv": "Hur", "en": "How"},
    "adjustment_from": {"sv": "Justering från", "en": "Adjustment from"},
    "not_shown": {
        "sv": "Lösta tvister som nyckeln inte får se (inte visade)",
        "en": "Resolved disputes the key may not see (not shown)",
    },
    "direction": {"sv": "Riktning", "en": "Direction"},
    "category": {"sv": "Kategori", "en": "Category"},
    "kind": {"sv": "Slag", "en": "Kind"},
    "all": {"sv": "alla", "en": "all"},
    "region": {"sv": "Region", "en": "Region"},
    "municipality_party": {"sv": "Kommun", "en": "Municipality"},
    "total": {"sv": "Totalt", "en": "Total"},
    "notice": {"sv": "Anmärkning", "en": "Notice"},
    "unit.days": {"sv": "{n} dagar", "en": "{n} days"},
    "unit.months": {"sv": "{n} månad(er)", "en": "{n} month(s)"},
    "unit.years": {"sv": "{n} år", "en": "{n} year(s)"},
    "no_limit": {"sv": "ingen ({pace})", "en": "none ({pace})"},
}


def figure(key: str, lang: Language) -> str:
    return FIGURES[key][lang]


def csv_text(key: str, lang: Language, **values: object) -> str:
    return CSV[key][lang].format(**values)
