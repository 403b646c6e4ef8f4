"""A drafted school file: YAML the bot refuses while a TODO is left, and that answers once they are filled."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from bot.onboarding.draft import Draft, draft
from bot.protocol.catalogue import Catalogue
from bot.protocol.engine import RuleBook
from bot.protocol.lexicon import ConceptMatcher
from bot.protocol.loader import RulesError
from bot.protocol.problems import review_marks
from tests.conftest import RULES
from tests.onboarding.conftest import PROTOCOL


@pytest.fixture
def baken(catalogue: Catalogue, matcher: ConceptMatcher) -> Draft:
    text = PROTOCOL.read_text(encoding="utf-8")
    return draft(text, "het-baken", catalogue, matcher, PROTOCOL.name, name="Het Baken", kind="po")


def filled(text: str) -> str:
    """What a coordinator does first: a sentence for each section (the only TODOs this protocol leaves)."""
    return re.sub(r"summary: TODO.*", "summary: Wat deze sectie regelt.", text)


def rules_with(tmp_path: Path, school: str) -> Path:
    for name in ("lexicon.yaml", "plain-words.txt"):
        shutil.copy(RULES / name, tmp_path / name)
    shutil.copytree(RULES / "safety", tmp_path / "safety")
    shutil.copytree(RULES / "catalogue", tmp_path / "catalogue")
    (tmp_path / "het-baken.yaml").write_text(school, encoding="utf-8")
    return tmp_path


def test_the_draft_is_yaml_with_the_articles_and_proposals(baken: Draft) -> None:
    raw = yaml.safe_load(baken.text)
    assert raw["school"]["name"] == "Het Baken" and raw["school"]["kind"] == "po"
    assert [s["id"] for s in raw["sections"]] == ["U", "1", "A", "S"]
    assert (baken.sections, baken.articles, baken.slips, baken.todos) == (4, 10, 1, 4)
    assert '# OCR? "vitsluitend" → "uitsluitend"' in baken.text
    assert baken.text.count("# REVIEW catalogue") == baken.proposals >= 10
    # a proposal in the catalogue's own words refers to it and writes only the school's verdict and articles
    whatsapp = next(s for s in raw["situations"] if s.get("from") == "whatsapp-medewerker-leerlingen")
    assert whatsapp == {"from": "whatsapp-medewerker-leerlingen", "verdict": "no", "sources": ["1.b"]} | (
        {"quote": whatsapp["quote"]} if "quote" in whatsapp else {}
    )


def test_a_draft_with_todos_never_loads(baken: Draft, tmp_path: Path) -> None:
    with pytest.raises(RulesError) as refused:
        RuleBook.load(rules_with(tmp_path, baken.text))
    assert "section U: summary: still TODO" in refused.value.problems[0]


def test_filled_in_it_answers_from_its_own_articles(baken: Draft, tmp_path: Path) -> None:
    book = RuleBook.load(rules_with(tmp_path, filled(baken.text)))
    staff = book.answer("het-baken", "medewerker", "mag ik ouders appen via whatsapp?")
    assert (staff.verdict, staff.sources[0]) == ("no", "het-baken:1.b")
    photos = book.answer("het-baken", "ouder", "mag ik fotos van het schoolreisje op insta zetten")
    assert (photos.verdict, photos.sources[0]) == ("yes_if", "het-baken:A.1")
    befriend = book.answer("het-baken", "medewerker", "mag ik ouders toevoegen op facebook")
    assert (befriend.verdict, befriend.sources[0]) == ("advised_against", "het-baken:A.3")
    report = book.answer("het-baken", "leerling", "ik word gepest in de klassenapp")
    assert (report.intent, report.sources[0]) == ("report", "het-baken:A.4")


def test_without_name_kind_or_contacts_those_are_todo(catalogue: Catalogue, matcher: ConceptMatcher) -> None:
    bare = draft(
        "Regels\n\n1. Het is niet toegestaan om te appen met leerlingen.\n", "x", catalogue, matcher, "x.txt"
    )
    raw = yaml.safe_load(bare.text)
    assert raw["school"]["name"] == raw["school"]["kind"] == "TODO"
    assert raw["school"]["contacts"] == [{"key": "TODO", "name": "TODO"}]
    assert raw["school"]["ask"]["ouder"] == ["TODO"]


def test_nothing_the_catalogue_knows_leaves_a_situation_to_write(
    catalogue: Catalogue, matcher: ConceptMatcher
) -> None:
    bare = draft("Regels\n\n1. De kantine sluit om vier uur.\n", "x", catalogue, matcher, "x.txt")
    assert yaml.safe_load(bare.text)["situations"][0]["id"] == "TODO"


def test_rules_check_counts_the_marks_left_not_the_instructions(baken: Draft, tmp_path: Path) -> None:
    path = tmp_path / "het-baken.yaml"
    path.write_text(baken.text, encoding="utf-8")
    marked = review_marks(path)
    assert len(marked) == sum(1 for line in baken.text.splitlines() if "# REVIEW" in line) > baken.proposals
    assert all(n > 12 for n in marked)  # the header's steps say what to do with them, and are no mark
    reviewed = "\n".join(
        line.split("   # REVIEW")[0] for line in baken.text.splitlines() if "# REVIEW catalogue" not in line
    )
    path.write_text(reviewed, encoding="utf-8")
    assert review_marks(path) == []
