"""A placement's settlement from its rows: the splits its written cost agreements and its
resolved disputes' outcomes set (each from its own date), laid over its cost entries by
:func:`samverkan.kernel.settlement.settle`."""

from __future__ import annotations

import datetime as dt
import json
from fractions import Fraction
from typing import Any

import msgspec

from samverkan.cases.common import cite
from samverkan.cases.placements.answers import Settlement
from samverkan.cases.placements.checks import PARTY_WORDS
from samverkan.kernel.i18n import _
from samverkan.kernel.registry import InForce
from samverkan.kernel.settlement import Entry, Split, settle
from samverkan.models import PARTIES, CostPolicy, Party

Row = dict[str, Any]


def placement_settlement(
    row: Row,
    in_force: InForce,
    policy: CostPolicy,
    agreements: list[Row],
    disputes: list[Row],
    entries: list[Row],
    as_of: dt.date,
) -> Settlement:
    """Who owes whom, to the öre, line by line.

    :param agreements: the cost agreements agreed by ``as_of``, in order.
    :param disputes: the linked disputes resolved by ``as_of``.
    :param entries: the cost entries whose period starts by ``as_of``, in order.
    """
    start = dt.date.fromisoformat(row["start_date"])
    placer: Party = row["placing_party"]
    other: Party = "region" if placer == "municipality" else "municipality"
    stays = policy.acute.cost_stays_with_placing_party
    base = Split(
        start,
        {placer: Fraction(1), other: Fraction(0)},
        _("the placing party (%(party)s) bears the whole cost", party=_(PARTY_WORDS[placer])),
        _("before a split applies, the placing party bears the whole cost"),
        cite(stays.citation),
    )
    skipped: list[str] = []
    changes = split_changes(policy, agreements, disputes, skipped)
    ledger = [
        Entry(
            e["id"],
            dt.date.fromisoformat(e["period_from"]),
            dt.date.fromisoformat(e["period_to"]),
            e["amount_ore"],
            e["paid_by"],
            e["invoice_ref"],
        )
        for e in entries
    ]
    result = settle(base, [c for _key, c in sorted(changes, key=lambda x: x[0])], ledger, as_of)
    notices = (
        [n.text for n in in_force.notices]
        + ([policy.assumption] if policy.assumption else [])
        + skipped
    )
    return msgspec.convert(
        {
            "placement_id": row["id"],
            "agreement": row["agreement"],
            "version": {"agreement": row["version_agreement"], "key": row["version"]},
            **result,
            "notices": notices,
        },
        Settlement,
    )


def split_changes(
    policy: CostPolicy, agreements: list[Row], disputes: list[Row], skipped: list[str]
) -> list[tuple[tuple[str, str], Split]]:
    """Cost agreements and resolved disputes' adjustments, each keyed by the day it was agreed
    or decided, then the time it was recorded: the later one supersedes the earlier from its
    own date. (Recording time alone is not an order: it has whole seconds, and an old agreement
    may be registered after a later decision.) An outcome whose split gives no usable shares
    is named in ``skipped``."""
    changes: list[tuple[tuple[str, str], Split]] = []
    retro = policy.retroactivity.rule
    for a in agreements:
        effective = dt.date.fromisoformat(a["effective_from"])
        agreed = dt.date.fromisoformat(a["agreed_on"])
        reaches_back = effective < agreed
        why = (
            _(
                "the written cost agreement of %(agreed)s applies from %(effective)s, reaching "
                "back as its agreement allows",
                agreed=agreed,
                effective=effective,
            )
            if reaches_back
            else _(
                "the written cost agreement of %(agreed)s applies from %(effective)s",
                agreed=agreed,
                effective=effective,
            )
        )
        changes.append(
            (
                (a["agreed_on"], a["created_at"]),
                Split(
                    effective,
                    {p: Fraction(v) for p, v in json.loads(a["weights"]).items()},
                    _("cost agreement %(seq)s (%(method)s)", seq=a["seq"], method=a["method"]),
                    why,
                    cite(retro.citation) if reaches_back else json.loads(a["rule"]),
                    {"cost_agreement": a["id"]},
                ),
            )
        )
    for d in disputes:
        adjustment = (json.loads(d["resolution"] or "{}") or {}).get("adjustment") or {}
        split = adjustment.get("split")
        if not split:
            continue
        weights = dispute_weights(split, policy)
        if weights is None:
            skipped.append(
                _(
                    "dispute %(id)s: its outcome's split %(split)s does not give each party a "
                    "share between 0 and 1, so the settlement does not apply it",
                    id=d["id"],
                    split=json.dumps(split),
                )
            )
            continue
        changes.append(
            (
                (d["closed_on"], d["updated_at"]),
                Split(
                    dt.date.fromisoformat(adjustment["effective_from"]),
                    weights,
                    _("dispute %(id)s outcome (%(method)s)", id=d["id"], method=split["method"]),
                    _(
                        "the dispute's outcome adjusts the split retroactively from %(day)s",
                        day=adjustment["effective_from"],
                    ),
                    adjustment.get("rule", {}),
                    {"dispute": d["id"]},
                ),
            )
        )
    return changes


def dispute_weights(split: dict[str, Any], policy: CostPolicy) -> dict[Party, Fraction] | None:
    """The outcome's shares, or ``None`` when its split gives none usable (a schablon where
    the agreement has none, an amount split without amounts, a share outside 0–1)."""
    method = split.get("method")
    if method == "schablon":
        if policy.schablon is None:
            return None
        sch = policy.schablon
        return {
            "region": Fraction(sch.region.numerator, sch.region.denominator),
            "municipality": Fraction(sch.municipality.numerator, sch.municipality.denominator),
        }
    values = split.get("shares" if method == "percent" else "amounts_ore") or {}
    if set(values) != set(PARTIES) or any(values[p] < 0 for p in PARTIES):
        return None
    total = sum(values.values())
    if total <= 0 or (method == "percent" and total != 100):
        return None
    return {p: Fraction(values[p], total) for p in PARTIES}
