"""Service configuration: ``config/samverkan.toml``, overridden by environment variables.

Environment overrides (for containers and tests):

- ``SAMVERKAN_CONFIG``: path of the TOML file (default ``config/samverkan.toml``).
- ``SAMVERKAN_ENABLED``: comma-separated plugin names, replacing ``enabled``.
- ``SAMVERKAN_TODAY``: ``YYYY-MM-DD``, fixes the clock's date (``clock.today``).
- ``SAMVERKAN_DATABASE``: path of the SQLite file (``database.path``).
"""

from __future__ import annotations

import datetime as dt
import os
import tomllib
from pathlib import Path
from typing import Annotated

import msgspec

from core.errors import ConfigError

DEFAULT_CONFIG = Path("config/samverkan.toml")
ALL_BUILT_IN = ("vgr", "sodra_alvsborg", "goteborg", "dalarna")


class _Section(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    pass


class ServerConfig(_Section):
    host: str = "127.0.0.1"
    port: Annotated[int, msgspec.Meta(ge=1, le=65535)] = 8000


class DatabaseConfig(_Section):
    path: str = "data/samverkan.db"


class ClockConfig(_Section):
    timezone: str = "Europe/Stockholm"
    today: dt.date | None = None


class AgreementConfig(_Section):
    """Per-agreement settings a regional admin may declare.

    :param extended_to: the last day of an extension the parties have decided beyond what the
        text itself grants (e.g. Dalarna after 2025-06-30). Answers on later dates say the
        agreement is in force only by this configured extension.
    :param extension_reason: the decision behind it (required with ``extended_to``).
    """

    extended_to: dt.date | None = None
    extension_reason: str = ""


class Settings(_Section):
    enabled: list[str] = msgspec.field(default_factory=lambda: list(ALL_BUILT_IN))
    server: ServerConfig = msgspec.field(default_factory=ServerConfig)
    database: DatabaseConfig = msgspec.field(default_factory=DatabaseConfig)
    clock: ClockConfig = msgspec.field(default_factory=ClockConfig)
    agreements: dict[str, AgreementConfig] = msgspec.field(default_factory=dict)


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
    for name, agreement in settings.agreements.items():
        if agreement.extended_to and not agreement.extension_reason.strip():
            raise ConfigError(
                f"agreements.{name}.extended_to needs extension_reason: the decision that "
                "extended the agreement, so answers can cite it"
            )
    return settings
