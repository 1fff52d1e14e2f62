"""Placements, their written cost agreements, cost entries and settlement: request schemas
(:mod:`.schemas`), the service (:mod:`.service`), the rules it checks (:mod:`.checks`), the
rows it writes (:mod:`.rows`), the placement as shown (:mod:`.views`) and its settlement
(:mod:`.settlement`)."""

from samverkan.cases.placements.schemas import (
    CostAgreementRequest,
    CostEntryRequest,
    EndPlacement,
    OpenPlacement,
    Signatory,
)
from samverkan.cases.placements.service import Placements

__all__ = [
    "CostAgreementRequest",
    "CostEntryRequest",
    "EndPlacement",
    "OpenPlacement",
    "Placements",
    "Signatory",
]
