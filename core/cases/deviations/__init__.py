"""Deviations (*avvikelser*) and their escalation into disputes: request schemas
(:mod:`.schemas`), the service (:mod:`.service`), the rows it writes (:mod:`.rows`) and the
deviation as shown (:mod:`.views`)."""

from samverkan.cases.deviations.schemas import EscalateDeviation, RecordDeviation
from samverkan.cases.deviations.service import Deviations

__all__ = ["Deviations", "EscalateDeviation", "RecordDeviation"]
