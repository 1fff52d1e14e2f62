"""Declaring an agreement plugin in a few lines: its agreement, and each version's rules.

A plugin package builds one :class:`AgreementPlugin` in its ``__init__.py``, and its entry point
names that object; pluggy registers it as it would a module (pytest registers plugin objects
the same way)::

    plugin = AgreementPlugin(
        __name__,
        AGREEMENT,
        {"hvb-2021": Rules(ladders=LADDERS, deadlines=DEADLINES, cost_policy=COST_POLICY)},
    )

    # pyproject.toml
    [project.entry-points.samverkan]
    dalarna = "plugins.dalarna:plugin"

The hooks are implemented once, here. Each rule hook answers the part of :class:`Rules` the
asked version declares, and ``None`` for another agreement or for a part the version leaves to
the version it ``refines``. A hook that no version answers is not registered at all, so
``/-/plugins`` lists exactly the hooks the plugin supplies. A plugin that also supplies split
methods subclasses :class:`AgreementPlugin` and adds that hookimpl.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from samverkan import models
from samverkan.hookspecs import hookimpl


@dataclass(frozen=True, kw_only=True)
class Rules:
    """The rules one version of an agreement supplies, each part as its hook answers it.

    A part left ``None`` is not this version's: the core asks the version it refines, or shows
    none.

    :param ladders: the escalation ladders (``samverkan_ladders``); the first is the default.
    :param deadlines: named deadlines (``samverkan_deadlines``).
    :param cost_policy: how a placement's cost is split (``samverkan_cost_policy``).
    :param sip: SIP requirements by context (``samverkan_sip_requirements``); a context not in
        the mapping is left to the parent version.
    :param deviations: how deviations are handled (``samverkan_deviation_rules``).
    :param responsibilities: responsibility rules to look up (``samverkan_responsibilities``).
    :param follow_up: how the version is followed up (``samverkan_follow_up``).
    """

    ladders: Sequence[models.Ladder] | None = None
    deadlines: Sequence[models.DeadlineRule] | None = None
    cost_policy: models.CostPolicy | None = None
    sip: Mapping[models.SipContext, models.SipRequirements] | None = None
    deviations: models.DeviationPolicy | None = None
    responsibilities: Sequence[models.Responsibility] | None = None
    follow_up: models.FollowUpPolicy | None = None


#: Each rule hook and the part of :class:`Rules` it answers.
PARTS: dict[str, str] = {
    "samverkan_ladders": "ladders",
    "samverkan_deadlines": "deadlines",
    "samverkan_cost_policy": "cost_policy",
    "samverkan_sip_requirements": "sip",
    "samverkan_deviation_rules": "deviations",
    "samverkan_responsibilities": "responsibilities",
    "samverkan_follow_up": "follow_up",
}


class AgreementPlugin:
    """One agreement and the rules of each of its versions, registered as a pluggy plugin.

    :param module: the declaring module's ``__name__``; ``/-/plugins`` shows it, as it shows a
        module plugin's name.
    :param agreement: what ``samverkan_agreement`` answers.
    :param versions: each version key of ``agreement`` and the rules it supplies; every version
        the agreement names must be declared, and no other.
    :raises ValueError: the declared version keys are not the agreement's.
    """

    def __init__(
        self, module: str, agreement: models.Agreement, versions: Mapping[str, Rules]
    ) -> None:
        named = sorted(version.key for version in agreement.versions)
        if sorted(versions) != named:
            raise ValueError(
                f"{agreement.id}: rules are declared for the versions {sorted(versions)}, "
                f"but the agreement names {named}"
            )
        self.__name__ = module
        self.agreement = agreement
        self.versions = dict(versions)

    def __repr__(self) -> str:
        return f"<AgreementPlugin {self.agreement.id} from {self.__name__}>"

    def __dir__(self) -> list[str]:
        """Every attribute but the rule hooks no version answers: pluggy registers what
        ``dir()`` lists, so those hooks are neither called nor listed as implemented."""
        unanswered = {
            hook
            for hook, part in PARTS.items()
            if all(getattr(rules, part) is None for rules in self.versions.values())
        }
        return [name for name in super().__dir__() if name not in unanswered]

    def part(self, agreement: str, version: str, part: str) -> Any:
        """The ``part`` of the asked version's rules; ``None`` if the version is not ours."""
        if agreement != self.agreement.id or version not in self.versions:
            return None
        return getattr(self.versions[version], part)

    def _listed(self, agreement: str, version: str, part: str) -> list[Any] | None:
        found = self.part(agreement, version, part)
        return None if found is None else list(found)

    @hookimpl
    def samverkan_agreement(self) -> models.Agreement:
        return self.agreement

    @hookimpl
    def samverkan_ladders(self, agreement: str, version: str) -> list[models.Ladder] | None:
        return self._listed(agreement, version, "ladders")

    @hookimpl
    def samverkan_deadlines(self, agreement: str, version: str) -> list[models.DeadlineRule] | None:
        return self._listed(agreement, version, "deadlines")

    @hookimpl
    def samverkan_cost_policy(self, agreement: str, version: str) -> models.CostPolicy | None:
        policy: models.CostPolicy | None = self.part(agreement, version, "cost_policy")
        return policy

    @hookimpl
    def samverkan_sip_requirements(
        self, agreement: str, version: str, context: models.SipContext
    ) -> models.SipRequirements | None:
        by_context: Mapping[models.SipContext, models.SipRequirements] | None = self.part(
            agreement, version, "sip"
        )
        return None if by_context is None else by_context.get(context)

    @hookimpl
    def samverkan_deviation_rules(
        self, agreement: str, version: str
    ) -> models.DeviationPolicy | None:
        policy: models.DeviationPolicy | None = self.part(agreement, version, "deviations")
        return policy

    @hookimpl
    def samverkan_responsibilities(
        self, agreement: str, version: str
    ) -> list[models.Responsibility] | None:
        return self._listed(agreement, version, "responsibilities")

    @hookimpl
    def samverkan_follow_up(self, agreement: str, version: str) -> models.FollowUpPolicy | None:
        policy: models.FollowUpPolicy | None = self.part(agreement, version, "follow_up")
        return policy
