"""Göteborgsområdet: *Delregional vägledning, Kommun och sjukvård – samverkan i
Göteborgsområdet* (placements of children and young people), refining ``vgr``/``ok-2017``.

Only hook implementations live here; the rules are in the modules named after the text's parts.
Deviations are inherited from ``vgr``/``ok-2017``: "Avvikelser i samverkan" only points to the
sub-region's routine "Brister i samverkan mellan kommun och region", whose text is not in the
seeds.
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
from samverkan_plugins.goteborg import agreement as _agreement
from samverkan_plugins.goteborg import deadlines, ladder, placement, sip


def _ours(agreement: str, version: str) -> bool:
    return agreement == _agreement.AGREEMENT_ID and version == _agreement.VERSION_KEY


@hookimpl
def samverkan_agreement() -> Agreement:
    return _agreement.AGREEMENT


@hookimpl
def samverkan_ladders(agreement: str, version: str) -> list[Ladder] | None:
    return list(ladder.LADDERS) if _ours(agreement, version) else None


@hookimpl
def samverkan_deadlines(agreement: str, version: str) -> list[DeadlineRule] | None:
    return list(deadlines.DEADLINES) if _ours(agreement, version) else None


@hookimpl
def samverkan_cost_policy(agreement: str, version: str) -> CostPolicy | None:
    return placement.COST_POLICY if _ours(agreement, version) else None


@hookimpl
def samverkan_sip_requirements(
    agreement: str, version: str, context: SipContext
) -> SipRequirements | None:
    return sip.sip_requirements(context) if _ours(agreement, version) else None
