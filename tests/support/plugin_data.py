"""Reading what the plugins supply, for the conformance and quote tests."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import msgspec

from samverkan.kernel.registry import Registry
from samverkan.models import SIP_CONTEXTS

#: The built-in agreements, in the order the repository's config enables them.
AGREEMENTS = ["vgr", "sodra_alvsborg", "goteborg", "dalarna"]


def versions(registry: Registry) -> Iterator[tuple[str, str]]:
    for agreement in registry.agreements.values():
        for version in agreement.versions:
            yield agreement.id, version.key


def walk(value: Any) -> Iterator[Any]:
    yield value
    if isinstance(value, msgspec.Struct):
        for name in value.__struct_fields__:
            yield from walk(getattr(value, name))
    elif isinstance(value, list | tuple):
        for item in value:
            yield from walk(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from walk(item)


def own_rules(registry: Registry, agreement: str, version: str) -> dict[str, Any]:
    """What the plugin itself supplies for a version (not what it inherits)."""
    hook = registry.pm.hook
    return {
        "ladders": hook.samverkan_ladders(agreement=agreement, version=version),
        "deadlines": hook.samverkan_deadlines(agreement=agreement, version=version),
        "cost_policy": hook.samverkan_cost_policy(agreement=agreement, version=version),
        "deviations": hook.samverkan_deviation_rules(agreement=agreement, version=version),
        "responsibilities": hook.samverkan_responsibilities(agreement=agreement, version=version),
        "follow_up": hook.samverkan_follow_up(agreement=agreement, version=version),
        "sip": [
            hook.samverkan_sip_requirements(agreement=agreement, version=version, context=c)
            for c in SIP_CONTEXTS
        ],
    }
