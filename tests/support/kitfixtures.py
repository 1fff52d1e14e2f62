"""Small plugins for the kit's own tests: the example package (``examples/samverkan-exempel``)
copied under a name of its own, with one thing broken, and installed on a path for discovery.

Each broken plugin differs from the example, which passes every check, by the patches given,
so a check that fails on it fails on what was broken.
"""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "samverkan-exempel" / "samverkan_exempel"


def as_filled(project: Path) -> set[Path]:
    """The files of a package ``samverkan plugin new exempel`` wrote, as the filled example
    has them: the texts folder's README replaced by the text, and the settlements added."""
    texts = Path("samverkan_exempel/texts")
    rendered = {p.relative_to(project) for p in project.rglob("*") if p.is_file()}
    return (rendered - {texts / "README.md"}) | {
        texts / "exempel-2026.txt",
        Path("samverkan_exempel/scenarios/settlements.toml"),
    }


def example_files() -> set[Path]:
    """The example package's own files (not what a build, an install or a tool's cache left
    beside them)."""
    left = {"__pycache__", "build"}
    files = (p.relative_to(EXAMPLE.parent) for p in EXAMPLE.parent.rglob("*") if p.is_file())
    return {
        p
        for p in files
        if not left & set(p.parts)
        and not any(part.startswith(".") or part.endswith(".egg-info") for part in p.parts)
    }


#: ``file -> [(old, new)]``: each ``old`` replaced once by ``new``; ``new`` of ``None`` with
#: ``old`` a file's whole text writes that file.
Patches = dict[str, list[tuple[str, str]]]


def install(
    root: Path, package: str, patches: Patches | None = None, name: str = "exempel"
) -> Path:
    """The example as package ``package``, patched, with a ``.dist-info`` whose entry point
    ``name`` names its plugin; put ``root`` on the path to install it."""
    target = root / package
    shutil.copytree(EXAMPLE, target, ignore=shutil.ignore_patterns("__pycache__"))
    for file, changes in (patches or {}).items():
        path = target / file
        text = path.read_text(encoding="utf-8") if path.exists() else ""
        for old, new in changes:
            if not text and not old:
                text = textwrap.dedent(new).lstrip()
                continue
            assert old in text, f"{file}: {old!r} not found"
            text = text.replace(old, new, 1)
        path.write_text(text, encoding="utf-8")
    info = root / f"{package}-0.1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {package}\nVersion: 0.1.0\n")
    (info / "entry_points.txt").write_text(f"[samverkan]\n{name} = {package}:plugin\n")
    return root


SECOND_VERSION = """
VERSION_2 = msgspec.structs.replace(
    VERSION, key="avtal-2030", valid_from=dt.date({start}), valid_to=dt.date(2032, 12, 31)
)
"""


VERSION_2_RULES = """
VERSION_2_RULES = Rules(
    ladders=ladders.LADDERS,
    deadlines=deadlines.DEADLINES,
    cost_policy=cost.COST_POLICY,
    sip=sip.SIP_REQUIREMENTS,
)
"""


#: A second version of the example's text, starting on ``start`` (``y, m, d``).
def second_version(start: str) -> Patches:
    return {
        "agreement.py": [
            ("import datetime as dt\n", "import datetime as dt\n\nimport msgspec\n"),
            (
                "\nAGREEMENT = Agreement(",
                SECOND_VERSION.format(start=start) + "\nAGREEMENT = Agreement(",
            ),
            ("versions=(VERSION,),", "versions=(VERSION, VERSION_2),"),
        ],
        "__init__.py": [
            (
                "from .agreement import AGREEMENT, VERSION_KEY",
                "from .agreement import AGREEMENT, VERSION_2, VERSION_KEY",
            ),
            (
                "        )\n    },\n)",
                "        ),\n        VERSION_2.key: VERSION_2_RULES,\n    },\n)",
            ),
            ("\nplugin = AgreementPlugin(", VERSION_2_RULES + "\nplugin = AgreementPlugin("),
        ],
    }


RESPONSIBILITIES = '''
"""Responsibility rules (a principle that names no assessment: broken on purpose)."""

from samverkan.models import Responsibility, Strength

from .documents import cite

RESPONSIBILITIES = [
    Responsibility(
        key="own_costs",
        kind="principle",
        area="cost",
        region="its own insatser",
        municipality="its own insatser",
        text="Each party pays for its own insatser.",
        strength=Strength.SHALL,
        citation=cite("4.1", "Varje part betalar för de insatser som parten ansvarar för enligt lag."),
    )
]
'''

FOLLOW_UP = '''
"""How the version is followed up (no rule on who follows up: broken on purpose)."""

from samverkan.models import FollowUpAsk, FollowUpPolicy, Strength

from .documents import cite

FOLLOW_UP_POLICY = FollowUpPolicy(
    rules=(),
    asks=(
        FollowUpAsk(
            key="recommendations",
            text="How the council's recommendations were received",
            covered_by=("disputes",),
            strength=Strength.SHALL,
            citation=cite(
                "5 Tvister",
                "I det andra steget lämnar Samverkansrådet en rekommendation till parterna.",
            ),
        ),
    ),
)
'''

#: Each check of the kit, the patches that break it, and what its message says.
BROKEN: dict[str, tuple[Patches, str]] = {
    "loads": (
        {"agreement.py": [('AGREEMENT_ID = "exempel"', 'AGREEMENT_ID = "annat"')]},
        "the entry point is called 'exempel' but its agreement's id is 'annat'",
    ),
    "structure": (
        {"ladders.py": [('outcome="recommendation"', 'outcome="recomendation"')]},
        "plugin 'exempel' (agreement 'exempel', version 'avtal-2026'): ladder 'default', tier "
        "'council', outcome: 'recomendation' is not an allowed value; allowed: agreement, "
        "decision, judgment, recommendation",
    ),
    "todo": (
        {"ladders.py": [('body="Samverkansrådet"', 'body="TODO the body"')]},
        "ladders.py:41: body=\"TODO the body\", (rule: version 'avtal-2026', ladder 'default', "
        "tier 'council', body)",
    ),
    "layout": (
        {"helpers.py": [("", "X = 1\n")]},
        "helpers.py: a module is named after what it holds",
    ),
    "citations": (
        {
            "ladders.py": [
                (
                    '"I det andra steget lämnar Samverkansrådet en rekommendation till parterna."',
                    '""',
                )
            ]
        },
        "version 'avtal-2026', ladder 'default', tier 'council', citation: the citation has no quote",
    ),
    "quotes": (
        {
            "ladders.py": [
                ("en rekommendation till parterna", "en rekommendation till båda parterna")
            ]
        },
        "tier 'council', citation: the quote is not in exempel-2026.txt: \u201cI det andra steget "
        "lämnar Samverkansrådet en rekommendation till båda parterna.\u201d",
    ),
    "versions": (
        second_version("2030, 6, 1"),
        "version 'avtal-2030' starts 2030-06-01, but 'avtal-2026' ends 2029-12-31: no version "
        "covers the days between",
    ),
    "parties": (
        {"agreement.py": [('("9802", "Provby")', '("9801", "Provby")')]},
        "parties, municipality '9801': named twice",
    ),
    "ladders": (
        {"ladders.py": [('"interpretation", "deviation")', '"interpretation")')]},
        "version 'avtal-2026': no ladder names the dispute subject 'deviation'",
    ),
    "deadlines": (
        {"deadlines.py": [("Period(amount=30, ", "Period(amount=0, ")]},
        "version 'avtal-2026', deadline 'acute_cost_agreement': the period is 0 days",
    ),
    "cost-policy": (
        {"cost.py": [("strength=Strength.MAY,", "strength=Strength.SHOULD,")]},
        "version 'avtal-2026', cost_policy, schablon: is a should; a schablon is an option",
    ),
    "sip": (
        {"sip.py": [("fields=FIELDS,", "fields=(),")]},
        "version 'avtal-2026', sip 'general': names no field a SIP must show",
    ),
    "responsibilities": (
        {
            "responsibilities.py": [("", RESPONSIBILITIES)],
            "__init__.py": [
                ("from . import cost,", "from . import responsibilities, cost,"),
                (
                    "sip=sip.SIP_REQUIREMENTS,",
                    "sip=sip.SIP_REQUIREMENTS,\n            responsibilities=responsibilities.RESPONSIBILITIES,",
                ),
            ],
        },
        "version 'avtal-2026', responsibility 'own_costs': a 'principle' (and only a principle) "
        "names its assessment",
    ),
    "follow-up": (
        {
            "followup.py": [("", FOLLOW_UP)],
            "__init__.py": [
                ("from . import cost,", "from . import followup, cost,"),
                (
                    "sip=sip.SIP_REQUIREMENTS,",
                    "sip=sip.SIP_REQUIREMENTS,\n            follow_up=followup.FOLLOW_UP_POLICY,",
                ),
            ],
        },
        "version 'avtal-2026', follow_up: names no rule on who follows up what, and how often",
    ),
    "scenarios": (
        {
            "scenarios/rules.toml": [
                ("expect = { due = 2026-03-31,", "expect = { due = 2026-04-01,")
            ]
        },
        "due: expected '2026-04-01', the service answers '2026-03-31'",
    ),
    "settlements": (
        {"scenarios/settlements.toml": [("owes = 1_200_000,", "owes = 1_200_001,")]},
        "scenario 2: Exempelstad: planned placement, a 40/60 split signed before it: as of "
        "2026-05-31, region: (owes, paid, balance) is (1200000, 0, -1200000), expected "
        "(1200001, 0, -1200000)",
    ),
}

#: What else fails with a check's break, by design: the rule scenarios assert the numbers a
#: broken rule changes.
ALSO_FAILS = {
    "structure": {"scenarios"},
    "deadlines": {"scenarios"},
    "sip": {"scenarios"},
    "citations": {"quotes"},
}

#: More of what start-up refuses (the check ``structure``).
STRUCTURE: dict[str, tuple[Patches, str]] = {
    "a deadline name that does not exist": (
        {"cost.py": [("deadline=ACUTE_COST_AGREEMENT.name,", 'deadline="acute_cost",')]},
        "cost_policy, acute, deadline: 'acute_cost' names no deadline of this version; its "
        "deadlines: acute_cost_agreement, tier.default.managers",
    ),
    "overlapping versions": (
        second_version("2029, 6, 1"),
        "version 'avtal-2030'): valid_from: 2029-06-01 overlaps version 'avtal-2026' "
        "(2026-01-01 – 2029-12-31); versions may not overlap",
    ),
    "an SCB code out of its pattern": (
        {"agreement.py": [('region_code="98"', 'region_code="R98"')]},
        "agreement, parties, region_code: 'R98' does not match",
    ),
}
