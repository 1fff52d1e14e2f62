"""Each enabled agreement's status for its admin (``/health``, ``samverkan agreements``):
computed from the versions, their terms and the config, on a given day."""

from __future__ import annotations

import datetime as dt

import pytest

from samverkan.kernel.config import AgreementConfig, Settings
from samverkan.kernel.loading import make_plugin_manager
from samverkan.kernel.registry import Registry
from samverkan.kernel.status import agreement_status

KEY = "[agreements.dalarna] extended_to"


def dalarna(extended_to: dt.date | None = None) -> Registry:
    extra = (
        {"dalarna": AgreementConfig(extended_to=extended_to, extension_reason="beslut (test)")}
        if extended_to
        else {}
    )
    settings = Settings(enabled=["dalarna"], agreements=extra)
    return Registry(make_plugin_manager(["dalarna"]), settings)


@pytest.mark.parametrize(
    ("today", "status", "config_key"),
    [
        (dt.date(2021, 6, 1), "not_yet_in_force", None),
        (dt.date(2024, 6, 1), "in_force", None),
        (dt.date(2025, 5, 1), "ending_soon", KEY),  # its text ends 2025-06-30
        (dt.date(2025, 7, 1), "lapsed", KEY),
    ],
)
def test_dalarna_through_its_life(today: dt.date, status: str, config_key: str | None) -> None:
    found = agreement_status(dalarna(), "dalarna", today)
    assert (found.status, found.config_key) == (status, config_key)
    if status == "lapsed":
        assert found.version is None and KEY in found.message and "2025-06-30" in found.message


def test_an_extension_in_config_is_said_and_its_end_is_watched() -> None:
    registry = dalarna(dt.date(2026, 12, 31))
    found = agreement_status(registry, "dalarna", dt.date(2026, 3, 1))
    assert found.status == "in_force_by_extension" and found.ends_on == dt.date(2026, 12, 31)
    assert found.config_key == KEY and KEY in found.message
    assert agreement_status(registry, "dalarna", dt.date(2026, 11, 1)).status == "ending_soon"


def test_a_version_that_a_next_one_follows_is_not_ending(registry: Registry) -> None:
    # the ÖK ends 2026-12-31, and the HSA follows; Södra Älvsborg then answers with the HSA
    for agreement in ("vgr", "sodra_alvsborg", "goteborg"):
        found = agreement_status(registry, agreement, dt.date(2026, 12, 1))
        assert found.status == "in_force", (agreement, found)
