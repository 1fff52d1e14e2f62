"""One way every change to a case is made: once per ``Idempotency-Key``, inside one write
transaction, audited in that transaction.

The same ``Idempotency-Key`` with the same body returns the first answer (``Idempotent-Replayed:
true``), with another body 422. The key is looked up before anything else, inside the write
transaction, so a retried step whose first attempt was committed is a replay, not a 412 for the
revision it itself moved on. A case service's public methods run their change through
:meth:`Changes.run`; the caller never holds the transaction.

On the event loop, a request's change joins the turn's group commit (:mod:`samverkan.store.db`):
the API wraps the request in :func:`holding` and waits for :func:`committed` before it answers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

import msgspec
import sqlite_utils

from samverkan.access.audit import Audit
from samverkan.cases.common import Actor, audited
from samverkan.cases.deadlines import Deadlines
from samverkan.kernel.clock import Clock
from samverkan.kernel.registry import Registry
from samverkan.store.db import Store, committed, holding
from samverkan.store.idempotency import Stored, body_hash, check_key, remember, replay


@dataclass(frozen=True)
class Change:
    """A request to change a case: who acts, and how it was asked.

    :param route: the request's method and path; an ``Idempotency-Key`` is bound to it.
    :param idempotency_key: the request's ``Idempotency-Key`` (``None``: not sent).
    :param if_match: the request's ``If-Match`` (the ETag the change was made against).
    """

    actor: Actor
    route: str = ""
    idempotency_key: str | None = None
    if_match: str | None = None


@dataclass(frozen=True)
class Answer:
    """What a change answers: status, body (plain JSON data) and headers."""

    body: Any
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def id(self) -> str:
        """The id of the case the answer shows."""
        body = self.body
        return str(body["id"] if isinstance(body, dict) else body.id)

    def typed(self, kind: type[T]) -> T:
        """The body as ``kind`` (a replayed answer is stored as plain JSON)."""
        return self.body if isinstance(self.body, kind) else msgspec.convert(self.body, kind)


@dataclass
class Outcome:
    """What a change made: its answer's body and headers, and the cases the audit row names."""

    body: Any
    cases: list[dict[str, Any]]
    headers: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Found:
    """A read's answer and the case it is about (what the audit log names)."""

    answer: Any
    case: dict[str, Any]


__all__ = ["Answer", "CaseService", "Change", "Changes", "Found", "Outcome", "committed", "holding"]

T = TypeVar("T")
Act = Callable[[sqlite_utils.Database], Outcome]


class Changes:
    """Runs changes: the transaction, the ``Idempotency-Key`` and the audit of the change."""

    def __init__(self, store: Store, clock: Clock, audit: Audit | None = None):
        self.store = store
        self.clock = clock
        self.audit = audit

    def run(
        self, change: Change, data: msgspec.Struct, act: Act, *, action: str, status: int = 200
    ) -> Answer:
        """Make the change once per ``Idempotency-Key`` (scoped to the acting organisation).

        :param act: makes the change inside the write transaction and returns its
            :class:`Outcome`. The change is audited in the same transaction (when an API key
            acts); a replay is audited as ``replay`` of the same cases.
        """
        org = change.actor.org
        key = change.idempotency_key
        digest = body_hash(msgspec.json.encode(data))
        if key is not None:
            check_key(key)
        with self.store.write() as db:
            if key:
                found = replay(db, org, key, change.route, digest)
                if found is not None:
                    self._audit(db, change, "replay", found.audited or [audited(found.body)])
                    headers = {**found.headers, "Idempotent-Replayed": "true"}
                    return Answer(found.body, found.status, headers)
            outcome = act(db)
            objects = [audited(case) for case in outcome.cases]
            self._audit(db, change, action, objects)
            if key:  # stored as its JSON, encoded straight from the typed answer
                now = self.clock.now().isoformat(timespec="seconds")
                answer = Stored(status, outcome.body, outcome.headers, objects)
                remember(db, org, key, change.route, digest, answer, now)
        return Answer(outcome.body, status, outcome.headers)

    def _audit(
        self,
        db: sqlite_utils.Database,
        change: Change,
        action: str,
        objects: list[dict[str, Any]],
    ) -> None:
        principal = change.actor.principal
        if self.audit is not None and principal is not None:
            self.audit.record(db, principal, action, objects)

    def audit_also(
        self, db: sqlite_utils.Database, change: Change, action: str, *cases: dict[str, Any]
    ) -> None:
        """Audit a further case a change touched (e.g. the dispute a deviation opens)."""
        self._audit(db, change, action, [audited(case) for case in cases])


class CaseService:
    """What every case service holds: the store, the rules, the clock, the deadlines its
    changes move in their own transaction, and the :class:`Changes` that runs them."""

    def __init__(
        self,
        store: Store,
        registry: Registry,
        clock: Clock,
        deadlines: Deadlines | None = None,
        changes: Changes | None = None,
    ):
        self.store = store
        self.registry = registry
        self.clock = clock
        self.deadlines = deadlines
        self.changes = changes or Changes(store, clock)
