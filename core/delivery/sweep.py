"""The sweep: what has come due fires, once.

The scheduler only wakes :meth:`Sweeper.tick`; everything it needs is in the database. A lease
row lets one worker sweep at a time. Each firing is its own small transaction that inserts the
notification (whose unique key is the claim), its webhook deliveries and, for a missed ladder
deadline, a draft deviation (:meth:`~samverkan.cases.deviations.Deviations.draft_for_overdue`),
so a crash between firings loses nothing and doubles nothing. After the sweep, the due webhook
deliveries are sent (:mod:`.webhooks`).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import secrets
import socket
import threading
from typing import TYPE_CHECKING, Any

from samverkan.cases.deadlines import Deadlines
from samverkan.cases.deviations import Deviations
from samverkan.delivery.outbox import Outbox
from samverkan.delivery.webhooks import Webhooks
from samverkan.kernel.clock import Clock
from samverkan.kernel.errors import OutOfValidity
from samverkan.kernel.i18n import N_, _, both, each, stored_text
from samverkan.kernel.registry import Registry
from samverkan.store.db import Store

if TYPE_CHECKING:
    import httpx

log = logging.getLogger("samverkan.sweep")

#: each event, as a notification's title names it
EVENTS = {
    "reminder": N_("reminder"),
    "overdue": N_("overdue"),
    "no_progress": N_("no progress"),
    "earliest_date_reached": N_("earliest date reached"),
    "version_ending_soon": N_("version ending soon"),
    "version_renewing_soon": N_("version renewing soon"),
}
NOTES = {
    "earliest_date_reached": N_(
        "An earliest date, not an overdue: the written submission may now be made."
    ),
    "no_progress": N_("A service setting, not agreement text."),
}


#: open deadlines due or reminding by a day: two index ranges (``deadlines_open`` and
#: ``deadlines_reminding``), not a scan of every open row as ``due_on <= ? OR remind_on <= ?``
#: would be; ``UNION`` drops a row both find
DUE_QUERY = (
    "SELECT * FROM deadlines WHERE status = 'open' AND due_on <= :day "
    "UNION SELECT * FROM deadlines WHERE status = 'open' AND remind_on <= :day "
    "ORDER BY due_on, id"
)


def due_deadlines(db: Any, today: dt.date) -> list[dict[str, Any]]:
    """The open deadlines due or reminding by ``today``, by due day."""
    return list(db.query(DUE_QUERY, {"day": today.isoformat()}))


def _dead_here(holder: str) -> bool:
    """The lease holder was a process on this host that no longer runs (e.g. SIGKILLed)."""
    host, _sep, rest = holder.partition(":")
    pid = rest.partition(":")[0]
    if host != socket.gethostname() or not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


class Sweeper:
    def __init__(
        self,
        store: Store,
        registry: Registry,
        clock: Clock,
        *,
        deadlines: Deadlines,
        outbox: Outbox,
        webhooks: Webhooks,
        deviations: Deviations,
        lease_seconds: float = 60.0,
    ):
        self.store = store
        self.registry = registry
        self.deadlines = deadlines
        self.outbox = outbox
        self.webhooks = webhooks
        self.deviations = deviations
        self.clock = clock
        self.lease_seconds = lease_seconds
        self.holder = f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(4)}"
        self._client: httpx.Client | None = None  # made on first delivery
        self.stopping = threading.Event()  # set on shutdown: finish the delivery in flight only

    @property
    def client(self) -> httpx.Client:
        """The HTTP client webhook deliveries go out with (httpx is imported when the first
        delivery is due, not at start-up)."""
        if self._client is None:
            import httpx

            self._client = httpx.Client()
        return self._client

    def close(self) -> None:
        """Close the HTTP client, if one was made."""
        if self._client is not None:
            self._client.close()
            self._client = None

    def acquire(self) -> bool:
        """Hold (or renew) the sweep lease; False while another worker holds it."""
        now = dt.datetime.now(dt.UTC)
        until = (now + dt.timedelta(seconds=self.lease_seconds)).isoformat()
        with self.store.write() as db:
            row = db.execute("SELECT holder, until FROM leases WHERE name = 'sweep'").fetchone()
            if row is None:
                db.execute(
                    "INSERT INTO leases (name, holder, until) VALUES ('sweep', ?, ?)",
                    [self.holder, until],
                )
                return True
            if row[0] == self.holder or row[1] < now.isoformat() or _dead_here(row[0]):
                db.execute(
                    "UPDATE leases SET holder = ?, until = ? WHERE name = 'sweep'",
                    [self.holder, until],
                )
                return True
        return False

    def release(self) -> None:
        with self.store.write() as db:
            db.execute("DELETE FROM leases WHERE name = 'sweep' AND holder = ?", [self.holder])

    def tick(self) -> None:
        """What the scheduler runs: sweep and deliver, if this worker holds the lease."""
        try:
            if not self.acquire():
                return
            self.sweep()
            while not self.stopping.is_set() and self.webhooks.deliver_due(
                lambda: self.client, stop=self.stopping.is_set
            ):
                pass
        except Exception:  # the scheduler must keep running; the next tick retries
            log.exception("sweep failed")

    # -- the sweep ------------------------------------------------------------------------

    def sweep(self) -> list[int]:
        """Fire everything due today; returns the ids of the notifications this call made."""
        today = self.clock.today()
        made: list[int] = []
        with self.store.write() as db:
            self.deadlines.sync_versions(db)
            due = due_deadlines(db, today)
        for deadline in due:
            for event, fire_on in self._events(deadline, today):
                try:  # one firing that fails (rolled back) must not hold back the rest
                    with self.store.write() as db:
                        made_id = self._fire(db, deadline, event, fire_on)
                except Exception:
                    log.exception("deadline %s could not fire %s", deadline["id"], event)
                    continue
                if made_id is not None:
                    made.append(made_id)
        made += self._lapsed(today)
        made += self._unwatched(today)
        return made

    @staticmethod
    def _events(d: dict[str, Any], today: dt.date) -> list[tuple[str, dt.date]]:
        due = dt.date.fromisoformat(d["due_on"])
        remind = dt.date.fromisoformat(d["remind_on"]) if d["remind_on"] else None
        events: list[tuple[str, dt.date]] = []
        if d["fires"] in ("due", "ending") and remind and remind <= today <= due:
            event = "reminder" if d["fires"] == "due" else "version_ending_soon"
            if d["kind"] == "version_renewal":  # the term ends, and the text extends it
                event = "version_renewing_soon"
            events.append((event, remind))
        if d["fires"] == "due" and today > due:
            events.append(("overdue", due + dt.timedelta(days=1)))
        if d["fires"] == "no_progress" and today >= due:
            events.append(("no_progress", due))
        if d["fires"] == "earliest" and today >= due:
            events.append(("earliest_date_reached", due))
        return events

    def _fire(self, db: Any, d: dict[str, Any], event: str, fire_on: dt.date) -> int | None:
        note = NOTES.get(event)
        payload = {
            "title": each(
                lambda: _(
                    "%(title)s: %(event)s",
                    title=stored_text(d["title"]),
                    event=_(EVENTS.get(event, event)),
                )
            ),
            "due_on": d["due_on"],
            "explanation": each(lambda: stored_text(d["explanation"])),
            "citation": json.loads(d["citation"]),
            "strength": d["strength"],
            "is_setting": bool(d["is_setting"]),
            "deadline_kind": d["kind"],
            "note": both(note) if note else "",
        }
        made = self.outbox.emit(
            db,
            dedupe_key=f"{d['id']}:{event}",
            event=event,
            subject_type=d["subject_type"],
            subject_id=d["subject_id"],
            agreement=d["agreement"],
            municipality=d["municipality"],
            fire_on=fire_on,
            payload=payload,
            deadline_id=d["id"],
        )
        if made is not None and event == "overdue" and d["kind"] == "tier":
            self.deviations.draft_for_overdue(db, d, made)
        return made

    def _lapsed(self, today: dt.date) -> list[int]:
        """Open cases whose agreement has no version in force today (e.g. Dalarna after
        2025-06-30 without a configured extension)."""
        made: list[int] = []
        lapsed: dict[str, str] = {}
        for agreement in self.registry.agreements:
            try:
                self.registry.in_force(agreement, today)
            except OutOfValidity:
                lapsed[agreement] = each(lambda a=agreement: self._lapse(a, today))
        if not lapsed:
            return made
        marks = ",".join("?" * len(lapsed))
        with self.store.read() as db:
            cases = [
                ("dispute", r)
                for r in db.query(
                    f"SELECT id, agreement, municipality FROM disputes WHERE status = 'open' "
                    f"AND agreement IN ({marks})",
                    list(lapsed),
                )
            ]
            cases += [
                ("placement", r)
                for r in db.query(
                    f"SELECT id, agreement, municipality FROM placements WHERE end_date IS NULL "
                    f"AND agreement IN ({marks})",
                    list(lapsed),
                )
            ]
        for kind, case in cases:
            with self.store.write() as db:
                made_id = self.outbox.emit(
                    db,
                    dedupe_key=f"lapsed:{case['id']}",
                    event="agreement_lapsed",
                    subject_type=kind,
                    subject_id=case["id"],
                    agreement=case["agreement"],
                    municipality=case["municipality"],
                    fire_on=today,
                    payload={
                        "title": both("The case's agreement has lapsed"),
                        "explanation": lapsed[case["agreement"]],
                    },
                )
                if made_id is not None:
                    made.append(made_id)
        return made

    def _lapse(self, agreement: str, today: dt.date) -> str:
        """Why an agreement has no version in force today, in the current language."""
        try:
            self.registry.in_force(agreement, today)
        except OutOfValidity as exc:
            return exc.detail
        return ""

    def _unwatched(self, today: dt.date) -> list[int]:
        """An open dispute with no open deadline is a defect: reported once, and logged."""
        made: list[int] = []
        with self.store.read() as db:
            rows = list(
                db.query(
                    "SELECT id, agreement, municipality FROM disputes d WHERE status = 'open' AND NOT "
                    "EXISTS (SELECT 1 FROM deadlines x WHERE x.subject_type = 'dispute' AND "
                    "x.subject_id = d.id AND x.status = 'open')"
                )
            )
        for row in rows:
            log.error("open dispute %s has no deadline watching it", row["id"])
            with self.store.write() as db:
                made_id = self.outbox.emit(
                    db,
                    dedupe_key=f"unwatched:{row['id']}",
                    event="unwatched_case",
                    subject_type="dispute",
                    subject_id=row["id"],
                    agreement=row["agreement"],
                    municipality=row["municipality"],
                    fire_on=today,
                    payload={"title": both("Defect: an open case has no deadline watching it")},
                )
                if made_id is not None:
                    made.append(made_id)
        return made
