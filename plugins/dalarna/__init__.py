"""Dalarna: *Länsövergripande överenskommelse om ansvarsfördelning när kommunen beslutar om
placering på HVB* (Region Dalarna and Dalarna's municipalities, 2021).

Only hook implementations live here; the rules are data in the modules beside it:
``agreement`` (parties, validity), ``ladders`` (12.2, 12.3), ``deadlines``, ``cost``
(Kostnadsansvar), ``sip`` and ``deviations`` (12.1).
"""

from __future__ import annotations

from samverkan import hookimpl
from samverkan.models import (
    Agreement,
    CostPolicy,
    DeadlineRule,
    DeviationPolicy,
    Ladder,
    SipContext,
    SipRequirements,
)

from . import sip
from .agreement import AGREEMENT, AGREEMENT_ID, VERSION_KEY
from .cost import COST_POLICY
from .deadlines import DEADLINES
from .deviations import DEVIATION_POLICY
from .ladders import LADDERS


def _ours(agreement: str, version: str) -> bool:
    return agreement == AGREEMENT_ID and version == VERSION_KEY


@hookimpl
def samverkan_agreement() -> Agreement:
    return AGREEMENT


@hookimpl
def samverkan_ladders(agreement: str, version: str) -> list[Ladder] | None:
    return list(LADDERS) if _ours(agreement, version) else None


@hookimpl
def samverkan_deadlines(agreement: str, version: str) -> list[DeadlineRule] | None:
    return list(DEADLINES) if _ours(agreement, version) else None


@hookimpl
def samverkan_cost_policy(agreement: str, version: str) -> CostPolicy | None:
    return COST_POLICY if _ours(agreement, version) else None


@hookimpl
def samverkan_sip_requirements(
    agreement: str, version: str, context: SipContext
) -> SipRequirements | None:
    return sip.requirements(context) if _ours(agreement, version) else None


@hookimpl
def samverkan_deviation_rules(agreement: str, version: str) -> DeviationPolicy | None:
    return DEVIATION_POLICY if _ours(agreement, version) else None
