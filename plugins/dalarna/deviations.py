"""12.1 Avvikelser: each party has its own system; Synergi, the region's system, is open to the
municipalities too, for deviations from a municipality to the region or back. The footnote
after 12.3 suggests how a Synergi case is linked to the agreement."""

from __future__ import annotations

from samverkan.models import DeviationPolicy, Rule, Strength

from .documents import AGREEMENT_TEXT, DEVIATIONS, LOCAL_DISPUTE, cite

FOOTNOTE = "Fotnot 1 (efter 12.3)"
TITLE_PREFIX = "Brister i samverkan utifrån "

DEVIATION_POLICY = DeviationPolicy(
    rule=Rule(
        text=(
            "Each party has a system for deviations and investigates how far a deviation "
            "calls for changes to local routines, case handling, cooperation or conduct."
        ),
        strength=Strength.SHALL,
        citation=cite(
            DEVIATIONS,
            "Respektive huvudman har system för avvikelser och ansvarar för att utreda i vilken "
            "mån avvikelser kräver förändring av lokala rutiner, handläggning, samverkan eller "
            "bemötande.",
        ),
    ),
    system="Synergi",
    system_rule=Rule(
        text=(
            "Synergi, the region's quality and deviation system, is open to the municipalities: "
            "deviations may be registered in it, directed from a municipality to the region or "
            "back."
        ),
        strength=Strength.MAY,
        citation=cite(
            DEVIATIONS,
            "I det kan avvikelser registreras, riktade från en kommun till region eller omvänt.",
        ),
    ),
    reporting_roles=("MAS", "MAR", "SAS"),
    roles="examples",
    roles_rule=Rule(
        text=(
            "In the municipalities, people with the right to register and handle deviations in "
            "Synergi are often the MAS, MAR or SAS; in the region every employee may register "
            "and designated case handlers pass the cases on."
        ),
        strength=Strength.MAY,
        citation=cite(
            DEVIATIONS,
            "ofta mediciniskt ansvarig sköterska (MAS), medicinskt ansvarig för rehabilitering "
            "(MAR) eller socialt ansvarig socionom (SAS)",
            note="'ofta' (often): the three roles are examples, not a closed list.",
        ),
    ),
    handling=(
        Rule(
            text="Motivate all staff to notice deviations and report them to the Synergi "
            "case handler.",
            strength=Strength.SHOULD,
            citation=cite(
                DEVIATIONS,
                "Därför är det viktigt att motivera all personal att observera och lägga märke "
                "till avvikelser samt rapportera dessa till Synergihandläggare.",
            ),
        ),
        Rule(
            text=(
                "Deviations are investigated, clearly and where possible generalisably, so "
                "others can learn from them."
            ),
            strength=Strength.SHOULD,
            citation=cite(
                DEVIATIONS,
                "det därför mycket viktigt att avvikelser utreds och att utredningarna blir "
                "tydliga och om möjligt, generaliserbara",
            ),
        ),
        Rule(
            text="Deviations about cooperation around the target group are reported alike.",
            strength=Strength.SHOULD,
            citation=cite(
                DEVIATIONS,
                "det viktigt att de rapporteras på ett likvärdigt sätt.",
            ),
        ),
    ),
    escalation=Rule(
        text=(
            "A local dispute may arise from a Synergi case; it is handled on the local ladder "
            "(12.3), first by the senior officials of region and municipality."
        ),
        strength=Strength.MAY,
        citation=cite(
            LOCAL_DISPUTE,
            "Tvister på lokal nivå kan uppkomma med anledning av Synergiärenden",
        ),
    ),
    title_suggestion=TITLE_PREFIX + AGREEMENT_TEXT.title,
    category_suggestion="Samordnad vårdplanering",
    suggestion_rule=Rule(
        text=(
            "To link a deviation to the agreement, the designated Synergi case handler may "
            "categorise it as 'Samordnad vårdplanering' and title it 'Brister i samverkan "
            "utifrån' followed by the agreement's name."
        ),
        strength=Strength.MAY,
        citation=cite(
            FOOTNOTE,
            "För att avvikelsen ska kunna kopplas till överenskommelsen kan den utsedda "
            "handläggare inom Synergi fylla i enligt följande: Händelsekategorisering: "
            "Samordnad vårdplanering, Rubrik på ärendet: Brister i samverkan utifrån "
            "Länsövergripande överenskommelse om samverkan rörande personer som missbrukar "
            "alkohol, narkotika, andra beroendeframkallande medel, läkemedel, dopningsmedel "
            "eller spel om pengar.",
            note=(
                "The footnote's example title names another agreement (the county agreement "
                "on substance abuse), apparently carried over from it. Reading: the suggested "
                "title names this agreement instead."
            ),
        ),
    ),
)
