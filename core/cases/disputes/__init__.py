"""Disputes up the escalation ladder."""

from samverkan.cases.disputes.service import *  # noqa: F403  (temporary)
