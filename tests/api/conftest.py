"""The API tier: the application in this process (guard, controllers, services, scheduler)
on a real SQLite file, through Litestar's test client. No server process, no socket."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from tests.support.inprocess import InProcess, running


@pytest.fixture(scope="session")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[InProcess]:
    """The service with the repository's own config (all four agreements)."""
    with running(tmp_path_factory.mktemp("service")) as started:
        yield started


@pytest.fixture(scope="session")
def http(service: InProcess) -> httpx.Client:
    return service.client
