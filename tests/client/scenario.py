"""An integrator's scenario with the client generated from ``/schema/openapi.json``
(openapi-python-client), every answer decoded strictly: the generated model must parse it,
and the raw JSON must validate against the document's schema for that model (no field
missing, none extra, every type exact; the generated models alone accept wrong types).

Runs in the client's own virtual environment (tests/client/run.py sets it up):

    SAMVERKAN_URL=… SAMVERKAN_BORAS_KEY=… SAMVERKAN_MOLNDAL_KEY=… python scenario.py openapi.json
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
import uuid
from pathlib import Path
from typing import Any

import jsonschema
from samverkan_client import AuthenticatedClient
from samverkan_client.api.disputes import escalate_dispute, get_dispute, open_dispute
from samverkan_client.api.placements import (
    add_cost_entry,
    get_settlement,
    open_placement,
    record_cost_agreement,
)
from samverkan_client.models import (
    CostAgreementRecorded,
    CostAgreementRequest,
    CostEntry,
    CostEntryRequest,
    Dispute,
    Escalate,
    OpenDispute,
    OpenPlacement,
    Placement,
    Settlement,
)

SPEC: dict[str, Any] = json.loads(Path(sys.argv[1]).read_text())
decoded: list[str] = []


def strict(response: Any, model: type, status: int) -> Any:
    """The answer as ``model``, after checking its status and its raw JSON."""
    assert response.status_code == status, (response.status_code, response.content)
    assert isinstance(response.parsed, model), (type(response.parsed), response.content)
    body = json.loads(response.content)
    schema = {"$ref": f"#/components/schemas/{model.__name__}", "components": SPEC["components"]}
    jsonschema.Draft202012Validator(schema).validate(body)
    decoded.append(model.__name__)
    return response.parsed


def key() -> str:
    return str(uuid.uuid4())


def disputes(boras: AuthenticatedClient) -> None:
    request = OpenDispute.from_dict(
        {
            "agreement": "sodra_alvsborg",
            "municipality": "1490",
            "subject": "responsibility",
            "title": "Ansvar för insatser",
            "description": "Parterna är oense om vem som ansvarar.",
            "opened_on": "2026-01-10",
        }
    )
    answer = open_dispute.sync_detailed(client=boras, body=request, idempotency_key=key())
    opened = strict(answer, Dispute, 201)
    assert opened.tier.key == "line_manager" and str(opened.due_on) == "2026-02-09"
    etag = answer.headers["etag"]
    step = Escalate.from_dict(
        {"reason": "no_agreement", "on": "2026-02-12", "clock_started_on": "2026-02-12"}
    )
    answer = escalate_dispute.sync_detailed(
        opened.id, client=boras, body=step, if_match=etag, idempotency_key=key()
    )
    escalated = strict(answer, Dispute, 200)
    assert escalated.tier.key == "local_steering_group"
    read = strict(get_dispute.sync_detailed(opened.id, client=boras), Dispute, 200)
    assert [event.action for event in read.history] == ["opened", "escalated"]
    assert read.version.agreement == "sodra_alvsborg" and read.version.key == "rutin-2017"


def placements(molndal: AuthenticatedClient) -> None:
    request = OpenPlacement.from_dict(
        {
            "agreement": "goteborg",
            "municipality": "1481",
            "placing_party": "municipality",
            "start_date": "2026-03-01",
            "acute": True,
            "home_kind": "hvb",
            "child": True,
            "sip": {
                "consent": True,
                "goal": "Trygg vardag",
                "wishes": "Bo nära skolan",
                "responsibilities": "Kommunen: boende. Regionen: BUP",
                "performers": "HVB och BUP",
                "school_occupation": "Skola vid HVB",
                "overall_responsibility": "Kommunen",
            },
        }
    )
    answer = open_placement.sync_detailed(client=molndal, body=request, idempotency_key=key())
    placed = strict(answer, Placement, 201)
    etag = answer.headers["etag"]
    for start, end, amount in (
        ("2026-03-01", "2026-03-31", 9_300_000),
        ("2026-04-01", "2026-04-30", 9_000_000),
    ):
        entry = CostEntryRequest.from_dict(
            {
                "period_from": start,
                "period_to": end,
                "amount_ore": amount,
                "paid_by": "municipality",
                "invoice_ref": f"F-{start}",
            }
        )
        added = add_cost_entry.sync_detailed(
            placed.id, client=molndal, body=entry, idempotency_key=key()
        )
        strict(added, CostEntry, 201)
    agreement = CostAgreementRequest.from_dict(
        {
            "effective_from": "2026-03-01",
            "agreed_on": "2026-03-20",
            "method": "schablon",
            "responsibilities": "Kommunen: boende, skola. Regionen: BUP",
            "health_care_provision": "BUP på HVB:t",
            "municipal_provision": "Socialtjänsten köper boende",
            "signatories": [
                {
                    "name": "Eva Ek",
                    "role": "Socialchef",
                    "party": "municipality",
                    "economic_mandate": True,
                },
                {
                    "name": "Per Berg",
                    "role": "Verksamhetschef",
                    "party": "region",
                    "economic_mandate": True,
                },
            ],
        }
    )
    recorded = record_cost_agreement.sync_detailed(
        placed.id, client=molndal, body=agreement, if_match=etag, idempotency_key=key()
    )
    strict(recorded, CostAgreementRecorded, 201)
    settled = strict(
        get_settlement.sync_detailed(placed.id, client=molndal, as_of=dt.date(2026, 4, 30)),
        Settlement,
        200,
    )
    assert settled.transfer is not None
    transfer = settled.transfer
    assert (transfer.from_.value, transfer.to.value, transfer.amount_ore) == (
        "region",
        "municipality",
        6_100_000,
    ), settled.transfer
    assert settled.parties.region.balance_ore + settled.parties.municipality.balance_ore == 0


def main() -> None:
    url = os.environ["SAMVERKAN_URL"]
    boras = AuthenticatedClient(base_url=url, token=os.environ["SAMVERKAN_BORAS_KEY"])
    molndal = AuthenticatedClient(base_url=url, token=os.environ["SAMVERKAN_MOLNDAL_KEY"])
    disputes(boras)
    placements(molndal)
    print(f"generated client: {len(decoded)} answers decoded strictly: {', '.join(decoded)}")


if __name__ == "__main__":
    main()
