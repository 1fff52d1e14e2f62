"""The words every rule is made of: strength, citation, rule, period, document field.

Every rule carries a :class:`Citation` (document + clause, with the Swedish words it rests
on) and a :class:`Strength`, the force the text gives it (DOMAIN.md, "How strong a rule is").
All structs are frozen msgspec Structs, so plugin data cannot be changed after loading and
every model round-trips through JSON.
"""

from __future__ import annotations

import enum
from typing import Annotated, Literal

import msgspec

Key = Annotated[str, msgspec.Meta(pattern=r"^[a-z][a-z0-9_\-.]*$", max_length=64)]
ScbCode = Annotated[str, msgspec.Meta(pattern=r"^[0-9]{2}([0-9]{2})?$")]
Party = Literal["region", "municipality"]
PARTIES: tuple[Party, Party] = ("region", "municipality")


class Base(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """Frozen, keyword-only, strict about unknown fields."""


class Strength(enum.StrEnum):
    """How strongly the text words a rule."""

    SHALL = "shall"  # ska, skall, är skyldiga: refused when broken
    SHOULD = "should"  # bör, det är viktigt att, i första hand: accepted with a warning
    MAY = "may"  # kan, får: an option the parties choose and record


class Citation(Base, kw_only=True):
    """Where a rule comes from.

    :param document: short id of the document, e.g. ``"ÖK 2017"``, ``"HSA 2027"``.
    :param clause: section or heading in the document, e.g. ``"3.5 Överenskommelse om kostnadsansvar"``.
    :param quote: the Swedish words the rule rests on, as short as makes the rule checkable.
    :param note: how the project reads the text where it is silent or ambiguous; an
        *interpretation* or *assumption* is marked as such here, never hidden.
    """

    document: str
    clause: str
    quote: str = ""
    note: str = ""


class Rule(Base, kw_only=True):
    """A rule in words, with its force and source.

    :param key: a stable id. The core checks some rules by key (:data:`RULE_KEYS`); a version
        that builds on another restates one of its rules by using the same key (see
        :mod:`samverkan.inherit`). Every prerequisite and note of a cost policy has one.
    :param replaces: keys of the parent version's rules this rule stands in for, where it
        restates them under another key or merges several (:mod:`samverkan.inherit`).
    """

    text: str
    strength: Strength
    citation: Citation
    key: str = ""
    replaces: tuple[str, ...] = ()


#: Rules the core checks by key, wherever a plugin lists them (``CostPolicy.prerequisites``).
#: Other keys only name a rule so that a refining version can restate or replace it.
RULE_KEYS: dict[str, str] = {
    "cost_agreement_before_placement": "a written cost agreement precedes the placement",
    "sip_before_placement": "a SIP (or where allowed an equivalent plan) precedes the placement",
    "placement_in_county": "a placement within the county/region is the first choice",
    "joint_planning_before_end": "before a placement ends the parties plan further insatser",
    "scope_children": "the agreement covers placements of children and young people only",
}


class Period(Base, kw_only=True):
    """A span of calendar time: ``30 days``, ``1 month`` (end-of-month clamped) or ``3 years``
    (36 calendar months)."""

    amount: Annotated[int, msgspec.Meta(ge=0)]
    unit: Literal["days", "months", "years"]


class DocumentField(Base, kw_only=True):
    """One thing a document (SIP, cost agreement) must show.

    :param applies_to: ``all`` placements, or only ``acute`` or ``planned`` ones (Dalarna asks
        for the municipality of registration only after an acute placement).
    """

    key: Key
    label: str
    label_en: str
    strength: Strength
    citation: Citation
    applies_to: Literal["all", "acute", "planned"] = "all"
