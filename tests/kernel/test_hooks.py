"""Every hook is typed, documented, implemented, documented for plugin authors, and tested."""

from __future__ import annotations

import dataclasses
import inspect
from pathlib import Path

import pluggy
import pytest

from samverkan import hookspecs
from samverkan.kernel.loading import plugin_info
from samverkan.plugin import PARTS, AgreementPlugin, Rules

ROOT = Path(__file__).resolve().parents[2]
HOOKS = sorted(
    name
    for name, fn in inspect.getmembers(hookspecs, inspect.isfunction)
    if name.startswith("samverkan_")
)


def test_there_are_hooks() -> None:
    assert {
        "samverkan_agreement",
        "samverkan_ladders",
        "samverkan_deadlines",
        "samverkan_cost_policy",
        "samverkan_sip_requirements",
    } <= set(HOOKS)


@pytest.mark.parametrize("hook", HOOKS)
def test_hook_is_typed_and_documented(hook: str) -> None:
    fn = getattr(hookspecs, hook)
    doc = inspect.getdoc(fn) or ""
    assert ":returns:" in doc
    signature = inspect.signature(fn)
    assert signature.return_annotation is not inspect.Signature.empty
    for name, parameter in signature.parameters.items():
        assert f":param {name}:" in doc, f"{hook} does not document {name}"
        assert parameter.annotation is not inspect.Parameter.empty


@pytest.mark.parametrize("hook", HOOKS)
def test_hook_is_in_the_plugin_guide(hook: str) -> None:
    assert f"`{hook}" in (ROOT / "docs" / "plugins.md").read_text()


@pytest.mark.parametrize("hook", HOOKS)
def test_hook_is_implemented_and_exercised(hook: str, registry) -> None:  # type: ignore[no-untyped-def]
    implementers = [impl.plugin_name for impl in getattr(registry.pm.hook, hook).get_hookimpls()]
    assert implementers, f"no loaded plugin implements {hook}"
    callers = [
        path
        for path in (ROOT / "core").rglob("*.py")
        if path.name not in {"hookspecs.py", "plugin.py"} and hook in path.read_text()
    ]
    assert callers, f"the core never calls {hook}"
    tests = [
        path
        for path in (ROOT / "tests").rglob("*.py")
        if path.name != "test_hooks.py" and hook in path.read_text()
    ]
    assert tests, f"no test exercises {hook} by name"


def test_every_rule_hook_is_a_part_of_a_version() -> None:
    """``samverkan.plugin``: each hook asked about a version answers one part of ``Rules``."""
    rule_hooks = {
        h for h in HOOKS if "version" in inspect.signature(getattr(hookspecs, h)).parameters
    }
    assert set(PARTS) == rule_hooks
    assert set(PARTS.values()) == {field.name for field in dataclasses.fields(Rules)}


def test_a_declared_plugin_registers_the_hooks_its_versions_answer() -> None:
    from samverkan_plugins.dalarna import ladders, sip
    from samverkan_plugins.dalarna.agreement import AGREEMENT, VERSION_KEY

    plugin = AgreementPlugin(
        "acme.rules",
        AGREEMENT,
        {VERSION_KEY: Rules(ladders=ladders.LADDERS, sip=sip.SIP_REQUIREMENTS)},
    )
    pm = pluggy.PluginManager("samverkan")
    pm.add_hookspecs(hookspecs)
    pm.register(plugin, name="acme")
    pm.check_pending()
    [info] = plugin_info(pm)
    assert info["module"] == "acme.rules"
    assert info["hooks"] == [
        "samverkan_agreement",
        "samverkan_ladders",
        "samverkan_sip_requirements",
    ]
    hook = pm.hook
    assert hook.samverkan_agreement() == [AGREEMENT]
    assert hook.samverkan_ladders(agreement="dalarna", version=VERSION_KEY) == list(ladders.LADDERS)
    assert hook.samverkan_ladders(agreement="vgr", version=VERSION_KEY) is None
    assert hook.samverkan_ladders(agreement="dalarna", version="hvb-2031") is None
    general = hook.samverkan_sip_requirements(
        agreement="dalarna", version=VERSION_KEY, context="general"
    )
    assert general is sip.SIP_REQUIREMENTS["general"]
    assert (
        hook.samverkan_sip_requirements(
            agreement="dalarna", version=VERSION_KEY, context="child_placement"
        )
        is None
    )
    with pytest.raises(ValueError, match="hvb-2021"):
        AgreementPlugin("acme.rules", AGREEMENT, {"hvb-2031": Rules()})
