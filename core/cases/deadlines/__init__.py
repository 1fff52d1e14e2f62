"""Deadlines: what watches every open case, agreement version and cost agreement."""

from samverkan.cases.deadlines.service import Deadlines

__all__ = ["Deadlines"]
