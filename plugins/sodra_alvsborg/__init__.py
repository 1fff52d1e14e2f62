"""Närvårdssamverkan Södra Älvsborg – rutin för tvistehantering (refines VGR's ÖK 2017).

Only the hook implementations live here; the rules are data in the modules next to it:
``agreement.py`` (parties, version), ``ladder.py`` (sections 4–5), ``deadlines.py`` (c),
``placement.py`` (a–d: cost policy and SIP). Anything not supplied here is inherited from
``vgr``/``ok-2017``.

Deviations are inherited too: section 4 "Vad är en avvikelse?" only explains the term
("Avvikelser i samverkan är när någon part inte uppfyller sin del i det som står i avtal,
överenskommelser, riktlinjer och rutiner för samverkan") and why reporting matters; it adds no
rule of its own to ÖK 4.2 (the routine it describes is the one ÖK 4.2 asks each area to have).
"""

from __future__ import annotations

from samverkan import hookimpl
from samverkan.models import (
    Agreement,
    CostPolicy,
    DeadlineRule,
    Ladder,
    SipContext,
    SipRequirements,
)
from samverkan_plugins.sodra_alvsborg import deadlines, ladder, placement
from samverkan_plugins.sodra_alvsborg.agreement import AGREEMENT, AGREEMENT_ID, VERSION_KEY


def _mine(agreement: str, version: str) -> bool:
    return agreement == AGREEMENT_ID and version == VERSION_KEY


@hookimpl
def samverkan_agreement() -> Agreement:
    return AGREEMENT


@hookimpl
def samverkan_ladders(agreement: str, version: str) -> list[Ladder] | None:
    return ladder.LADDERS if _mine(agreement, version) else None


@hookimpl
def samverkan_deadlines(agreement: str, version: str) -> list[DeadlineRule] | None:
    return deadlines.DEADLINES if _mine(agreement, version) else None


@hookimpl
def samverkan_cost_policy(agreement: str, version: str) -> CostPolicy | None:
    return placement.COST_POLICY if _mine(agreement, version) else None


@hookimpl
def samverkan_sip_requirements(
    agreement: str, version: str, context: SipContext
) -> SipRequirements | None:
    if not _mine(agreement, version):
        return None
    return placement.SIP_REQUIREMENTS.get(context)  # "general": inherited from vgr
