"""Deadlines in the database, kept in step with the cases in the same transaction.

The ``sync_*`` methods run inside the transaction of the change that moves a case (or of the
sweep); :meth:`Deadlines.list` is a read of its own.

Every open case is watched: a tier with a time limit has its due date; a tier without one
("utan dröjsmål", or no limit named) has the configured no-progress check instead, marked as a
setting, not agreement text. Acute placements have their cost-agreement deadline, cost
agreements their follow-up date, agreement versions their end, and Dalarna's regional disputes
the earliest day of the written submission after a month's notice.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import msgspec
import sqlite_utils

from samverkan.cases.deadlines.answers import Deadline
from samverkan.kernel.answers import page as typed_page
from samverkan.kernel.answers import utc
from samverkan.kernel.clock import Clock
from samverkan.kernel.config import SweepConfig
from samverkan.kernel.dates import add_period, describe_period
from samverkan.kernel.errors import InvalidInput, field_error
from samverkan.kernel.i18n import _, both, each, names, stored, stored_text
from samverkan.kernel.registry import InForce, Registry
from samverkan.models import ON_EXPIRY, Citation, Ladder, Tier
from samverkan.store import sql
from samverkan.store.db import Store

SETTING = Citation(
    document="config/samverkan.toml",
    clause="[sweep] no_progress_days",
    note="A service setting, not agreement text: the tier names no time limit.",
)


def _cite(citation: Citation) -> str:
    return json.dumps(
        {"document": citation.document, "clause": citation.clause, "quote": citation.quote},
        ensure_ascii=False,
    )


#: how many tier deadlines :meth:`Deadlines._tier_deadline` keeps (emptied when full)
TIER_DEADLINES_KEPT = 4096


class Deadlines:
    """Writes and closes deadline rows; the sweep reads them."""

    def __init__(self, store: Store, registry: Registry, settings: SweepConfig, clock: Clock):
        self.store = store
        self.registry = registry
        self.settings = settings
        self.clock = clock
        #: tier deadlines by (tier, start day), as :meth:`_tier_deadline` builds them
        self._tier_deadlines: dict[tuple[int, str], tuple[Tier, dict[str, Any]]] = {}

    def _remind(self, due: dt.date) -> str:
        return (due - dt.timedelta(days=self.settings.reminder_days)).isoformat()

    def _put(
        self,
        db: sqlite_utils.Database,
        wanted: list[dict[str, Any]],
        subject: str,
        subject_type: str,
        closing: str,
        new: bool = False,
    ) -> None:
        """Make the subject's open deadlines exactly ``wanted``: insert new ones, close the
        rest (``closing`` is ``met`` or ``closed``; ``new``: the subject was created in this
        transaction, so it has none yet to close)."""
        now = self.clock.now().isoformat(timespec="seconds")
        ids = {d["id"] for d in wanted}
        open_now = (
            ()
            if new
            else db.query(
                "SELECT id FROM deadlines WHERE subject_type = ? AND subject_id = ? AND status = 'open'",
                [subject_type, subject],
            )
        )
        for row in open_now:
            if row["id"] not in ids:
                db.execute(
                    "UPDATE deadlines SET status = ?, closed_at = ? WHERE id = ?",
                    [closing, now, row["id"]],
                )
        for deadline in wanted:  # a deadline already there (by its id) stays as it is
            sql.insert_new(
                db,
                "deadlines",
                {
                    "subject_type": subject_type,
                    "subject_id": subject,
                    "status": "open",
                    "created_at": now,
                    "closed_at": None,
                    "is_setting": 0,
                    "remind_on": None,
                    **deadline,
                },
            )

    # -- disputes -------------------------------------------------------------------------

    def sync_dispute(
        self,
        db: sqlite_utils.Database,
        row: dict[str, Any],
        in_force: InForce | None = None,
        ladder: Ladder | None = None,
        new: bool = False,
    ) -> None:
        """Make the dispute's open deadlines those of its tier (and notice) now.

        :param in_force: the version the case is pinned to, when the caller has it (it is
            looked up from the row otherwise);
        :param ladder: the case's ladder under it, likewise;
        :param new: the case was opened in this transaction (it has no deadlines yet).
        """
        wanted: list[dict[str, Any]] = []
        if row["status"] == "open":
            if in_force is None:
                in_force = self.registry.in_force(
                    row["agreement"], dt.date.fromisoformat(row["opened_on"])
                )
            if ladder is None:
                ladder, _source = self.registry.ladder(in_force, row["ladder_kind"])
            tier = ladder.tiers[row["tier_index"]]
            wanted.append(
                {
                    "agreement": row["agreement"],
                    "municipality": row["municipality"],
                    "id": f"{row['id']}:{self._tier_key(tier, row['clock_started_on'])}",
                    **self._tier_deadline(tier, row["clock_started_on"]),
                }
            )
            notice = self._notice(row, in_force)
            if notice:
                wanted.append(
                    {"agreement": row["agreement"], "municipality": row["municipality"], **notice}
                )
        closing = "met" if row["status"] == "resolved" else "closed"
        self._put(db, wanted, row["id"], "dispute", closing, new)

    @staticmethod
    def _tier_key(tier: Tier, started: str) -> str:
        kind = "tier" if tier.time_limit is not None else "no_progress"
        return f"{kind}:{tier.key}:{started}"

    def _tier_deadline(self, tier: Tier, started_on: str) -> dict[str, Any]:
        """A tier's deadline from the day its clock started, but the case's own columns: the
        same for every case at that tier from that day, so it is kept (built once; the texts
        in both languages are most of the work)."""
        key = (id(tier), started_on)
        kept = self._tier_deadlines.get(key)
        if kept is not None and kept[0] is tier:
            return kept[1]
        made = self._make_tier_deadline(tier, dt.date.fromisoformat(started_on))
        if len(self._tier_deadlines) >= TIER_DEADLINES_KEPT:
            self._tier_deadlines.clear()
        self._tier_deadlines[key] = (tier, made)
        return made

    def _make_tier_deadline(self, tier: Tier, started: dt.date) -> dict[str, Any]:
        if tier.time_limit is not None:
            due = add_period(started, tier.time_limit.period)
            return {
                "kind": "tier",
                "title": stored("%(tier)s: time limit", tier=names(tier.name, tier.name_en)),
                "due_on": due.isoformat(),
                "remind_on": self._remind(due),
                "fires": "due",
                "explanation": stored(
                    "%(period)s from %(started)s (%(starts)s) gives %(due)s; %(expiry)s",
                    period=each(lambda limit=tier.time_limit: describe_period(limit.period)),
                    started=started,
                    starts=tier.time_limit.starts,
                    due=due,
                    expiry=both(ON_EXPIRY[tier.time_limit.on_expiry]),
                ),
                "citation": _cite(tier.time_limit.citation),
                "strength": str(tier.time_limit.strength),
            }
        due = started + dt.timedelta(days=self.settings.no_progress_days)
        return {
            "kind": "no_progress",
            "title": stored("%(tier)s: no progress", tier=names(tier.name, tier.name_en)),
            "due_on": due.isoformat(),
            "fires": "no_progress",
            "is_setting": 1,
            "explanation": (
                stored(
                    "%(tier)s names no time limit (the text says \u201c%(pace)s\u201d); "
                    "the service warns after %(days)s days without progress (a "
                    "setting), on %(due)s",
                    tier=names(tier.name, tier.name_en),
                    pace=tier.pace,
                    days=self.settings.no_progress_days,
                    due=due,
                )
                if tier.pace
                else stored(
                    "%(tier)s names no time limit; the service warns after %(days)s "
                    "days without progress (a setting), on %(due)s",
                    tier=names(tier.name, tier.name_en),
                    days=self.settings.no_progress_days,
                    due=due,
                )
            ),
            "citation": _cite(tier.citation),
            "strength": "setting",
        }

    def _notice(self, row: dict[str, Any], in_force: Any) -> dict[str, Any] | None:
        """Dalarna 12.2: after notice to the Styrgrupp, the written submission comes no earlier
        than a month later (an earliest date, never an overdue)."""
        notified = json.loads(row["form"]).get("notice_given_on") if row["form"] else None
        if not notified:
            return None
        found = self.registry.deadlines(in_force).get(f"{row['ladder_kind']}_notice", (None,))[0]
        if found is None:
            return None
        start = dt.date.fromisoformat(notified)
        due = add_period(start, found.period)
        return {
            "id": f"{row['id']}:earliest:{found.name}:{start}",
            "kind": found.name,
            "title": found.title,
            "due_on": due.isoformat(),
            "fires": "earliest",
            "explanation": stored(
                "%(period)s after %(start)s (%(starts)s): the written submission may come from "
                "%(due)s",
                period=each(lambda: describe_period(found.period)),
                start=start,
                starts=found.starts,
                due=due,
            ),
            "citation": _cite(found.citation),
            "strength": str(found.strength),
        }

    # -- placements -----------------------------------------------------------------------

    def sync_placement(self, db: sqlite_utils.Database, row: dict[str, Any]) -> None:
        in_force = self.registry.in_force(
            row["agreement"], dt.date.fromisoformat(row["start_date"])
        )
        policy, _source = self.registry.cost_policy(in_force)
        base = {"agreement": row["agreement"], "municipality": row["municipality"]}
        agreements = list(
            db.query(
                "SELECT agreed_on, document FROM cost_agreements WHERE placement_id = ? ORDER BY seq",
                [row["id"]],
            )
        )
        wanted: list[dict[str, Any]] = []
        if row["acute"] and not agreements:
            rule, _source = self.registry.deadline(in_force, policy.acute.deadline)
            start = dt.date.fromisoformat(row["start_date"])
            due = add_period(start, rule.period)
            wanted.append(
                {
                    **base,
                    "id": f"{row['id']}:acute_cost_agreement",
                    "kind": "acute_cost_agreement",
                    "title": rule.title,
                    "due_on": due.isoformat(),
                    "remind_on": self._remind(due),
                    "fires": "due",
                    "explanation": stored(
                        "%(period)s from %(start)s (%(starts)s) gives %(due)s",
                        period=each(lambda: describe_period(rule.period)),
                        start=start,
                        starts=rule.starts,
                        due=due,
                    ),
                    "citation": _cite(rule.citation),
                    "strength": str(rule.strength),
                }
            )
        follow_up = (
            json.loads(agreements[-1]["document"]).get("follow_up_on") if agreements else None
        )
        if follow_up and not row["end_date"]:
            wanted.append(
                {
                    **base,
                    "id": f"{row['id']}:follow_up:{follow_up}",
                    "kind": "follow_up",
                    "title": stored("Follow-up of the placement (date in the cost agreement)"),
                    "due_on": follow_up,
                    "remind_on": self._remind(dt.date.fromisoformat(follow_up)),
                    "fires": "due",
                    "explanation": stored(
                        "the cost agreement sets the follow-up on %(day)s", day=follow_up
                    ),
                    "citation": _cite(policy.main_rule.citation),
                    "strength": "shall",
                }
            )
        self._put(db, wanted, row["id"], "placement", "met")

    # -- agreement versions ---------------------------------------------------------------

    def sync_versions(self, db: sqlite_utils.Database) -> None:
        """One deadline per enabled agreement version (idempotent): its end in force.

        A version with a known end (its text's own term, the day a written notice ends it, a
        configured extension) gets ``version_ending``; one whose text goes on extending itself
        with no notice recorded gets ``version_renewal`` at the end of the term running today,
        which says that the term will be extended, and until when notice could stop it.
        """
        today = self.clock.today()
        for agreement in self.registry.agreements.values():
            for version in agreement.versions:
                term = self.registry.term(agreement.id, version.key)
                validity = term.on(max(today, version.valid_from))
                ends = term.ends_on
                if ends is None and validity is not None and version.renewal is not None:
                    due = validity.ends_on
                    deadline = {
                        "id": f"{agreement.id}:{version.key}:renews:{due}",
                        "kind": "version_renewal",
                        "title": stored(
                            "%(title)s: the term running ends and is extended",
                            title=version.title,
                        ),
                        "fires": "ending",
                        "explanation": stored(
                            "%(title)s: the term running ends %(due)s; without a written notice "
                            "it is extended by %(period)s to %(next)s. A notice given at the "
                            "latest %(notice_by)s would have ended it on %(due)s; none is "
                            "recorded (%(key)s).",
                            title=version.title,
                            due=due,
                            period=each(lambda v=version: describe_period(v.renewal.period)),
                            next=term.term_end(validity.term + 1),
                            notice_by=validity.notice_by,
                            key=f"[agreements.{agreement.id}] notice_given_on",
                        ),
                        "citation": _cite(version.extension.citation)
                        if version.extension
                        else _cite(version.validity.citation),
                        "strength": "shall",
                    }
                else:
                    due = ends or version.valid_to
                    deadline = {
                        "id": f"{agreement.id}:{version.key}:ends:{due}",
                        "kind": "version_ending",
                        "title": stored("%(title)s ends", title=version.title),
                        "fires": "ending",
                        "explanation": (
                            stored(
                                "%(title)s is in force %(start)s – %(due)s (the text's own term "
                                "ends %(text_end)s)",
                                title=version.title,
                                start=version.valid_from,
                                due=due,
                                text_end=version.valid_to,
                            )
                            if due != version.valid_to
                            else stored(
                                "%(title)s is in force %(start)s – %(due)s",
                                title=version.title,
                                start=version.valid_from,
                                due=due,
                            )
                        ),
                        "citation": _cite(
                            version.renewal.on_notice.citation
                            if version.renewal and term.notice_given_on
                            else version.validity.citation
                        ),
                        "strength": str(version.validity.strength),
                    }
                remind = due - dt.timedelta(days=self.settings.version_ending_days)
                self._put(
                    db,
                    [
                        {
                            **deadline,
                            "agreement": agreement.id,
                            "municipality": None,
                            "due_on": due.isoformat(),
                            "remind_on": remind.isoformat(),
                        }
                    ],
                    f"{agreement.id}/{version.key}",
                    "agreement_version",
                    "closed",
                )

    # -- reads ----------------------------------------------------------------------------

    def list(
        self,
        *,
        subject_type: str | None = None,
        subject_id: str | None = None,
        overdue: bool | None = None,
        agreement: str | None = None,
        municipality: str | None = None,
        due_before: dt.date | None = None,
        status: str | None = "open",
        limit: int = 50,
        offset: int = 0,
        scope: Any = None,
    ) -> Any:
        if subject_id and not subject_type:
            raise InvalidInput(
                _("subject_id needs subject_type (dispute, placement or agreement_version)"),
                errors=[field_error("subject_type", _("needed with subject_id"), where="query")],
            )
        where, params = [], []
        if scope is not None:  # the caller's cases, and the versions of its agreements
            visible, visible_params = scope.visible()
            related = scope.related() or ("",)
            where.append(
                f"({visible} OR (subject_type = 'agreement_version' AND agreement IN "
                f"({','.join('?' * len(related))})))"
            )
            params += [*visible_params, *related]
        for column, value in (
            ("agreement", agreement),
            ("municipality", municipality),
            ("status", status),
            ("subject_type", subject_type),
            ("subject_id", subject_id),
        ):
            if value is not None:
                where.append(f"{column} = ?")
                params.append(value)
        today = self.clock.today().isoformat()
        if overdue is True:
            where.append("status = 'open' AND fires = 'due' AND due_on < ?")
            params.append(today)
        elif overdue is False:
            where.append("NOT (status = 'open' AND fires = 'due' AND due_on < ?)")
            params.append(today)
        if due_before is not None:
            where.append("due_on < ?")
            params.append(due_before.isoformat())
        clause = (" WHERE " + " AND ".join(where)) if where else ""
        with self.store.read() as db:
            total = db.execute(f"SELECT COUNT(*) FROM deadlines{clause}", params).fetchone()[0]
            rows = list(
                db.query(
                    f"SELECT * FROM deadlines{clause} ORDER BY due_on, id LIMIT ? OFFSET ?",
                    [*params, limit, offset],
                )
            )
        items = [self.view(r, today) for r in rows]
        return typed_page(
            Deadline,
            {
                "items": items,
                "total": total,
                "limit": limit,
                "offset": offset,
                "next_offset": offset + limit if offset + limit < total else None,
            },
        )

    @staticmethod
    def view(row: dict[str, Any], today: str) -> Deadline:
        return Deadline(
            **{
                k: row[k]
                for k in (
                    "id",
                    "kind",
                    "subject_type",
                    "subject_id",
                    "agreement",
                    "municipality",
                    "fires",
                    "strength",
                    "status",
                )
            },
            title=stored_text(row["title"]),
            explanation=stored_text(row["explanation"]),
            due_on=dt.date.fromisoformat(row["due_on"]),
            remind_on=dt.date.fromisoformat(row["remind_on"]) if row["remind_on"] else None,
            closed_at=utc(row["closed_at"]),
            is_setting=bool(row["is_setting"]),
            overdue=row["status"] == "open" and row["fires"] == "due" and row["due_on"] < today,
            citation=msgspec.convert(json.loads(row["citation"]), Citation),
        )
