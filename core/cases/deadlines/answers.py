"""What ``GET /api/v1/deadlines`` answers: each watched deadline, explained and cited."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from samverkan.models import Base, Citation


class Deadline(Base, kw_only=True):
    """A deadline watching a case or an agreement version.

    :param fires: ``due`` (reminder, then overdue), ``no_progress`` (a service setting, not
        agreement text: ``is_setting``), ``earliest`` (a day from which something may be done),
        ``ending`` (a version's end).
    :param overdue: open, of kind ``due`` and past its day (as of today).
    """

    id: str
    kind: str
    subject_type: Literal["dispute", "placement", "agreement_version"]
    subject_id: str
    agreement: str
    municipality: str | None
    title: str
    due_on: dt.date
    remind_on: dt.date | None
    fires: Literal["due", "no_progress", "earliest", "ending"]
    explanation: str
    strength: str
    status: Literal["open", "met", "closed"]
    closed_at: dt.datetime | None
    is_setting: bool
    overdue: bool
    citation: Citation
