"""Schemathesis over the service's own OpenAPI schema, against a real server process.

Every operation in ``/schema/openapi.json`` gets a bounded number of generated requests (fixed
seed), sent with an admin key of ``vgr`` held by Västra Götalandsregionen (so case endpoints
answer rather than 401) and checked for two things: no server error, and every response
conforming to the schema (status code documented, body matching its declared shape).
"""

from __future__ import annotations

import contextlib
import time
from collections import Counter
from collections.abc import Iterator

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, seed, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from tests.support.server import ROOT, ServerProcess

pytestmark = pytest.mark.e2e

TODAY = "2026-03-20"
EXAMPLES = 25  # per operation; the whole run stays well under a minute
PROBLEM = "application/problem+json"
#: the statuses a request can meet besides the documented ones, each a problem+json answer
PROBLEMS = {401, 403, 404, 405, 409, 412, 413, 422, 428, 429}


@pytest.fixture(scope="module")
def fuzzed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    config = (ROOT / "config" / "samverkan.toml").read_text().replace(
        "[server]\n", "[server]\nrate_limit_per_minute = 100000\n"
    ) + "\n[sweep]\nenabled = false\n"
    proc = ServerProcess(
        tmp_path_factory.mktemp("fuzz"), config, env={"SAMVERKAN_TODAY": TODAY}
    ).start()
    yield proc
    proc.stop()


def test_no_server_errors_and_every_response_in_the_schema(fuzzed: ServerProcess) -> None:
    key = fuzzed.key("14", "admin", ("vgr",))
    auth = {"Authorization": f"Bearer {key}"}
    # a few cases to read, so generated ids sometimes meet real rows
    with httpx.Client(base_url=fuzzed.url, timeout=10, headers=auth) as http:
        opened = http.post(
            "/api/v1/disputes",
            json={
                "agreement": "sodra_alvsborg",
                "municipality": "1490",
                "subject": "responsibility",
                "title": "Fuzz",
                "description": "Parterna är oense.",
            },
        )
        assert opened.status_code == 201, opened.text

    schema = schemathesis.openapi.from_url(f"{fuzzed.url}/schema/openapi.json")
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 20
    checks = [not_a_server_error, response_schema_conformance]
    failures: list[str] = []
    ran: dict[str, int] = {}
    statuses: Counter[int] = Counter()
    started = time.monotonic()

    def fuzz(operation: schemathesis.APIOperation) -> None:
        label = f"{operation.method.upper()} {operation.path}"
        ran[label] = 0

        @seed(20260320)
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        @given(case=operation.as_strategy())
        def run(case: schemathesis.Case) -> None:
            ran[label] += 1
            response = case.call(base_url=fuzzed.url, headers=auth, timeout=10)
            statuses[response.status_code] += 1
            try:
                case.validate_response(response, checks=checks)
                documented = str(response.status_code) in operation.definition.raw["responses"]
                if not documented:  # every other answer is an RFC 9457 problem we define
                    assert response.status_code in PROBLEMS, f"undocumented {response.status_code}"
                    assert response.headers["content-type"][0].startswith(PROBLEM)
                    body = response.json()
                    assert body["status"] == response.status_code and body["title"], body
            except Exception as exc:  # schemathesis raises failure groups, not AssertionError
                first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
                failures.append(
                    f"{label}: {first} ({response.status_code}) {case.as_curl_command()}"
                )
                raise

        with contextlib.suppress(Exception):  # recorded in failures; every operation runs first
            run()

    for operation in operations:
        fuzz(operation)

    elapsed = time.monotonic() - started
    total = sum(ran.values())
    print(f"schemathesis: {total} cases over {len(ran)} operations in {elapsed:.1f}s: {statuses}")
    assert not failures, "\n".join(sorted(set(failures)))
    assert total >= len(operations)
    assert "Traceback" not in fuzzed.output()
