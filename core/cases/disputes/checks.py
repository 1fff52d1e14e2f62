"""The rules a dispute's steps are checked against: who is a party, which days a step may
bear, the temporary arrangement, the dispute form, why an escalation is allowed, how far back
an outcome may reach, and which steps are open now (what a refusal names as allowed)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

import msgspec

from samverkan.cases.common import cite
from samverkan.cases.disputes.schemas import (
    Adjustment,
    OpenDispute,
    SplitSpec,
    TemporaryArrangement,
)
from samverkan.cases.disputes.transitions import PARTIES_SAID, retroactivity, tier_name
from samverkan.kernel.dates import add_period
from samverkan.kernel.errors import Forbidden, InvalidInput, RuleViolation, field_error
from samverkan.kernel.i18n import _, local, names
from samverkan.models import Agreement, CostPolicy, Ladder, Party, Tier


def party_of(agreement: Agreement, municipality: str, org: str) -> Party:
    """The party ``org`` acts for in a case of ``municipality``; 403 for anyone else."""
    if org == agreement.parties.region_code:
        return "region"
    if org == municipality:
        return "municipality"
    raise Forbidden(
        _(
            "organisation %(org)s is not a party to this case (region %(region)s, municipality "
            "%(municipality)s); only a party acts on it",
            org=org,
            region=agreement.parties.region_code,
            municipality=municipality,
        ),
        title=_("Only a party to the case may act on it"),
        errors=[
            field_error(
                "Authorization", _("a key of the region or the case's municipality"), where="header"
            )
        ],
    )


def due(tier: Tier, clock_started_on: dt.date) -> dt.date | None:
    return add_period(clock_started_on, tier.time_limit.period) if tier.time_limit else None


def check_day(value: dt.date | None, today: dt.date, last: str | None, field: str) -> dt.date:
    """A step's day (default today): never after today, never before the case's last step.

    A future day is not yet a fact (and would let ``time_ran_out`` through before the due
    date); a day before the last recorded step would put the history out of order.
    """
    day = value or today
    if day > today:
        raise InvalidInput(
            _(
                "%(field)s %(day)s is after today (%(today)s); a step is recorded once it has "
                "happened",
                field=field,
                day=day,
                today=today,
            ),
            errors=[field_error(field, _("on or before %(day)s", day=today))],
        )
    if last and day < dt.date.fromisoformat(last):
        raise InvalidInput(
            _(
                "%(field)s %(day)s is before the case's last recorded step (%(last)s)",
                field=field,
                day=day,
                last=last,
            ),
            errors=[field_error(field, _("on or after %(day)s", day=last))],
        )
    return day


def check_placement_link(placement: dict[str, Any] | None, request: OpenDispute) -> None:
    """A linked placement exists, under the same agreement and municipality."""
    if placement is None:
        raise InvalidInput(
            _("no placement %(id)s", id=request.placement_id),
            errors=[field_error("placement_id", _("the id of a registered placement"))],
        )
    if (placement["agreement"], placement["municipality"]) != (
        request.agreement,
        request.municipality,
    ):
        raise InvalidInput(
            _(
                "placement %(id)s is under %(agreement)s for municipality %(municipality)s; the "
                "dispute must be too",
                id=request.placement_id,
                agreement=placement["agreement"],
                municipality=placement["municipality"],
            ),
            errors=[
                field_error("placement_id", _("a placement of the same agreement and municipality"))
            ],
        )


def check_temporary_arrangement(
    ladder: Ladder, concerns: bool, arrangement: TemporaryArrangement | None
) -> None:
    rule = ladder.temporary_arrangement
    if not concerns:
        return
    if arrangement is None:
        raise RuleViolation(
            _(
                "a dispute that concerns an individual's care needs the temporary arrangement "
                "agreed meanwhile"
            ),
            errors=[
                field_error(
                    "temporary_arrangement",
                    _("give started_on and description (who provides and who pays what meanwhile)"),
                    rule.citation,
                    rule.strength,
                )
            ],
        )
    missing = [p for p in ladder.temporary_arrangement_parts if not getattr(arrangement, p)]
    if missing:
        raise RuleViolation(
            _("the temporary arrangement must state each party's own part"),
            errors=[
                field_error(
                    f"temporary_arrangement.{p}",
                    _(
                        "how %(party)s on its own secures the individual's insatser meanwhile",
                        party=_(PARTIES_SAID[p]),
                    ),
                    rule.citation,
                    rule.strength,
                )
                for p in missing
            ],
        )


def check_form(
    ladder: Ladder,
    tier_index: int,
    held: dict[str, str],
    given: dict[str, str],
    where: str,
) -> dict[str, str]:
    known = {f.key: f for t in ladder.tiers for f in t.form}
    unknown = sorted(set(given) - set(known))
    if unknown:
        raise InvalidInput(
            _(
                "unknown form fields %(unknown)s; this ladder's fields: %(known)s",
                unknown=", ".join(unknown),
                known=", ".join(known) or "—",
            ),
            errors=[
                field_error(f"{where}.{key}", _("not a field of this ladder")) for key in unknown
            ],
        )
    for key, value in given.items():
        if known[key].type == "date":
            try:
                dt.date.fromisoformat(value.strip())
            except ValueError:
                raise InvalidInput(
                    _("%(field)s must be a date YYYY-MM-DD", field=f"{where}.{key}"),
                    errors=[
                        field_error(
                            f"{where}.{key}",
                            _(
                                "a date YYYY-MM-DD: %(label)s",
                                label=local(known[key].label, known[key].label_en),
                            ),
                            known[key].citation,
                            known[key].strength,
                        )
                    ],
                ) from None
    merged = {**held, **{k: v.strip() for k, v in given.items() if v.strip()}}
    needed = [f for t in ladder.tiers[: tier_index + 1] for f in t.form if f.strength == "shall"]
    missing = [f for f in needed if f.key not in merged]
    if missing:
        tier = ladder.tiers[tier_index]
        raise RuleViolation(
            _(
                "%(tier)s needs %(n)s more dispute-form fields: %(fields)s",
                tier=tier_name(tier),
                n=len(missing),
                fields=names(
                    "; ".join(f"{f.key} ({f.label})" for f in missing),
                    "; ".join(f"{f.key} ({f.label_en})" for f in missing),
                ),
            ),
            errors=[
                {
                    **field_error(
                        f"{where}.{f.key}", local(f.label, f.label_en), f.citation, f.strength
                    ),
                    "label": f.label,
                }
                for f in missing
            ],
        )
    return merged


def check_adjustment(
    row: dict[str, Any],
    tier: Tier,
    adjustment: Adjustment,
    cost_policy: Callable[[], CostPolicy],
) -> dict[str, Any]:
    """The retroactive adjustment as the case stores it, after checking that the tier allows
    one for this dispute, how far back it reaches, and its split."""
    retro = retroactivity(row, tier)
    if retro is None or retro.from_ == "none":
        rule = retro.citation if retro else tier.citation
        raise RuleViolation(
            _(
                "the outcome at %(tier)s may not apply retroactively to this dispute (subject "
                "%(subject)s): %(document)s, %(clause)s",
                tier=tier_name(tier),
                subject=row["subject"],
                document=rule.document,
                clause=rule.clause,
            ),
            errors=[
                field_error(
                    "adjustment",
                    _("no retroactive adjustment at this tier for this dispute"),
                    rule,
                    retro.strength if retro else None,
                )
            ],
        )
    if adjustment.responsibility is None and adjustment.split is None:
        raise InvalidInput(
            _("an adjustment changes the responsibility, the split, or both"),
            errors=[field_error("adjustment", _("give responsibility and/or split"))],
        )
    earliest: dt.date | None = None
    basis = ""
    if retro.from_ == "joint_split":
        arrangement = json.loads(row["temporary_arrangement"] or "null")
        if arrangement is None:
            raise RuleViolation(
                _(
                    "the outcome may reach back only to the day a joint split existed, and this "
                    "case records none"
                ),
                errors=[
                    field_error(
                        "adjustment.effective_from",
                        _("no joint split recorded"),
                        retro.citation,
                        retro.strength,
                    )
                ],
            )
        earliest = dt.date.fromisoformat(arrangement["started_on"])
        basis = _("the day the joint (temporary) split started")
    elif retro.from_ == "insats_start":
        if adjustment.insats_started_on is None:
            raise InvalidInput(
                _(
                    "give insats_started_on: the outcome may reach back to the day the insats "
                    "started"
                ),
                errors=[
                    field_error(
                        "adjustment.insats_started_on",
                        _("the day the insats started"),
                        retro.citation,
                        retro.strength,
                    )
                ],
            )
        earliest = adjustment.insats_started_on
        basis = _("the day the insats started")
    if earliest is not None and adjustment.effective_from < earliest:
        raise RuleViolation(
            _(
                "effective_from %(day)s reaches back before %(basis)s (%(earliest)s)",
                day=adjustment.effective_from,
                basis=basis,
                earliest=earliest,
            ),
            errors=[
                field_error(
                    "adjustment.effective_from",
                    _("on or after %(day)s", day=earliest),
                    retro.citation,
                    retro.strength,
                )
            ],
        )
    if adjustment.split is not None:
        check_split(adjustment.split, cost_policy)
    return {
        **msgspec.to_builtins(adjustment),
        "reaches_back_to": retro.from_,
        "rule": cite(retro.citation),
    }


def check_split(split: SplitSpec, cost_policy: Callable[[], CostPolicy]) -> None:
    """The adjustment's split is one the agreement allows, and whole."""
    where = "adjustment.split"
    if split.method == "schablon":
        policy = cost_policy()
        if policy.schablon is None:
            rule = policy.no_schablon or policy.main_rule
            raise RuleViolation(
                _("this agreement has no schablon: %(text)s", text=rule.text),
                errors=[
                    field_error(f"{where}.method", _("not schablon"), rule.citation, rule.strength)
                ],
            )
        return
    parts = split.shares if split.method == "percent" else split.amounts_ore
    key = "shares" if split.method == "percent" else "amounts_ore"
    values = list((parts or {}).values())
    whole = (
        parts is not None
        and set(parts) == {"region", "municipality"}
        and all(v >= 0 for v in values)
        and (sum(values) == 100 if split.method == "percent" else sum(values) > 0)
    )
    if not whole:
        raise InvalidInput(
            _("a percent split names region and municipality, none negative, summing to 100")
            if split.method == "percent"
            else _("an amount split names region and municipality, none negative, not both zero"),
            errors=[field_error(f"{where}.{key}", '{"region": R, "municipality": M}')],
        )
