"""The current tier's dispute form (e.g. the *blankett för tvisteanmälan*) filled from the
case: as data, or as a printable page. The API serves it at ``GET /api/v1/disputes/{id}/notice``
(the notice to the tier's body); it is not a notification (those are
:mod:`samverkan.delivery.outbox`)."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import Any

from samverkan.cases.disputes.answers import (
    Dispute,
    NoticeCase,
    NoticeField,
    NoticeStep,
    TierNotice,
)
from samverkan.models import Ladder

#: the printable form is Swedish throughout: the words its values are shown in
SUBJECTS_SV = {
    "responsibility": "ansvar",
    "cost": "kostnad",
    "interpretation": "tolkning",
    "deviation": "avvikelse",
}
ACTIONS_SV = {
    "opened": "öppnat",
    "escalated": "eskalerat",
    "recommendation": "rekommendation",
    "decision": "beslut",
    "agreement": "överenskommelse",
    "judgment": "dom",
    "response_accept": "accepterat",
    "response_reject": "avvisat",
    "resolved": "löst",
    "withdrawn": "återkallat",
}
STATUS_SV = {"open": "öppet", "resolved": "löst", "withdrawn": "återkallat"}


def filled_form(view: Dispute, ladder: Ladder) -> TierNotice:
    """The form as data: who, what, the tier's form fields with their answers, the history."""
    tier = ladder.tiers[view.tier.step - 1]
    answers = view.form
    fields = tier.form or tuple(f for t in ladder.tiers for f in t.form if f.key in answers)
    return TierNotice(
        dispute_id=view.id,
        title=f"{tier.case_label.capitalize()} – anmälan till {tier.body}",
        agreement=view.agreement,
        version=view.version,
        municipality=view.municipality,
        tier=view.tier,
        preparer=tier.preparer or None,
        case=NoticeCase(
            title=view.title,
            description=view.description,
            subject=view.subject,
            opened_on=view.opened_on,
            individual_ref=view.individual_ref,
            status=view.status,
        ),
        temporary_arrangement=view.temporary_arrangement,
        form=[
            NoticeField(
                key=f.key,
                label=f.label,
                label_en=f.label_en,
                value=answers.get(f.key),
                required=f.strength == "shall",
                citation=f.citation,
            )
            for f in fields
        ],
        due_on=view.due_on,
        due_explanation=view.due_explanation,
        pending_outcome=view.pending_outcome,
        history=[
            NoticeStep(on=e.on, action=e.action, tier=e.tier_name, by=e.actor.org)
            for e in view.history
        ],
    )


def form_page(view: Dispute, ladder: Ladder) -> str:
    """A printable page of the same form, entirely in Swedish (``view`` read in Swedish);
    every value is escaped."""
    data = filled_form(view, ladder)

    def e(value: Any) -> str:
        return escape(str(value))

    def row(label: str, value: Any) -> str:
        text = "—" if value in (None, "") else str(value)
        return f"<tr><th>{e(label)}</th><td>{e(text)}</td></tr>"

    arrangement = data.temporary_arrangement
    form_rows = "".join(row(f.label + (" *" if f.required else ""), f.value) for f in data.form)
    history = "".join(
        f"<li>{e(h.on)}: {e(ACTIONS_SV.get(h.action, h.action))} ({e(h.tier)}, {e(h.by)})</li>"
        for h in data.history
    )
    case = data.case
    return f"""<!doctype html>
<html lang="sv"><head><meta charset="utf-8"><title>{e(data.title)}</title>
<style>body{{font-family:sans-serif;max-width:48rem;margin:2rem auto}}
th{{text-align:left;vertical-align:top;padding-right:1rem;width:40%}}
td,th{{border-bottom:1px solid #ccc;padding:.3rem}}table{{border-collapse:collapse;width:100%}}
@media print{{body{{margin:0}}}}</style></head><body>
<h1>{e(data.title)}</h1>
<p>Ärende {e(data.dispute_id)} · {e(data.agreement)} ({e(data.version.agreement)}/{e(data.version.key)})
· kommun {e(data.municipality)} · nivå {e(data.tier.step)}: {e(data.tier.name)}</p>
<h2>Ärendet</h2><table>
{row("Rubrik", case.title)}{row("Beskrivning", case.description)}
{row("Gäller", SUBJECTS_SV.get(case.subject, case.subject))}{row("Öppnat", case.opened_on)}
{row("Status", STATUS_SV.get(case.status, case.status))}
{row("Pseudonym för den enskilde", case.individual_ref)}
</table>
<h2>Tillfällig lösning för den enskilde</h2><table>
{row("Från", arrangement.started_on if arrangement else None)}
{row("Beskrivning", arrangement.description if arrangement else None)}
{row("Regionen", arrangement.region if arrangement else None)}
{row("Kommunen", arrangement.municipality if arrangement else None)}
</table>
<h2>Blankett</h2><table>{form_rows or row("(inga fält på denna nivå)", "")}</table>
<p>* obligatoriskt enligt avtalet</p>
<h2>Tidsgräns</h2><p>{e(data.due_explanation)}</p>
<h2>Historik</h2><ol>{history}</ol>
</body></html>"""


@dataclass(frozen=True)
class TierForm:
    """The current tier's form for one case (``view``: the case in the request's language;
    ``swedish``: the same case read in Swedish, for the printable page)."""

    view: Dispute
    ladder: Ladder
    swedish: Dispute

    def data(self) -> TierNotice:
        return filled_form(self.view, self.ladder)

    def swedish_data(self) -> TierNotice:
        """The form read in Swedish (what the printable page shows)."""
        return filled_form(self.swedish, self.ladder)

    def page(self) -> str:
        return form_page(self.swedish, self.ladder)
