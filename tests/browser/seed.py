"""A real ``samverkan serve`` with cases to look at, made as an integrator makes them.

Keys come from the ``samverkan keys create`` command (the only way keys are made); everything
else goes through the HTTP API. The service's date is fixed (:data:`TODAY`), so what is overdue
does not depend on the day the tests run.

Alingsås (1489, VGR: the ÖK in force) and Borås (1490, Södra Älvsborg and VGR) each have:
disputes (one of them overdue), a deviation, and a placement with a written cost agreement and
cost entries. An admin key of VGR (14) sees every case under VGR and the agreements refining it.
"""

from __future__ import annotations

import itertools
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from tests.support import payloads
from tests.support.server import ROOT, ServerProcess

TODAY = "2026-10-15"
CONFIG = (ROOT / "config" / "samverkan.toml").read_text()
ALINGSAS, BORAS, VGR = "1489", "1490", "14"
SAMVERKAN = str(Path(sys.executable).with_name("samverkan"))

#: complete for every agreement here (Södra Älvsborg's cost agreements need the needs, b.1)
SIP = {**payloads.SIP, "needs": "Behandling och ett tryggt boende"}


@dataclass
class Party:
    """One organisation's key and the cases made for it."""

    org: str
    name: str
    key: str
    disputes: list[str] = field(default_factory=list)
    overdue: str = ""
    deviations: list[str] = field(default_factory=list)
    placements: list[str] = field(default_factory=list)

    @property
    def cases(self) -> list[str]:
        return [*self.disputes, *self.deviations, *self.placements]


@dataclass
class Seeded:
    """What the browser tests use: the server's URL, the keys, and the cases' ids."""

    base_url: str
    today: str
    admin_key: str
    alingsas: Party
    boras: Party
    server: ServerProcess


class Seeder:
    def __init__(self, server: ServerProcess) -> None:
        self.server = server
        self.http = httpx.Client(base_url=server.url, timeout=10)
        self.ids = itertools.count(1)

    def key(self, *args: str) -> str:
        made = subprocess.run(
            [SAMVERKAN, "--config", str(self.server.config), "keys", "create", *args],
            cwd=ROOT,
            env=self.server.env,
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        )
        return made.stdout.strip().splitlines()[-1]

    def post(self, party: Party, path: str, body: dict[str, Any], etag: str = "") -> httpx.Response:
        headers = {
            "Authorization": f"Bearer {party.key}",
            "X-Actor-Person": f"handlaggare.{party.org}",
            "Idempotency-Key": f"seed-{party.org}-{next(self.ids)}",
        }
        if etag:
            headers["If-Match"] = etag
        response = self.http.post(f"/api/v1/{path}", json=body, headers=headers)
        assert response.is_success, f"{path}: {response.status_code} {response.text}"
        return response

    def dispute(self, party: Party, agreement: str, opened_on: str, **fields: Any) -> str:
        body = {
            "agreement": agreement,
            "municipality": party.org,
            "subject": "responsibility",
            "title": f"Ansvar för insatser ({party.name}, {opened_on})",
            "description": "Parterna är oense om vem som ansvarar för insatsen.",
            "opened_on": opened_on,
            **fields,
        }
        dispute_id = str(self.post(party, "disputes", body).json()["id"])
        party.disputes.append(dispute_id)
        return dispute_id

    def deviation(self, party: Party, agreement: str) -> None:
        body = {
            "agreement": agreement,
            "municipality": party.org,
            "title": f"Ingen från regionen kom till SIP-mötet ({party.name})",
            "agreed": "Regionen deltar i SIP-mötet",
            "happened": "Ingen från regionen kom",
            "reporting_role": "MAS",
            "occurred_on": "2026-09-01",
            "reported_on": "2026-09-03",
        }
        party.deviations.append(str(self.post(party, "deviations", body).json()["id"]))

    def placement(self, party: Party, agreement: str, **fields: Any) -> None:
        body = {
            "agreement": agreement,
            "municipality": party.org,
            "placing_party": "municipality",
            "start_date": "2026-03-01",
            "acute": True,
            "home_kind": "hvb",
            "child": True,
            "individual_ref": f"p-{int(party.org):016x}",
            "sip": SIP,
        }
        placed = self.post(party, "placements", body)
        placement_id = str(placed.json()["id"])
        path = f"placements/{placement_id}"
        cost_agreement = {
            "effective_from": "2026-03-01",
            "agreed_on": "2026-03-20",
            "goal": "Stabil vardag",
            "follow_up_on": "2026-06-01",
            "responsibilities": "Kommunen: boende, skola. Regionen: BUP",
            "health_care_provision": "BUP på HVB:t",
            "municipal_provision": "Socialtjänsten köper boende",
            "signatories": payloads.COST_AGREEMENT["signatories"],
            **fields,
        }
        self.post(party, f"{path}/cost-agreements", cost_agreement, placed.headers["etag"])
        for month, amount in (("03", 9_300_000), ("04", 9_000_000), ("05", 9_300_000)):
            entry = {
                "period_from": f"2026-{month}-01",
                "period_to": f"2026-{month}-{30 if month == '04' else 31}",
                "amount_ore": amount,
                "paid_by": "municipality",
                "invoice_ref": f"F-2026-{month}-{party.org}",
            }
            self.post(party, f"{path}/costs", entry)
        party.placements.append(placement_id)


def seed(server: ServerProcess) -> Seeded:
    """Keys, disputes, deviations and placements for Alingsås and Borås (see the module)."""
    seeder = Seeder(server)
    admin = seeder.key("--org", VGR, "--role", "admin", "--agreements", "vgr", "--label", "VGR")
    alingsas = Party(ALINGSAS, "Alingsås", seeder.key("--org", ALINGSAS, "--label", "Alingsås"))
    boras = Party(BORAS, "Borås", seeder.key("--org", BORAS, "--label", "Borås"))
    with seeder.http:
        # VGR (the ÖK): the local tier has no time limit; the sub-regional one 30 days
        seeder.dispute(alingsas, "vgr", "2026-10-01")
        alingsas.overdue = seeder.dispute(alingsas, "vgr", "2026-08-03", tier="sub_regional")
        seeder.dispute(
            alingsas, "vgr", "2026-10-08", subject="cost", title="Kostnad för hemsjukvård"
        )
        seeder.deviation(alingsas, "vgr")
        seeder.placement(
            alingsas, "vgr", method="percent", shares={"region": 40, "municipality": 60}
        )
        # Södra Älvsborg: the line manager has 30 days
        seeder.dispute(boras, "sodra_alvsborg", "2026-10-05")
        boras.overdue = seeder.dispute(boras, "sodra_alvsborg", "2026-08-10")
        climbed = seeder.dispute(boras, "sodra_alvsborg", "2026-09-01", title="Ansvar som klättrat")
        etag = seeder.http.get(
            f"/api/v1/disputes/{climbed}", headers={"Authorization": f"Bearer {boras.key}"}
        ).headers["etag"]
        escalation = {
            "reason": "no_agreement",
            "on": "2026-09-25",
            "clock_started_on": "2026-09-25",
        }
        seeder.post(boras, f"disputes/{climbed}/escalate", escalation, etag)
        seeder.deviation(boras, "sodra_alvsborg")
        seeder.placement(
            boras, "sodra_alvsborg", method="schablon", schablon_reason="Oklart hur ansvaret delas"
        )
    return Seeded(server.url, TODAY, admin, alingsas, boras, server)
