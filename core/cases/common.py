"""What every case type shares: who acts, the text fields a request may carry, how a rule is
cited in a case, and the optimistic concurrency every case has (a revision, shown as its
``ETag``; a change names the revision it was made against in ``If-Match``)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

import msgspec

from samverkan.access.keys import Principal
from samverkan.kernel.errors import (
    Conflict,
    PreconditionFailed,
    PreconditionRequired,
    RuleViolation,
    field_error,
)
from samverkan.kernel.i18n import _
from samverkan.kernel.registry import InForce, Registry
from samverkan.models import Agreement, Base, Citation

Text = Annotated[str, msgspec.Meta(min_length=1, max_length=20000)]
Title = Annotated[str, msgspec.Meta(min_length=1, max_length=300)]
Note = Annotated[str, msgspec.Meta(max_length=20000)]
#: A pseudonymous reference: a short prefix, a dash, 16–64 lowercase hex characters (e.g. the
#: first 32 hex digits of HMAC-SHA256(key kept outside the service, personnummer)).
IndividualRef = Annotated[str, msgspec.Meta(pattern=r"^[a-z][a-z0-9]{0,15}-[0-9a-f]{16,64}$")]
#: An organisation's code: a municipality's four-digit SCB code.
MunicipalityCode = Annotated[str, msgspec.Meta(pattern=r"^[0-9]{4}$")]

#: Where the API shows each case type (a change answers with its ``Location``).
CASE_PATHS = {
    "dispute": "/api/v1/disputes",
    "placement": "/api/v1/placements",
    "deviation": "/api/v1/deviations",
}
#: The type of a case by its identifier's prefix.
CASE_TYPES = {"dsp": "dispute", "plc": "placement", "dev": "deviation"}


class Actor(Base, kw_only=True):
    """Who acts: an organisation (SCB code of the municipality, county code of the region).

    :param principal: the API key's :class:`~samverkan.access.keys.Principal`, whose
        visibility scopes every query the action makes; ``None`` for the service's own work
        (the sweep, the CLI, a simulation).
    """

    org: str
    person: str
    principal: Principal | None = None


def cite(citation: Citation) -> dict[str, str]:
    """A rule's source as a case stores and shows it."""
    return {"document": citation.document, "clause": citation.clause, "quote": citation.quote}


def location(case_id: str) -> str:
    """Where the API shows a case, from its identifier."""
    return f"{CASE_PATHS[CASE_TYPES[case_id.split('_', 1)[0]]]}/{case_id}"


def _get(case: Any, name: str) -> Any:
    """A field of a case's row (a dict) or view (a Struct)."""
    return case.get(name) if isinstance(case, dict) else getattr(case, name, None)


def audited(case: Any) -> dict[str, Any]:
    """What the audit log names of a case (its view or its stored row)."""
    case_id = str(_get(case, "id"))
    kind = case_id.split("_", 1)[0]
    return {
        "object_type": CASE_TYPES.get(kind, kind),
        "object_id": case_id,
        "individual_ref": _get(case, "individual_ref"),
        "agreement": _get(case, "agreement"),
    }


def etag(case: Any) -> str:
    """``"<id>.<revision>"``: changes whenever the case does."""
    return f'"{_get(case, "id")}.{_get(case, "revision")}"'


def check_if_match(case: dict[str, Any], if_match: str | None) -> None:
    """428 without ``If-Match``; 412 (nothing changed) unless it names the current revision."""
    if not if_match:
        raise PreconditionRequired(
            _("send If-Match with the ETag from your last read of the case"),
            errors=[
                field_error(
                    "If-Match", _("e.g. If-Match: %(etag)s", etag=etag(case)), where="header"
                )
            ],
        )
    tags = [tag.strip().removeprefix("W/") for tag in if_match.split(",")]
    if etag(case) not in tags and "*" not in tags:
        raise PreconditionFailed(
            _(
                "the case is now at revision %(revision)s; read it again and retry",
                revision=case["revision"],
            ),
            current_etag=etag(case),
        )


#: the day a case keeps its version from, by column, in words
PINNING_DAYS = {"opened_on": "opening", "reported_on": "reporting"}


def pinned(registry: Registry, case: dict[str, Any], day: str, what: str) -> InForce:
    """The version a case keeps: the one in force on its ``day`` (``opened_on``,
    ``reported_on``); 409 if the loaded plugins no longer resolve it to the stored version."""
    in_force = registry.in_force(case["agreement"], dt.date.fromisoformat(case[day]))
    if (in_force.version_agreement, in_force.version.key) != (
        case["version_agreement"],
        case["version"],
    ):
        raise Conflict(
            _(
                "%(id)s is pinned to %(version)s, which the loaded plugins no longer resolve "
                "for the date it keeps its version from (%(day)s)",
                id=case["id"],
                version=f"{case['version_agreement']}/{case['version']}",
                day=case[day],
            )
        )
    return in_force


def check_municipality(agreement: Agreement, municipality: str) -> None:
    """The municipality is one of the agreement's parties (422 naming them if not)."""
    codes = {m.code: m.name for m in agreement.parties.municipalities}
    if municipality not in codes:
        raise RuleViolation(
            _(
                "municipality %(code)s is not a party to %(id)s; its parties are %(region)s "
                "(%(region_code)s) and %(municipalities)s",
                code=municipality,
                id=agreement.id,
                region=agreement.parties.region_name,
                region_code=agreement.parties.region_code,
                municipalities=", ".join(f"{name} ({code})" for code, name in codes.items()),
            ),
            errors=[
                field_error(
                    "municipality",
                    _(
                        "one of the %(n)s municipalities party to %(name)s",
                        n=len(codes),
                        name=agreement.name,
                    ),
                    agreement.parties.citation,
                )
            ],
            parties=[{"code": c, "name": n} for c, n in codes.items()],
        )
