"""samverkan: care-cooperation agreements as executable, cited rules.

This package (the ``core/`` folder, installed under the import name ``samverkan``) is the
public surface a plugin uses: ``from samverkan import AgreementPlugin, Rules, hookimpl``, the data vocabulary in
:mod:`samverkan.models`, the inheritance mechanism in :mod:`samverkan.inherit`, and in a
plugin's tests the kit, :mod:`samverkan.kit` (``docs/plugins.md``). Everything else
(``samverkan.kernel``, ``.store``, ``.access``, ``.cases``, ``.delivery``, ``.api``) is the
service's own machinery: see ``docs/architecture.md``.
"""

from samverkan.hookspecs import hookimpl, hookspec
from samverkan.plugin import AgreementPlugin, Rules

__all__ = ["AgreementPlugin", "Rules", "hookimpl", "hookspec"]
