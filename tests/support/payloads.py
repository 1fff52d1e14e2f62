"""Request bodies the end-to-end tests of issue 9 share: a Göteborg child placement by Mölndal,
its written cost agreement, and a Södra Älvsborg dispute of Borås."""

from __future__ import annotations

from typing import Any

BORAS, MOLNDAL = "1490", "1481"

#: complete for a Göteborg child placement (overall responsibility and follow-up included)
SIP = {
    "consent": True,
    "goal": "Stabil vardag",
    "wishes": "Bo nära familjen",
    "responsibilities": "Kommunen: boende. Regionen: BUP",
    "performers": "HVB och BUP",
    "school_occupation": "Skola vid HVB",
    "overall_responsibility": "Kommunen",
    "follow_up": "Var tredje månad",
}
#: a schablon split, signed by both parties' mandated signatories
COST_AGREEMENT = {
    "effective_from": "2026-03-01",
    "agreed_on": "2026-03-10",
    "method": "schablon",
    "goal": "Stabil vardag",
    "responsibilities": "Kommunen: boende. Regionen: BUP",
    "health_care_provision": "BUP",
    "municipal_provision": "Boende",
    "follow_up_on": "2026-06-01",
    "signatories": [
        {"name": "Eva Ek", "role": "Socialchef", "party": "municipality", "economic_mandate": True},
        {"name": "Per Berg", "role": "Chef BUP", "party": "region", "economic_mandate": True},
    ],
}


def placement(**fields: Any) -> dict[str, Any]:
    """An acute Göteborg child placement by Mölndal from 2026-03-01."""
    return {
        "agreement": "goteborg",
        "municipality": MOLNDAL,
        "placing_party": "municipality",
        "start_date": "2026-03-01",
        "acute": True,
        "home_kind": "hvb",
        "child": True,
        "sip": SIP,
        **fields,
    }


def dispute(**fields: Any) -> dict[str, Any]:
    """A Södra Älvsborg responsibility dispute of Borås."""
    return {
        "agreement": "sodra_alvsborg",
        "municipality": BORAS,
        "subject": "responsibility",
        "title": "Vem ansvarar?",
        "description": "Parterna är oense om ansvaret.",
        **fields,
    }


def cost_entry(**fields: Any) -> dict[str, Any]:
    """An invoice for March 2026 paid by the municipality."""
    return {
        "period_from": "2026-03-01",
        "period_to": "2026-03-31",
        "amount_ore": 100_000,
        "paid_by": "municipality",
        "invoice_ref": "F-1",
        **fields,
    }
