"""The parts of an agreement version a plugin may leave out, and what a request that needs one
is told (a plugin that supplies only some hooks starts; every endpoint answers with what it
has, and a missing part is a 404 or 422 naming the plugin and the part).

The HTTP-facing messages of this module are grouped here, in English, for the catalogues.
"""

from __future__ import annotations

import datetime as dt

from samverkan.kernel.errors import NotFound, ProblemError

#: Each part: how messages name it, the hook that supplies it and its field of ``Rules``.
PARTS: dict[str, tuple[str, str]] = {
    "ladders": ("escalation ladder", "samverkan_ladders"),
    "deadlines": ("named deadline", "samverkan_deadlines"),
    "cost_policy": ("cost policy", "samverkan_cost_policy"),
    "sip": ("SIP requirements", "samverkan_sip_requirements"),
    "deviations": ("deviation rules", "samverkan_deviation_rules"),
    "responsibilities": ("responsibility rules", "samverkan_responsibilities"),
}

# -- messages (HTTP-facing) ------------------------------------------------------------------

MISSING_PART = (
    "{agreement} has no {noun} on {on}: plugin {plugin!r} does not supply one for version "
    "{version}{inherits} (the hook {hook}, Rules.{part} in samverkan.plugin)"
)
MISSING_SIP_CONTEXT = " for the context {context!r}"
INHERITS = " nor for the version it refines"


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
    noun, hook = PARTS[part]
    if context:
        noun += MISSING_SIP_CONTEXT.format(context=context)
    detail = MISSING_PART.format(
        agreement=agreement,
        noun=noun,
        on=on,
        plugin=plugin,
        version=version,
        inherits=INHERITS if refines else "",
        hook=hook,
        part=part,
    )
    return error(detail, plugin=plugin, missing=part)
