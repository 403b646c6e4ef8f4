"""The shared catalogue: valid, on the shared lexicon, in Dutch and English for each of its verdicts.

How a school's situation inherits from it (`from:`): tests/protocol/test_loader.py."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.protocol.catalogue import CATALOGUE_FILE, Catalogue
from bot.protocol.lexicon import ConceptMatcher
from bot.protocol.loader import RulesError, load_catalogue
from tests.conftest import RULES
from tests.protocol.test_english_rules import LEADS


def test_every_concept_it_names_is_in_the_shared_lexicon(
    catalogue: Catalogue, matcher: ConceptMatcher
) -> None:
    names = {name for entry in catalogue.situations for name in entry.cues()}
    assert names <= matcher.names


def test_it_covers_what_most_protocols_cover(catalogue: Catalogue) -> None:
    ids = {entry.id for entry in catalogue.situations}
    needed = {"whatsapp-medewerker-leerlingen", "beelden-delen", "vrienden-met-medewerker", "schoolaccount"}
    needed |= {"vertrouwelijke-informatie", "kritiek-op-school", "les-leerling", "sancties-leerling"}
    assert needed | {"voor-wie", "melding-leerling"} <= ids
    assert {entry.intent for entry in catalogue.situations} == {"question", "report"}


def test_the_english_answer_keeps_the_verdict(catalogue: Catalogue) -> None:
    wordings = [(f"fallback {v}", w) for v, w in catalogue.fallback.items()]
    wordings += [(f"{e.id} {v}", w) for e in catalogue.situations for v, w in e.wording.items()]
    wrong = []
    for key, wording in wordings:
        pairs = [(wording.answer, wording.en.answer)]
        pairs += [(v.answer, v.en.answer) for v in wording.violations if v.en]
        for dutch, english in pairs:
            lead = next((en for nl, en in LEADS if dutch.startswith(nl)), None)
            if (lead and not english.startswith(lead)) or (
                not lead and english.split(",")[0] in ("No", "Yes")
            ):
                wrong.append(key)
    assert wrong == []


def test_an_unknown_concept_is_named_with_the_closest(tmp_path: Path, matcher: ConceptMatcher) -> None:
    raw = yaml.safe_load((RULES / CATALOGUE_FILE).read_text(encoding="utf-8"))
    raw["situations"][0]["found_in"]["all"] = ["whatsap"]
    (tmp_path / "catalogue").mkdir()
    (tmp_path / CATALOGUE_FILE).write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    with pytest.raises(
        RulesError, match=r"entry melding-leerling: unknown concept 'whatsap' → Bedoel je whatsapp"
    ):
        load_catalogue(tmp_path, matcher)


def test_a_school_of_its_own_never_takes_a_catalogue_article(tmp_path: Path, matcher: ConceptMatcher) -> None:
    raw = yaml.safe_load((RULES / CATALOGUE_FILE).read_text(encoding="utf-8"))
    raw["situations"][3]["wording"]["no"]["violations"] = [
        {"when": "naming", "answer": "Nee.", "sources": ["A.1"]}
    ]
    (tmp_path / "catalogue").mkdir()
    (tmp_path / CATALOGUE_FILE).write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    with pytest.raises(RulesError, match="no sources or quote"):
        load_catalogue(tmp_path, matcher)


def test_it_is_no_school_of_its_own() -> None:
    """The bot reads the catalogue only for situations that refer to it (`from:`), never as a school."""
    from bot.protocol.loader import school_slugs

    assert "catalogue" not in school_slugs(RULES) and "situations" not in school_slugs(RULES)
