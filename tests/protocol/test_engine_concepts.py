"""The concepts the engine reads are declared once (bot/protocol/concepts.py) and checked at load."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.protocol import concepts
from bot.protocol.loader import LEXICON_FILE, RulesError, load_lexicon

RULES = Path(__file__).resolve().parents[2] / "rules"


def test_every_concept_the_engine_reads_is_in_the_shared_lexicon() -> None:
    lexicon = load_lexicon(RULES / LEXICON_FILE)
    assert not concepts.REQUIRED - set(lexicon.concepts)


@pytest.mark.parametrize("name", sorted(concepts.REQUIRED))
def test_a_lexicon_without_one_of_them_is_refused_naming_it(tmp_path: Path, name: str) -> None:
    raw = yaml.safe_load((RULES / LEXICON_FILE).read_text(encoding="utf-8"))
    del raw["concepts"][name]
    # Other concepts may refer to it ("@name"): drop those references too, so only the missing name fails.
    for key, terms in raw["concepts"].items():
        raw["concepts"][key] = [t for t in terms if t != f"@{name}"] or ["onmogelijkwoord"]
    path = tmp_path / LEXICON_FILE
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    with pytest.raises(RulesError) as failure:
        load_lexicon(path)
    assert name in str(failure.value)
