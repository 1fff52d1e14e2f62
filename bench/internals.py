"""The only module of ``bench/`` that imports the service's internals.

Everything else drives the service from outside (``samverkan serve``, ``samverkan keys
create``, HTTP). When the package is restructured, update the imports here and nothing else:

- ``samverkan.server``: ``protocol(name)`` and ``UvicornConfig`` (the yardstick app runs under the
  same uvicorn protocol classes, with the same read deadlines, as ``samverkan serve``);
- ``samverkan.kernel.settlement``: ``Split``, ``Entry``, ``settle`` (settlement scaling);
- ``samverkan.kernel.config.load_settings`` and ``samverkan.wiring.build``: the services' ``store``
  (``Store``: ``.conn``, ``.read()``) and ``sweeper`` (``Sweeper.sweep()``);
- the ``deadlines`` table's columns (migration ``0006_deadlines``) and the sweep's due query
  (``samverkan.delivery.sweep.due_deadlines``, the function ``Sweeper.sweep`` calls);
- for the follow-up (``CaseWriter``): ``samverkan.kernel.config`` (``Settings``,
  ``DatabaseConfig``, ``SweepConfig``), ``samverkan.wiring.build``, the request schemas of
  ``samverkan.cases.disputes``, ``.deviations`` and ``.placements`` (and
  ``samverkan.kernel.sip.SipDocument``), ``samverkan.cases.changes.Change``,
  ``samverkan.cases.common.Actor``, the registry's ``in_force``/``ladder_for_subject`` and the
  public methods of the case services, the sweeper and ``FollowUp``.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterable
from fractions import Fraction
from pathlib import Path
from typing import Any

# -- the server setup -------------------------------------------------------------------------


def server_parts(http: str) -> tuple[type, type]:
    """The service's protocol class for ``[server] http`` and its uvicorn config class."""
    from samverkan.server import UvicornConfig, protocol

    return protocol(http), UvicornConfig


# -- settlement -------------------------------------------------------------------------------

CITE = {"document": "bench", "clause": "-", "quote": ""}


def settlement_case(
    start: dt.date, entries: int, days_each: int, splits: int, span_days: int
) -> tuple[Any, list[Any], list[Any]]:
    """A placement's base split, ``splits`` later splits spread over ``span_days``, and
    ``entries`` cost entries of ``days_each`` days laid end to end, wrapping at ``span_days``."""
    from samverkan.kernel.settlement import Entry, Split

    base = Split(start, {"region": Fraction(0), "municipality": Fraction(1)}, "base", "w", CITE)
    changes = [
        Split(
            start + dt.timedelta(days=(i + 1) * span_days // (splits + 1)),
            {"region": Fraction(i % 3, 3), "municipality": 1 - Fraction(i % 3, 3)},
            "change",
            "w",
            CITE,
        )
        for i in range(splits)
    ]
    slots = max(1, span_days // days_each)
    rows = [
        Entry(
            f"e{i}",
            start + dt.timedelta(days=(i % slots) * days_each),
            start + dt.timedelta(days=(i % slots + 1) * days_each - 1),
            9_300_000 + i,
            "municipality",
        )
        for i in range(entries)
    ]
    return base, changes, rows


def settle(case: tuple[Any, list[Any], list[Any]], as_of: dt.date) -> dict[str, Any]:
    from samverkan.kernel.settlement import settle as _settle

    base, changes, rows = case
    return _settle(base, changes, rows, as_of)


# -- the sweep --------------------------------------------------------------------------------

_COLUMNS = (
    "id, kind, subject_type, subject_id, agreement, municipality, title, due_on, remind_on, "
    "fires, explanation, citation, strength, is_setting, status, created_at, closed_at"
)


class SweepDatabase:
    """The service's database at ``path`` (migrated) with its sweeper, built as
    ``samverkan.wiring.build`` builds them; the config file gives the sweep and webhook settings."""

    def __init__(self, path: Path, config: Path, today: dt.date):
        import os

        from samverkan.kernel.config import load_settings
        from samverkan.wiring import build

        saved = dict(os.environ)
        os.environ["SAMVERKAN_DATABASE"] = str(path)
        os.environ["SAMVERKAN_TODAY"] = today.isoformat()
        try:
            settings = load_settings(config)
        finally:
            os.environ.clear()
            os.environ.update(saved)
        self.services = build(settings)
        self.store = self.services.store
        self.sweeper = self.services.sweeper
        self.today = today

    @property
    def conn(self) -> sqlite3.Connection:
        return self.store.conn

    def insert_deadlines(self, rows: Iterable[tuple[Any, ...]]) -> None:
        """Insert deadline rows (tuples in the order of :data:`_COLUMNS`) in one transaction."""
        marks = ", ".join("?" * len(_COLUMNS.split(",")))
        with self.store.write():
            self.conn.executemany(f"INSERT INTO deadlines ({_COLUMNS}) VALUES ({marks})", rows)

    def close_deadlines(self, ids: list[str]) -> None:
        with self.store.write():
            self.conn.executemany(
                "UPDATE deadlines SET status = 'met', closed_at = ? WHERE id = ?",
                [(self.today.isoformat(), i) for i in ids],
            )

    def due(self) -> int:
        """The sweep's due query, as the sweep runs it; returns the number of rows."""
        from samverkan.delivery.sweep import due_deadlines

        with self.store.read() as db:
            return len(due_deadlines(db, self.today))

    def sweep(self) -> int:
        """One sweep round; returns the number of notifications it made."""
        return len(self.sweeper.sweep())

    def count(self, sql: str) -> int:
        return int(self.conn.execute(sql).fetchone()[0])

    def close(self) -> None:
        self.sweeper.close()
        self.store.close()


def deadline_row(
    ident: str, due_on: dt.date, remind_on: dt.date, status: str, created: str
) -> tuple[Any, ...]:
    """One row of the ``deadlines`` table: a dispute tier's time limit, as the service writes
    one (texts of the usual length)."""
    return (
        ident,
        "tier",
        "dispute",
        f"dsp_{ident}",
        "sodra_alvsborg",
        "1490",
        "Lokal styrgrupp: time limit",
        due_on.isoformat(),
        remind_on.isoformat(),
        "due",
        f"30 dagar from {due_on - dt.timedelta(days=30)} (the day the tier was reached) gives "
        f"{due_on}; the tier body shall have answered by then",
        '{"document": "Rutin för tvistehantering, Närvårdssamverkan Södra Älvsborg", '
        '"clause": "3", "quote": "inom 30 dagar"}',
        "shall",
        0,
        status,
        created,
        None if status == "open" else created,
    )


# -- the follow-up: generated cases written through the case services ----------------------------


class CaseWriter:
    """A database at ``path`` (migrated; all four agreements) filled by playing a
    :class:`bench.casegen.Plan` through the service's own case services, a day at a time on a
    clock the writer moves: every row is written as the API writes it (events, deadlines,
    linked rows), and the deadline sweep runs at the end of every ``sweep_every``-th day (``0``:
    never), writing reminders, overdue notices and draft deviations as the scheduler would. (A
    reminder's window is 8 days and an overdue notice is dated the day after the due date,
    whenever the sweep runs, so sweeping every 7th day writes the same notifications, but for a
    case closed inside a reminder's window before the sweep came, and the draft deviations are
    dated the day of the sweep.)

    Uses ``samverkan.wiring.build`` and, of each service, only its public methods:
    ``Disputes.open``/``escalate``/``record_outcome``/``respond``/``resolve``/``withdraw``,
    ``Deviations.record``/``escalate``, ``Placements.open``/``add_cost_agreement``/
    ``add_cost``/``end``, ``Sweeper.sweep``, ``FollowUp.report``; and the registry's ladders.
    ``synchronous=OFF`` on this connection: a generated database need not survive a power cut.
    """

    def __init__(self, path: Path, sweep_every: int = 1):
        from samverkan.kernel.config import DatabaseConfig, Settings, SweepConfig
        from samverkan.wiring import build

        settings = Settings(
            enabled=["vgr", "sodra_alvsborg", "goteborg", "dalarna"],
            database=DatabaseConfig(path=str(path)),
            sweep=SweepConfig(enabled=False),
        )
        self.services = build(settings)
        self.services.store.conn.execute("PRAGMA synchronous=OFF")
        self.registry = self.services.rulebook.registry
        self.clock = self.services.rulebook.clock
        self.sweep_every = sweep_every
        self.etags: dict[str, str] = {}
        self.pending: dict[str, str] = {}  # dispute id -> "given" | "rejected"
        self._ladders: dict[tuple[str, str, str, str], Any] = {}

    def close(self) -> None:
        self.services.close()

    # -- what the plans need to know of the rules -------------------------------------------

    def _ladder(self, agreement: str, subject: str, day: dt.date) -> Any:
        in_force = self.registry.in_force(agreement, day)
        key = (agreement, subject, in_force.version_agreement, in_force.version.key)
        if key not in self._ladders:
            self._ladders[key] = self.registry.ladder_for_subject(in_force, subject)[0]
        return self._ladders[key]

    def ladders(self, agreement: str, subject: str, day: dt.date) -> list[Any]:
        """The tiers (``bench.casegen.TierInfo``) a dispute opened on ``day`` climbs."""
        from bench.casegen import TierInfo

        ladder = self._ladder(agreement, subject, day)
        return [
            TierInfo(
                tier.key,
                tier.outcome,
                (rule := tier.retroactivity(subject, False)) is not None and rule.from_ != "none",
            )
            for tier in ladder.tiers
        ]

    def areas(self, county: str) -> dict[str, tuple[str, ...]]:
        """Each municipality of ``county`` and the agreements it is a party to (county first)."""
        found: dict[str, list[str]] = {
            m.code: [county] for m in self.registry.agreement(county).parties.municipalities
        }
        for agreement in self.registry.agreements.values():
            if agreement.parent == county:
                for m in agreement.parties.municipalities:
                    found[m.code].append(agreement.id)
        return {code: tuple(agreements) for code, agreements in found.items()}

    def region(self, agreement: str) -> str:
        return self.registry.agreement(agreement).parties.region_code

    # -- playing a plan -------------------------------------------------------------------------

    def write(self, plan: Any, first: dt.date, until: dt.date) -> None:
        """Play ``plan``: each day from ``first`` to ``until`` its actions, then the sweep."""
        actions: list[tuple[dt.date, int, Any]] = []
        for dispute in plan.disputes:
            self._dispute_actions(dispute, None, actions)
        for deviation in plan.deviations:
            self._deviation_actions(deviation, actions)
        for placement in plan.placements:
            self._placement_actions(placement, actions)
        actions.sort(key=lambda a: (a[0], a[1]))
        index, day, number = 0, first, 0
        while day <= until:
            self.clock.fixed_today = day
            while index < len(actions) and actions[index][0] <= day:
                actions[index][2]()
                index += 1
            number += 1
            if self.sweep_every and number % self.sweep_every == 0:
                self.services.sweeper.sweep()
            day += dt.timedelta(days=1)

    def _change(self, org: str, case_id: str | None = None) -> Any:
        from samverkan.cases.changes import Change
        from samverkan.cases.common import Actor

        if_match = self.etags.get(case_id) if case_id else None
        return Change(Actor(org=org, person="bench"), if_match=if_match)

    def _keep(self, answer: Any, case_id: str | None = None) -> str:
        found = case_id or str(answer.body.id)
        self.etags[found] = answer.headers["ETag"]
        return found

    def _dispute_actions(self, d: Any, deviation: Any, actions: list[Any]) -> None:
        from samverkan.cases.deviations import EscalateDeviation
        from samverkan.cases.disputes import OpenDispute, TemporaryArrangement

        disputes, ladder = self.services.disputes, self._ladder(d.agreement, d.subject, d.opened_on)
        region = self.region(d.agreement)
        ids: dict[str, str] = {}
        parts = {p: "Egen del" for p in ladder.temporary_arrangement_parts}
        arrangement = TemporaryArrangement(
            started_on=d.opened_on, description="Tillfällig fördelning", **parts
        )
        form = form_answers(ladder.tiers[0], d.opened_on)
        opener = region if d.by_region else d.municipality

        def open_() -> None:
            if deviation is None:
                request = OpenDispute(
                    agreement=d.agreement,
                    municipality=d.municipality,
                    subject=d.subject,
                    title="Genererad tvist",
                    description="Parterna är oense.",
                    opened_on=d.opened_on,
                    concerns_individual=True,
                    temporary_arrangement=arrangement,
                    form=form,
                )
                ids["id"] = self._keep(disputes.open(request, self._change(opener)))
                return
            request = EscalateDeviation(
                opened_on=d.opened_on, concerns_individual=True, temporary_arrangement=arrangement
            )
            by = region if deviation.from_region else d.municipality
            answer = self.services.deviations.escalate(
                deviation.id, request, self._change(by, deviation.id)
            )
            ids["id"] = str(answer.body.dispute.id)
            self.etags[ids["id"]] = f'"{ids["id"]}.{answer.body.dispute.revision}"'

        actions.append((d.opened_on, len(actions), open_))
        tier = [0]
        for step in d.steps:
            actions.append(
                (step.on, len(actions), self._dispute_step(d, step, ids, tier, ladder, region))
            )

    def _dispute_step(
        self, d: Any, step: Any, ids: dict[str, str], tier: list[int], ladder: Any, region: str
    ) -> Any:
        from samverkan.cases.disputes import (
            Adjustment,
            Escalate,
            RecordOutcome,
            Resolve,
            Respond,
            Withdraw,
        )

        disputes = self.services.disputes

        def act() -> None:
            case = ids["id"]
            municipality, on = self._change(d.municipality, case), step.on
            if step.kind == "escalate":
                outcome = ladder.tiers[tier[0]].outcome
                reason = (
                    "no_agreement"
                    if outcome == "agreement"
                    else "rejected_recommendation"
                    if self.pending.get(case) == "rejected"
                    else "no_recommendation_given"
                )
                tier[0] += 1
                form = form_answers(ladder.tiers[tier[0]], on)
                request = Escalate(reason=reason, on=on, clock_started_on=on, form=form)
                self._keep(disputes.escalate(case, request, municipality), case)
                self.pending.pop(case, None)
            elif step.kind == "recommend":
                request = RecordOutcome(text="Rekommendation", given_on=on)
                self._keep(disputes.record_outcome(case, request, self._change(region, case)), case)
                self.pending[case] = "given"
            elif step.kind == "reject":
                request = Respond(response="reject", on=on)
                self._keep(disputes.respond(case, request, municipality), case)
                self.pending[case] = "rejected"
            elif step.kind == "accept":
                self._keep(
                    disputes.respond(case, Respond(response="accept", on=on), municipality), case
                )
                accept = Respond(response="accept", on=on)
                self._keep(disputes.respond(case, accept, self._change(region, case)), case)
            elif step.kind == "resolve":
                adjustment = (
                    Adjustment(
                        effective_from=d.opened_on,
                        responsibility="Ansvaret justeras",
                        insats_started_on=d.opened_on,
                    )
                    if step.adjusted
                    else None
                )
                request = Resolve(outcome="Parterna enades.", on=on, adjustment=adjustment)
                self._keep(disputes.resolve(case, request, municipality), case)
            else:
                request = Withdraw(reason="Återkallad", on=on)
                self._keep(disputes.withdraw(case, request, municipality), case)

        return act

    def _deviation_actions(self, v: Any, actions: list[Any]) -> None:
        from samverkan.cases.deviations import RecordDeviation

        holder = _Holder()
        by = self.region(v.agreement) if v.from_region else v.municipality

        def record() -> None:
            request = RecordDeviation(
                agreement=v.agreement,
                municipality=v.municipality,
                title="Genererad avvikelse",
                agreed="Det överenskomna",
                happened="Det som hände",
                category=v.category,
                reported_on=v.reported_on,
            )
            holder.id = self._keep(self.services.deviations.record(request, self._change(by)))

        actions.append((v.reported_on, len(actions), record))
        if v.dispute is not None:
            holder.from_region = v.from_region
            self._dispute_actions(v.dispute, holder, actions)

    def _placement_actions(self, p: Any, actions: list[Any]) -> None:
        from samverkan.cases.placements import (
            CostAgreementRequest,
            CostEntryRequest,
            EndPlacement,
            OpenPlacement,
        )

        placements, ids = self.services.placements, {}

        def open_() -> None:
            request = OpenPlacement(
                agreement=p.agreement,
                municipality=p.municipality,
                placing_party="municipality",
                start_date=p.start,
                acute=p.acute,
                home_kind=p.home_kind,
                child=p.child,
                sip=full_sip(),
            )
            ids["id"] = self._keep(placements.open(request, self._change(p.municipality)))

        def agree() -> None:
            request = cost_agreement(CostAgreementRequest, p)
            answer = placements.add_cost_agreement(
                ids["id"], request, self._change(p.municipality, ids["id"])
            )
            self._keep(answer, ids["id"])

        def cost(e: Any) -> Any:
            def add() -> None:
                request = CostEntryRequest(
                    period_from=e.period_from,
                    period_to=e.period_to,
                    amount_ore=e.amount_ore,
                    paid_by="municipality",
                    invoice_ref=f"F-{e.period_from}",
                )
                placements.add_cost(ids["id"], request, self._change(p.municipality))

            return add

        def end() -> None:
            request = EndPlacement(end_date=p.end, joint_planning="Gemensam planering")
            answer = placements.end(ids["id"], request, self._change(p.municipality, ids["id"]))
            self._keep(answer, ids["id"])

        actions.append((p.registered_on, len(actions), open_))
        if p.agreed_on is not None:
            actions.append((p.agreed_on, len(actions), agree))
        for e in p.entries:
            actions.append((e.period_to, len(actions), cost(e)))
        if p.end is not None:
            actions.append((p.end, len(actions), end))

    def count_rows(self) -> dict[str, int]:
        """How many rows each case table holds."""
        tables = ("disputes", "dispute_events", "deviations", "placements", "cost_entries")
        tables += ("deadlines", "notifications")
        return {
            t: int(self.store_conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0])
            for t in tables
        }

    @property
    def store_conn(self) -> sqlite3.Connection:
        return self.services.store.conn

    # -- the report -----------------------------------------------------------------------------

    def report(
        self, agreement: str, first: dt.date, last: dt.date, municipality: str | None = None
    ) -> dict[str, Any]:
        """The follow-up report as the operator reads it (every case), as plain data."""
        import msgspec

        found = self.services.followup.report(agreement, first, last, municipality)
        return msgspec.to_builtins(found)  # type: ignore[no-any-return]


class _Holder:
    """A deviation's id once recorded (its escalation runs later)."""

    id: str = ""
    from_region: bool = False


def form_answers(tier: Any, day: dt.date) -> dict[str, str]:
    """An answer to each of a tier's dispute-form fields (a date field: ``day``)."""
    return {f.key: day.isoformat() if f.type == "date" else f"Svar: {f.label}" for f in tier.form}


def full_sip() -> Any:
    from samverkan.kernel.sip import SipDocument

    return SipDocument(
        consent=True,
        needs="Boende och behandling",
        goal="Stabil vardag",
        wishes="Nära familjen",
        responsibilities="Kommunen: boende. Regionen: vård",
        performers="Hemmet och regionens vård",
        school_occupation="Skola eller sysselsättning",
        overall_responsibility="Kommunen",
        follow_up="Var tredje månad",
        who_does_what="Kommunen boendet, regionen vården",
        others_measures="Inga",
    )


def cost_agreement(request_type: Any, p: Any) -> Any:
    from samverkan.cases.placements.schemas import Signatory

    return request_type(
        effective_from=p.start,
        agreed_on=p.agreed_on,
        method="percent",
        shares={"region": p.region_percent, "municipality": 100 - p.region_percent},
        goal="Stabil vardag",
        responsibilities="Kommunen: boende. Regionen: vård",
        health_care_provision="Regionens vård",
        municipal_provision="Boendet",
        follow_up_on=p.agreed_on + dt.timedelta(days=90),
        registration_municipality=p.municipality,
        signatories=[
            Signatory(name="A", role="Socialchef", party="municipality", economic_mandate=True),
            Signatory(name="B", role="Verksamhetschef", party="region", economic_mandate=True),
        ],
    )
