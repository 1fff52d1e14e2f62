"""What every case controller shares: how a change's answer becomes a response.

One rule for every POST that changes something: the same ``Idempotency-Key`` with the same
body returns the first answer (``Idempotent-Replayed: true``), with another body 422; the case
services apply it (:mod:`samverkan.cases.changes`). ``If-Match`` guards changes to a case's
state. The headers are declared in :mod:`.declare`.
"""

from __future__ import annotations

from typing import Annotated, Any, TypeVar

from litestar import Request, Response
from litestar.params import QueryParameter

from samverkan.api.caller import Caller
from samverkan.api.declare import Named
from samverkan.cases.changes import Answer
from samverkan.cases.common import etag

T = TypeVar("T")
AnyRequest = Request[Any, Any, Any]
Who = Named[Caller]
Limit = Annotated[int, QueryParameter(ge=1, le=500, description="Items per page (1–500).")]
Offset = Annotated[
    int, QueryParameter(ge=0, le=2**62, description="Items to skip.")  # within SQLite INTEGER
]


def reply(answer: Answer, kind: type[T]) -> Response[T]:
    """The response for a change's answer, typed as ``kind``."""
    return Response(answer.typed(kind), status_code=answer.status, headers=answer.headers)


def shown(view: T) -> Response[T]:
    """A case as read, with its ``ETag``."""
    return Response(view, headers={"ETag": etag(view)})
