"""A plugin under test: loaded by its entry-point name, with the parents it refines.

The kit loads the plugin as the service would (``samverkan.kernel.loading``), with the
agreements it refines enabled beside it, and keeps going where the service would refuse to
start, so every check can say what it finds (``Registry(strict=False)``).
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass, field
from importlib.metadata import EntryPoint
from pathlib import Path
from typing import Any

import pluggy

from samverkan.kernel.config import Settings
from samverkan.kernel.errors import ConfigError
from samverkan.kernel.loading import available_plugins, make_plugin_manager
from samverkan.kernel.plugindata import agreement_answers
from samverkan.kernel.registry import Registry
from samverkan.models import Agreement


@dataclass
class Subject:
    """One installed plugin and what the kit learnt loading it.

    :param name: the entry-point name (the agreement id, by convention the core relies on).
    :param problems: why it could not be loaded, if it could not.
    :param enabled: the plugin and the plugins of the agreements it refines, parents first.
    :param texts: where the source texts are (``<document id>.txt``): the package's
        ``texts/`` unless the caller names another folder.
    """

    name: str
    entry_point: EntryPoint | None = None
    plugin: Any = None
    package: Path | None = None
    enabled: list[str] = field(default_factory=list)
    pm: pluggy.PluginManager | None = None
    registry: Registry | None = None
    problems: list[str] = field(default_factory=list)
    texts: Path | None = None

    @property
    def agreement(self) -> Agreement | None:
        if self.registry is None:
            return None
        return self.registry.agreements.get(self.name)

    @property
    def distribution(self) -> str:
        dist = self.entry_point.dist if self.entry_point else None
        return f"{dist.name} {dist.version}" if dist else "(no distribution)"


def _package(entry_point: EntryPoint) -> Path | None:
    """The folder of the package the entry point names (for a module in a package, that
    package; a single module's file)."""
    spec = importlib.util.find_spec(entry_point.module)
    if spec is None:
        return None
    if spec.submodule_search_locations:
        return Path(next(iter(spec.submodule_search_locations)))
    if "." in entry_point.module:
        parent = importlib.util.find_spec(entry_point.module.rsplit(".", 1)[0])
        if parent is not None and parent.submodule_search_locations:
            return Path(next(iter(parent.submodule_search_locations)))
    return Path(spec.origin) if spec.origin else None


def _parents(name: str, plugin: Any, installed: dict[str, EntryPoint]) -> list[str]:
    """The entry-point names of the agreements ``plugin`` refines, nearest last."""
    pm = pluggy.PluginManager("samverkan")
    from samverkan import hookspecs

    pm.add_hookspecs(hookspecs)
    pm.register(plugin, name=name)
    chain: list[str] = []
    for _, agreement in agreement_answers(pm):
        parent = getattr(agreement, "parent", None)
        while parent and parent not in chain and parent in installed:
            chain.insert(0, parent)
            parent_pm = pluggy.PluginManager("samverkan")
            parent_pm.add_hookspecs(hookspecs)
            parent_pm.register(installed[parent].load(), name=parent)
            answers = [a for _, a in agreement_answers(parent_pm)]
            parent = getattr(answers[0], "parent", None) if answers else None
        if parent and parent not in installed:
            raise ConfigError(
                f"its agreement refines {parent!r}, which is not installed; install the plugin "
                f"that supplies {parent!r} beside it"
            )
    return chain


def load(name: str, texts: Path | None = None) -> Subject:
    """The installed plugin ``name``, loaded with its parents; never raises."""
    subject = Subject(name=name, texts=texts)
    installed = available_plugins()
    entry_point = installed.get(name)
    if entry_point is None:
        subject.problems.append(
            f"no installed plugin is called {name!r} (entry-point group 'samverkan'); "
            f"installed: {', '.join(sorted(installed)) or '(none)'}"
        )
        return subject
    subject.entry_point = entry_point
    subject.package = _package(entry_point)
    if subject.texts is None and subject.package is not None and subject.package.is_dir():
        subject.texts = subject.package / "texts"
    try:
        subject.plugin = entry_point.load()
        subject.enabled = [*_parents(name, subject.plugin, installed), name]
        subject.pm = make_plugin_manager(subject.enabled)
        settings = Settings(enabled=subject.enabled)
        subject.registry = Registry(subject.pm, settings, strict=False)
    except ConfigError as exc:
        subject.problems.append(str(exc))
    except Exception as exc:  # an import error or a bug in the plugin: say what it was
        subject.problems.append(f"loading {entry_point.value} failed: {type(exc).__name__}: {exc}")
    return subject
