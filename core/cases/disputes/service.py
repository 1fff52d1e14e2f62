"""Disputes up the escalation ladder: the service the API and the CLI call.

A dispute is one case between one municipality and the region under one agreement. It keeps
the agreement version in force on the day it was opened, climbs that version's ladder for its
subject, and every step appends an immutable event (:mod:`.steps`). Each public method below
runs in its own transaction: a change through :class:`~samverkan.cases.changes.Changes` (once
per ``Idempotency-Key``, audited), a read in one consistent snapshot.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import cached_property
from typing import Any

import msgspec
import sqlite_utils

from samverkan.cases.changes import Answer, CaseService, Change, Found, Outcome
from samverkan.cases.common import Actor, check_if_match, etag, location
from samverkan.cases.disputes import rows
from samverkan.cases.disputes.answers import Dispute, DisputeSummary
from samverkan.cases.disputes.schemas import (
    Escalate,
    OpenDispute,
    RecordOutcome,
    Resolve,
    Respond,
    Withdraw,
)
from samverkan.cases.disputes.steps import DisputeSteps, Row
from samverkan.cases.disputes.tier_form import TierForm
from samverkan.cases.disputes.views import dispute_view
from samverkan.kernel.answers import page as typed_page
from samverkan.kernel.errors import NotFound
from samverkan.kernel.i18n import speaking
from samverkan.store.paging import Filter, page

Step = Callable[[sqlite_utils.Database, Row, Any, Actor], Row]


class Disputes(CaseService):
    """The dispute service."""

    @cached_property
    def steps(self) -> DisputeSteps:
        return DisputeSteps(self.registry, self.clock, self.deadlines)

    # -- changes ----------------------------------------------------------------------------

    def open(self, request: OpenDispute, change: Change) -> Answer:
        """Open a dispute (201, with its ``ETag`` and ``Location``)."""

        def act(db: sqlite_utils.Database) -> Outcome:
            # the answer is built from the rows just written, as a read of them would show it
            opened = self.steps.opened(db, request, change.actor)
            day = dt.date.fromisoformat(opened.event["on_date"])
            view = dispute_view(
                opened.row, opened.in_force, opened.ladder, [opened.event], opened.placement, day
            )
            return Outcome(view, [view], {"ETag": etag(view), "Location": location(view.id)})

        return self.changes.run(change, request, act, action="create", status=201)

    def escalate(self, dispute_id: str, request: Escalate, change: Change) -> Answer:
        """Escalate to the next tier."""
        return self._step(dispute_id, request, change, self.steps.escalate, "escalate")

    def record_outcome(self, dispute_id: str, request: RecordOutcome, change: Change) -> Answer:
        """Record the tier body's recommendation or decision."""
        return self._step(dispute_id, request, change, self.steps.record_outcome, "recommendation")

    def respond(self, dispute_id: str, request: Respond, change: Change) -> Answer:
        """One party accepts or rejects the outcome (both accept: resolved)."""
        return self._step(dispute_id, request, change, self.steps.respond, "response")

    def resolve(self, dispute_id: str, request: Resolve, change: Change) -> Answer:
        """Resolve, with a retroactive adjustment where the ladder allows it."""
        return self._step(dispute_id, request, change, self.steps.resolve, "resolve")

    def withdraw(self, dispute_id: str, request: Withdraw, change: Change) -> Answer:
        """Withdraw the dispute."""
        return self._step(dispute_id, request, change, self.steps.withdraw, "withdraw")

    def _step(
        self, dispute_id: str, request: msgspec.Struct, change: Change, step: Step, action: str
    ) -> Answer:
        def act(db: sqlite_utils.Database) -> Outcome:
            row = self.load(db, dispute_id, change.actor.principal)
            check_if_match(row, change.if_match)
            row = step(db, row, request, change.actor)
            view = self.step_view(db, row)
            return Outcome(view, [view], {"ETag": etag(row)})

        return self.changes.run(change, request, act, action=action)

    # -- reads ------------------------------------------------------------------------------

    def get(self, dispute_id: str, scope: Any = None) -> Dispute:
        """The case with its history and next steps (404 alike for missing and not-yours)."""
        with self.store.read() as db:
            return self.view(db, self.load(db, dispute_id, scope))  # type: ignore[return-value]

    def tier_form(self, dispute_id: str, scope: Any = None) -> Found:
        """The current tier's dispute form filled from the case (:class:`TierForm`)."""
        with self.store.read() as db:
            row = self.load(db, dispute_id, scope)
            view = self.view(db, row)
            with speaking("sv"):
                swedish = self.view(db, row)
        form = TierForm(view, self.steps.ladder(row), swedish)  # type: ignore[arg-type]
        return Found(form, view)

    def list(
        self,
        *,
        agreement: str | None = None,
        municipality: str | None = None,
        status: str | None = None,
        tier: str | None = None,
        overdue: bool | None = None,
        due_before: dt.date | None = None,
        limit: int = 50,
        offset: int = 0,
        scope: Any = None,
    ) -> Any:
        """A page of the disputes the caller may see (each without its history)."""
        where = Filter(
            (
                ("agreement", agreement),
                ("municipality", municipality),
                ("status", status),
                ("tier_key", tier),
            )
        ).scoped(scope)
        today = self.clock.today().isoformat()
        if overdue is True:
            where.add("status = 'open' AND due_on IS NOT NULL AND due_on < ?", today)
        elif overdue is False:
            where.add("NOT (status = 'open' AND due_on IS NOT NULL AND due_on < ?)", today)
        if due_before is not None:
            where.add("due_on IS NOT NULL AND due_on < ?", due_before.isoformat())

        with self.store.read() as db:

            def summary(row: dict[str, Any]) -> Any:
                return self.view(db, row, history=False)

            found = page(db, "disputes", where, "opened_on, id", limit, offset, summary)
        return typed_page(DisputeSummary, found)

    # -- inside another case's transaction (a deviation opens a dispute) --------------------

    def open_in(self, db: sqlite_utils.Database, request: OpenDispute, actor: Actor) -> str:
        """Open a dispute inside the caller's write transaction; returns its id."""
        return self.steps.open(db, request, actor)

    def load(self, db: sqlite_utils.Database, dispute_id: str, scope: Any = None) -> Row:
        return rows.load(db, dispute_id, scope)

    def view(
        self,
        db: sqlite_utils.Database,
        row: Row,
        as_of: dt.date | None = None,
        history: bool = True,
    ) -> Dispute | DisputeSummary:
        """The case as of ``as_of`` (default today); without ``history``, a list's summary."""
        return self._view(db, row, rows.events(db, row["id"]) if history else None, as_of)

    def _view(
        self,
        db: sqlite_utils.Database,
        row: Row,
        events: list[Row] | None,
        as_of: dt.date | None = None,
    ) -> Dispute | DisputeSummary:
        in_force = self.steps.in_force(row)
        ladder = self.registry.ladder(in_force, row["ladder_kind"])[0]
        placement = rows.placement(db, row["placement_id"]) if row["placement_id"] else None
        day = as_of or self.clock.today()
        return dispute_view(row, in_force, ladder, events, placement, day)

    def step_view(self, db: sqlite_utils.Database, row: Row) -> Dispute:
        """The case as of the day of its last step: what a step answers (``next_steps`` and
        ``overdue`` from the step's own date, not the service's today). The history is read
        once: the last step's day is the latest ``on_date`` in it."""
        events = rows.events(db, row["id"])
        last = max((e["on_date"] for e in events if e["on_date"]), default=None)
        day = dt.date.fromisoformat(last) if last else None
        return self._view(db, row, events, as_of=day)  # type: ignore[return-value]

    def find(self, db: sqlite_utils.Database, dispute_id: str) -> Row | None:
        """The case, or ``None`` (for the service's own work: no caller, no 404)."""
        try:
            return rows.load(db, dispute_id)
        except NotFound:
            return None

    def opener(self, db: sqlite_utils.Database, dispute_id: str) -> str | None:
        """The organisation that opened the case."""
        return rows.opener_org(db, dispute_id)

    def link_deviation(self, db: sqlite_utils.Database, dispute_id: str, deviation_id: str) -> None:
        """Record that the dispute was opened from a deviation."""
        rows.update(db, dispute_id, {"deviation_id": deviation_id})
