"""Validation messages in the service's own words: which field, what was wrong, what is
allowed, read from the field's type (``msgspec.inspect``), in the request's language.

msgspec says "Invalid RFC3339 encoded date - at `$.opened_on`"; the client is told
``opened_on: «2026-02-30» is not a date; expected a date YYYY-MM-DD from 2000-01-01 to
2099-12-31``.
"""

from __future__ import annotations

import re
from typing import Any

import msgspec
from msgspec import inspect as mi

from samverkan.kernel.bounds import FIRST_DAY, LAST_DAY
from samverkan.kernel.errors import field_error
from samverkan.kernel.i18n import _

_AT = re.compile(r"^(?P<text>.*?)(?: - at `\$(?P<path>[^`]*)`)?$", re.DOTALL)
_TOKEN = re.compile(r"\.([^.\[]+)|\[(\d+|\.\.\.)\]")
#: msgspec's path for a value in a mapping: it does not say which key
ANY_KEY = "..."
_NAMED = re.compile(r"^`([A-Za-z_][A-Za-z0-9_]*)`: (.*)$", re.DOTALL)
_EXPECTED = re.compile(r"^Expected `(?P<want>[^`]+)`(?:, got `(?P<got>[^`]+)`)?")
_MISSING = re.compile(r"^Object missing required field `(?P<name>[^`]+)`")
_UNKNOWN = re.compile(r"^Object contains unknown field `(?P<name>[^`]+)`")
_ENUM = re.compile(r"^Invalid enum value (?P<value>.+)$")
_MISSING_VALUE = object()


def _tokens(path: str) -> list[str | int]:
    return [
        name if name else (ANY_KEY if index == ANY_KEY else int(index))
        for name, index in _TOKEN.findall(path)
    ]


def _resolve(tokens: list[str | int], data: Any, info: Any) -> list[str | int]:
    """The path with each mapping's key found: the first whose value is not of the kind the
    mapping holds (msgspec names no key)."""
    resolved: list[str | int] = []
    for token in tokens:
        if token == ANY_KEY and isinstance(data, dict) and data:
            holder = _inner(_field_type(info, resolved))
            want = holder.value_type if isinstance(holder, mi.DictType) else None
            token = next(
                (key for key, value in data.items() if want is None or _fits(value, want) is False),
                next(iter(data)),
            )
        resolved.append(token)
        data = _value(data, [token]) if data is not _MISSING_VALUE else data
    return resolved


def _fits(value: Any, info: Any) -> bool:
    """Whether a JSON value is of the kind ``info`` asks for (bounds aside)."""
    info = _inner(info)
    if isinstance(info, mi.IntType):
        return isinstance(value, int) and not isinstance(value, bool)
    if isinstance(info, mi.FloatType | mi.DecimalType):
        if isinstance(value, bool) or not isinstance(value, int | float):
            return False
        return (info.ge is None or value >= info.ge) and (info.le is None or value <= info.le)
    if isinstance(info, mi.StrType):
        return isinstance(value, str)
    return True


def dotted(tokens: list[str | int]) -> str:
    """``["signatories", 0, "name"]`` -> ``signatories[0].name``."""
    text = ""
    for token in tokens:
        text += f"[{token}]" if isinstance(token, int) else f".{token}"
    return text.lstrip(".")


def _value(data: Any, tokens: list[str | int]) -> Any:
    for token in tokens:
        try:
            data = data[token]
        except (KeyError, IndexError, TypeError):
            return _MISSING_VALUE
    return data


def _inner(info: Any) -> Any:
    """A union without ``None``, as the type a value must have."""
    if isinstance(info, mi.UnionType):
        kinds = [t for t in info.types if not isinstance(t, mi.NoneType)]
        if len(kinds) == 1:
            return kinds[0]
    return info


def _field_type(info: Any, tokens: list[str | int]) -> Any:
    """The type info at ``tokens`` within ``info`` (``None`` where it cannot be found)."""
    for token in tokens:
        info = _inner(info)
        if isinstance(info, mi.StructType) and isinstance(token, str):
            info = next((f.type for f in info.fields if f.encode_name == token), None)
        elif isinstance(info, mi.ListType | mi.VarTupleType) and isinstance(token, int):
            info = info.item_type
        elif isinstance(info, mi.DictType) and isinstance(token, str):
            info = info.value_type
        else:
            return None
        if info is None:
            return None
    return info


def _bounds(low: Any, high: Any) -> str:
    if low is not None and high is not None:
        return _(" from %(low)s to %(high)s", low=low, high=high)
    if low is not None:
        return _(" of at least %(low)s", low=low)
    if high is not None:
        return _(" of at most %(high)s", high=high)
    return ""


def allowed(info: Any) -> str:
    """What a value of this type may be, in words."""
    info = _inner(info)
    if isinstance(info, mi.UnionType):
        parts = [allowed(t) for t in info.types if not isinstance(t, mi.NoneType)]
        text = _(" or ").join(parts)
        return text + (
            _(", or null") if any(isinstance(t, mi.NoneType) for t in info.types) else ""
        )
    if isinstance(info, mi.LiteralType | mi.EnumType):
        values = info.values if isinstance(info, mi.LiteralType) else [m.value for m in info.cls]
        return _("one of: %(values)s", values=", ".join(str(v) for v in values))
    if isinstance(info, mi.BoolType):
        return _("true or false")
    if isinstance(info, mi.IntType):
        low = info.ge if info.ge is not None else (info.gt + 1 if info.gt is not None else None)
        high = info.le if info.le is not None else (info.lt - 1 if info.lt is not None else None)
        return _("a whole number%(bounds)s", bounds=_bounds(low, high))
    if isinstance(info, mi.FloatType | mi.DecimalType):
        return _("a number%(bounds)s", bounds=_bounds(info.ge, info.le))
    if isinstance(info, mi.DateType):
        return _("a date YYYY-MM-DD from %(first)s to %(last)s", first=FIRST_DAY, last=LAST_DAY)
    if isinstance(info, mi.StrType):
        if info.pattern:
            return _("text of the form %(pattern)s", pattern=info.pattern)
        if info.min_length and info.max_length:
            return _(
                "text of %(low)s to %(high)s characters", low=info.min_length, high=info.max_length
            )
        if info.max_length:
            return _("text of at most %(high)s characters", high=info.max_length)
        return _("text")
    if isinstance(info, mi.StructType):
        required = [f.encode_name for f in info.fields if f.required]
        return _("an object with the fields %(fields)s", fields=", ".join(required) or "—")
    if isinstance(info, mi.ListType | mi.VarTupleType):
        return _("a list")
    if isinstance(info, mi.DictType):
        return _("an object")
    return _("a value of another kind")


def _kind(value: Any) -> str:
    """What a JSON value is, in words."""
    if value is None:
        return _("null")
    if isinstance(value, bool):
        return _("true or false")
    if isinstance(value, int | float):
        return _("a number")
    if isinstance(value, str):
        return _("text")
    if isinstance(value, list):
        return _("a list")
    return _("an object")


def _shown(value: Any) -> str:
    text = value if isinstance(value, str) else msgspec.json.encode(value).decode()
    return text if len(text) <= 60 else text[:57] + "…"


def explain(text: str, info: Any, value: Any) -> str:
    """What was wrong with ``value`` (msgspec's ``text``), and what is allowed."""
    expected = allowed(info) if info is not None else ""
    if value is _MISSING_VALUE:
        wrong = _("is missing")
    elif match := _ENUM.match(text):
        wrong = _("\u00ab%(value)s\u00bb is not allowed", value=_shown(value))
    elif "RFC3339" in text or "ISO8601" in text:
        wrong = _("\u00ab%(value)s\u00bb is not a date", value=_shown(value))
    elif (match := _EXPECTED.match(text)) and match.group("got"):
        wrong = _("is %(kind)s", kind=_kind(value))
    elif match and "length" in text:
        count = len(value) if isinstance(value, str) else 0
        wrong = _("is empty") if count == 0 else _("has %(n)s characters", n=count)
    elif match and "regex" in text:
        wrong = _("\u00ab%(value)s\u00bb does not have the expected form", value=_shown(value))
    elif match:
        wrong = _("\u00ab%(value)s\u00bb is out of range", value=_shown(value))
    else:
        return text
    return (
        _("%(wrong)s; expected %(allowed)s", wrong=wrong, allowed=expected) if expected else wrong
    )


def body_errors(error: msgspec.ValidationError, kind: type, data: Any) -> list[dict[str, Any]]:
    """The problem entry for a body that does not decode into ``kind`` (``data``: the body
    decoded without a type, to show the value at fault)."""
    match = _AT.match(str(error))
    text = match.group("text") if match else str(error)
    info = mi.type_info(kind)
    tokens = _resolve(_tokens(match.group("path") or ""), data, info) if match else []
    if named := _NAMED.match(text):  # a check of a decoded part: "`effective_from`: why"
        tokens.append(named.group(1))
        return [field_error(dotted(tokens), named.group(2))]
    if found := _MISSING.match(text):
        tokens.append(found.group("name"))
        field_info = _field_type(info, tokens)
        message = _("is missing; expected %(allowed)s", allowed=allowed(field_info))
        return [field_error(dotted(tokens), message)]
    if found := _UNKNOWN.match(text):
        holder = _inner(_field_type(info, tokens))
        tokens.append(found.group("name"))
        fields = [f.encode_name for f in holder.fields] if isinstance(holder, mi.StructType) else []
        message = _("is not a field here; the fields are: %(fields)s", fields=", ".join(fields))
        return [field_error(dotted(tokens), message)]
    value = _value(data, tokens)
    if not tokens:
        return [
            field_error(
                "body",
                _("is %(kind)s; expected %(allowed)s", kind=_kind(data), allowed=allowed(info)),
            )
        ]
    return [field_error(dotted(tokens), explain(text, _field_type(info, tokens), value))]


def query_error(
    name: str, text: str, info: Any, value: Any, where: str = "query"
) -> dict[str, Any]:
    """The problem entry for a query parameter (or header) whose value does not convert."""
    return field_error(name, explain(text, info, value), where=where)


def detail(errors: list[dict[str, Any]]) -> str:
    """A problem's detail from its entries: each field and what is wrong with it."""
    return "; ".join(f"{e['field']}: {e['message']}" for e in errors)
