"""The service in this process: the real application (guard, controllers, services, scheduler)
on a real SQLite file, called through Litestar's test client, with no server process.

:class:`InProcess` has the same face as :class:`tests.support.server.ServerProcess` (``key``,
``headers``, ``start``, ``stop``, ``env``, ``config``), and its :attr:`client` is an
``httpx.Client``, so a test reads the same whichever tier runs it.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from litestar.testing import TestClient

from samverkan.api.app import assemble
from samverkan.kernel.config import Settings, load_settings
from samverkan.wiring import Services, build
from tests.support.server import ActingAs

ROOT = Path(__file__).resolve().parents[2]
#: the repository's own config (all four agreements)
CONFIG = (ROOT / "config" / "samverkan.toml").read_text()


@contextmanager
def environment(env: dict[str, str]) -> Iterator[None]:
    """``env`` set while the block runs (config overrides are read from the environment)."""
    saved = dict(os.environ)
    os.environ.update(env)
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)


class InProcess(ActingAs):
    """``samverkan`` with config ``config`` and environment ``env``, in this process."""

    def __init__(self, workdir: Path, config: str = CONFIG, env: dict[str, str] | None = None):
        self.workdir = workdir
        self.config = workdir / "samverkan.toml"
        self.config.write_text(config)
        self.env = {"SAMVERKAN_DATABASE": str(workdir / "samverkan.db"), **(env or {})}
        self.db = Path(self.env["SAMVERKAN_DATABASE"])
        self._keys: dict[tuple[str, str, tuple[str, ...]], str] = {}
        self._client: TestClient | None = None
        self.services: Services | None = None

    def settings(self) -> Settings:
        with environment(self.env):
            return load_settings(self.config)

    def start(self) -> InProcess:
        """Build the application and run its lifespan (the scheduler starts, as in a server)."""
        self.services = build(self.settings())
        self._client = TestClient(assemble(self.services), timeout=10)
        # the tests read messages in English (tests/api/test_languages.py reads Swedish)
        self._client.headers["Accept-Language"] = "en"
        self._client.__enter__()
        return self

    def stop(self) -> None:
        if self._client is not None:
            self._client.__exit__(None, None, None)
            self._client = None

    @property
    def client(self) -> TestClient:
        assert self._client is not None, "start() first"
        return self._client

    def key(self, org: str, role: str = "party", agreements: tuple[str, ...] = ()) -> str:
        """An API key for ``org``, made as ``samverkan keys create`` makes it (cached per
        organisation, role and agreements)."""
        wanted = (org, role, tuple(agreements))
        if wanted not in self._keys:
            assert self.services is not None, "start() first"
            key, _ = self.services.keys.create(org, role, list(agreements), f"test {org}")  # type: ignore[arg-type]
            self._keys[wanted] = key
        return self._keys[wanted]


@contextmanager
def running(
    workdir: Path, config: str = CONFIG, env: dict[str, str] | None = None
) -> Iterator[InProcess]:
    """An :class:`InProcess` service for the duration of the block."""
    service = InProcess(workdir, config, env).start()
    try:
        yield service
    finally:
        service.stop()
