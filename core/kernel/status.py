"""How an enabled agreement stands today, for its admin (``/health``, ``samverkan agreements``):
in force, in force only by a configured extension, ending within 90 days, lapsed, or not yet
in force. A lapsed agreement's status names the config key that extends it."""

from __future__ import annotations

import datetime as dt

from samverkan.kernel.answers import VersionRef
from samverkan.kernel.errors import OutOfValidity
from samverkan.kernel.i18n import _
from samverkan.kernel.registry import Registry
from samverkan.kernel.rule_answers import AgreementStatus

#: an end in force this close is reported as ``ending_soon``
SOON = dt.timedelta(days=90)


def extension_key(agreement_id: str) -> str:
    """The config key that extends an agreement beyond its text."""
    return f"[agreements.{agreement_id}] extended_to"


def agreement_status(registry: Registry, agreement_id: str, today: dt.date) -> AgreementStatus:
    agreement = registry.agreement(agreement_id)
    key = extension_key(agreement_id)
    try:
        in_force = registry.in_force(agreement_id, today)
    except OutOfValidity:
        first = min(v.valid_from for v in agreement.versions)
        if today < first:
            return AgreementStatus(
                id=agreement_id,
                status="not_yet_in_force",
                version=None,
                ends_on=None,
                message=_("%(id)s comes into force on %(first)s.", id=agreement_id, first=first),
                config_key=None,
            )
        last = max(v.valid_to for v in agreement.versions)
        return AgreementStatus(
            id=agreement_id,
            status="lapsed",
            version=None,
            ends_on=last,
            message=_(
                "%(id)s has no version in force on %(today)s: its text ended %(last)s. Cases "
                "under it keep their version; new ones are refused until the parties' decision "
                "to extend it is recorded as %(key)s in config/samverkan.toml.",
                id=agreement_id,
                today=today,
                last=last,
                key=key,
            ),
            config_key=key,
        )
    version = VersionRef(agreement=in_force.version_agreement, key=in_force.version.key)
    validity = in_force.validity
    ends_on = None if validity.extends else validity.ends_on
    if validity.basis == "config_extension":
        status, message = (
            "in_force_by_extension",
            _(
                "%(id)s is in force only by the extension in config (%(key)s) until %(end)s; "
                "its text ended %(text_end)s.",
                id=agreement_id,
                key=key,
                end=validity.ends_on,
                text_end=validity.text_ends_on,
            ),
        )
    else:
        status, message = (
            "in_force",
            _("%(id)s is in force (%(version)s).", id=agreement_id, version=in_force.version.key),
        )
    if (
        ends_on is not None
        and ends_on - today <= SOON
        and not _continues(registry, agreement_id, ends_on)
    ):
        status = "ending_soon"
        message = _(
            "%(id)s ends %(end)s, within 90 days; if the parties extend it, record it as %(key)s.",
            id=agreement_id,
            end=ends_on,
            key=key,
        )
    return AgreementStatus(
        id=agreement_id,
        status=status,  # type: ignore[arg-type]
        version=version,
        ends_on=ends_on,
        message=message,
        config_key=key if status in ("ending_soon", "in_force_by_extension") else None,
    )


def _continues(registry: Registry, agreement_id: str, ends_on: dt.date) -> bool:
    """Whether a version (its next one, or the parent's) is in force the day after."""
    try:
        registry.in_force(agreement_id, ends_on + dt.timedelta(days=1))
    except (OutOfValidity, OverflowError):
        return False
    return True
