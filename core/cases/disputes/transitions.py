"""Which steps a dispute may take now, and why an escalation is allowed: what a refusal
names as allowed (409 ``allowed``) and what a case's ``next_steps`` shows."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from samverkan.cases.common import cite
from samverkan.kernel.errors import Conflict
from samverkan.kernel.i18n import N_, _, both, names
from samverkan.models import Ladder, Retroactivity, Tier

#: what a tier's body gives, as a sentence names it
OUTCOMES = {
    "recommendation": N_("recommendation"),
    "decision": N_("decision"),
    "agreement": N_("agreement"),
    "judgment": N_("judgment"),
}
#: a case's status, as a sentence names it
STATUS_SAID = {"open": N_("open"), "resolved": N_("resolved"), "withdrawn": N_("withdrawn")}
#: the parties, as a sentence names them
PARTIES_SAID = {"region": N_("the region"), "municipality": N_("the municipality")}


def tier_name(tier: Tier) -> dict[str, str]:
    """A tier's name as a message parameter (Swedish and English)."""
    return names(tier.name, tier.name_en)


def outcome(kind: str) -> dict[str, str]:
    """What a tier's body gives, as a message parameter in each language."""
    return both(OUTCOMES.get(kind, kind))


# -- transitions ----------------------------------------------------------------------


def escalation_basis(
    row: dict[str, Any],
    tier: Tier,
    pending: dict[str, Any] | None,
    reason: str,
    on: dt.date,
    ladder: Ladder,
) -> dict[str, str]:
    """Why this escalation is allowed, in words (each language, as the event stores it); 409
    saying what is allowed if it is not."""
    due = dt.date.fromisoformat(row["due_on"]) if row["due_on"] else None
    name = tier_name(tier)

    def refuse(message: str, **params: Any) -> Conflict:
        return Conflict(_(message, tier=name, **params), allowed=next_steps(row, ladder, on))

    if reason == "time_ran_out":
        if due is None:
            raise refuse(
                N_(
                    "%(tier)s has no time limit, so its time cannot run out; escalate with "
                    "reason no_agreement or rejected_recommendation"
                )
            )
        if on <= due:
            raise refuse(
                N_("%(tier)s's time runs to %(due)s; on %(on)s it has not run out"), due=due, on=on
            )
        return both("the time limit at %(tier)s ran out on %(due)s", tier=name, due=due)
    if reason == "rejected_recommendation":
        rejected = [
            p for p, r in (pending or {}).get("responses", {}).items() if r["response"] == "reject"
        ]
        if not rejected:
            raise refuse(
                N_("no %(outcome)s at %(tier)s has been rejected")
                if pending
                else N_("no %(outcome)s at %(tier)s has been rejected; none has been recorded yet"),
                outcome=outcome(tier.outcome),
            )
        return both(
            "the %(outcome)s of %(given)s was rejected by %(parties)s",
            outcome=outcome(pending["kind"]),  # type: ignore[index]
            given=pending["given_on"],  # type: ignore[index]
            parties=", ".join(rejected),
        )
    if reason == "no_agreement":
        if tier.outcome != "agreement":
            raise refuse(
                N_(
                    "at %(tier)s the body gives a %(outcome)s; escalate when it is rejected, "
                    "when the body could not give one, or when the time runs out"
                ),
                outcome=outcome(tier.outcome),
            )
        return both("the parties reached no agreement at %(tier)s", tier=name)
    # no_recommendation_given
    if tier.outcome == "agreement":
        raise refuse(
            N_(
                "%(tier)s gives no recommendation (the parties settle it themselves); use reason "
                "no_agreement"
            )
        )
    if pending:
        raise refuse(
            N_(
                "a %(outcome)s was given at %(tier)s on %(given)s; record the parties' "
                "responses, then escalate with rejected_recommendation"
            ),
            outcome=outcome(pending["kind"]),
            given=pending["given_on"],
        )
    return both(
        "%(body)s could not give a %(outcome)s", body=tier.body, outcome=outcome(tier.outcome)
    )


def retroactivity(row: dict[str, Any], tier: Tier) -> Retroactivity | None:
    """The tier's retroactivity rule for this case (its subject, its placement link)."""
    return tier.retroactivity(row["subject"], row["placement_id"] is not None)


def require_open(row: dict[str, Any], what: str) -> None:
    if row["status"] != "open":
        raise Conflict(
            _(
                "the case is %(status)s and takes no more steps (%(step)s)",
                status=_(STATUS_SAID.get(row["status"], row["status"])),
                step=what,
            ),
            allowed=[],
        )


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
