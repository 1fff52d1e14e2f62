"""The yearly follow-up (*uppföljning*) the agreements ask for, from the cases: the report's
shape (:mod:`.schemas`), the service (:mod:`.service`), the queries it makes (:mod:`.rows`),
each section's figures (:mod:`.disputes`, :mod:`.deviations`, :mod:`.placements`,
:mod:`.deadlines`, on :mod:`.figures`), its words in Swedish and English (:mod:`.texts`) and
the report as CSV tables (:mod:`.tables`). Read-only."""

from samverkan.cases.followup.schemas import FollowUpReport
from samverkan.cases.followup.service import FollowUp, period
from samverkan.cases.followup.tables import to_csv
from samverkan.cases.followup.texts import Language

__all__ = ["FollowUp", "FollowUpReport", "Language", "period", "to_csv"]
