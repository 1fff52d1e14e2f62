"""samverkan core: hook specifications, rule models and the machinery around them.

A plugin needs only ``from samverkan import hookimpl``.
"""

from samverkan.hookspecs import hookimpl, hookspec

__all__ = ["hookimpl", "hookspec"]
