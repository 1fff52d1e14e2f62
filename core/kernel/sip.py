"""Checking a SIP (samordnad individuell plan) against what an agreement requires."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

import msgspec

from samverkan.kernel.bounds import RequestBody
from samverkan.kernel.errors import field_error
from samverkan.kernel.i18n import _, names
from samverkan.models import SIP_FIELD_KEYS, SipContext, SipRequirements, Strength

Text = Annotated[str, msgspec.Meta(max_length=20000)]


class SipDocument(RequestBody, kw_only=True):
    """A SIP (or, where the agreement allows it, an equivalent plan) as the parties wrote it.

    Each field holds what the plan says on that point; an empty or absent field is missing.
    The keys are the shared vocabulary of :data:`samverkan.models.SIP_FIELD_KEYS`.
    """

    kind: Literal["sip", "equivalent"] = "sip"
    consent: bool | None = None
    needs: Text | None = None
    responsibilities: Text | None = None
    others_measures: Text | None = None
    overall_responsibility: Text | None = None
    goal: Text | None = None
    wishes: Text | None = None
    performers: Text | None = None
    school_occupation: Text | None = None
    follow_up: Text | None = None
    who_does_what: Text | None = None


assert set(SIP_FIELD_KEYS) <= set(SipDocument.__struct_fields__)


class SipCheckRequest(RequestBody, kw_only=True):
    """``POST /api/v1/agreements/{id}/sip-check``."""

    context: SipContext
    sip: SipDocument
    on: dt.date | None = None


def check_sip(requirements: SipRequirements, sip: SipDocument) -> dict[str, Any]:
    """What the plan lacks: *shall* fields in ``missing``, *should* fields in ``warnings``."""
    missing: list[dict[str, Any]] = []
    warnings: list[dict[str, Any]] = []
    for field in requirements.fields:
        value = getattr(sip, field.key, None)
        if value is None or not str(value).strip():
            entry = field_error(
                f"sip.{field.key}",
                _("the plan must show: %(what)s", what=names(field.label, field.label_en)),
                field.citation,
                field.strength,
            )
            entry["label"] = field.label
            (missing if field.strength == Strength.SHALL else warnings).append(entry)
    if sip.consent is not True:
        rule = requirements.consent
        entry = field_error(
            "sip.consent",
            _("the individual's consent is not recorded"),
            rule.citation,
            rule.strength,
        )
        (missing if rule.strength == Strength.SHALL else warnings).append(entry)
    if sip.kind == "equivalent" and requirements.equivalent_plan is None:
        missing.append(
            field_error(
                "sip.kind",
                _("this agreement asks for a SIP; it names no equivalent plan in its place"),
                requirements.citation,
                Strength.SHALL,
            )
        )
    return {
        "complete": not missing,
        "missing": missing,
        "warnings": warnings,
        "context": requirements.context,
        "required": [
            {"field": f.key, "label": f.label, "label_en": f.label_en, "strength": str(f.strength)}
            for f in requirements.fields
        ],
    }
