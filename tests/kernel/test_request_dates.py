"""Every request body checks each field that may hold a date, and only those are read: the
fields found once per type (``bounds.date_fields``) are exactly the fields typed with a date."""

from __future__ import annotations

import datetime as dt
import importlib
import pkgutil
from collections.abc import Iterator
from typing import Any

import msgspec
import pytest

import samverkan
from samverkan.kernel.bounds import RequestBody, date_fields


def _every_body() -> Iterator[type]:
    for module in pkgutil.walk_packages(samverkan.__path__, "samverkan."):
        importlib.import_module(module.name)

    def below(kind: type) -> Iterator[type]:
        for sub in kind.__subclasses__():
            yield sub
            yield from below(sub)

    yield from below(RequestBody)


BODIES = sorted(set(_every_body()), key=lambda k: k.__name__)


def _typed_as_date(kind: Any) -> bool:
    text = repr(kind)
    return "datetime.date" in text and not text.startswith(("list", "dict", "tuple"))


@pytest.mark.parametrize("body", BODIES, ids=lambda k: k.__name__)
def test_the_date_fields_are_the_fields_typed_with_a_date(body: type) -> None:
    typed = {f.name for f in msgspec.structs.fields(body) if _typed_as_date(f.type)}
    assert set(date_fields(body)) == typed


def test_there_are_bodies_with_dates_and_without() -> None:
    assert len(BODIES) >= 15
    assert any(date_fields(b) for b in BODIES) and any(not date_fields(b) for b in BODIES)


def test_a_date_out_of_range_is_refused_naming_the_field() -> None:
    from samverkan.kernel.split import SplitRequest

    with pytest.raises(msgspec.ValidationError, match="`on`: 1999-12-31 is outside"):
        msgspec.convert(
            {"amount_ore": 100, "method": "schablon", "on": "1999-12-31"},
            SplitRequest,
            dec_hook=lambda t, v: dt.date.fromisoformat(v) if t is dt.date else v,
        )
