"""HSA 5.1 Avvikelser mellan vårdgivare: registered in the designated IT service, handled
without delay, and those the parties cannot solve go on to disagreement and dispute (6)."""

from __future__ import annotations

from samverkan.models import DeviationPolicy, Rule, Strength

from ..documents import HSA_DEVIATIONS, HSA_DISPUTES, cite_hsa

#: Unsolved deviations go on to the escalation ladder (ladders.py cites it too).
UNSOLVED_GO_ON = (
    "Avvikelser mellan vårdgivare, som inte kan lösas mellan berörda Parter, går vidare till "
    "hantering av oenighet och tvist."
)

DEVIATION_POLICY = DeviationPolicy(
    rule=Rule(
        text=(
            "Events where jointly agreed agreements, guidelines or routines in care are not "
            "followed are deviations between care givers: individual patient cases as well as "
            "organisational or systematic shortcomings."
        ),
        strength=Strength.SHALL,
        citation=cite_hsa(
            HSA_DEVIATIONS,
            "Händelser, där gemensamt framtagna avtal, överenskommelser, riktlinjer eller "
            "rutiner inom vård och omsorg inte följs, betraktas som avvikelser mellan vårdgivare.",
        ),
    ),
    system="avsedd IT-tjänst",
    system_rule=Rule(
        text="Deviations between care givers are identified, registered and handled in the "
        "designated IT service.",
        strength=Strength.SHALL,
        citation=cite_hsa(
            HSA_DEVIATIONS,
            "Avvikelser mellan vårdgivare identifieras, registreras och hanteras i avsedd "
            "IT-tjänst.",
            note="The text does not name the service.",
        ),
    ),
    handling=(
        Rule(
            text=(
                "Deviations are handled without delay, with feedback as soon as the event is "
                "analysed and there is a plan for measures."
            ),
            strength=Strength.SHALL,
            citation=cite_hsa(
                HSA_DEVIATIONS,
                "Avvikelser ska hanteras skyndsamt, och återkoppling ges så snart händelsen är "
                "analyserad och det finns en plan för åtgärder.",
            ),
        ),
        Rule(
            text=(
                "The parties are responsible for analysis, measures and follow-up, and for "
                "regularly compiling the registered deviations between care givers."
            ),
            strength=Strength.SHALL,
            citation=cite_hsa(
                HSA_DEVIATIONS,
                "Parterna ansvarar för analys, åtgärder och uppföljning samt för att regelbundet "
                "sammanställa registrerade avvikelser mellan vårdgivare.",
            ),
        ),
        Rule(
            text="Deviations are solved as close to the work as possible.",
            strength=Strength.SHALL,
            citation=cite_hsa(
                HSA_DISPUTES,
                "Grundprincipen är att avvikelser och oenigheter ska lösas så nära verksamheten "
                "som möjligt",
            ),
        ),
    ),
    escalation=Rule(
        text=(
            "Deviations between care givers that the parties concerned cannot solve go on to "
            "the handling of disagreement and dispute (6), at step 1; recurring deviations that "
            "measures at all levels did not solve belong at step 3."
        ),
        strength=Strength.SHALL,
        citation=cite_hsa(
            HSA_DEVIATIONS,
            UNSOLVED_GO_ON,
            note=(
                "6 Steg 3 adds: \u201cDet gäller även återkommande avvikelser som trots åtgärder "
                "på alla nivåer inte når en lösning.\u201d"
            ),
        ),
    ),
)
