"""Service configuration: ``config/samverkan.toml``, overridden by environment variables.

Environment overrides (for containers and tests):

- ``SAMVERKAN_CONFIG``: path of the TOML file (default ``config/samverkan.toml``).
- ``SAMVERKAN_ENABLED``: comma-separated plugin names, replacing ``enabled`` (default: every
  installed plugin).
- ``SAMVERKAN_TODAY``: ``YYYY-MM-DD``, fixes the clock's date (``clock.today``).
- ``SAMVERKAN_DATABASE``: path of the SQLite file (``database.path``).
"""

from __future__ import annotations

import datetime as dt
import os
import tomllib
from pathlib import Path
from typing import Annotated, Literal

import msgspec

from samverkan.kernel.errors import ConfigError
from samverkan.kernel.loading import installed_plugins

DEFAULT_CONFIG = Path("config/samverkan.toml")


class _Section(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    pass


class ServerConfig(_Section):
    """The HTTP server.

    :param max_body_bytes: larger request bodies are refused with 413.
    :param max_json_depth: a JSON body nested deeper than this is refused with 400, before it
        is parsed.
    :param rate_limit_per_minute: requests per API key per minute, per server process (429
        with Retry-After beyond it).
    :param anonymous_rate_limit_per_minute: requests per client address per minute, per server
        process, for everything sent without a valid API key: the rule endpoints, ``/health``,
        the schema, unknown paths, and case endpoints called without a key or with a wrong one.
    :param header_timeout_seconds: a connection whose request line and headers are not complete
        this long after it opened (or after the first byte of a later request on it) gets 408
        and is closed.
    :param body_timeout_seconds: a request body not complete this long after its headers gets
        408 and the connection is closed (the handler never sees the partial body).
    :param keep_alive_seconds: an idle connection between requests is closed after this.
    :param http: the HTTP/1.1 implementation: ``httptools`` (the default: a C parser, about a
        third less CPU per request) or ``h11`` (pure Python); both enforce the timeouts.
    :param cors_origins: origins allowed to call the API from a browser; empty (the default)
        turns CORS off.
    """

    host: str = "127.0.0.1"
    port: Annotated[int, msgspec.Meta(ge=1, le=65535)] = 8000
    max_body_bytes: Annotated[int, msgspec.Meta(ge=1024, le=64 * 1024 * 1024)] = 1024 * 1024
    max_json_depth: Annotated[int, msgspec.Meta(ge=4, le=256)] = 32
    rate_limit_per_minute: Annotated[int, msgspec.Meta(ge=1, le=10_000_000)] = 600
    anonymous_rate_limit_per_minute: Annotated[int, msgspec.Meta(ge=1, le=10_000_000)] = 1200
    header_timeout_seconds: Annotated[float, msgspec.Meta(ge=0.5, le=600)] = 10.0
    body_timeout_seconds: Annotated[float, msgspec.Meta(ge=0.5, le=3600)] = 60.0
    keep_alive_seconds: Annotated[float, msgspec.Meta(ge=0.5, le=600)] = 5.0
    http: Literal["h11", "httptools"] = "httptools"
    cors_origins: list[str] = msgspec.field(default_factory=list)


class DatabaseConfig(_Section):
    path: str = "data/samverkan.db"


class ClockConfig(_Section):
    timezone: str = "Europe/Stockholm"
    today: dt.date | None = None


class SweepConfig(_Section):
    """The deadline sweep. These are service settings, not agreement text.

    :param interval_seconds: how often the scheduler wakes the sweep (it also runs at start-up).
    :param reminder_days: a reminder fires this many days before a due date.
    :param no_progress_days: a tier with no time limit gets a no-progress warning after this
        many days (the HSA says only "utan dröjsmål").
    :param version_ending_days: warn this many days before an agreement version ends.
    :param lease_seconds: how long one worker holds the sweep before another may take over.
    """

    interval_seconds: Annotated[float, msgspec.Meta(ge=0.1)] = 300.0
    reminder_days: Annotated[int, msgspec.Meta(ge=0, le=365)] = 7
    no_progress_days: Annotated[int, msgspec.Meta(ge=1, le=365)] = 14
    version_ending_days: Annotated[int, msgspec.Meta(ge=1, le=730)] = 90
    lease_seconds: Annotated[float, msgspec.Meta(ge=1)] = 60.0
    enabled: bool = True


class WebhookConfig(_Section):
    """A receiver of every notification, as a signed POST.

    :param secret_env: name of the environment variable holding the HMAC secret (preferred);
        ``secret`` holds it inline (tests, demos).
    :param org: deliver only this organisation's notifications (its cases, and notices about
        agreement versions of its region); empty: every notification (an operator's receiver).
    :param max_attempts: after this many failed attempts the delivery is marked failed and shown
        in the API; it is never dropped.
    :param backoff_seconds: the first retry waits this long; each later one twice as long.
    """

    name: Annotated[str, msgspec.Meta(pattern=r"^[a-z0-9][a-z0-9_-]{0,63}$")]
    url: Annotated[str, msgspec.Meta(pattern=r"^https?://")]
    org: Annotated[str, msgspec.Meta(pattern=r"^([0-9]{2}([0-9]{2})?)?$")] = ""
    secret: str = ""
    secret_env: str = ""
    max_attempts: Annotated[int, msgspec.Meta(ge=1, le=100)] = 8
    backoff_seconds: Annotated[float, msgspec.Meta(ge=0.01)] = 30.0
    timeout_seconds: Annotated[float, msgspec.Meta(gt=0)] = 10.0

    def key(self) -> bytes:
        value = os.environ.get(self.secret_env, "") if self.secret_env else self.secret
        return value.encode()


class AgreementConfig(_Section):
    """Per-agreement settings a regional admin may declare.

    :param notice_given_on: the day a party gave written notice of an agreement whose text
        extends itself unless notice is given (HSA 1.6): the service computes from the text
        when the notice ends it, and refuses later dates.
    :param notice_reason: who gave the notice and where it is recorded (required with
        ``notice_given_on``).
    :param extended_to: the last day of an extension the parties have decided beyond what the
        text itself grants (e.g. Dalarna after 2025-06-30). Answers on later dates say the
        agreement is in force only by this configured extension.
    :param extension_reason: the decision behind it (required with ``extended_to``).
    """

    notice_given_on: dt.date | None = None
    notice_reason: str = ""
    extended_to: dt.date | None = None
    extension_reason: str = ""


class PagesConfig(_Section):
    """The pages for people (``core/pages/``).

    :param secure_cookies: send the session and CSRF cookies only over HTTPS (``Secure``); set
        it when the service is reached through TLS (a reverse proxy).
    :param session_hours: a signed-in session ends this long after its last page.
    :param state_dir: where sessions and the CSRF secret are kept, shared by every worker and
        surviving a restart; empty: ``sessions/`` next to the database file.
    """

    secure_cookies: bool = False
    session_hours: Annotated[int, msgspec.Meta(ge=1, le=24 * 30)] = 8
    state_dir: str = ""


class Settings(_Section):
    """The whole configuration.

    :param enabled: the plugins to load, by entry-point name (default: every plugin installed
        in the ``samverkan`` entry-point group); answers list agreements in this order.
    """

    enabled: list[str] = msgspec.field(default_factory=installed_plugins)
    server: ServerConfig = msgspec.field(default_factory=ServerConfig)
    database: DatabaseConfig = msgspec.field(default_factory=DatabaseConfig)
    clock: ClockConfig = msgspec.field(default_factory=ClockConfig)
    agreements: dict[str, AgreementConfig] = msgspec.field(default_factory=dict)
    sweep: SweepConfig = msgspec.field(default_factory=SweepConfig)
    webhooks: list[WebhookConfig] = msgspec.field(default_factory=list)
    pages: PagesConfig = msgspec.field(default_factory=PagesConfig)


def load_settings(path: str | os.PathLike[str] | None = None) -> Settings:
    """Read the config file (if any) and apply environment overrides.

    :raises ConfigError: on a malformed file, an unknown key or a bad override.
    """
    chosen = Path(path or os.environ.get("SAMVERKAN_CONFIG") or DEFAULT_CONFIG)
    if chosen.exists():
        try:
            # TOML dates may be written bare (2026-06-30) or quoted ("2026-06-30")
            settings = msgspec.convert(tomllib.loads(chosen.read_text()), Settings)
        except (msgspec.ValidationError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(f"{chosen}: {exc}") from exc
    elif path or os.environ.get("SAMVERKAN_CONFIG"):
        raise ConfigError(f"config file {chosen} does not exist")
    else:
        settings = Settings()
    if enabled := os.environ.get("SAMVERKAN_ENABLED"):
        settings.enabled = [name.strip() for name in enabled.split(",") if name.strip()]
    if today := os.environ.get("SAMVERKAN_TODAY"):
        try:
            settings.clock.today = dt.date.fromisoformat(today)
        except ValueError as exc:
            raise ConfigError(f"SAMVERKAN_TODAY={today!r} is not a date YYYY-MM-DD") from exc
    if database := os.environ.get("SAMVERKAN_DATABASE"):
        settings.database.path = database
    for hook in settings.webhooks:
        if not hook.key():
            raise ConfigError(
                f"webhook {hook.name!r} has no secret: set secret_env to the name of an "
                "environment variable that holds it (or secret, for tests)"
            )
    if len({hook.name for hook in settings.webhooks}) != len(settings.webhooks):
        raise ConfigError("webhook names must be unique")
    for name, agreement in settings.agreements.items():
        if agreement.notice_given_on and not agreement.notice_reason.strip():
            raise ConfigError(
                f"agreements.{name}.notice_given_on needs notice_reason: who gave the written "
                "notice and where it is recorded, so answers can cite it"
            )
        if agreement.extended_to and not agreement.extension_reason.strip():
            raise ConfigError(
                f"agreements.{name}.extended_to needs extension_reason: the decision that "
                "extended the agreement, so answers can cite it"
            )
    return settings
