"""Västra Götalandsregionen and its 49 municipalities (agreement id ``vgr``).

Two versions: ``ok-2017`` (the ÖK 2017, until 2026-12-31) and ``hsa-2027`` (the HSA 2027,
from 2027-01-01). ``agreement`` and ``documents`` hold what both share (parties, versions and
their validity; the texts and their citation helpers); each version's rules live in its own
subpackage, named after the text. This module only declares them.
"""

from __future__ import annotations

from samverkan.plugin import AgreementPlugin

from . import hsa_2027, ok_2017
from .agreement import AGREEMENT, HSA_VERSION, OK_VERSION

plugin = AgreementPlugin(
    __name__,
    AGREEMENT,
    {OK_VERSION.key: ok_2017.RULES, HSA_VERSION.key: hsa_2027.RULES},
)
