"""How deviations (*avvikelser*) between the parties are reported and handled."""

from __future__ import annotations

from typing import Literal

from samverkan.models.rules import Base, Rule


class DeviationPolicy(Base, kw_only=True):
    """How deviations (*avvikelser*) from an agreement are reported and handled.

    A deviation is one party's report that the other did not do what was agreed. The policy
    says where it is registered, who reports it, how it is handled and when it becomes a dispute.

    :param rule: what counts as a deviation and that it is reported.
    :param system: where deviations are registered, as the text names it (``"Synergi"``,
        ``"avsedd IT-tjänst"``); ``""`` when the text names none.
    :param system_rule: the rule naming that system, if any.
    :param reporting_roles: the roles the text names as reporting or handling deviations
        (Dalarna: ``("MAS", "MAR", "SAS")``); empty when it names none.
    :param roles: ``fixed`` (only the named roles report) or ``examples`` (any role may; the
        named ones are suggestions, e.g. Dalarna's "ofta").
    :param roles_rule: the rule naming the roles, if any.
    :param handling: how a deviation is handled (pace, feedback, analysis, reporting upward).
    :param escalation: what becomes of a deviation the parties cannot solve.
    :param title_suggestion: a title the text suggests for a registered deviation, if any.
    :param category_suggestion: a category the text suggests, if any.
    :param suggestion_rule: the rule making those suggestions, if any.
    """

    rule: Rule
    system: str = ""
    system_rule: Rule | None = None
    reporting_roles: tuple[str, ...] = ()
    roles: Literal["fixed", "examples"] = "examples"
    roles_rule: Rule | None = None
    handling: tuple[Rule, ...] = ()
    escalation: Rule
    title_suggestion: str = ""
    category_suggestion: str = ""
    suggestion_rule: Rule | None = None
