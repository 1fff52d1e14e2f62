"""Responsibility rules that can be looked up: who answers for which care, staff or cost."""

from __future__ import annotations

from typing import Literal

from samverkan.models.rules import Base, Citation, Key, Rule, Strength


class Responsibility(Base, kw_only=True):
    """A responsibility rule that can be looked up: who answers for what (HSA 2.1–2.5).

    :param key: stable id; a refining version restates it by the same key.
    :param kind: ``care`` (who provides a kind of care or staff), ``principle`` (a ground rule
        applied by an overall assessment of the case), ``cost`` (who pays).
    :param area: what it concerns, e.g. "home visits", "medicines".
    :param region: what the region answers for under this rule ("" where nothing).
    :param municipality: what the municipality answers for ("" where nothing).
    :param exception_to: the key of the general rule this one departs from, if any.
    :param assessment: for a ``principle``, the rule that an overall assessment decides each case.
    :param notes: further rules that qualify it.
    """

    key: Key
    kind: Literal["care", "principle", "cost"]
    area: str
    region: str = ""
    municipality: str = ""
    exception_to: str = ""
    assessment: Rule | None = None
    text: str
    strength: Strength
    citation: Citation
    notes: tuple[Rule, ...] = ()
