"""Helpers for the page tests: a browser-like client of the in-process service (its own
cookies), signing in through the form with its CSRF token, and a seeded set of cases."""

from __future__ import annotations

import re
from typing import Any

import httpx
from litestar.testing import TestClient

from tests.support import payloads
from tests.support.inprocess import InProcess

ALINGSAS, BORAS, MOLNDAL, REGION = "1489", "1490", "1481", "14"
CSRF = re.compile(r'name="_csrf_token" value="([^"]+)"')


def browser(service: InProcess, language: str = "sv") -> TestClient:
    """A client with its own cookie jar on the running application (its lifespan is the
    service's: this client is never entered)."""
    client = TestClient(service.client.app, base_url="http://testserver.local", timeout=10)
    client.headers["Accept-Language"] = language
    return client


def token(page: httpx.Response) -> str:
    found = CSRF.search(page.text)
    assert found, "the page has no CSRF token in its form"
    return found.group(1)


def sign_in(client: TestClient, key: str, next_: str = "/cases") -> httpx.Response:
    form = client.get(f"/sign-in?next={next_}")
    return client.post(
        "/sign-in",
        data={"key": key, "next": next_, "_csrf_token": token(form)},
        follow_redirects=False,
    )


def seed(service: InProcess) -> dict[str, Any]:
    """An Alingsås dispute (VGR), a Borås dispute (Södra Älvsborg) overdue at its first tier
    (opened 2026-01-10), a Borås deviation and a Mölndal placement with a cost entry: their
    ids."""
    http = service.client

    def post(path: str, org: str, body: dict[str, Any], key: str) -> dict[str, Any]:
        headers = {**service.headers(org), "Idempotency-Key": key}
        answer = http.post(path, json=body, headers=headers)
        assert answer.status_code == 201, answer.text
        return answer.json()

    alingsas = post(
        "/api/v1/disputes",
        ALINGSAS,
        {
            "agreement": "vgr",
            "municipality": ALINGSAS,
            "subject": "interpretation",
            "title": "Tolkning av hemsjukvårdsansvar",
            "description": "Parterna läser avsnittet olika.",
            "opened_on": "2026-10-01",
        },
        "pages-alingsas-1",
    )
    boras = post(
        "/api/v1/disputes",
        BORAS,
        {
            "agreement": "sodra_alvsborg",
            "municipality": BORAS,
            "subject": "responsibility",
            "title": "Ansvar för insatser i Borås",
            "description": "Vem ansvarar för boendestödet?",
            "opened_on": "2026-01-10",
        },
        "pages-boras-1",
    )
    deviation = post(
        "/api/v1/deviations",
        BORAS,
        {
            "agreement": "vgr",
            "municipality": BORAS,
            "title": "Ingen SIP trots kallelse",
            "agreed": "Regionen deltar i SIP-möte inom överenskommen tid (ÖK 3.7).",
            "happened": "Ingen från psykiatrin kom till SIP-mötet 2026-05-20.",
            "occurred_on": "2026-05-20",
            "reporting_role": "MAS",
        },
        "pages-boras-deviation-1",
    )
    placement = post("/api/v1/placements", MOLNDAL, payloads.placement(), "pages-molndal-1")
    post(
        f"/api/v1/placements/{placement['id']}/costs",
        MOLNDAL,
        payloads.cost_entry(),
        "pages-molndal-cost-1",
    )
    return {
        "alingsas": alingsas["id"],
        "boras": boras["id"],
        "deviation": deviation["id"],
        "placement": placement["id"],
    }
