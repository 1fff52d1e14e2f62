"""What a plugin supplies itself, walked with a readable path to every value."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import msgspec

from samverkan.kernel.plugindata import join, label, own_parts
from samverkan.kit.subject import Subject

Path = tuple[str, ...]


def walk(value: Any, path: Path = ()) -> Iterator[tuple[Path, Any]]:
    """``(path, value)`` for the value and everything inside it; a struct with an id is
    named by it (``ladder 'default', tier 'desk', citation, quote``)."""
    yield path, value
    if isinstance(value, msgspec.Struct):
        for name in value.__struct_fields__:
            encoded = name.rstrip("_")
            yield from walk(getattr(value, name), (*path, encoded))
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            named = label(item) if isinstance(item, msgspec.Struct) else None
            last = path[-1] if path else "item"
            yield from walk(item, (*path[:-1], named or f"{last}[{index}]"))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from walk(item, (*path, str(key)))


def own_data(subject: Subject) -> Iterator[tuple[str, Path, Any]]:
    """``(version key, path, value)`` for the agreement (version ``""``) and every part each
    of its versions supplies itself (what it inherits is its parent's)."""
    agreement = subject.agreement
    if agreement is None or subject.pm is None:
        return
    for path, value in walk(agreement, ("agreement",)):
        yield "", path, value
    for version in agreement.versions:
        parts = own_parts(subject.pm, agreement.id, version.key)
        for part, answer in parts.items():
            if isinstance(answer, Exception):
                continue
            if part == "sip":
                for context, requirements in answer.items():
                    for path, value in walk(requirements, (f"sip {context!r}",)):
                        yield version.key, path, value
                continue
            for path, value in walk(answer, (part,)):
                yield version.key, path, value


def where(version: str, path: Path) -> str:
    """A path as a finding names it."""
    return (f"version {version!r}, " if version else "") + join(path)
