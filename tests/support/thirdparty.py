"""Build a throwaway installed distribution on disk, registered under the entry-point group."""

from __future__ import annotations

import textwrap
from pathlib import Path


def make_distribution(root: Path, plugin: str, module: str, source: str) -> Path:
    """Write ``module`` and a ``.dist-info`` whose entry point ``plugin`` names it.

    Putting ``root`` on ``PYTHONPATH`` installs it exactly as pip would for discovery purposes.
    """
    root.mkdir(parents=True, exist_ok=True)
    (root / f"{module}.py").write_text(textwrap.dedent(source))
    info = root / f"{module}-0.3.1.dist-info"
    info.mkdir(exist_ok=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {module}\nVersion: 0.3.1\n")
    (info / "entry_points.txt").write_text(f"[samverkan]\n{plugin} = {module}\n")
    return root


ACME = """
import datetime as dt
from samverkan import hookimpl
from samverkan.models import (
    Agreement, Citation, Document, Ladder, Municipality, Parties, Period, Rule, Strength,
    Tier, TimeLimit, Version,
)

C = Citation(document="Acme 2026", clause="§ 1", quote="ska")
DOC = Document(id="acme-2026", title="Acme-avtalet", short="Acme 2026")


@hookimpl
def samverkan_agreement():
    return Agreement(
        id="acme", name="Acme-avtalet", name_en="The Acme agreement", county="Acme",
        parties=Parties(region_code="99", region_name="Region Acme",
                        municipalities=(Municipality(code="9901", name="Acmestad"),), citation=C),
        versions=(Version(key="acme-2026", title="Acme 2026", document=DOC,
                          valid_from=dt.date(2026, 1, 1), valid_to=dt.date(2026, 12, 31),
                          validity=Rule(text="valid 2026", strength=Strength.SHALL, citation=C)),),
    )


@hookimpl
def samverkan_ladders(agreement, version):
    if agreement != "acme":
        return None
    limit = TimeLimit(period=Period(amount=10, unit="days"), starts="opening",
                      on_expiry="must_escalate", strength=Strength.SHALL, citation=C)
    tier = Tier(key="desk", name="Disken", name_en="The desk", case_label="tvist", level="local",
                body="Desk", outcome="decision", time_limit=limit, citation=C)
    return [Ladder(kind="default", name="Acme ladder", subjects=("cost",), tiers=(tier,),
                   temporary_arrangement=Rule(text="agree at once", strength=Strength.SHALL,
                                              citation=C), citation=C)]
"""

MISSPELLED = """
from samverkan import hookimpl


@hookimpl
def samverkan_ladder(agreement, version):  # the hook is samverkan_ladders
    return None
"""
