"""Disputes up the escalation ladder: request schemas (:mod:`.schemas`), the service
(:mod:`.service`), its steps (:mod:`.steps`), the rules they check (:mod:`.checks`), the
rows they write (:mod:`.rows`), the case as shown (:mod:`.views`) and the tier's form
(:mod:`.tier_form`)."""

from samverkan.cases.disputes.schemas import (
    Adjustment,
    Escalate,
    OpenDispute,
    RecordOutcome,
    Resolve,
    Respond,
    SplitSpec,
    TemporaryArrangement,
    Withdraw,
)
from samverkan.cases.disputes.service import Disputes

__all__ = [
    "Adjustment",
    "Disputes",
    "Escalate",
    "OpenDispute",
    "RecordOutcome",
    "Resolve",
    "Respond",
    "SplitSpec",
    "TemporaryArrangement",
    "Withdraw",
]
