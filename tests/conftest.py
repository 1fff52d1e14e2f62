"""Shared fixtures: the rules kernel in-process, and the real service in a subprocess."""

from __future__ import annotations

import pytest

from samverkan.kernel.clock import Clock
from samverkan.kernel.config import ALL_BUILT_IN, Settings
from samverkan.kernel.loading import make_plugin_manager
from samverkan.kernel.registry import Registry
from samverkan.kernel.rulebook import Service

pytest_plugins = ["tests.server"]


@pytest.fixture(scope="session")
def registry() -> Registry:
    settings = Settings(enabled=list(ALL_BUILT_IN))
    return Registry(make_plugin_manager(settings.enabled), settings)


@pytest.fixture(scope="session")
def service(registry: Registry) -> Service:
    return Service(registry, Clock())
