"""deviations."""

from samverkan.cases.deviations.service import *  # noqa: F403  (temporary)
