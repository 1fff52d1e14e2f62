"""Expired page sessions are deleted from the store by the service itself, not only when their
cookie comes back (``samverkan.pages.security.expire_sessions``)."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import pytest
from litestar.stores.file import FileStore

from samverkan.pages import security
from samverkan.pages.security import expire_sessions
from tests.support.inprocess import running
from tests.support.loop import run as run_loop


async def _plant(store: FileStore) -> None:
    """One session expired a moment ago, one live for an hour, one without expiry."""
    await store.set("expired", b"{}", expires_in=1)
    await store.set("live", b"{}", expires_in=3600)
    await store.set("forever", b"{}")
    await asyncio.sleep(1.2)


async def _present(store: FileStore) -> set[str]:
    return {key for key in ("expired", "live", "forever") if await store.exists(key)}


def test_a_round_deletes_the_expired_and_keeps_the_rest(tmp_path: Path) -> None:
    store = FileStore(tmp_path / "store", create_directories=True)

    async def scenario() -> tuple[set[str], set[str]]:
        await _plant(store)
        before = await _present(store)
        task = asyncio.create_task(expire_sessions(store, every=3600, first_after=0))
        deadline = time.monotonic() + 5
        while await store.exists("expired") and time.monotonic() < deadline:
            await asyncio.sleep(0.02)
        after = await _present(store)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        return before, after

    before, after = run_loop(scenario)
    assert before == {"expired", "live", "forever"}
    assert after == {"live", "forever"}


def test_a_broken_file_is_logged_and_the_next_round_still_runs(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    store = FileStore(tmp_path / "store", create_directories=True)

    async def scenario() -> set[str]:
        await _plant(store)
        broken = tmp_path / "store" / "half-written.tmp"
        broken.write_bytes(b"\x00not a stored object")
        task = asyncio.create_task(expire_sessions(store, every=0.05, first_after=0))
        await asyncio.sleep(0.2)
        broken.unlink()  # the other worker finished writing it
        deadline = time.monotonic() + 5
        while await store.exists("expired") and time.monotonic() < deadline:
            await asyncio.sleep(0.02)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        return await _present(store)

    assert run_loop(scenario) == {"live", "forever"}
    assert "could not delete every expired session" in caplog.text


def test_the_service_deletes_expired_sessions_once_it_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(security, "EXPIRE_FIRST_AFTER_SECONDS", 0.0)
    (tmp_path / "sessions" / "store").mkdir(parents=True)  # where the service keeps them
    store = FileStore(tmp_path / "sessions" / "store")
    run_loop(lambda: _plant(store))
    with running(tmp_path) as service:
        assert service.client.get("/health").status_code == 200
        deadline = time.monotonic() + 5
        while run_loop(lambda: store.exists("expired")) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert run_loop(lambda: _present(store)) == {"live", "forever"}
