"""Who is acting: until API keys arrive, request headers name the organisation and person.

- ``X-Actor-Org``: the acting organisation's code: a municipality's SCB code (e.g. ``1490``) or
  the region's county code (``14`` for VGR, ``20`` for Region Dalarna).
- ``X-Actor-Person``: the person acting (name or user id in the caller's own system). Header
  values are ASCII: send a name like ``Åsa Öberg`` percent-encoded as UTF-8
  (``%C3%85sa%20%C3%96berg``); it is decoded before it is stored.

Both are required on every change; the history records them.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import unquote

from litestar import Request

from core.disputes import Actor
from core.errors import InvalidInput, field_error

_ORG = re.compile(r"^[0-9]{2}([0-9]{2})?$")


def actor_from(request: Request[Any, Any, Any]) -> Actor:
    org = (request.headers.get("x-actor-org") or "").strip()
    person = unquote((request.headers.get("x-actor-person") or "").strip()).strip()
    errors = []
    if not _ORG.match(org):
        errors.append(
            field_error("X-Actor-Org", "the acting organisation's SCB code (e.g. 1490, or 14)")
        )
    if not person or len(person) > 200:
        errors.append(field_error("X-Actor-Person", "who acts (1–200 characters)"))
    if errors:
        raise InvalidInput(
            "name who acts with the X-Actor-Org and X-Actor-Person headers", errors=errors
        )
    return Actor(org=org, person=person)
