"""deadlines."""

from samverkan.cases.deadlines.service import *  # noqa: F403  (temporary)
