"""The acute-placement deadline of the 2027 version: ÖK 3.5's 30 days, carried forward as a
project assumption (see :mod:`.assumption`)."""

from __future__ import annotations

from samverkan.inherit import annotate
from samverkan.models import DeadlineRule

from ..ok_2017 import deadlines as ok
from .assumption import ASSUMPTION, CARRIED_NOTE

ACUTE_COST_AGREEMENT = annotate(
    ok.ACUTE_COST_AGREEMENT,
    CARRIED_NOTE,
    title="Kostnadsfördelning vid akut placering (ÖK 3.5, antagande)",
    assumption=ASSUMPTION,
)

DEADLINES: tuple[DeadlineRule, ...] = (ACUTE_COST_AGREEMENT,)
