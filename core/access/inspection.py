"""What the guard inspects in a request, part by part, and what it refuses: the written policy
(``docs/security.md`` states it with the measured error rates).

Personnummer (:mod:`samverkan.access.pnr`, after :mod:`samverkan.access.textnorm`'s normalisation):

- **path**: the decoded path is scanned (``/`` is a separator a number may be written with),
  leaving out each segment that is wholly one of the service's own identifiers
  (:mod:`samverkan.store.ids`, either form);
- **query**: names and values are scanned, except an ``individual_ref`` value of the documented
  format and an identifier value (``id``, ``*_id``, ``*_ids``) of the service's own form;
- **headers**: values are scanned (percent-decoded where they hold ``%``), except an
  ``Authorization: Bearer`` carrying a key of the service's form, ``If-Match`` /
  ``If-None-Match`` ETags of the service's form, a value that is wholly a UUID (dashed, or 32
  hex digits; an ``Idempotency-Key``, a request id) or a W3C ``traceparent``, and
  ``Content-Length``;
- **JSON body**: every string and key at any depth is scanned, and integers of 10 digits or
  more, except ``individual_ref`` of the documented format (``^[a-z][a-z0-9]{0,15}-[0-9a-f]{16,64}$``:
  hex digits, deliberately not scanned), ``id`` / ``*_id`` / ``*_ids`` fields holding a
  service identifier, and an ``invoice_ref`` that is exactly 10 ASCII digits (an OCR number);
- **other bodies** are scanned as text.

Also refused: control characters in JSON strings (C0 but newline and tab, which only
multi-line fields may hold; DEL; C1) and bidirectional embeddings, overrides and isolates;
control characters in ``X-Actor-Person``; a query date outside 2000-01-01 – 2099-12-31; a
JSON body nested deeper than the configured limit (checked before it is parsed).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Literal
from urllib.parse import parse_qsl, unquote

import msgspec

from samverkan.access.pnr import contains_personnummer
from samverkan.access.precheck import json_depth, plainly_clean
from samverkan.access.textnorm import has_digits, has_ten_digits
from samverkan.kernel.bounds import DATE_RANGE, ISO_DATE, out_of_range
from samverkan.kernel.i18n import N_, _
from samverkan.store.ids import SERVICE_ID_SEGMENT, is_api_key, is_etag, is_service_id

Kind = Literal["pnr", "control", "date", "depth"]

INDIVIDUAL_REF = re.compile(r"[a-z][a-z0-9]{0,15}-[0-9a-f]{16,64}")
#: a UUID, with its dashes or as 32 hex digits (Python's ``uuid4().hex``: a common key)
UUID = re.compile(
    r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|[0-9a-fA-F]{32}"
)
TRACEPARENT = re.compile(r"[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}")
OCR_NUMBER = re.compile(r"[0-9]{10}")
#: C0 controls but tab and newline, DEL, C1 controls; bidi embeddings, overrides, isolates
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_CONTROL_SINGLE_LINE = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
#: text fields of one line: no newline or tab either
SINGLE_LINE_FIELDS = frozenset({"title", "name", "role", "reporting_role", "invoice_ref", "by"})
#: headers never scanned: the server parses them and nothing stores or logs them
_UNSCANNED_HEADERS = frozenset({b"content-length"})
_ETAG_HEADERS = frozenset({b"if-match", b"if-none-match"})
#: the pages' CSRF token (Litestar's: 32 random bytes and their HMAC-SHA256, in hex), in the
#: CSRF cookie and the forms' ``_csrf_token`` field: compared, never stored, so not scanned (a
#: hex token holds digit runs a personnummer check would sometimes match)
CSRF_TOKEN = re.compile(r"[0-9a-f]{128}")
CSRF_FIELD = "_csrf_token"
_BIG_INT = 10**9

#: every message the guard sends, in one place
TEXTS = {
    "pnr.title": N_("Personal identity number refused"),
    "pnr.detail": N_("the request was refused and nothing was stored: %(where)s %(message)s"),
    "pnr.message": N_(
        "contains what looks like a personnummer or samordningsnummer; the service stores "
        "only a pseudonymous reference (see individual_ref in the README)"
    ),
    "invalid.title": N_("The request is not valid"),
    "invalid.detail": N_("the request was refused and nothing was stored: %(errors)s"),
    "control.message": N_(
        "contains %(char)s, a control character; text may hold newlines and tabs only where it "
        "has several lines"
    ),
    "bidi.message": N_(
        "contains %(char)s, a bidirectional control that makes text read differently from how "
        "it is stored"
    ),
    "date.message": N_("a date from %(range)s; %(why)s"),
    "depth.title": N_("Request body nested too deeply"),
    "depth.detail": N_(
        "the JSON body is nested deeper than %(limit)s levels, the most the service reads"
    ),
    "depth.message": N_("at most %(limit)s levels of nested arrays and objects"),
    "size.title": N_("Request body too large"),
    "size.detail": N_("the body is larger than the service accepts (%(limit)s bytes)"),
    "size.message": N_("at most %(limit)s bytes"),
    "rate.title": N_("Too many requests from this address"),
    "rate.detail": N_(
        "requests without a valid API key are limited per address; retry after %(retry)s s"
    ),
    "timeout.head": N_("the request head did not arrive within %(seconds)s s"),
    "timeout.body": N_("the request body did not arrive within %(seconds)s s"),
}


@dataclass(frozen=True)
class Finding:
    """One thing refused: what kind, where (as the client names it) and what exactly."""

    kind: Kind
    where: str
    message: str = ""


def _control(text: str, where: str, single_line: bool = False) -> Finding | None:
    match = (_CONTROL_SINGLE_LINE if single_line else _CONTROL).search(text)
    if match is None:
        return None
    code = ord(match.group())
    char = f"U+{code:04X}"
    key = "bidi.message" if 0x202A <= code <= 0x2069 else "control.message"
    return Finding("control", where, _(TEXTS[key], char=char))


def _is_id_field(name: str) -> bool:
    """``id``, ``*_id`` and ``*_ids``: where the service's identifiers belong."""
    return name == "id" or name.endswith(("_id", "_ids"))


def _pnr(text: str) -> bool:
    if not has_ten_digits(text):
        return False
    if contains_personnummer(text):
        return True
    return "%" in text and contains_personnummer(unquote(text))


# -- path, query, headers -------------------------------------------------------------------


#: paths and query strings found clean (clients ask the same few again and again), bounded
_CLEAN_PATHS: set[str] = set()
_CLEAN_QUERIES: set[bytes] = set()
_MAX_REMEMBERED = 4096


def _remembered(
    clean: set[Any], asked: Any, inspect: Callable[[Any], list[Finding]]
) -> list[Finding]:
    """``inspect(asked)``, with ``asked`` remembered in ``clean`` when nothing is found."""
    if asked in clean:
        return []
    found = inspect(asked)
    if not found and len(asked) <= 512:
        if len(clean) >= _MAX_REMEMBERED:
            clean.clear()
        clean.add(asked)
    return found


def inspect_path(path: str) -> list[Finding]:
    """The (decoded) path: a segment that is wholly a service identifier is the service's."""
    return [] if len(path) < 10 else _remembered(_CLEAN_PATHS, path, _inspect_path)


def _inspect_path(path: str) -> list[Finding]:
    if not has_ten_digits(path):
        return []
    if "_" in path:  # only a segment with "_" can be a service identifier: leave those out
        path = SERVICE_ID_SEGMENT.sub("", path)
    return [Finding("pnr", "path")] if _pnr(path) else []


def _query_value(name: str, value: str) -> list[Finding]:
    where = f"query {name}"
    found: list[Finding] = []
    if (control := _control(value, where, single_line=True)) is not None:
        found.append(control)
    if not has_digits(value):
        return found
    if ISO_DATE.fullmatch(value):
        try:
            why = out_of_range(dt.date.fromisoformat(value))
        except ValueError:
            why = None  # not a date at all: the handler says so
        if why:
            found.append(Finding("date", name, _(TEXTS["date.message"], range=DATE_RANGE, why=why)))
        return found
    if name == "individual_ref" and INDIVIDUAL_REF.fullmatch(value):
        return found
    if _is_id_field(name) and is_service_id(value):
        return found
    if _pnr(value):
        found.append(Finding("pnr", where))
    return found


def inspect_query(query_string: bytes) -> list[Finding]:
    return _remembered(_CLEAN_QUERIES, query_string, _inspect_query) if query_string else []


def _inspect_query(query_string: bytes) -> list[Finding]:
    found: list[Finding] = []
    text = query_string.decode("utf-8", errors="replace")
    for name, value in parse_qsl(text, keep_blank_values=True):
        if _pnr(name):
            found.append(Finding("pnr", "query (a parameter name)"))  # never echoed
            continue
        if (control := _control(name, "query (a parameter name)", True)) is not None:
            found.append(control)
            continue
        found += _query_value(name, value)
    return found


def _header_value(name: bytes, value: str) -> bool:
    """Whether a header value holds a personnummer under the header policy."""
    if not has_digits(value) or name in _UNSCANNED_HEADERS:
        return False
    if name == b"authorization":
        scheme, _sep, credentials = value.partition(" ")
        if scheme.lower() == "bearer" and is_api_key(credentials.strip()):
            return False
    elif name in _ETAG_HEADERS:
        rest = [tag for tag in value.split(",") if not is_etag(tag)]
        return any(_pnr(tag) for tag in rest)
    elif name == b"cookie":
        return any(_cookie_holds_pnr(part) for part in value.split(";"))
    stripped = value.strip()
    if UUID.fullmatch(stripped) or TRACEPARENT.fullmatch(stripped):
        return False
    return _pnr(value)


def _cookie_holds_pnr(cookie: str) -> bool:
    """One ``name=value`` of a Cookie header (a CSRF token left alone)."""
    name, _sep, value = cookie.strip().partition("=")
    return _pnr(name) or (not CSRF_TOKEN.fullmatch(value.strip()) and _pnr(value))


#: every byte but the ASCII digits (deleted, what is left are the digits)
_NOT_DIGITS = bytes(b for b in range(256) if not 0x30 <= b <= 0x39)


def _few_digits(raw: bytes) -> bool:
    """Fewer than ten digits in a header's bytes (read as Latin-1 the only digits are ASCII),
    so no number in it, as the scan below would also find."""
    return len(raw) < 10 or len(raw.translate(None, _NOT_DIGITS)) < 10


#: header pairs found clean (a client sends the same ``Host``, ``User-Agent``, ``Accept``
#: with every request), bounded; never a credential (``Authorization``, ``Cookie``)
_CLEAN_HEADERS: set[tuple[bytes, bytes]] = set()
_CLEAN_HEADERS_MAX = 4096
_NOT_KEPT = frozenset({b"authorization", b"cookie", b"proxy-authorization"})


def inspect_headers(headers: Iterable[tuple[bytes, bytes]]) -> list[Finding]:
    found: list[Finding] = []
    for raw_name, raw_value in headers:
        if (raw_name, raw_value) in _CLEAN_HEADERS:
            continue
        name = raw_name.lower()
        if name == b"x-actor-person" or not (_few_digits(raw_value) and _few_digits(raw_name)):
            findings = _header_findings(name, raw_name, raw_value)
            if findings:
                found += findings
                continue
        # else the usual header: nothing the policy could refuse
        if name not in _NOT_KEPT and len(raw_value) <= 512:
            if len(_CLEAN_HEADERS) >= _CLEAN_HEADERS_MAX:
                _CLEAN_HEADERS.clear()
            _CLEAN_HEADERS.add((raw_name, raw_value))
    return found


def _header_findings(name: bytes, raw_name: bytes, raw_value: bytes) -> list[Finding]:
    """What one header holds under the policy (``name``: ``raw_name`` in lower case)."""
    value = raw_value.decode("latin-1")
    if _pnr(raw_name.decode("latin-1")):
        return [Finding("pnr", "header (a header name)")]  # never echoed
    if name == b"x-actor-person":  # free text, stored: percent-decoded as UTF-8
        person = unquote(value)
        found = [c] if (c := _control(person, "header x-actor-person", True)) else []
        return found + ([Finding("pnr", "header x-actor-person")] if _pnr(person) else [])
    if _header_value(name, value):
        return [Finding("pnr", f"header {name.decode('latin-1')}")]
    return []


def inspect_head(
    path: str, query_string: bytes, headers: Iterable[tuple[bytes, bytes]]
) -> list[Finding]:
    """Everything before the body: the decoded path, the raw query string, the headers."""
    return inspect_path(path) + inspect_query(query_string) + inspect_headers(headers)


# -- body -----------------------------------------------------------------------------------

#: One C-level pass over a string's UTF-8 tells a clean string (the usual case) from one worth
#: a closer look: it is suspect if it holds an ASCII digit or control (tab and newline too in
#: single-line fields), DEL, the lead byte ``\xc2`` (U+0080–U+00BF, the C1 controls among
#: them) or a lead byte from ``\xd9`` on (every other decimal digit is U+0660 or above, every
#: bidi control U+202A or above). Deleting the clean bytes leaves nothing for a clean string.
_SUSPECT_BYTES = {*b"0123456789\x7f\xc2", *range(0x00, 0x09), *range(0x0B, 0x20)}
_SUSPECT_BYTES |= set(range(0xD9, 0x100))
_CLEAN = bytes(b for b in range(256) if b not in _SUSPECT_BYTES)
_CLEAN_SINGLE_LINE = bytes(b for b in _CLEAN if b not in b"\t\n")
#: a JSON location, built only when something is found there: (parent, key or index)
Where = tuple[Any, str | int] | None
_KEY_VERDICTS: dict[str, Finding | None] = {}


def _where(at: Where) -> str:
    parts: list[str] = []
    while at is not None:
        at, key = at
        parts.append(f"[{key}]" if isinstance(key, int) else f".{key}")
    text = "".join(reversed(parts)).lstrip(".")
    return text or "body"


def _key_verdict(name: str) -> Finding | None:
    """What is wrong with a key (at ``(a key)``: a key is never echoed), remembered: bodies
    repeat their keys."""
    if name in _KEY_VERDICTS:
        return _KEY_VERDICTS[name]
    verdict = Finding("pnr", "") if contains_personnummer(name) else _control(name, "", True)
    if len(_KEY_VERDICTS) < 4096:
        _KEY_VERDICTS[name] = verdict
    return verdict


def _string(value: str, at: Where, field: str, found: list[Finding]) -> None:
    single_line = field in SINGLE_LINE_FIELDS
    clean = _CLEAN_SINGLE_LINE if single_line else _CLEAN
    left = value.encode("utf-8", "surrogatepass").translate(None, clean)
    if not left or (len(left) < 10 and left.isdigit()):
        return  # nothing suspect, or only a few ASCII digits (a date, an amount): no number
    where = _where(at)
    control = _control(value, where, single_line)
    if control is not None:
        found.append(control)
    if not has_digits(value):
        return
    if field == "individual_ref" and INDIVIDUAL_REF.fullmatch(value):
        return
    if _is_id_field(field) and is_service_id(value):
        return
    if field == "invoice_ref" and OCR_NUMBER.fullmatch(value):
        return
    if contains_personnummer(value):
        found.append(Finding("pnr", where))


def _walk(value: Any, at: Where, field: str, found: list[Finding]) -> None:
    kind = type(value)
    if kind is str:
        _string(value, at, field, found)
    elif kind is dict:
        for key, item in value.items():
            verdict = _key_verdict(key)
            if verdict is not None:
                found.append(Finding(verdict.kind, f"{_where(at)} (a key)", verdict.message))
                key = "(a key)"
            _walk(item, (at, key), key, found)
    elif kind is list:
        for index, item in enumerate(value):
            _walk(item, (at, index), field, found)
    elif kind is int and abs(value) >= _BIG_INT and contains_personnummer(str(value)):
        found.append(Finding("pnr", _where(at)))


def inspect_json(value: Any) -> list[Finding]:
    """A parsed JSON body, at any depth."""
    found: list[Finding] = []
    _walk(value, None, "", found)
    return found


def inspect_form(body: bytes) -> list[Finding]:
    """A form's body (``application/x-www-form-urlencoded``, the pages' forms), field by
    field; the CSRF token is left alone."""
    found: list[Finding] = []
    for name, value in parse_qsl(body.decode("utf-8", errors="replace"), keep_blank_values=True):
        if name == CSRF_FIELD and CSRF_TOKEN.fullmatch(value):
            continue
        if _pnr(name) or _pnr(value):
            found.append(Finding("pnr", "body"))
    return found


#: what :func:`read_body` gives for a body that is empty or not JSON (or was found clean
#: without parsing it, :func:`samverkan.access.precheck.plainly_clean`)
NOT_JSON: Any = object()


def read_body(body: bytes, max_depth: int, form: bool = False) -> tuple[list[Finding], Any]:
    """A whole request body: its depth first (a 400 before parsing), then its contents.
    Returns what was found and the parsed JSON (:data:`NOT_JSON` if it is none), so that
    nothing after the guard parses it again (``form``: a urlencoded form,
    :func:`inspect_form`)."""
    if not body:
        return [], NOT_JSON
    if form:
        return inspect_form(body), NOT_JSON
    # no deeper than the brackets it holds (counting those inside strings too): the usual
    # body has far fewer than the limit, and is not read for its structure at all
    brackets = body.count(b"[") + body.count(b"{")
    depth = json_depth(body) if brackets > max_depth else 0
    if depth > max_depth:
        return [Finding("depth", "body", _(TEXTS["depth.message"], limit=max_depth))], NOT_JSON
    if plainly_clean(body):  # the usual body: nothing to find, so nothing to parse here
        return [], NOT_JSON
    try:
        parsed = msgspec.json.decode(body)
    except (msgspec.DecodeError, UnicodeDecodeError, ValueError):
        text = body.decode("utf-8", errors="replace")
        return ([Finding("pnr", "body")] if contains_personnummer(text) else []), NOT_JSON
    return inspect_json(parsed), parsed


def inspect_body(body: bytes, max_depth: int) -> list[Finding]:
    """What :func:`read_body` finds in a body."""
    return read_body(body, max_depth)[0]


# -- the answer -----------------------------------------------------------------------------


def _entry(where: str, message: str) -> dict[str, Any]:
    """One problem entry; ``where`` is ``query <name>``, ``header <name>``, ``path`` or a
    dotted path into the body."""
    kind, _sep, name = where.partition(" ")
    if kind in ("query", "header") and name:
        return {
            "field": name,
            "in": kind,
            "message": message,
            "rule": None,
            "strength": None,
            "label": None,
        }
    place = "path" if where == "path" else "body"
    return {
        "field": where,
        "in": place,
        "message": message,
        "rule": None,
        "strength": None,
        "label": None,
    }


def refusal(findings: list[Finding], max_depth: int = 0) -> tuple[int, dict[str, Any]]:
    """The status and problem+json body for what was found (a personnummer first: nothing
    else about such a request is answered)."""
    pnr = list(dict.fromkeys(f.where for f in findings if f.kind == "pnr"))
    if pnr:
        message = _(TEXTS["pnr.message"])
        return 422, {
            "type": "urn:samverkan:problem:personal-identity-number-refused",
            "title": _(TEXTS["pnr.title"]),
            "status": 422,
            "detail": _(TEXTS["pnr.detail"], where=", ".join(pnr), message=message),
            "errors": [_entry(where, message) for where in pnr],
        }
    if any(f.kind == "depth" for f in findings):
        return 400, {
            "type": "urn:samverkan:problem:body-too-deep",
            "title": _(TEXTS["depth.title"]),
            "status": 400,
            "detail": _(TEXTS["depth.detail"], limit=max_depth),
            "errors": [_entry("body", _(TEXTS["depth.message"], limit=max_depth))],
            "limit": max_depth,
        }
    errors = [_entry(f.where, f.message) for f in findings]
    return 422, {
        "type": "urn:samverkan:problem:invalid-input",
        "title": _(TEXTS["invalid.title"]),
        "status": 422,
        "detail": _(
            TEXTS["invalid.detail"],
            errors="; ".join(f"{e['field']}: {e['message']}" for e in errors),
        ),
        "errors": errors,
    }
