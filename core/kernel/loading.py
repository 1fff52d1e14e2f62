"""Finding and loading plugins: the ``samverkan`` entry-point group, filtered by config."""

from __future__ import annotations

import importlib
import importlib.util
from importlib.metadata import EntryPoint, entry_points
from importlib.resources import files
from importlib.resources.abc import Traversable

import pluggy

from samverkan import hookspecs
from samverkan.kernel.errors import ConfigError

ENTRY_POINT_GROUP = "samverkan"

#: Core behaviour written as plugins, always registered (like datasette's default plugins).
DEFAULT_PLUGINS = ("samverkan.kernel.split_methods",)


def available_plugins() -> dict[str, EntryPoint]:
    """Every plugin installed in the environment, by entry-point name."""
    return {ep.name: ep for ep in entry_points(group=ENTRY_POINT_GROUP)}


def installed_plugins() -> list[str]:
    """The entry-point names of every installed plugin, in the order they are found."""
    return list(available_plugins())


def scenario_files(kind: str) -> dict[str, Traversable]:
    """Each installed plugin's scenario file of ``kind`` (``rules``, ``settlements``), by
    entry-point name: ``scenarios/<kind>.toml`` in the package its entry point names, shipped
    with it as package data (as OpenFisca ships a country's tests). A plugin that is a single
    module, or ships no such file, has none.
    """
    found: dict[str, Traversable] = {}
    for name, entry_point in available_plugins().items():
        spec = importlib.util.find_spec(entry_point.module)
        if spec is None or spec.submodule_search_locations is None:
            continue
        path = files(entry_point.module) / "scenarios" / f"{kind}.toml"
        if path.is_file():
            found[name] = path
    return found


def make_plugin_manager(enabled: list[str]) -> pluggy.PluginManager:
    """Register the default plugins and the enabled entry-point plugins.

    :raises ConfigError: an enabled name is not installed (the message lists what is), or a
        plugin implements a hook that does not exist (e.g. a misspelling).
    """
    pm = pluggy.PluginManager(ENTRY_POINT_GROUP)
    pm.add_hookspecs(hookspecs)
    for module_name in DEFAULT_PLUGINS:
        pm.register(importlib.import_module(module_name), name=module_name)
    available = available_plugins()
    unknown = [name for name in enabled if name not in available]
    if unknown:
        raise ConfigError(
            f"unknown plugin(s) {', '.join(sorted(unknown))} in 'enabled'; "
            f"available plugins: {', '.join(sorted(available)) or '(none installed)'}"
        )
    for name in dict.fromkeys(enabled):
        pm.register(available[name].load(), name=name)
    try:
        pm.check_pending()
    except pluggy.PluginValidationError as exc:
        raise ConfigError(f"plugin {exc.plugin!r} implements an unknown hook: {exc}") from exc
    return pm


def plugin_info(pm: pluggy.PluginManager) -> list[dict[str, object]]:
    """What ``/-/plugins`` shows: each plugin, its distribution version and its hooks."""
    dists = {ep.name: ep.dist for ep in entry_points(group=ENTRY_POINT_GROUP)}
    info = []
    for plugin in pm.get_plugins():
        name = pm.get_name(plugin) or repr(plugin)
        dist = dists.get(name)
        hooks = sorted(caller.name for caller in pm.get_hookcallers(plugin) or [])
        info.append(
            {
                "name": name,
                "module": getattr(plugin, "__name__", repr(plugin)),
                "distribution": dist.name if dist else None,
                "version": dist.version if dist else None,
                "default": name in DEFAULT_PLUGINS,
                "hooks": hooks,
            }
        )
    return sorted(info, key=lambda item: (bool(item["default"]), str(item["name"])))
