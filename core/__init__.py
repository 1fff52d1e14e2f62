"""samverkan: care-cooperation agreements as executable, cited rules.

This package (the ``core/`` folder, installed under the import name ``samverkan``) is the
public surface a plugin uses: ``from samverkan import hookimpl``, the data vocabulary in
:mod:`samverkan.models`, the inheritance mechanism in :mod:`samverkan.inherit`. Everything else
(``samverkan.kernel``, ``.store``, ``.access``, ``.cases``, ``.delivery``, ``.api``) is the
service's own machinery: see ``docs/architecture.md``.
"""

from samverkan.hookspecs import hookimpl, hookspec

# The plugin-declaration helper (samverkan.plugin) is re-exported here beside the markers.

__all__ = ["hookimpl", "hookspec"]
