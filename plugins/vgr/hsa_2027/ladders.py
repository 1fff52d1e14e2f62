"""HSA 6 Oenighet och tvist: the escalation ladder, steps 1–3, no day limits."""

from __future__ import annotations

from samverkan.models import Ladder, Rule, Strength, Tier

from ..documents import HSA_DEVIATIONS, HSA_DISPUTES, cite_hsa
from .deviations import UNSOLVED_GO_ON

PACE = "utan dröjsmål"

STEP_1 = Tier(
    key="step_1",
    name="Steg 1 – Oenighet",
    name_en="Step 1 – Disagreement",
    case_label="oenighet",
    level="operational",
    body="Den chef som är ansvarig för verksamheten närmast patienten hos ansvarig Part",
    outcome="agreement",
    pace=PACE,
    citation=cite_hsa(
        f"{HSA_DISPUTES}, Steg 1 – Oenighet",
        "Den chef, som är ansvarig för verksamheten närmast patienten hos ansvarig Part, ska "
        "utan dröjsmål utreda och åtgärda ärendet.",
    ),
)

STEP_2 = Tier(
    key="step_2",
    name="Steg 2 – Oenighet",
    name_en="Step 2 – Disagreement",
    case_label="oenighet",
    level="operational",
    body="Chefen till den chef som är ansvarig för verksamheten närmast patienten",
    outcome="agreement",
    pace=PACE,
    citation=cite_hsa(
        f"{HSA_DISPUTES}, Steg 2 – Oenighet",
        "Om enighet inte nås i steg 1 åligger det den chef som är ansvarig för verksamheten "
        "närmast patienten att eskalera till sin chef för fortsatt hantering. Denne är "
        "ansvarig för att utan dröjsmål fortsatt utreda och åtgärda ärendet.",
    ),
)

STEP_3_CLAUSE = f"{HSA_DISPUTES}, Steg 3 – Tvist"
SETTLEMENT_CLAUSE = f"{HSA_DISPUTES}, Ekonomisk reglering och allmän domstol"
SETTLEMENT_QUOTE = (
    "Steg 3 i eskaleringstrappan kan innefatta ekonomisk reglering eller vidare hantering i "
    "allmän domstol."
)

STEP_3 = Tier(
    key="step_3",
    name="Steg 3 – Tvist",
    name_en="Step 3 – Dispute",
    case_label="tvist",
    level="political",
    body="Politisk instans eller högsta tjänsteperson hos respektive Part",
    outcome="decision",
    pace=PACE,
    notes=(
        Rule(
            text="Recurring deviations that measures at all levels did not solve also go to "
            "step 3.",
            strength=Strength.SHALL,
            citation=cite_hsa(
                STEP_3_CLAUSE,
                "Det gäller även återkommande avvikelser som trots åtgärder på alla nivåer inte "
                "når en lösning.",
            ),
        ),
        Rule(
            text="The parties reach a solution together; the responsible political body or "
            "highest official decides it.",
            strength=Strength.SHALL,
            citation=cite_hsa(
                STEP_3_CLAUSE,
                "Parterna ska gemensamt komma fram till en lösning. Beslut om lösning fattas av "
                "ansvarig politisk instans eller högsta tjänsteperson.",
            ),
        ),
        Rule(
            text="The decision guides future similar cases and is spread for joint learning.",
            strength=Strength.SHALL,
            citation=cite_hsa(
                STEP_3_CLAUSE,
                "Lösningen är vägledande för framtida liknande situationer, och ska spridas för "
                "gemensamt lärande.",
            ),
        ),
        Rule(
            text="Step 3 may include an economic settlement (ekonomisk reglering).",
            strength=Strength.MAY,
            citation=cite_hsa(SETTLEMENT_CLAUSE, SETTLEMENT_QUOTE),
        ),
        Rule(
            text="Step 3 may continue in general court (allmän domstol).",
            strength=Strength.MAY,
            citation=cite_hsa(SETTLEMENT_CLAUSE, SETTLEMENT_QUOTE),
        ),
        Rule(
            text="Step 3 names no pace of its own; the whole process runs without undue delay.",
            strength=Strength.SHALL,
            citation=cite_hsa(
                HSA_DISPUTES,
                "Patientens behov av god och säker vård ska alltid tillgodoses utan onödigt "
                "dröjsmål.",
                note="Reading: pace 'utan dröjsmål' for step 3 comes from HSA 6's opening, not "
                "from the step-3 paragraph.",
            ),
        ),
    ),
    citation=cite_hsa(
        STEP_3_CLAUSE,
        "Om enighet inte kan nås i steg 2 ska tvisten eskaleras till politisk instans eller "
        "högsta tjänsteperson hos respektive Part.",
        note="HSA 6: 'Tvist är en oenighet som inte blivit löst på chefsnivå.' So the case is "
        "a tvist only from step 3.",
    ),
)

DEFAULT = Ladder(
    kind="default",
    name="Eskaleringstrappa (HSA 6 Oenighet och tvist)",
    subjects=("responsibility", "cost", "interpretation", "deviation"),
    tiers=(STEP_1, STEP_2, STEP_3),
    temporary_arrangement=Rule(
        text="The patient is not affected by the disagreement or dispute: a temporary solution "
        "is required throughout the escalation.",
        strength=Strength.SHALL,
        citation=cite_hsa(
            HSA_DISPUTES,
            "Patienten ska inte påverkas av oenighet eller tvist, vilket kräver en tillfällig "
            "lösning under pågående eskaleringsprocess.",
        ),
    ),
    prerequisites=(
        Rule(
            text="A disagreement is reported in writing to the party concerned (step 1).",
            strength=Strength.SHALL,
            citation=cite_hsa(
                f"{HSA_DISPUTES}, Steg 1 – Oenighet",
                "ska detta skriftligt rapporteras till berörd Part",
            ),
        ),
        Rule(
            text="Each party has named roles with a decision mandate, responsible for steps 1, "
            "2 and 3.",
            strength=Strength.SHALL,
            citation=cite_hsa(
                f"{HSA_DISPUTES}, Ansvar vid oenighet och tvist",
                "det ska finnas utsedda roller med beslutsmandat, som är ansvariga för steg 1, 2 "
                "och 3 i eskaleringstrappan",
            ),
        ),
    ),
    notes=(
        Rule(
            text="No step has a number of days: each acts without delay. Elapsed time per step "
            "is still tracked and shown.",
            strength=Strength.SHALL,
            citation=cite_hsa(
                f"{HSA_DISPUTES}, Steg 1 – Oenighet",
                "ska utan dröjsmål utreda och åtgärda ärendet",
                note="Tracking elapsed time is the service's practice, not agreement text.",
            ),
        ),
        Rule(
            text="Disagreement on interpretation or application is first solved locally.",
            strength=Strength.SHOULD,
            citation=cite_hsa(
                HSA_DISPUTES,
                "Oenighet om tolkning eller tillämpning ska i första hand lösas på lokal nivå.",
            ),
        ),
        Rule(
            text="The parties share the responsibility that the individual's situation is "
            "solved without undue delay and that they agree who is responsible for the care.",
            strength=Strength.SHALL,
            citation=cite_hsa(
                HSA_DISPUTES,
                "Det är ett gemensamt ansvar för Parterna att den enskildes situation löses "
                "utan onödigt dröjsmål",
            ),
        ),
        Rule(
            text="Deviations between care givers the parties cannot solve go on to this ladder.",
            strength=Strength.SHALL,
            citation=cite_hsa(
                HSA_DEVIATIONS,
                UNSOLVED_GO_ON,
            ),
        ),
        Rule(
            text="Outcomes are followed up in each party's organisation and county-wide.",
            strength=Strength.SHALL,
            citation=cite_hsa(
                f"{HSA_DISPUTES}, Uppföljning av oenighet och tvist",
                "Resultatet av oenighet och tvist mellan Parter ska följas upp inom den egna "
                "organisationen, samt inom länsgemensam vårdsamverkan",
            ),
        ),
    ),
    citation=cite_hsa(
        HSA_DISPUTES,
        "Brister i uppfyllelse av åtagande, oenighet eller tvister om tolkning och innebörd av "
        "Avtal, överenskommelser och andra länsgemensamma styrdokument ska hanteras enligt "
        "nedanstående eskaleringstrappa.",
    ),
)

LADDERS: tuple[Ladder, ...] = (DEFAULT,)
