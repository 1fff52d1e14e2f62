"""The disputes API as the dispute tests call it: request bodies, problem answers, and a
thin client that sends each case's last ETag with every change."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import httpx

from tests.support.server import ROOT

TODAY = "2026-03-20"
CONFIG = (ROOT / "config" / "samverkan.toml").read_text()
URL = "/api/v1/disputes"

BORAS = "1490"
VGR = "14"
PERSON = "Anna Handlaggare"

#: The blankett för tvisteanmälan (Södra Älvsborg 5 "Beredningsgrupp för tvister").
FORM_KEYS = [
    "case_summary",
    "what_happened",
    "interpretations",
    "why_no_agreement",
    "local_group_handling",
    "temporary_solution",
    "consequences_for_individual",
]
FULL_FORM = {key: f"Svar på {key}" for key in FORM_KEYS}
INDIVIDUAL = "p-0123456789abcdef0123456789abcdef"


def case(**fields: Any) -> dict[str, Any]:
    """An opening body: a Södra Älvsborg responsibility dispute for Borås unless overridden."""
    return {
        "agreement": "sodra_alvsborg",
        "municipality": BORAS,
        "subject": "responsibility",
        "title": "Vem ansvarar för hemsjukvården?",
        "description": "Parterna är oense om ansvaret för insatsen.",
        **fields,
    }


def arrangement(started_on: str, **parts: str) -> dict[str, str]:
    return {
        "started_on": started_on,
        "description": "Kommunen utför insatsen, regionen står för kostnaden tills vidare.",
        **parts,
    }


def problem(response: httpx.Response, status: int) -> dict[str, Any]:
    """Assert a problem+json answer with this status; returns its body."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    body = response.json()
    assert body["status"] == status
    assert body["detail"]
    return body


def fields(body: dict[str, Any]) -> list[str]:
    return [error["field"] for error in body["errors"]]


@dataclass
class Api:
    """A thin HTTP client for the disputes API; every change sends the case's last ETag.

    Changes act with the acting organisation's API key; reads use :meth:`reader`, an admin key
    over every agreement, so they see every case whoever opened it.
    """

    http: httpx.Client
    server: Any  # a ServerProcess or an InProcess: key() and headers()
    etags: dict[str, str] = field(default_factory=dict)

    def actor(self, org: str) -> dict[str, str]:
        return self.server.headers(org, PERSON)

    def reader(self) -> dict[str, str]:
        return self.server.headers(VGR, PERSON, role="admin", agreements=("vgr", "dalarna"))

    def open(self, body: dict[str, Any], org: str | None = None, **headers: str) -> httpx.Response:
        org = org or body["municipality"]
        response = self.http.post(URL, json=body, headers={**self.actor(org), **headers})
        if response.status_code == 201:
            self.etags[response.json()["id"]] = response.headers["etag"]
        return response

    def opened(self, body: dict[str, Any], org: str | None = None) -> dict[str, Any]:
        response = self.open(body, org)
        assert response.status_code == 201, response.text
        return dict(response.json())

    def get(self, dispute_id: str) -> dict[str, Any]:
        response = self.http.get(f"{URL}/{dispute_id}", headers=self.reader())
        assert response.status_code == 200, response.text
        assert response.headers["etag"] == f'"{dispute_id}.{response.json()["revision"]}"'
        return dict(response.json())

    def act(
        self,
        dispute_id: str,
        action: str,
        body: dict[str, Any],
        org: str = BORAS,
        if_match: str | None = "current",
    ) -> httpx.Response:
        headers = self.actor(org)
        if if_match == "current":
            headers["If-Match"] = self.etags[dispute_id]
        elif if_match is not None:
            headers["If-Match"] = if_match
        response = self.http.post(f"{URL}/{dispute_id}/{action}", json=body, headers=headers)
        if response.status_code == 200:
            self.etags[dispute_id] = response.headers["etag"]
        return response

    def ok(
        self, dispute_id: str, action: str, body: dict[str, Any], org: str = BORAS
    ) -> dict[str, Any]:
        response = self.act(dispute_id, action, body, org)
        assert response.status_code == 200, response.text
        return dict(response.json())

    def list(self, **params: Any) -> dict[str, Any]:
        response = self.http.get(URL, params=params, headers=self.reader())
        assert response.status_code == 200, response.text
        return dict(response.json())
