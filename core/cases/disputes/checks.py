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
from samverkan.kernel.dates import add_period
from samverkan.kernel.errors import Conflict, Forbidden, InvalidInput, RuleViolation, field_error
from samverkan.models import Agreement, CostPolicy, Ladder, Party, Retroactivity, Tier


def party_of(agreement: Agreement, municipality: str, org: str) -> Party:
    """The party ``org`` acts for in a case of ``municipality``; 403 for anyone else."""
    if org == agreement.parties.region_code:
        return "region"
    if org == municipality:
        return "municipality"
    raise Forbidden(
        f"organisation {org!r} is not a party to this case (region "
        f"{agreement.parties.region_code}, municipality {municipality}); only a party acts",
        errors=[field_error("Authorization", "a key of the region or the case's municipality")],
    )


def check_municipality(agreement: Agreement, municipality: str) -> None:
    """The municipality is one of the agreement's parties (422 naming them if not)."""
    codes = {m.code: m.name for m in agreement.parties.municipalities}
    if municipality not in codes:
        raise RuleViolation(
            f"municipality {municipality} is not a party to {agreement.id}; its "
            f"parties are {agreement.parties.region_name} ({agreement.parties.region_code}) "
            "and " + ", ".join(f"{name} ({code})" for code, name in codes.items()),
            errors=[
                field_error(
                    "municipality",
                    f"one of the {len(codes)} municipalities party to {agreement.name}",
                    agreement.parties.citation,
                )
            ],
            parties=[{"code": c, "name": n} for c, n in codes.items()],
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
            f"{field} {day} is after today ({today}); a step is recorded once it has happened",
            errors=[field_error(field, f"on or before {today}")],
        )
    if last and day < dt.date.fromisoformat(last):
        raise InvalidInput(
            f"{field} {day} is before the case's last recorded step ({last})",
            errors=[field_error(field, f"on or after {last}")],
        )
    return day


def check_placement_link(placement: dict[str, Any] | None, request: OpenDispute) -> None:
    """A linked placement exists, under the same agreement and municipality."""
    if placement is None:
        raise InvalidInput(
            f"no placement {request.placement_id!r}",
            errors=[field_error("placement_id", "the id of a registered placement")],
        )
    if (placement["agreement"], placement["municipality"]) != (
        request.agreement,
        request.municipality,
    ):
        raise InvalidInput(
            f"placement {request.placement_id} is under {placement['agreement']} for "
            f"municipality {placement['municipality']}; the dispute must be too",
            errors=[
                field_error("placement_id", "a placement of the same agreement and municipality")
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
            "a dispute that concerns an individual's care needs the temporary arrangement "
            f"agreed meanwhile: {rule.text}",
            errors=[
                field_error(
                    "temporary_arrangement",
                    "give started_on and description (who provides and who pays what meanwhile)",
                    rule.citation,
                    rule.strength,
                )
            ],
        )
    missing = [p for p in ladder.temporary_arrangement_parts if not getattr(arrangement, p)]
    if missing:
        raise RuleViolation(
            "the temporary arrangement must state each party's own part: " + rule.text,
            errors=[
                field_error(
                    f"temporary_arrangement.{p}",
                    f"how the {p} on its own secures the individual's insatser meanwhile",
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
            f"unknown form field(s) {', '.join(unknown)}; this ladder's fields: "
            + (", ".join(known) or "(none)"),
            errors=[field_error(f"{where}.{key}", "not a field of this ladder") for key in unknown],
        )
    for key, value in given.items():
        if known[key].type == "date":
            try:
                dt.date.fromisoformat(value.strip())
            except ValueError:
                raise InvalidInput(
                    f"{where}.{key} must be a date YYYY-MM-DD",
                    errors=[
                        field_error(
                            f"{where}.{key}",
                            known[key].label_en,
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
            f"{tier.name} needs {len(missing)} more dispute-form field(s): "
            + "; ".join(f"{f.key} ({f.label})" for f in missing),
            errors=[
                {
                    **field_error(f"{where}.{f.key}", f.label_en, f.citation, f.strength),
                    "label": f.label,
                }
                for f in missing
            ],
        )
    return merged


# -- transitions ----------------------------------------------------------------------


def escalation_basis(
    row: dict[str, Any],
    tier: Tier,
    pending: dict[str, Any] | None,
    reason: str,
    on: dt.date,
    ladder: Ladder,
) -> str:
    """Why this escalation is allowed, in words; 409 saying what is allowed if it is not."""
    due = dt.date.fromisoformat(row["due_on"]) if row["due_on"] else None
    if reason == "time_ran_out":
        if due is None:
            raise Conflict(
                f"{tier.name} has no time limit ({tier.pace or 'the text names none'}), so its "
                "time cannot run out; escalate with reason no_agreement or "
                "rejected_recommendation",
                allowed=next_steps(row, ladder, on),
            )
        if on <= due:
            raise Conflict(
                f"{tier.name}'s time runs to {due}; on {on} it has not run out",
                allowed=next_steps(row, ladder, on),
            )
        return f"the time limit at {tier.name} ran out on {due}"
    if reason == "rejected_recommendation":
        rejected = [
            p for p, r in (pending or {}).get("responses", {}).items() if r["response"] == "reject"
        ]
        if not rejected:
            raise Conflict(
                f"no {tier.outcome} at {tier.name} has been rejected"
                + ("" if pending else "; none has been recorded yet"),
                allowed=next_steps(row, ladder, on),
            )
        return (
            f"the {pending['kind']} of {pending['given_on']} was rejected by {', '.join(rejected)}"
        )
    if reason == "no_agreement":
        if tier.outcome != "agreement":
            raise Conflict(
                f"at {tier.name} the body gives a {tier.outcome}; escalate when it is "
                "rejected, when the body could not give one, or when the time runs out",
                allowed=next_steps(row, ladder, on),
            )
        return f"the parties reached no agreement at {tier.name}"
    # no_recommendation_given
    if tier.outcome == "agreement":
        raise Conflict(
            f"{tier.name} gives no recommendation (the parties settle it themselves); use "
            "reason no_agreement",
            allowed=next_steps(row, ladder, on),
        )
    if pending:
        raise Conflict(
            f"a {pending['kind']} was given at {tier.name} on {pending['given_on']}; record "
            "the parties' responses, then escalate with rejected_recommendation",
            allowed=next_steps(row, ladder, on),
        )
    return f"{tier.body} could not give a {tier.outcome}"


def retroactivity(row: dict[str, Any], tier: Tier) -> Retroactivity | None:
    """The tier's retroactivity rule for this case (its subject, its placement link)."""
    return tier.retroactivity(row["subject"], row["placement_id"] is not None)


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
            f"the outcome at {tier.name} may not apply retroactively to this dispute "
            f"({row['subject']}, {'linked to' if row['placement_id'] else 'without'} a "
            f"placement): {rule.document}, {rule.clause}",
            errors=[
                field_error(
                    "adjustment",
                    "no retroactive adjustment at this tier for this dispute",
                    rule,
                    retro.strength if retro else None,
                )
            ],
        )
    if adjustment.responsibility is None and adjustment.split is None:
        raise InvalidInput(
            "an adjustment changes the responsibility, the split, or both",
            errors=[field_error("adjustment", "give responsibility and/or split")],
        )
    earliest: dt.date | None = None
    basis = ""
    if retro.from_ == "joint_split":
        arrangement = json.loads(row["temporary_arrangement"] or "null")
        if arrangement is None:
            raise RuleViolation(
                "the outcome may reach back only to the day a joint split existed, and this "
                "case records none",
                errors=[
                    field_error(
                        "adjustment.effective_from",
                        "no joint split recorded",
                        retro.citation,
                        retro.strength,
                    )
                ],
            )
        earliest = dt.date.fromisoformat(arrangement["started_on"])
        basis = "the day the joint (temporary) split started"
    elif retro.from_ == "insats_start":
        if adjustment.insats_started_on is None:
            raise InvalidInput(
                "give insats_started_on: the outcome may reach back to the day the insats started",
                errors=[
                    field_error(
                        "adjustment.insats_started_on",
                        "the day the insats started",
                        retro.citation,
                        retro.strength,
                    )
                ],
            )
        earliest = adjustment.insats_started_on
        basis = "the day the insats started"
    if earliest is not None and adjustment.effective_from < earliest:
        raise RuleViolation(
            f"effective_from {adjustment.effective_from} reaches back before {basis} ({earliest})",
            errors=[
                field_error(
                    "adjustment.effective_from",
                    f"on or after {earliest}",
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
                "this agreement has no schablon: " + rule.text,
                errors=[
                    field_error(f"{where}.method", "not schablon", rule.citation, rule.strength)
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
            f"a {split.method} split names region and municipality, none negative, "
            + ("summing to 100" if split.method == "percent" else "not both zero"),
            errors=[field_error(f"{where}.{key}", '{"region": R, "municipality": M}')],
        )


def require_open(row: dict[str, Any], what: str) -> None:
    if row["status"] != "open":
        raise Conflict(f"the case is {row['status']}; you cannot {what} it", allowed=[])


# -- reads ----------------------------------------------------------------------------


def next_steps(row: dict[str, Any], ladder: Ladder, on: dt.date) -> list[dict[str, Any]]:
    """The next possible steps and what each needs."""
    if row["status"] != "open":
        return []
    index = row["tier_index"]
    tier = ladder.tiers[index]
    pending = json.loads(row["pending_outcome"]) if row["pending_outcome"] else None
    due = dt.date.fromisoformat(row["due_on"]) if row["due_on"] else None
    steps: list[dict[str, Any]] = []
    reasons: list[str] = []
    if tier.outcome == "agreement":
        reasons.append("no_agreement")
    else:
        if pending and any(r["response"] == "reject" for r in pending["responses"].values()):
            reasons.append("rejected_recommendation")
        if not pending:
            reasons.append("no_recommendation_given")
    if due is not None and on > due:
        reasons.append("time_ran_out")
    if index + 1 < len(ladder.tiers) and reasons:
        nxt = ladder.tiers[index + 1]
        held = json.loads(row["form"])
        must = bool(
            due is not None
            and on > due
            and tier.time_limit
            and tier.time_limit.on_expiry in ("must_escalate", "goes_directly")
        )
        steps.append(
            {
                "action": "escalate",
                "to_tier": nxt.key,
                "to_tier_name": nxt.name,
                "reasons": reasons,
                "required": must,
                "form_fields_needed": [
                    {"key": f.key, "label": f.label}
                    for f in nxt.form
                    if f.strength == "shall" and f.key not in held
                ],
                "citation": cite(
                    tier.time_limit.citation if must and tier.time_limit else nxt.citation
                ),
            }
        )
    if tier.outcome != "agreement" and not pending:
        steps.append(
            {
                "action": "recommendation",
                "kind": tier.outcome,
                "by": tier.body,
                "due_on": row["due_on"],
            }
        )
    if pending:
        waiting = [p for p in ("region", "municipality") if p not in pending["responses"]]
        if waiting:
            steps.append({"action": "responses", "waiting_for": waiting})
    retro = retroactivity(row, tier)
    steps.append({"action": "resolve", "retroactive": retro.from_ if retro else "none"})
    steps.append({"action": "withdraw"})
    return steps
