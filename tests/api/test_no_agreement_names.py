"""Core with only a throwaway plugin installed and enabled: no built-in agreement's name in
any answer it gives (the rule endpoints, a case walked through its steps, the errors, the
OpenAPI document), so what core says comes from the plugins it loads."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from samverkan.kernel.loading import installed_plugins
from tests.support.inprocess import InProcess, running
from tests.support.thirdparty import ACME, make_distribution

BUILT_IN = re.compile(
    r"(?<![a-z0-9])(vgr|sodra_alvsborg|s[öo]dra [äa]lvsborg|g[öo]teborg|dalarna|hsa|ök"
    r"|v[äa]stra g[öo]taland)(?![a-z0-9])",
    re.IGNORECASE,
)


@pytest.fixture(scope="module")
def acme(tmp_path_factory: pytest.TempPathFactory) -> Iterator[InProcess]:
    site = make_distribution(tmp_path_factory.mktemp("site"), "acme", "acme_plugin", ACME)
    with pytest.MonkeyPatch.context() as patch:
        patch.syspath_prepend(str(site))
        assert "acme" in installed_plugins()
        config = 'enabled = ["acme"]\n'
        workdir = tmp_path_factory.mktemp("acme")
        with running(workdir, config, {"SAMVERKAN_TODAY": "2026-05-04"}) as service:
            yield service


def answers(service: InProcess) -> Iterator[tuple[str, str]]:
    """``(request, answer text)`` for every kind of answer the service gives."""
    http = service.client
    region = service.headers("99", "Ann", role="admin", agreements=("acme",))
    town = service.headers("9901", "Bo")
    rules = "/api/v1/agreements/acme"
    reads = [
        "/health",
        "/-/plugins",
        "/schema/openapi.json",
        "/api/v1/agreements",
        rules + "?on=2026-05-04",
        rules + "?on=2030-01-01",
        rules + "/ladder?on=2026-05-04",
        rules + "/ladder?on=2026-05-04&kind=nope",
        rules + "/deadlines/tier.default.desk?from=2026-05-04",
        rules + "/deadlines/nope?from=2026-05-04",
        "/api/v1/agreements/nope",
        "/api/v1/compare?agreements=acme&on=2026-05-04",
        "/api/v1/compare?agreements=",
    ]
    for path in reads:
        yield path, http.get(path).text
    for method in ("schablon", "percent"):
        body = {"amount_ore": 1000, "method": method, "on": "2026-05-04"}
        yield f"cost-split {method}", http.post(rules + "/cost-split", json=body).text
    sip = {"context": "placement", "on": "2026-05-04", "sip": {}}
    yield "sip-check", http.post(rules + "/sip-check", json=sip).text
    opening = {
        "agreement": "acme",
        "municipality": "9901",
        "subject": "cost",
        "title": "Kostnad",
        "description": "Oense.",
        "temporary_arrangement": {"started_on": "2026-05-01", "description": "Delat."},
        "individual_ref": "p-0123456789abcdef",
    }
    opened = http.post("/api/v1/disputes", json=opening, headers=town)
    yield "open dispute", opened.text
    case = opened.headers["location"]
    yield "dispute", http.get(case, headers=region).text
    yield "notice", http.get(case + "/notice", headers=region).text
    yield "notice html", http.get(case + "/notice?format=html", headers=region).text
    step = {"text": "Regionen betalar.", "given_on": "2026-05-04"}
    etag = {"If-Match": opened.headers["etag"]}
    yield (
        "recommendation",
        http.post(case + "/recommendation", json=step, headers={**town, **etag}).text,
    )
    yield (
        "escalate at the top",
        http.post(case + "/escalate", json={"reason": "no_agreement"}, headers=town).text,
    )
    yield "disputes", http.get("/api/v1/disputes", headers=region).text
    placement = {
        "agreement": "acme",
        "municipality": "9901",
        "placing_party": "municipality",
        "start_date": "2026-05-01",
        "acute": True,
        "home_kind": "hvb",
        "child": False,
    }
    yield "placement", http.post("/api/v1/placements", json=placement, headers=town).text
    deviation = {
        "agreement": "acme",
        "municipality": "9901",
        "title": "t",
        "agreed": "a",
        "happened": "h",
    }
    yield "deviation", http.post("/api/v1/deviations", json=deviation, headers=town).text
    yield "deadlines", http.get("/api/v1/deadlines", headers=region).text
    yield "notifications", http.get("/api/v1/notifications", headers=region).text
    yield "audit", http.get("/api/v1/audit", headers=region).text


def test_no_built_in_agreement_name_in_any_answer(acme: InProcess) -> None:
    seen = dict(answers(acme))
    assert "Acme" in seen["/api/v1/agreements"] and "Disken" in seen["dispute"]
    named = {what: sorted(set(BUILT_IN.findall(text))) for what, text in seen.items()}
    assert {what: names for what, names in named.items() if names} == {}


def test_the_default_enables_every_installed_plugin(tmp_path: Path) -> None:
    """No list of built-in names in core: ``enabled`` defaults to the entry points found."""
    from samverkan.kernel.config import Settings

    assert Settings().enabled == installed_plugins()
    site = make_distribution(tmp_path / "site", "acme", "acme_plugin", ACME)
    with pytest.MonkeyPatch.context() as patch:
        patch.syspath_prepend(str(site))
        assert "acme" in Settings().enabled
