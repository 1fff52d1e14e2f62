"""``HEAD`` over real HTTP, through uvicorn with each HTTP implementation: the status and
headers a ``GET`` gets, no body, and an access line that says ``HEAD``."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from tests.support.server import ServerProcess

pytestmark = pytest.mark.e2e

SKIP = {"date"}  # the only header that may differ between two answers


def headers(response: httpx.Response) -> dict[str, str]:
    return {k: v for k, v in response.headers.items() if k not in SKIP}


@pytest.fixture(scope="module", params=["httptools", "h11"])
def server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[ServerProcess]:
    config = (
        'enabled = ["vgr", "sodra_alvsborg", "goteborg", "dalarna"]\n\n'
        f'[server]\nhttp = "{request.param}"\n'
    )
    proc = ServerProcess(
        tmp_path_factory.mktemp(f"head-{request.param}"),
        config,
        env={"SAMVERKAN_TODAY": "2026-06-01"},
    ).start()
    try:
        yield proc
    finally:
        proc.stop()


@pytest.mark.parametrize(
    "path",
    ["/health", "/", "/api/v1/agreements/vgr/ladder?on=2026-06-01", "/api/v1/disputes", "/nowhere"],
)
def test_head_is_get_without_the_body(server: ServerProcess, path: str) -> None:
    with httpx.Client(base_url=server.url, timeout=10, headers={"Accept-Language": "en"}) as client:
        got = client.get(path)
        head = client.head(path)
    assert head.status_code == got.status_code
    assert head.content == b""
    # a page sets a new CSRF cookie on each answer; everything else is the same
    assert {k: v for k, v in headers(head).items() if k != "set-cookie"} == {
        k: v for k, v in headers(got).items() if k != "set-cookie"
    }
    assert int(head.headers["content-length"]) == len(got.content) > 0


def test_head_of_a_post_only_path_is_405_naming_post(server: ServerProcess) -> None:
    with httpx.Client(base_url=server.url, timeout=10) as client:
        head = client.head("/api/v1/agreements/vgr/cost-split")
    assert head.status_code == 405
    assert "POST" in head.headers["allow"]


def test_the_access_line_says_head(server: ServerProcess) -> None:
    httpx.head(f"{server.url}/health?probe=head-line", timeout=10)
    lines = server.settled_log().read_text(errors="replace").splitlines()
    assert any("HEAD /health 200" in line for line in lines), lines[-5:]
