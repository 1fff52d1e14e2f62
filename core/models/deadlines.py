"""Named deadlines an agreement sets, counted from an event."""

from __future__ import annotations

from typing import Literal

from samverkan.models.rules import Base, Citation, Key, Period, Strength


class DeadlineRule(Base, kw_only=True):
    """A named deadline: a period counted from a start event.

    :param name: stable id, e.g. ``acute_cost_agreement``.
    :param starts: the event that starts it, in words.
    :param kind: ``due`` (something should/shall be done by then) or ``earliest`` (a thing may be
        done no earlier, e.g. Dalarna's month of notice before a written submission).
    :param also_settles: further things the text says must be settled by the same date
        (Dalarna: *folkbokföringskommun*).
    """

    name: Key
    title: str
    period: Period
    starts: str
    kind: Literal["due", "earliest"] = "due"
    also_settles: tuple[str, ...] = ()
    strength: Strength
    citation: Citation
    assumption: str = ""
