"""Every hook is typed, documented, implemented, documented for plugin authors, and tested."""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest

from core import hookspecs

ROOT = Path(__file__).resolve().parent.parent
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
    assert f"`{hook}" in (ROOT / "README.md").read_text()


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
