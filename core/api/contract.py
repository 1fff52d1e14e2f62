"""The request half of the contract (docs/api-conventions.md), checked after routing and
before the handler, against what the operation declares:

- a query parameter the operation does not declare is refused with 400 naming it (a body
  field sent in the query, e.g. ``?on=`` on a POST, is told to move to the body);
- each declared query parameter is converted from its text, and a missing required one or a
  value of the wrong kind is a 422 saying which, what was wrong and what is allowed;
- a malformed ``If-Match`` or ``Idempotency-Key`` is a 400 saying what is wrong;
- a JSON body is decoded strictly into the operation's body type (no string for a number,
  no unknown field): malformed JSON is a 400, a wrong value a 422 naming the field.

Litestar decodes leniently (``"1000"`` for an integer passes); this runs first, so what
reaches a handler is what the schema promises.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from types import UnionType
from typing import Annotated, Any, Union, get_args, get_origin
from urllib.parse import parse_qsl

import msgspec
from litestar.enums import ScopeType
from litestar.middleware import ASGIMiddleware
from litestar.params import BodyKwarg, HeaderParameter
from litestar.types import ASGIApp, Receive, Scope, Send
from litestar.utils.scope.state import ScopeState

from samverkan.access.inspection import NOT_JSON
from samverkan.api.guard import replaying, shared_body
from samverkan.api.messages import body_errors, detail, query_error
from samverkan.kernel.errors import BadRequest, InvalidInput, ProblemError, field_error
from samverkan.kernel.i18n import _

#: ``*`` or a list of entity tags, each quoted (``"…"`` or ``W/"…"``)
ETAG_LIST = re.compile(
    r'^\s*(\*|(W/)?"[\x21\x23-\x7e\x80-\xff]*"(\s*,\s*(W/)?"[\x21\x23-\x7e\x80-\xff]*")*)\s*$'
)
IDEMPOTENCY_KEY = re.compile(r"^[\x21-\x7e]{1,255}$")
_META = ("ge", "gt", "le", "lt", "min_length", "max_length", "pattern")


@dataclass(frozen=True)
class Query:
    """A declared query parameter: its type (with its bounds) and whether it is required."""

    kind: Any
    required: bool


@dataclass(frozen=True)
class Expects:
    """What one operation declares: its query parameters, its body type, its headers."""

    query: dict[str, Query]
    body: Any
    headers: frozenset[str]
    required_headers: frozenset[str]


def expects(handler: Any, path_params: dict[str, Any]) -> Expects:
    """Read what ``handler`` declares (its signature, its dependencies' parameters)."""
    model = handler.create_kwargs_model(path_parameters=dict.fromkeys(path_params))
    query: dict[str, Query] = {}
    signature = handler.parsed_fn_signature.parameters
    for param in model.expected_query_params:
        definition = signature.get(param.field_name)
        kind: Any = str
        if definition is not None:
            kwarg = definition.kwarg_definition
            meta = {k: getattr(kwarg, k) for k in _META if getattr(kwarg, k, None) is not None}
            kind = definition.annotation
            if meta:  # on the value given (a parameter sent is never null)
                kind = Annotated[_given(kind), msgspec.Meta(**meta)]
        query[param.field_alias] = Query(kind, param.is_required)
    body = None
    headers, required = set(), set()
    for definition in handler.parsed_fn_signature.parameters.values():
        kwarg = definition.kwarg_definition
        if isinstance(kwarg, BodyKwarg):
            body = definition.annotation
        elif isinstance(kwarg, HeaderParameter) and (kwarg.header or kwarg.name):
            name = str(kwarg.header or kwarg.name).lower()
            headers.add(name)
            if not definition.has_default:
                required.add(name)
    return Expects(query, body, frozenset(headers), frozenset(required))


def _given(kind: Any) -> Any:
    """``kind`` without ``None`` (``int | None`` -> ``int``): what a value sent must be."""
    args = [a for a in get_args(kind) if a is not type(None)]
    if get_origin(kind) in (Union, UnionType) and len(args) == 1:
        return args[0]
    return kind


def body_fields(body: Any) -> set[str]:
    try:
        info = msgspec.inspect.type_info(body)
    except (TypeError, ValueError):
        return set()
    return {f.encode_name for f in getattr(info, "fields", ())}


def check_query(wanted: Expects, query_string: bytes) -> None:
    pairs = parse_qsl(query_string.decode("latin-1"), keep_blank_values=True)
    given = dict(pairs)
    unknown = sorted(set(given) - set(wanted.query))
    if unknown:
        in_body = body_fields(wanted.body)
        errors = [
            field_error(
                name,
                _("is a field of the JSON body, not a query parameter: send it in the body")
                if name in in_body
                else _(
                    "is not a parameter of this operation; its parameters are: %(names)s",
                    names=", ".join(sorted(wanted.query)) or "—",
                ),
                where="query",
            )
            for name in unknown
        ]
        raise BadRequest(
            _("undeclared query parameters: %(names)s", names=", ".join(unknown)),
            title=_("The request has a query parameter the operation does not take"),
            errors=errors,
            type_="unknown-query-parameter",
        )
    errors = []
    for name, spec in wanted.query.items():
        if name not in given:
            if spec.required:
                errors.append(field_error(name, _("is missing"), where="query"))
            continue
        try:
            msgspec.convert(given[name], spec.kind, strict=False)
        except msgspec.ValidationError as exc:
            info = msgspec.inspect.type_info(spec.kind)
            errors.append(query_error(name, str(exc).split(" - at ")[0], info, given[name]))
    if errors:
        raise InvalidInput(detail(errors), errors=errors)


def check_headers(wanted: Expects, headers: dict[bytes, bytes]) -> None:
    if "idempotency-key" in wanted.required_headers and b"idempotency-key" not in headers:
        message = _("is required: a value unique to this request, the same when you retry it")
        raise BadRequest(
            _("Idempotency-Key %(message)s", message=message),
            title=_("Idempotency-Key is required"),
            errors=[field_error("Idempotency-Key", message, where="header")],
            type_="idempotency-key-required",
        )
    if_match = headers.get(b"if-match")
    malformed = if_match is not None and not ETAG_LIST.match(if_match.decode("latin-1"))
    if malformed and "if-match" in wanted.headers:
        message = _(
            "is not an entity tag: quote it as it came in the ETag header, e.g. If-Match: "
            '"dsp_kqzvtbhrmxwcdnpg.3"'
        )
        raise malformed_header(
            "If-Match", _("If-Match is malformed: %(message)s", message=message), message
        )
    key = headers.get(b"idempotency-key")
    bad_key = key is not None and not IDEMPOTENCY_KEY.match(key.decode("latin-1"))
    if bad_key and "idempotency-key" in wanted.headers:
        message = _("is 1–255 visible ASCII characters, e.g. a UUID")
        detail = _("Idempotency-Key is malformed: %(message)s", message=message)
        raise malformed_header("Idempotency-Key", detail, message)


def malformed_header(name: str, detail: str, message: str) -> BadRequest:
    return BadRequest(
        detail,
        title=_("A header is malformed"),
        errors=[field_error(name, message, where="header")],
        type_="malformed-header",
    )


@functools.cache
def _strict_decoder(kind: Any) -> msgspec.json.Decoder:
    return msgspec.json.Decoder(kind, strict=True)


def _malformed(exc: msgspec.DecodeError) -> BadRequest:
    message = _("is not valid JSON (%(reason)s)", reason=str(exc))
    return BadRequest(
        _("the body cannot be read: %(message)s", message=message),
        title=_("The body is not JSON"),
        errors=[field_error("body", message)],
        type_="malformed-json",
    )


def check_body(kind: Any, body: bytes, parsed: Any = NOT_JSON) -> Any:
    """``body`` decoded strictly into ``kind`` (``parsed``: its JSON, if already parsed);
    returns the decoded value."""
    if not body.strip():
        message = _("is empty; send a JSON object")
        raise BadRequest(
            _("the request has no body: %(message)s", message=message),
            title=_("The body is not JSON"),
            errors=[field_error("body", message)],
            type_="malformed-json",
        )
    try:
        return _strict_decoder(kind).decode(body)  # the usual case: valid
    except msgspec.ValidationError as exc:
        failed: msgspec.DecodeError = exc
    except msgspec.DecodeError as exc:
        failed = exc
    if parsed is NOT_JSON:
        try:
            parsed = msgspec.json.decode(body)
        except msgspec.DecodeError as exc:
            raise _malformed(exc) from None
    if not isinstance(failed, msgspec.ValidationError):
        raise _malformed(failed) from None
    errors = body_errors(failed, kind, parsed)
    raise InvalidInput(detail(errors), errors=errors) from None


class Contract(ASGIMiddleware):
    """The checks above, for every routed HTTP request (the schema's own pages excepted)."""

    scopes = (ScopeType.HTTP,)

    def __init__(self) -> None:
        self._expects: dict[int, Expects] = {}
        #: (operation, query string) pairs found valid, bounded: clients repeat their queries
        self._valid_queries: set[tuple[int, bytes]] = set()

    async def handle(self, scope: Scope, receive: Receive, send: Send, next_app: ASGIApp) -> None:
        try:
            await self._handle(scope, receive, send, next_app)
        except ProblemError as exc:  # answered here, inside the guard (which adds its headers)
            body = msgspec.json.encode(exc.body())
            headers = [
                (b"content-type", b"application/problem+json"),
                (b"content-length", str(len(body)).encode()),
                *((k.lower().encode(), v.encode()) for k, v in exc.headers.items()),
            ]
            await send({"type": "http.response.start", "status": exc.status, "headers": headers})
            await send({"type": "http.response.body", "body": body})

    async def _handle(self, scope: Scope, receive: Receive, send: Send, next_app: ASGIApp) -> None:
        handler = scope.get("route_handler")
        if handler is None or not scope["path"].startswith("/api/"):
            await next_app(scope, receive, send)
            return
        wanted = self._expects.get(id(handler))
        if wanted is None:
            wanted = self._expects[id(handler)] = expects(handler, scope.get("path_params", {}))
        asked = (id(handler), scope.get("query_string", b""))
        if asked not in self._valid_queries:
            check_query(wanted, asked[1])
            if len(self._valid_queries) >= 4096:
                self._valid_queries.clear()
            if len(asked[1]) <= 512:
                self._valid_queries.add(asked)
        if wanted.headers:  # only a header the operation declares is checked
            check_headers(wanted, dict(scope.get("headers", [])))
        if wanted.body is None:
            await next_app(scope, receive, send)
            return
        body, parsed = shared_body(scope)  # read and parsed once, by the guard
        if body is None:  # without the guard in front (it always is in the service)
            chunks = []
            while True:
                message = await receive()
                if message["type"] != "http.request":
                    break
                chunks.append(message.get("body", b""))
                if not message.get("more_body", False):
                    break
            body = b"".join(chunks)
            receive = replaying(body, receive)
        # decoded once: Litestar takes the typed value as the request's JSON and passes it
        # through its own conversion unchanged
        ScopeState.from_scope(scope).json = check_body(wanted.body, body, parsed)
        await next_app(scope, receive, send)
