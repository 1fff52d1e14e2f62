"""Optimistic concurrency for cases: every case has a revision, shown as its ``ETag``; a
change names the revision it was made against in ``If-Match``."""

from __future__ import annotations

from typing import Any

from samverkan.kernel.errors import PreconditionFailed, PreconditionRequired, field_error


def etag(case: dict[str, Any]) -> str:
    """``"<id>.<revision>"``: changes whenever the case does."""
    return f'"{case["id"]}.{case["revision"]}"'


def check_if_match(case: dict[str, Any], if_match: str | None) -> None:
    """428 without ``If-Match``; 412 (nothing changed) unless it names the current revision."""
    if not if_match:
        raise PreconditionRequired(
            "send If-Match with the ETag from your last read of the case",
            errors=[field_error("If-Match", f"e.g. If-Match: {etag(case)}")],
        )
    tags = [tag.strip().removeprefix("W/") for tag in if_match.split(",")]
    if etag(case) not in tags and "*" not in tags:
        raise PreconditionFailed(
            f"the case is now at revision {case['revision']}; read it again and retry",
            current_etag=etag(case),
        )
