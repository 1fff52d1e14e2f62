"""Build a throwaway installed distribution on disk, registered under the entry-point group."""

from __future__ import annotations

import textwrap
from pathlib import Path


def make_distribution(
    root: Path,
    plugin: str,
    module: str,
    source: str,
    target: str = "",
    files: dict[str, str] | None = None,
) -> Path:
    """Write ``module`` and a ``.dist-info`` whose entry point ``plugin`` names ``target``
    (default: the module itself).

    With ``files`` the module is a package: ``source`` is its ``__init__.py`` and each file
    (e.g. ``scenarios/rules.toml``) is written inside it, as package data. Putting ``root`` on
    ``PYTHONPATH`` installs it exactly as pip would for discovery purposes.
    """
    root.mkdir(parents=True, exist_ok=True)
    if files is None:
        (root / f"{module}.py").write_text(textwrap.dedent(source))
    else:
        package = root / module
        package.mkdir(exist_ok=True)
        (package / "__init__.py").write_text(textwrap.dedent(source))
        for name, text in files.items():
            (package / name).parent.mkdir(parents=True, exist_ok=True)
            (package / name).write_text(textwrap.dedent(text))
    info = root / f"{module}-0.3.1.dist-info"
    info.mkdir(exist_ok=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {module}\nVersion: 0.3.1\n")
    (info / "entry_points.txt").write_text(f"[samverkan]\n{plugin} = {target or module}\n")
    return root


#: The Acme agreement as data: one version, one ladder with one tier of ten days.
_ACME_RULES = """
import datetime as dt
from samverkan.models import (
    Agreement, Citation, Document, Ladder, Municipality, Parties, Period, Rule, Strength,
    Tier, TimeLimit, Version,
)

C = Citation(document="Acme 2026", clause="§ 1", quote="ska")
DOC = Document(id="acme-2026", title="Acme-avtalet", short="Acme 2026")
AGREEMENT = Agreement(
    id="acme", name="Acme-avtalet", name_en="The Acme agreement", county="Acme",
    parties=Parties(region_code="99", region_name="Region Acme",
                    municipalities=(Municipality(code="9901", name="Acmestad"),), citation=C),
    versions=(Version(key="acme-2026", title="Acme 2026", document=DOC,
                      valid_from=dt.date(2026, 1, 1), valid_to=dt.date(2026, 12, 31),
                      validity=Rule(text="valid 2026", strength=Strength.SHALL, citation=C)),),
)
LIMIT = TimeLimit(period=Period(amount=10, unit="days"), starts="opening",
                  on_expiry="must_escalate", strength=Strength.SHALL, citation=C)
TIER = Tier(key="desk", name="Disken", name_en="The desk", case_label="tvist", level="local",
            body="Desk", outcome="decision", time_limit=LIMIT, citation=C)
LADDER = Ladder(kind="default", name="Acme ladder", subjects=("cost",), tiers=(TIER,),
                temporary_arrangement=Rule(text="agree at once", strength=Strength.SHALL,
                                           citation=C), citation=C)
"""

#: A third-party plugin written as a module of hook implementations.
ACME = (
    _ACME_RULES
    + """
from samverkan import hookimpl


@hookimpl
def samverkan_agreement():
    return AGREEMENT


@hookimpl
def samverkan_ladders(agreement, version):
    return [LADDER] if agreement == "acme" else None
"""
)

#: The same agreement declared through ``samverkan.plugin`` (its entry point names ``plugin``).
ACME_DECLARED = (
    _ACME_RULES
    + """
from samverkan.plugin import AgreementPlugin, Rules

plugin = AgreementPlugin(__name__, AGREEMENT, {"acme-2026": Rules(ladders=[LADDER])})
"""
)

#: Its scenario file, shipped in its package as ``scenarios/rules.toml``.
ACME_SCENARIOS = """
[[scenario]]
name = "in force on its first day"
on = 2026-01-01
check = "version"
expect = { version = "acme-2026", version_agreement = "acme", notice_count = 0 }

[[scenario]]
name = "the desk has ten days"
on = 2026-03-01
check = "ladder"
expect = { kind = "default", tiers = ["desk"], days = [10], documents = ["Acme 2026"] }

[[scenario]]
name = "no version after 2026"
on = 2027-01-01
check = "version"
expect = { error = 422 }
"""

MISSPELLED = """
from samverkan import hookimpl


@hookimpl
def samverkan_ladder(agreement, version):  # the hook is samverkan_ladders
    return None
"""
