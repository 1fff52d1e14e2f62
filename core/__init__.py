"""samverkan core: hook specifications, rule models and the machinery around them.

A plugin needs only ``from core import hookimpl``.
"""

from core.hookspecs import hookimpl, hookspec

__all__ = ["hookimpl", "hookspec"]
