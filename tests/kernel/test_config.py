"""Configuration the registry refuses or applies at start-up, in-process (the command's exit
codes and messages: ``tests/e2e/test_startup.py``)."""

from __future__ import annotations

import datetime as dt

import pytest

from samverkan.kernel.config import AgreementConfig, Settings
from samverkan.kernel.errors import ConfigError
from samverkan.kernel.loading import make_plugin_manager
from samverkan.kernel.registry import Registry


def test_sub_regional_plugin_needs_its_parent() -> None:
    with pytest.raises(ConfigError, match=r"refines 'vgr'.*add 'vgr'"):
        Registry(make_plugin_manager(["goteborg"]), Settings(enabled=["goteborg"]))


def test_dalarna_extension_from_config() -> None:
    settings = Settings(
        enabled=["dalarna"],
        agreements={
            "dalarna": AgreementConfig(
                extended_to=dt.date(2026, 6, 30),
                extension_reason="Välfärdsrådet 2025-05-20 (test)",
            )
        },
    )
    registry = Registry(make_plugin_manager(["dalarna"]), settings)
    in_force = registry.in_force("dalarna", dt.date(2026, 1, 1))
    assert in_force.version.key == "hvb-2021"
    assert any("only by an extension" in n.text for n in in_force.notices)
