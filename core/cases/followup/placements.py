"""The placements' figures: started and ended, by urgency, age and kind of home, placement days,
the cost of the period's days per party and the settlement of them at its end, and whether each
acute placement's written cost agreement came within the agreement's deadline.

Cost and balance come from each placement's settlement (:mod:`samverkan.cases.placements.
settlement`, the same computation as ``/settlement``) of the cost entries for the period's days,
with the cost agreements and dispute outcomes known on its last day. An entry begun before the
period is divided by days at its first day, as the settlement divides one at ``as_of``. So the
work follows the period's entries, not a placement's whole history: the balance since a
placement's start is its ``/settlement?as_of=``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from samverkan.cases.followup.figures import Tally
from samverkan.cases.followup.rows import Row, Scope
from samverkan.cases.followup.schemas import (
    AcuteCostAgreements,
    FollowUpDeadline,
    Money,
    PartyAmounts,
    PlacementFigures,
    VersionRef,
)
from samverkan.cases.followup.texts import counted
from samverkan.cases.placements.answers import Settlement
from samverkan.cases.placements.settlement import placement_settlement
from samverkan.kernel.dates import add_period
from samverkan.kernel.errors import ProblemError
from samverkan.kernel.registry import InForce, Registry
from samverkan.models import PARTIES, CostPolicy

HOME_KINDS = ("hvb", "family_home", "other_24h_care", "sis")
#: a placement's rules: the version in force on its start date, its cost policy, the acute
#: deadline's rule (``None`` where the plugins no longer resolve them)
Rules = tuple[InForce, CostPolicy, Any] | None


class PlacementRules:
    """The rules of the placements' versions, looked up once per version."""

    def __init__(self, registry: Registry):
        self.registry = registry
        self.found: dict[tuple[str, str, str], Rules] = {}

    def of(self, row: Row) -> Rules:
        key = (row["agreement"], row["version_agreement"], row["version"])
        if key not in self.found:
            try:
                start = dt.date.fromisoformat(row["start_date"])
                in_force = self.registry.in_force(row["agreement"], start)
                policy, _ = self.registry.cost_policy(in_force)
                deadline, _ = self.registry.deadline(in_force, policy.acute.deadline)
                self.found[key] = (in_force, policy, deadline)
            except ProblemError:
                self.found[key] = None
        return self.found[key]

    def deadline_rules(self) -> list[FollowUpDeadline]:
        rules: dict[tuple[str, str], FollowUpDeadline] = {}
        for found in self.found.values():
            if found is None:
                continue
            in_force, _, rule = found
            key = (in_force.version_agreement, in_force.version.key)
            rules[key] = FollowUpDeadline(
                version=VersionRef(agreement=key[0], key=key[1]),
                name=rule.name,
                amount=rule.period.amount,
                unit=rule.period.unit,
                text=rule.title,
                strength=rule.strength,
                citation=rule.citation,
            )
        return [rules[k] for k in sorted(rules)]


def acute_outcome(row: Row, rules: Rules, first_agreed: str | None, last: dt.date) -> str | None:
    """``within``, ``late``, ``missing`` or ``pending`` for an acute placement started in the
    period (``None`` where its rules cannot be resolved)."""
    if rules is None:
        return None
    due = add_period(dt.date.fromisoformat(row["start_date"]), rules[2].period)
    if first_agreed is not None:
        return "within" if dt.date.fromisoformat(first_agreed) <= due else "late"
    return "pending" if due >= last else "missing"


def settled(
    row: Row, rules: Rules, ledger: tuple[list[Row], list[Row], list[Row]], as_of: dt.date
) -> Settlement | None:
    """The placement's settlement as of ``as_of`` (``None`` without entries by then)."""
    if rules is None or not ledger[2] or as_of < dt.date.fromisoformat(row["start_date"]):
        return None
    in_force, policy, _ = rules
    return placement_settlement(row, in_force, policy, *ledger, as_of)


def parties(found: Settlement | None) -> dict[str, dict[str, int]]:
    """Each party's ``owes_ore`` and ``balance_ore`` in a settlement (zeros for none)."""
    if found is None:
        return {p: {"owes_ore": 0, "balance_ore": 0} for p in PARTIES}
    balances = {"region": found.parties.region, "municipality": found.parties.municipality}
    return {p: {"owes_ore": b.owes_ore, "balance_ore": b.balance_ore} for p, b in balances.items()}


def period_cost(
    row: Row, rules: Rules, ledger: tuple[list[Row], list[Row], list[Row]], scope: Scope
) -> tuple[dict[str, int], dict[str, int]]:
    """What each party owes for the period's days, and what it paid for them less that: the
    settlement of the period's entries as of its last day, less, for an entry begun before the
    period, the settlement of its days before the first day."""
    at_end = parties(settled(row, rules, ledger, scope.last))
    first = scope.first.isoformat()
    earlier = [e for e in ledger[2] if e["period_from"] < first]
    day_before = scope.first - dt.timedelta(days=1)
    before = parties(settled(row, rules, (ledger[0], ledger[1], earlier), day_before))
    return (
        {p: at_end[p]["owes_ore"] - before[p]["owes_ore"] for p in PARTIES},
        {p: at_end[p]["balance_ore"] - before[p]["balance_ore"] for p in PARTIES},
    )


def placement_figures(
    scope: Scope,
    tally: Tally,
    rules: PlacementRules,
    rows: dict[str, Any],
) -> PlacementFigures:
    """The section from the queries' rows (``rows``: ``counts``, ``placements``,
    ``ledgers``: cost agreements, entries and resolved disputes per placement)."""
    first, last = scope.first, scope.last
    for row in rows["counts"]:
        agreement = row["agreement"]
        tally.add("started", agreement, row["started"])
        tally.add("ended", agreement, row["ended"])
        tally.add("placement_days", agreement, row["days"])
        tally.add(f"urgency.{'acute' if row['acute'] else 'planned'}", agreement, row["started"])
        tally.add(f"age.{'child' if row['child'] else 'adult'}", agreement, row["started"])
        tally.add(f"home_kind.{row['home_kind']}", agreement, row["started"])
    agreements, entries, disputes = rows["ledgers"]
    cost: dict[str, dict[str, int]] = {}
    balance: dict[str, dict[str, int]] = {}
    for row in rows["placements"]:
        found = rules.of(row)
        ledger = (agreements[row["id"]], disputes[row["id"]], entries[row["id"]])
        owes, balances = period_cost(row, found, ledger, scope)
        for party in PARTIES:
            add_to(cost, row["agreement"], party, owes[party])
            add_to(balance, row["agreement"], party, balances[party])
        started = row["start_date"] >= first.isoformat()
        if row["acute"] and started:
            first_agreed = min((a["agreed_on"] for a in ledger[0]), default=None)
            outcome = acute_outcome(row, found, first_agreed, last)
            if outcome is not None:
                tally.add(f"acute.{outcome}", row["agreement"])
    lang = tally.lang
    return PlacementFigures(
        started=tally.count("started", "placements.started"),
        ended=tally.count("ended", "placements.ended"),
        by_urgency=tally.breakdown("urgency", ("acute", "planned"), "placements.by_urgency"),
        by_age=tally.breakdown("age", ("child", "adult"), "placements.by_age"),
        by_home_kind=tally.breakdown("home_kind", HOME_KINDS, "placements.by_home_kind"),
        placement_days=tally.count("placement_days", "placements.placement_days"),
        cost_ore=money(cost, tally.agreements, counted("placements.cost_ore", lang)),
        balance_ore=money(balance, tally.agreements, counted("placements.balance_ore", lang)),
        acute_cost_agreements=AcuteCostAgreements(
            within=tally.count("acute.within", "placements.acute.within"),
            late=tally.count("acute.late", "placements.acute.late"),
            missing=tally.count("acute.missing", "placements.acute.missing"),
            pending=tally.count("acute.pending", "placements.acute.pending"),
            rules=rules.deadline_rules(),
        ),
    )


def add_to(sums: dict[str, dict[str, int]], agreement: str, party: str, amount: int) -> None:
    per = sums.setdefault(agreement, dict.fromkeys(PARTIES, 0))
    per[party] += amount


def money(sums: dict[str, dict[str, int]], agreements: tuple[str, ...], text: str) -> Money:
    per = {a: sums.get(a) or dict.fromkeys(PARTIES, 0) for a in agreements}
    parties = {p: sum(v[p] for v in per.values()) for p in PARTIES}
    return Money(
        parties=PartyAmounts(**parties),
        total_ore=sum(parties.values()),
        by_agreement={a: PartyAmounts(**v) for a, v in per.items()},
        counted=text,
    )
