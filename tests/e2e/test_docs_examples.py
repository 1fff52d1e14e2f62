"""The README and every page under docs/ run: each ``sh`` example that calls curl, in order,
against a fresh server on the machine's real date (no fixed today), placeholders filled and
stated values checked by the rules of tests/support/examples.py (docs/README.md). A new page
is picked up as it is added."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support import examples
from tests.support.kitfixtures import install
from tests.support.server import ROOT, ServerProcess

pytestmark = pytest.mark.e2e

PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
RUNNABLE = [page for page in PAGES if examples.blocks(page)]
#: pages whose examples read the example plugin (examples/samverkan-exempel), installed and
#: enabled beside the repository's config as docs/plugins.md tells an admin
WITH_EXAMPLE = {ROOT / "docs" / "plugins.md"}


def _server(workdir: Path, config: str, env: dict[str, str]) -> ServerProcess:
    env = {**{k: v for k, v in os.environ.items() if k != "SAMVERKAN_TODAY"}, **env}
    proc = ServerProcess(workdir, config, env=env)
    proc.env.pop("SAMVERKAN_TODAY", None)  # the real date
    return proc.start()


@pytest.fixture(scope="module")
def docs_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    config = (ROOT / "config" / "samverkan.toml").read_text()
    proc = _server(tmp_path_factory.mktemp("docs"), config, {})
    yield proc
    proc.stop()


@pytest.fixture(scope="module")
def example_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    site = install(tmp_path_factory.mktemp("site"), "samverkan_exempel")
    config = (ROOT / "config" / "samverkan.toml").read_text()
    enabled = 'enabled = ["vgr", "sodra_alvsborg", "goteborg", "dalarna"]'
    assert enabled in config
    config = config.replace(enabled, enabled[:-1] + ', "exempel"]')
    path = os.pathsep.join(p for p in (str(site), os.environ.get("PYTHONPATH", "")) if p)
    proc = _server(tmp_path_factory.mktemp("docs-example"), config, {"PYTHONPATH": path})
    yield proc
    proc.stop()


def test_the_pages_with_examples_are_found() -> None:
    names = {page.relative_to(ROOT).as_posix() for page in RUNNABLE}
    assert {"README.md", "docs/api/disputes.md", "docs/api/placements.md"} <= names


@pytest.mark.parametrize("page", RUNNABLE, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_the_examples_run_as_written(request: pytest.FixtureRequest, page: Path) -> None:
    fixture = "example_server" if page in WITH_EXAMPLE else "docs_server"
    docs_server: ServerProcess = request.getfixturevalue(fixture)

    def key(org: str, admin: str | None) -> str:
        if admin:
            return docs_server.key(org, "admin", tuple(admin.split(",")))
        return docs_server.key(org)

    env = {
        **docs_server.env,
        "SAMVERKAN_CONFIG": str(docs_server.config),
    }
    problems = examples.run(page, docs_server.url, docs_server.workdir, env, key)
    assert problems == [], "\n".join(problems)


def test_a_wrong_statement_or_a_failed_call_is_caught(
    docs_server: ServerProcess, tmp_path: Path
) -> None:
    page = tmp_path / "wrong.md"
    page.write_text(
        "```sh\n"
        '# => 200; due_on = "1999-01-01"\n'
        "curl -s 'localhost:8000/api/v1/agreements/dalarna/deadlines/acute_cost_agreement"
        "?from=2025-01-31'\n"
        "curl -s 'localhost:8000/api/v1/agreements/nowhere'\n"
        "```\n"
    )
    problems = examples.run(page, docs_server.url, tmp_path, dict(docs_server.env), None)
    assert len(problems) == 2, problems
    assert "due_on is '2025-02-28', not '1999-01-01'" in problems[0]
    assert ": 404:" in problems[1]
