"""The hooks an agreement plugin implements.

A plugin writes ``from samverkan import hookimpl`` and implements the hooks below with the same
parameter names (pluggy passes arguments by name; a plugin may accept fewer). Rule hooks are
called with the agreement id and version key and answer ``None`` for an agreement that is not
theirs, or for a rule they leave to their parent agreement: the core then asks the parent
version that the version ``refines``. Exactly one plugin owns an agreement id, so every rule
hook is ``firstresult``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import pluggy

from samverkan.models import (
    Agreement,
    CostPolicy,
    DeadlineRule,
    DeviationPolicy,
    FollowUpPolicy,
    Ladder,
    Responsibility,
    SipContext,
    SipRequirements,
)

hookspec = pluggy.HookspecMarker("samverkan")
hookimpl = pluggy.HookimplMarker("samverkan")


@hookspec
def samverkan_agreement() -> Agreement | None:
    """Describe the agreement this plugin encodes.

    Called once at start-up on every plugin; each answer is one agreement.

    :returns: the agreement's id, Swedish name, county, parent agreement (for a sub-regional
        text), parties with their SCB codes, and versions with their validity; or ``None`` for a
        plugin that supplies no agreement (e.g. a plugin that only adds a split method).
    """


@hookspec(firstresult=True)
def samverkan_ladders(agreement: str, version: str) -> list[Ladder] | None:
    """The escalation ladders of an agreement version.

    An agreement may have more than one, chosen by the dispute's subject (Dalarna 12.2 and 12.3;
    Göteborg's cost disputes in the line organisation). The first ladder is the default.

    :param agreement: the agreement id being asked about.
    :param version: the version key being asked about.
    :returns: the ladders, each with ordered tiers; ``None`` when not this plugin's agreement,
        or to inherit the ladders of the parent version.
    """


@hookspec(firstresult=True)
def samverkan_deadlines(agreement: str, version: str) -> list[DeadlineRule] | None:
    """Named deadlines of an agreement version (e.g. ``acute_cost_agreement``).

    Tier time limits are derived from the ladders by the core and need not be repeated here.
    A sub-regional plugin's list is merged over its parent's by name.

    :param agreement: the agreement id being asked about.
    :param version: the version key being asked about.
    :returns: the deadlines, or ``None`` when not this plugin's agreement (or nothing to add).
    """


@hookspec(firstresult=True)
def samverkan_cost_policy(agreement: str, version: str) -> CostPolicy | None:
    """How a placement's cost is split under an agreement version.

    :param agreement: the agreement id being asked about.
    :param version: the version key being asked about.
    :returns: the policy (schablon or none, units, acute rule, retroactivity, prerequisites,
        what the written agreement must show); ``None`` when not this plugin's agreement, or to
        inherit the parent's policy.
    """


@hookspec(firstresult=True)
def samverkan_sip_requirements(
    agreement: str, version: str, context: SipContext
) -> SipRequirements | None:
    """What a SIP must contain under an agreement version, in a context.

    :param agreement: the agreement id being asked about.
    :param version: the version key being asked about.
    :param context: ``general``, ``placement`` or ``child_placement``.
    :returns: the requirements; ``None`` when not this plugin's agreement, or to inherit the
        parent's requirements for that context. The core falls back from ``child_placement``
        to ``placement`` when neither the version nor its parent names one for children.
    """


@hookspec(firstresult=True)
def samverkan_deviation_rules(agreement: str, version: str) -> DeviationPolicy | None:
    """How deviations (*avvikelser*) between the parties are reported and handled.

    :param agreement: the agreement id being asked about.
    :param version: the version key being asked about.
    :returns: the policy (what a deviation is, the system it is registered in, the roles the
        text names and whether they are a fixed list or examples, handling rules, what becomes
        of an unsolved deviation, suggested title and category); ``None`` when not this
        plugin's agreement, or to inherit the parent version's policy.
    """


@hookspec(firstresult=True)
def samverkan_responsibilities(agreement: str, version: str) -> list[Responsibility] | None:
    """Responsibility rules that can be looked up: who answers for which care, staff or cost
    (HSA 2.1–2.5: physicians, nurses, home visits, medicines, personal aids).

    A refining version's list is merged over its parent's by ``key``. A version whose text has
    no such rules answers ``None`` (the agreement view then shows an empty list).

    :param agreement: the agreement id being asked about.
    :param version: the version key being asked about.
    :returns: the rules, each with its kind (``care``, ``principle``, ``cost``), strength and
        citation; ``None`` when not this plugin's agreement, or nothing to add.
    """


@hookspec(firstresult=True)
def samverkan_follow_up(agreement: str, version: str) -> FollowUpPolicy | None:
    """How an agreement version is followed up (*uppföljning*): who follows up what, how often,
    at which levels, and what the follow-up is to show.

    The follow-up report (``GET /api/v1/followup``) cites these rules, and names each ask that no
    section of the report answers as not covered. A refining version's rules and asks are merged
    over its parent's by key (a rule's or an ask's ``key``).

    :param agreement: the agreement id being asked about.
    :param version: the version key being asked about.
    :returns: the policy; ``None`` when not this plugin's agreement, or nothing to add to the
        parent's.
    """


@hookspec
def samverkan_split_methods() -> Mapping[str, Callable[..., object]] | None:
    """Ways to split an amount between the parties.

    The core's own methods (``schablon``, ``percent``, ``amount``) are supplied through this
    hook by ``samverkan.kernel.split_methods``. Each callable takes keyword arguments
    ``amount_ore``, ``request`` (the split request) and ``policy`` (the cost policy in force)
    and returns a :class:`samverkan.kernel.split.SplitResult` or raises :class:`samverkan.kernel.errors.RuleViolation`.

    :returns: a mapping of method name to callable.
    """
