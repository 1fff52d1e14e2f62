"""What every operation declares in the OpenAPI document, in one place: the problem answers
it can give, the headers it reads and sets, and the Bearer scheme on case endpoints
(docs/api-conventions.md). The controllers spread these into their route decorators:

    @post("/{dispute_id:str}/escalate", operation_id="escalateDispute", **CHANGE)
"""

from __future__ import annotations

from typing import Annotated, Any

from litestar.datastructures import ResponseHeader
from litestar.di import NamedDependency
from litestar.openapi.datastructures import ResponseSpec
from litestar.params import HeaderParameter

from samverkan.api.problems import Problem

#: the security requirement of every case operation (the scheme is in :mod:`.openapi`)
BEARER: list[dict[str, list[str]]] = [{"bearer": []}]

#: what each status means, as the problem answers describe it
STATUS = {
    400: "The request cannot be read: malformed JSON, an undeclared query parameter, or a "
    "malformed header (e.g. an unquoted If-Match).",
    401: "No valid API key (WWW-Authenticate: Bearer).",
    403: "The key may see this but not do it; the detail says what was refused.",
    404: "No such thing, or one the key may not see.",
    409: "The step is not allowed in the case's state (`allowed` lists what is).",
    412: "If-Match names a revision the case has moved on from; nothing was changed.",
    413: "The body is larger than the service accepts.",
    422: "Well-formed, but a value is invalid or breaks a shall rule of the agreement.",
    428: "If-Match is required to change the case.",
    429: "Too many requests (Retry-After says when to retry).",
}


def problems(*codes: int) -> dict[int, ResponseSpec]:
    """The problem+json answers an operation can give (400, 422 and 429 always)."""
    return {
        code: ResponseSpec(
            Problem,
            description=STATUS[code],
            media_type="application/problem+json",
            generate_examples=False,
        )
        for code in sorted({400, 422, 429, *codes})
    }


def header(name: str, value: str, description: str, required: bool = True) -> ResponseHeader:
    """A response header for the document only (``value`` gives its schema a type)."""
    return ResponseHeader(
        name=name, value=value, description=description, documentation_only=True, required=required
    )


ETAG = header("ETag", '"dsp_kqzvtbhrmxwcdnpg.3"', "The case's revision; send it as If-Match.")
LOCATION = header("Location", "/api/v1/disputes/dsp_kqzvtbhrmxwcdnpg", "Where the case is.")
REPLAYED = header(
    "Idempotent-Replayed",
    "true",
    "Present (true) when the answer is the stored answer to an earlier request with the same "
    "Idempotency-Key.",
    required=False,
)

IfMatch = Annotated[
    str | None,
    HeaderParameter(
        name="If-Match",
        description="The ETag from your last read of the case, quoted as it came "
        '(e.g. "dsp_kqzvtbhrmxwcdnpg.3"); 428 without it, 412 if stale, 400 if malformed.',
    ),
]
IdempotencyKey = Annotated[
    str | None,
    HeaderParameter(
        name="Idempotency-Key",
        min_length=1,
        max_length=255,
        pattern=r"^[\x21-\x7e]+$",
        description="Unique per change (a UUID; 1–255 visible ASCII characters); a retry with "
        "the same key and body replays the first answer with Idempotent-Replayed: true.",
    ),
]
RequiredIdempotencyKey = Annotated[
    str,
    HeaderParameter(
        name="Idempotency-Key",
        min_length=1,
        max_length=255,
        pattern=r"^[\x21-\x7e]+$",
        description="Required: unique per entry (a UUID); a retry with the same key and body "
        "replays the first answer with Idempotent-Replayed: true.",
    ),
]

Named = NamedDependency

#: a rule endpoint: no key
RULE: dict[str, Any] = {"responses": problems(404)}
#: a read of cases: a key
READ: dict[str, Any] = {"security": BEARER, "responses": problems(401, 403, 404)}
#: a read of one case: a key, and the case's ETag
READ_CASE: dict[str, Any] = {**READ, "response_headers": [ETAG]}
#: a change of a case's state: If-Match, Idempotency-Key, the new ETag
CHANGE: dict[str, Any] = {
    "status_code": 200,
    "security": BEARER,
    "responses": problems(401, 403, 404, 409, 412, 413, 428),
    "response_headers": [ETAG, REPLAYED],
}
#: a POST that creates a case: 201 with Location and ETag
CREATE: dict[str, Any] = {
    "status_code": 201,
    "security": BEARER,
    "responses": problems(401, 403, 404, 413),
    "response_headers": [ETAG, LOCATION, REPLAYED],
}
