"""The object graph, built in one place for the API, the CLI and the tests.

:func:`build_rulebook` loads the enabled plugins and the rules they supply (nothing else: the
rule endpoints and the CLI's rule commands need no database); :func:`build` adds the database
and every service on it. Nothing here runs: the API's lifespan starts the scheduler.
"""

from __future__ import annotations

from dataclasses import dataclass

from samverkan.access.audit import Audit
from samverkan.access.keys import Keys
from samverkan.cases.changes import Changes
from samverkan.cases.deadlines import Deadlines
from samverkan.cases.deviations import Deviations
from samverkan.cases.disputes import Disputes
from samverkan.cases.followup import FollowUp
from samverkan.cases.placements import Placements
from samverkan.delivery.outbox import Outbox
from samverkan.delivery.sweep import Sweeper
from samverkan.delivery.webhooks import Webhooks
from samverkan.kernel.clock import Clock
from samverkan.kernel.config import Settings
from samverkan.kernel.loading import make_plugin_manager
from samverkan.kernel.registry import Registry
from samverkan.kernel.rulebook import RuleBook
from samverkan.store.db import Store
from samverkan.store.migrations import MIGRATIONS


@dataclass(frozen=True)
class Services:
    """Every service of one running instance, sharing one database connection and clock."""

    settings: Settings
    rulebook: RuleBook
    store: Store
    keys: Keys
    audit: Audit
    deadlines: Deadlines
    disputes: Disputes
    deviations: Deviations
    placements: Placements
    followup: FollowUp
    outbox: Outbox
    sweeper: Sweeper

    def serving(self) -> None:
        """The service is about to serve: the WAL is checkpointed in the background from now
        on (:meth:`Store.checkpoint_in_background`), not inside a request's ``COMMIT``."""
        self.store.checkpoint_in_background()

    def close(self) -> None:
        """Stop delivering and close the database."""
        self.store.commit_pending()  # a delivery thread may be waiting for the store
        self.sweeper.close()
        self.store.close()


def build_rulebook(settings: Settings) -> RuleBook:
    """Load the enabled plugins and the rules they supply (fails loudly on bad config)."""
    registry = Registry(make_plugin_manager(settings.enabled), settings)
    return RuleBook(registry, Clock(settings.clock.timezone, settings.clock.today))


def open_store(settings: Settings) -> Store:
    """The database of ``settings``, migrated."""
    return Store(settings.database.path, MIGRATIONS)


def build(settings: Settings, rulebook: RuleBook | None = None) -> Services:
    """The rule book, the database (migrated) and every service on it."""
    rulebook = rulebook or build_rulebook(settings)
    registry, clock = rulebook.registry, rulebook.clock
    store = open_store(settings)
    audit = Audit(store, clock)
    changes = Changes(store, clock, audit)
    deadlines = Deadlines(store, registry, settings.sweep, clock)
    disputes = Disputes(store, registry, clock, deadlines, changes)
    deviations = Deviations(disputes)
    placements = Placements(store, registry, clock, deadlines, changes)
    parties = {
        a.id: (a.parties.region_code, frozenset(m.code for m in a.parties.municipalities))
        for a in registry.agreements.values()
    }
    outbox = Outbox(store, settings.webhooks, clock, parties)
    sweeper = Sweeper(
        store,
        registry,
        clock,
        deadlines=deadlines,
        outbox=outbox,
        webhooks=Webhooks(store, settings.webhooks),
        deviations=deviations,
        lease_seconds=settings.sweep.lease_seconds,
    )
    return Services(
        settings=settings,
        rulebook=rulebook,
        store=store,
        keys=Keys(store, registry),
        audit=audit,
        deadlines=deadlines,
        disputes=disputes,
        deviations=deviations,
        placements=placements,
        followup=FollowUp(store, registry, clock, audit),
        outbox=outbox,
        sweeper=sweeper,
    )
