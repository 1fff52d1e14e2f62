"""A real server process for end-to-end tests: ``samverkan serve`` on a free local port."""

from __future__ import annotations

import os
import random
import socket
import string
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class ActingAs:
    """Request headers acting as an organisation, with the service's :meth:`key`."""

    def key(self, org: str, role: str = "party", agreements: tuple[str, ...] = ()) -> str:
        raise NotImplementedError

    def headers(
        self,
        org: str,
        person: str = "Test Person",
        role: str = "party",
        agreements: tuple[str, ...] = (),
    ) -> dict[str, str]:
        """Request headers acting as ``org``: its API key and the person acting."""
        return {
            "Authorization": f"Bearer {self.key(org, role, agreements)}",
            "X-Actor-Person": person,
        }


class ServerProcess(ActingAs):
    """``samverkan --config CONFIG serve`` in a subprocess, with its output kept for asserts."""

    def __init__(self, workdir: Path, config: str = "", env: dict[str, str] | None = None):
        self.workdir = workdir
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.config = workdir / "samverkan.toml"
        self.config.write_text(config)
        self.env = {**os.environ, **(env or {})}
        self.env.setdefault("SAMVERKAN_DATABASE", str(workdir / "samverkan.db"))
        self.log = workdir / f"server-{self.port}.log"
        self.proc: subprocess.Popen[bytes] | None = None
        self._keys: dict[tuple[str, str, tuple[str, ...]], str] = {}

    def key(self, org: str, role: str = "party", agreements: tuple[str, ...] = ()) -> str:
        """An API key for ``org`` on this server's database, made as ``samverkan keys create``
        makes it (cached per organisation, role and agreements)."""
        wanted = (org, role, tuple(agreements))
        if wanted not in self._keys:
            from samverkan.access.keys import Keys
            from samverkan.kernel.config import load_settings
            from samverkan.wiring import build_rulebook, open_store

            saved = dict(os.environ)
            os.environ.update(self.env)  # the server's own (database, webhook secrets, …)
            try:
                settings = load_settings(self.config)
            finally:
                os.environ.clear()
                os.environ.update(saved)
            store = open_store(settings)
            try:
                keys = Keys(store, build_rulebook(settings).registry)
                self._keys[wanted] = keys.create(org, role, list(agreements), f"test {org}")[0]  # type: ignore[arg-type]
            finally:
                store.close()
        return self._keys[wanted]

    def command(self) -> list[str]:
        return [
            sys.executable,
            "-m",
            "samverkan.cli",
            "--config",
            str(self.config),
            "serve",
            "--host",
            "127.0.0.1",
            "--port",
            str(self.port),
        ]

    def start(self, timeout: float = 30.0) -> ServerProcess:
        with self.log.open("ab") as log:
            self.proc = subprocess.Popen(
                self.command(), cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited {self.proc.returncode}:\n{self.output()}")
            try:
                if httpx.get(f"{self.url}/health", timeout=1).status_code == 200:
                    return self
            except httpx.HTTPError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"server did not answer within {timeout}s:\n{self.output()}")

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def output(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""

    def settled_log(self, timeout: float = 10.0) -> Path:
        """The log once every line of the requests made so far is written: the server writes
        its log in batches, in order, so once the access line of a marker request sent now is
        in the file, every line before it is too."""
        marker = "settled" + "".join(random.choices(string.ascii_lowercase, k=12))
        httpx.get(f"{self.url}/{marker}", timeout=5)
        deadline = time.monotonic() + timeout
        while marker.encode() not in self.log.read_bytes():
            if time.monotonic() > deadline or (self.proc and self.proc.poll() is not None):
                break  # a server that stopped has written everything it will
            time.sleep(0.02)
        return self.log


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    """The service with the repository's own config (all four agreements)."""
    workdir = tmp_path_factory.mktemp("server")
    default = (ROOT / "config" / "samverkan.toml").read_text()
    proc = ServerProcess(workdir, default).start()
    yield proc
    proc.stop()


@pytest.fixture(scope="session")
def http(server: ServerProcess) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url, timeout=10, headers={"Accept-Language": "en"}) as client:
        yield client
