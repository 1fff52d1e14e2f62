"""The parts of an agreement version a plugin may leave out, and what a request that needs one
is told (a plugin that supplies only some hooks starts; every endpoint answers with what it
has, and a missing part is a 404 or 422 naming the plugin and the part: the problem type
``urn:samverkan:problem:part-not-supplied`` with the members ``plugin`` and ``missing``).

The messages are English msgids, translated by the catalogue (:mod:`samverkan.kernel.i18n`).
"""

from __future__ import annotations

import datetime as dt

from samverkan.kernel.errors import NotFound, ProblemError
from samverkan.kernel.i18n import N_, _

#: The problem type's name (``urn:samverkan:problem:part-not-supplied``).
PROBLEM = "part-not-supplied"

#: Each part: what a request that needs it is told it lacks, and the hook that supplies it.
PARTS: dict[str, tuple[str, str]] = {
    "ladders": (N_("%(agreement)s has no escalation ladder on %(on)s"), "samverkan_ladders"),
    "deadlines": (N_("%(agreement)s has no named deadline on %(on)s"), "samverkan_deadlines"),
    "cost_policy": (N_("%(agreement)s has no cost policy on %(on)s"), "samverkan_cost_policy"),
    "sip": (
        N_("%(agreement)s has no SIP requirements for the context %(context)s on %(on)s"),
        "samverkan_sip_requirements",
    ),
    "deviations": (
        N_("%(agreement)s has no deviation rules on %(on)s"),
        "samverkan_deviation_rules",
    ),
    "responsibilities": (
        N_("%(agreement)s has no responsibility rules on %(on)s"),
        "samverkan_responsibilities",
    ),
}

WHY = N_(
    "plugin %(plugin)s does not supply one for version %(version)s (the hook %(hook)s, "
    "Rules.%(part)s in samverkan.plugin)"
)
WHY_REFINED = N_(
    "plugin %(plugin)s does not supply one for version %(version)s nor for the version it "
    "refines (the hook %(hook)s, Rules.%(part)s in samverkan.plugin)"
)


def missing_part(
    part: str,
    *,
    agreement: str,
    plugin: str,
    version: str,
    on: dt.date,
    refines: bool = False,
    context: str = "",
    error: type[ProblemError] = NotFound,
) -> ProblemError:
    """The error for a request that needs a part the agreement's plugin does not supply."""
    what, hook = PARTS[part]
    lacks = _(what, agreement=agreement, on=on, context=context)
    why = _(WHY_REFINED if refines else WHY, plugin=plugin, version=version, hook=hook, part=part)
    return error(f"{lacks}: {why}", plugin=plugin, missing=part, type_=PROBLEM)
