"""``Idempotency-Key``: the same key and body replay the first answer, whatever the request.

Keys are scoped to the calling organisation, so one organisation's key never finds another's
answer. The answer (with the objects it touched, for the audit of a replay) is stored in the
same transaction as the change it reports, so a change is never made twice: a retry after a
lost answer finds it.

The answer's body is kept compact: its JSON (msgspec) compressed with zlib, about 40 % of the
text (a small window, set up in a few µs), so a commit writes fewer pages. A replay decodes it
to the same data, so the answer is the same bytes; rows written before as JSON text are read as
they are.
"""

from __future__ import annotations

import hashlib
import json
import re
import zlib
from dataclasses import dataclass
from typing import Any

import msgspec
import sqlite_utils

from samverkan.kernel.errors import BadRequest, InvalidInput, field_error
from samverkan.kernel.i18n import _
from samverkan.store import sql

#: what a key may be: 1–255 visible ASCII characters (a UUID is the usual choice)
KEY_FORMAT = re.compile(r"[\x21-\x7e]{1,255}")


@dataclass(frozen=True)
class Stored:
    """A stored answer: status, body, headers, and the objects the audit names."""

    status: int
    body: Any
    headers: dict[str, str]
    audited: list[dict[str, Any]] | None


def body_hash(canonical: bytes) -> str:
    return hashlib.sha256(canonical).hexdigest()


def check_key(key: str) -> str:
    if not KEY_FORMAT.fullmatch(key):
        raise BadRequest(
            _("Idempotency-Key is 1–255 visible ASCII characters, e.g. a UUID"),
            title=_("A header is malformed"),
            errors=[
                field_error("Idempotency-Key", _("1–255 visible ASCII characters"), where="header")
            ],
            type_="malformed-header",
        )
    return key


def replay(db: sqlite_utils.Database, org: str, key: str, route: str, digest: str) -> Stored | None:
    """The stored answer for this key, ``None`` if new; 422 if the key came with another
    request (another body, or another method and path)."""
    rows = list(db.query("SELECT * FROM idempotency_keys WHERE org = ? AND key = ?", [org, key]))
    if not rows:
        return None
    row = rows[0]
    if row["route"] != route or row["body_hash"] != digest:
        raise InvalidInput(
            _(
                "this Idempotency-Key was used with another request; use a new key for a new request"
            ),
            errors=[
                field_error(
                    "Idempotency-Key",
                    _("reuse a key only to retry the same request"),
                    where="header",
                )
            ],
            type_="idempotency-key-reused",
        )
    audited = json.loads(row["audited"]) if row.get("audited") else None
    return Stored(int(row["status"]), unpack(row["response"]), json.loads(row["headers"]), audited)


def pack(body: Any) -> bytes:
    """An answer's body as stored: its JSON, zlib-compressed with a 4 KiB window and a small
    match table (an answer is a few KiB; zlib's defaults set up 256 KiB for each call, which
    took longer than compressing). ``zlib.decompress`` reads the window from the header."""
    packer = zlib.compressobj(1, zlib.DEFLATED, 12, 4)
    return packer.compress(msgspec.json.encode(body)) + packer.flush()


def unpack(stored: bytes | str) -> Any:
    """The body :func:`pack` stored (or, from an older row, its JSON text)."""
    if isinstance(stored, bytes):
        return msgspec.json.decode(zlib.decompress(stored))
    return json.loads(stored)


def remember(
    db: sqlite_utils.Database,
    org: str,
    key: str,
    route: str,
    digest: str,
    answer: Stored,
    now: str,
) -> None:
    sql.insert(
        db,
        "idempotency_keys",
        {
            "org": org,
            "key": key,
            "route": route,
            "body_hash": digest,
            "status": answer.status,
            "response": pack(answer.body),
            "headers": json.dumps(answer.headers),
            "audited": json.dumps(answer.audited, ensure_ascii=False),
            "created_at": now,
        },
    )
