"""Västra Götalandsregionen and its 49 municipalities (agreement id ``vgr``).

Two versions: ``ok-2017`` (the ÖK 2017, until 2026-12-31) and ``hsa-2027`` (the HSA 2027,
from 2027-01-01). Each version's rules live in its own subpackage; this module only
dispatches the hooks to them.
"""

from __future__ import annotations

from types import ModuleType

from samverkan import hookimpl
from samverkan.models import (
    Agreement,
    CostPolicy,
    DeadlineRule,
    DeviationPolicy,
    Ladder,
    Responsibility,
    SipContext,
    SipRequirements,
)
from samverkan_plugins.vgr import hsa_2027, ok_2017
from samverkan_plugins.vgr.agreement import AGREEMENT, AGREEMENT_ID

VERSIONS: dict[str, ModuleType] = {"ok-2017": ok_2017, "hsa-2027": hsa_2027}


def _version(agreement: str, version: str) -> ModuleType | None:
    return VERSIONS.get(version) if agreement == AGREEMENT_ID else None


@hookimpl
def samverkan_agreement() -> Agreement:
    return AGREEMENT


@hookimpl
def samverkan_ladders(agreement: str, version: str) -> list[Ladder] | None:
    module = _version(agreement, version)
    return list(module.LADDERS) if module else None


@hookimpl
def samverkan_deadlines(agreement: str, version: str) -> list[DeadlineRule] | None:
    module = _version(agreement, version)
    return list(module.DEADLINES) if module else None


@hookimpl
def samverkan_cost_policy(agreement: str, version: str) -> CostPolicy | None:
    module = _version(agreement, version)
    return module.COST_POLICY if module else None


@hookimpl
def samverkan_sip_requirements(
    agreement: str, version: str, context: SipContext
) -> SipRequirements | None:
    module = _version(agreement, version)
    return module.SIP_REQUIREMENTS.get(context) if module else None


@hookimpl
def samverkan_deviation_rules(agreement: str, version: str) -> DeviationPolicy | None:
    module = _version(agreement, version)
    return module.DEVIATION_POLICY if module else None


@hookimpl
def samverkan_responsibilities(agreement: str, version: str) -> list[Responsibility] | None:
    module = _version(agreement, version)
    return list(module.RESPONSIBILITIES) or None if module else None
