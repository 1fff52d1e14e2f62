"""One mechanism for the rules a version takes over from the version it builds on.

A rule a later text may restate carries a ``key``. The building version (a sub-regional text
that ``refines`` its parent, or a later version of the same agreement carrying an earlier one
forward, :func:`carry_forward`):

- restates a parent rule by giving its own rule the same ``key``;
- names the parent rules one of its rules stands in for in that rule's ``replaces``;
- inherits every other parent rule unchanged, in the list it stands in (optionally with a note
  added to its citation, e.g. "carried forward").

So no parent rule vanishes unless the child names what replaces it. A cost policy's
``prerequisites`` and ``notes`` all carry keys (the plugin kit checks it, ``samverkan.kit``); its
other parts (main rule, schablon, units, acute rule, retroactivity, what the written agreement
must show) are single answers the child always gives, but their rules may still name
``replaces``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeVar

import msgspec

from samverkan.models import Citation, CostPolicy, DeadlineRule, Rule, SipRequirements

#: What a version may take over from another with a note on its citation.
Cited = TypeVar("Cited", Rule, DeadlineRule, SipRequirements)


def annotate(rule: Cited, note: str, **changes: Any) -> Cited:
    """The rule with ``note`` added to its citation's note, and the ``changes`` made to it.

    E.g. a later version carrying a deadline forward under its own title:
    ``annotate(OK_DEADLINE, "carried forward …", title="…")``.
    """
    if note:
        joined = f"{rule.citation.note} {note}".strip()
        citation: Citation = msgspec.structs.replace(rule.citation, note=joined)
        changes = {"citation": citation, **changes}
    return msgspec.structs.replace(rule, **changes) if changes else rule


def restated(rules: Iterable[Rule | None]) -> set[str]:
    """The parent keys these rules restate or replace."""
    taken: set[str] = set()
    for rule in rules:
        if rule is not None:
            taken.update(k for k in (rule.key, *rule.replaces) if k)
    return taken


def inherit_rules(
    own: tuple[Rule, ...], parent: tuple[Rule, ...], taken: set[str], note: str = ""
) -> tuple[Rule, ...]:
    """The child's own rules, then the parent's rules whose key is not ``taken``."""
    return (*own, *(annotate(r, note) for r in parent if not r.key or r.key not in taken))


def policy_rules(policy: CostPolicy) -> tuple[Rule | None, ...]:
    """Every rule of a cost policy that may restate or replace a parent's."""
    return (
        policy.main_rule,
        policy.no_schablon,
        policy.units_rule,
        policy.placing_rule,
        *policy.prerequisites,
        *policy.notes,
    )


def inherit_cost_policy(child: CostPolicy, parent: CostPolicy, note: str = "") -> CostPolicy:
    """The child's policy, carrying every parent prerequisite and note it does not restate."""
    taken = restated(policy_rules(child))
    return msgspec.structs.replace(
        child,
        prerequisites=inherit_rules(child.prerequisites, parent.prerequisites, taken, note),
        notes=inherit_rules(child.notes, parent.notes, taken, note),
    )


def carry_forward(earlier: CostPolicy, note: str = "", **changes: Any) -> CostPolicy:
    """A later version's cost policy, taking the earlier version's wherever it says nothing.

    ``changes`` are the parts the later version states itself. Its own ``prerequisites`` and
    ``notes`` (if it states any) come first, then every earlier one it does not restate or
    replace, with ``note`` added to their citations (:func:`inherit_cost_policy`).
    """
    own = msgspec.structs.replace(earlier, **{"prerequisites": (), "notes": (), **changes})
    return inherit_cost_policy(own, earlier, note)
