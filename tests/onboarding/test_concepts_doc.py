"""docs/concepts.md is generated from rules/ and kept up to date: `python -m bot rules concepts`."""

from __future__ import annotations

from bot.onboarding.commands import CONCEPTS_FILE
from bot.onboarding.concepts_doc import concepts_markdown
from tests.conftest import RULES


def test_docs_concepts_is_up_to_date() -> None:
    assert CONCEPTS_FILE.read_text(encoding="utf-8") == concepts_markdown(RULES), (
        "docs/concepts.md is out of date: run `python -m bot rules concepts`"
    )


def test_it_lists_every_shared_concept_with_its_words_and_users() -> None:
    doc = concepts_markdown(RULES)
    assert "| `whatsapp` |" in doc and "`appen`" in doc
    row = next(line for line in doc.splitlines() if line.startswith("| `whatsapp` |"))
    assert "de-breul" in row and "catalogus" in row
    assert "| `whatsapp-medewerker-leerlingen` |" in doc
