"""placements."""

from samverkan.cases.placements.service import *  # noqa: F403  (temporary)
