"""Every quote in every plugin stands in its source text, word for word.

The source texts are the seeds in ``../shared/seeds/`` beside the checkout (as in CI). Their
line-break hyphenation is undone ("delregi-⏎onalt" -> "delregionalt"; a hyphen followed by a
space, as in "hälso- ⏎och", is a real one and stays) and runs of whitespace count as one space.
A quote may leave words out with "…"; each part must then stand in the text, in order. Quotes
of config (``config/samverkan.toml``) are not agreement text and are skipped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from samverkan.kernel.registry import Registry
from samverkan.models import Citation
from tests.support.plugin_data import AGREEMENTS, own_rules, walk

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"
NOT_AGREEMENT_TEXT = {"config/samverkan.toml"}


def normalise(text: str) -> str:
    text = re.sub(r"(\w)-\n\s*(?=\w)", r"\1", text)  # hyphenation at a line break
    return re.sub(r"\s+", " ", text).strip()


def stands_in(quote: str, text: str) -> bool:
    """Each part of the quote (split at "…") is in the text, in order."""
    at = 0
    for part in (normalise(p) for p in quote.split("…")):
        if not part:
            continue
        found = text.find(part, at)
        if found < 0:
            return False
        at = found + len(part)
    return True


def seed_texts(registry: Registry) -> dict[str, str]:
    """Each cited document's short name -> its seed text, normalised."""
    texts = {}
    for agreement in registry.agreements.values():
        for version in agreement.versions:
            path = SEEDS / f"{version.document.id}.txt"
            if path.exists():
                texts[version.document.short] = normalise(path.read_text())
    return texts


def citations(registry: Registry) -> Iterator[tuple[str, Citation]]:
    for agreement_id in AGREEMENTS:
        agreement = registry.agreement(agreement_id)
        everything = [agreement] + [
            own_rules(registry, agreement_id, v.key) for v in agreement.versions
        ]
        for node in walk(everything):
            if isinstance(node, Citation):
                yield agreement_id, node


def test_normalise_undoes_hyphenation_only() -> None:
    assert normalise("i andra hand delregi-\nonalt, inom") == "i andra hand delregionalt, inom"
    assert normalise("förbruknings-\n\nartiklar") == "förbruknings artiklar".replace(" ", "")
    assert normalise("hälso- \noch sjukvård") == "hälso- och sjukvård"
    assert (
        stands_in("Vid placering … ansvarsfördelningen.", "Vid placering gäller den fördelningen.")
        is False
    )
    assert stands_in("Vid placering … fördelningen.", "Vid placering gäller den fördelningen.")


def test_every_quote_stands_in_its_source_text(registry: Registry) -> None:
    if not SEEDS.is_dir():
        pytest.skip(f"the source texts are not beside the checkout ({SEEDS} is missing)")
    texts = seed_texts(registry)
    assert set(texts) >= {"ÖK 2017", "HSA 2027"}, sorted(texts)
    checked, wrong = 0, []
    for agreement_id, citation in citations(registry):
        if citation.document in NOT_AGREEMENT_TEXT or not citation.quote:
            continue
        assert citation.document in texts, f"{agreement_id}: unknown document {citation.document}"
        checked += 1
        if not stands_in(citation.quote, texts[citation.document]):
            wrong.append(f"{agreement_id} {citation.document} {citation.clause}: {citation.quote}")
    assert not wrong, "quotes not in their source text:\n" + "\n".join(sorted(set(wrong)))
    assert checked > 250
