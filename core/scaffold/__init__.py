"""``samverkan plugin new``: a new county's agreement as a separate, installable package.

The template beside this module (``copier.yml``, ``template/``) is rendered with copier, as
data shipped in the package: ``pyproject.toml`` with the ``samverkan`` entry point, the plugin
modules named as in the built-in plugins, every rule stubbed with a ``TODO`` the kit rejects
until it is filled, a scenario file, a README with the next steps and a test file of one line
that runs the kit. Nothing runs from the template (``unsafe=False``: no tasks, no extensions).
"""

from __future__ import annotations

import datetime as dt
import re
from importlib.resources import as_file, files
from pathlib import Path

ID = re.compile(r"^[a-z][a-z0-9_]{0,63}$")


class ScaffoldError(Exception):
    """The plugin cannot be created as asked; the message says why."""


def target(plugin_id: str, directory: Path) -> Path:
    """The folder the package is written to: ``samverkan-<id>`` in ``directory``."""
    return directory / f"samverkan-{plugin_id.replace('_', '-')}"


def _parent_version(parent: str) -> tuple[str, str, str]:
    """The installed parent agreement's last version (key, first and last day), or blanks."""
    from samverkan.kernel.loading import available_plugins, make_plugin_manager
    from samverkan.kernel.plugindata import agreement_answers

    if parent not in available_plugins():
        return "", "", ""
    for _, agreement in agreement_answers(make_plugin_manager([parent])):
        last = max(agreement.versions, key=lambda v: v.valid_to)
        return last.key, last.valid_from.isoformat(), last.valid_to.isoformat()
    return "", "", ""


def new_plugin(plugin_id: str, county: str, parent: str = "", directory: Path = Path(".")) -> Path:
    """Write the package for agreement ``plugin_id`` and answer its folder.

    :param parent: the agreement this one refines (a sub-regional text): its version is
        refined, and its ladders' deadlines, cost policy and SIP apply where this one is silent.
    :raises ScaffoldError: a bad id or county, an id an installed plugin has, or the folder
        exists.
    """
    import copier

    if not ID.match(plugin_id):
        raise ScaffoldError(
            f"{plugin_id!r} cannot be an agreement id: lower-case letters, digits and _, a "
            "letter first (it is the entry-point name and the id in every URL)"
        )
    if parent and not ID.match(parent):
        raise ScaffoldError(f"--parent {parent!r} is not an agreement id")
    if not county.strip():
        raise ScaffoldError("--county names the county (län) whose agreement this is")
    from samverkan.kernel.loading import available_plugins

    if plugin_id in available_plugins():
        raise ScaffoldError(
            f"an installed plugin is already called {plugin_id!r}: an agreement id names one "
            "plugin (choose another id)"
        )
    folder = target(plugin_id, directory)
    if folder.exists():
        raise ScaffoldError(f"{folder} exists; choose another --dir, or remove it")
    year = dt.date.today().year
    valid = (f"{year}-01-01", f"{year + 3}-12-31")
    parent_version, *parent_valid = _parent_version(parent) if parent else ("", "", "")
    if parent_version:
        valid = (parent_valid[0], parent_valid[1])
    from importlib.metadata import version

    data = {
        "plugin_id": plugin_id,
        "county": county.strip(),
        "parent": parent,
        "parent_version": parent_version,
        "valid_from": valid[0],
        "valid_to": valid[1],
        "samverkan_version": version("samverkan"),
    }
    with as_file(files("samverkan.scaffold")) as template:
        copier.run_copy(
            str(template),
            str(folder),
            data=data,
            defaults=True,
            unsafe=False,
            quiet=True,
            overwrite=False,
        )
    return folder
