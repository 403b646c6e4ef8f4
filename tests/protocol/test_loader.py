"""A broken rules file stops the start, naming the file, the article or situation and the field."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from bot.protocol import parsed_cache
from bot.protocol.engine import RuleBook
from bot.protocol.loader import RulesError, load_catalogue, read_yaml
from bot.protocol.model import Situation

RULES = Path(__file__).resolve().parents[2] / "rules"


@pytest.fixture
def rules_copy(tmp_path: Path) -> Path:
    for name in ("lexicon.yaml", "plain-words.txt", "de-breul.yaml"):
        shutil.copy(RULES / name, tmp_path / name)
    shutil.copytree(RULES / "safety", tmp_path / "safety")
    shutil.copytree(RULES / "catalogue", tmp_path / "catalogue")
    return tmp_path


def _edit(folder: Path, change: object) -> Path:
    path = folder / "de-breul.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)  # type: ignore[operator]
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def _load_error(folder: Path) -> str:
    with pytest.raises(RulesError) as caught:
        RuleBook.load(folder)
    return str(caught.value)


def test_the_copy_loads(rules_copy: Path) -> None:
    assert RuleBook.load(rules_copy).slugs == ("de-breul",)


def test_unknown_field_names_article_and_field(rules_copy: Path) -> None:
    _edit(rules_copy, lambda d: d["sections"][2]["articles"][0].update(colour="red"))
    message = _load_error(rules_copy)
    assert "de-breul.yaml" in message
    assert "article A.1" in message
    assert "colour" in message


def test_duplicate_article_id(rules_copy: Path) -> None:
    _edit(rules_copy, lambda d: d["sections"][2]["articles"][1].update(id="A.1"))
    assert "article A.1: duplicate article id" in _load_error(rules_copy)


def test_situation_citing_a_missing_article(rules_copy: Path) -> None:
    _edit(rules_copy, lambda d: d["situations"][0].update(sources=["E.99"]))
    message = _load_error(rules_copy)
    assert "situation melding-leerling" in message
    assert "E.99" in message


def test_situation_with_unknown_concept(rules_copy: Path) -> None:
    _edit(rules_copy, lambda d: d["situations"][0]["match"].update(all=["unicorn"]))
    message = _load_error(rules_copy)
    assert "situation melding-leerling" in message
    assert "unicorn" in message


def test_violation_with_unknown_concept_or_article(rules_copy: Path) -> None:
    def change(d: dict) -> None:  # type: ignore[type-arg]
        situation = next(s for s in d["situations"] if s.get("id") == "informatie-delen-ouder")
        situation["violations"] = [{"when": "unicorn", "answer": "Nee."}]

    _edit(rules_copy, change)
    assert "situation informatie-delen-ouder: violations[1].when: unknown concept 'unicorn'" in _load_error(
        rules_copy
    )

    def bad_source(d: dict) -> None:  # type: ignore[type-arg]
        situation = next(s for s in d["situations"] if s.get("id") == "informatie-delen-ouder")
        situation["violations"] = [{"when": "naming", "answer": "Nee.", "sources": ["E.99"]}]

    _edit(rules_copy, bad_source)
    assert "violations[1].sources: unknown article E.99" in _load_error(rules_copy)


def test_a_mask_must_name_a_concept(rules_copy: Path) -> None:
    def change(d: dict) -> None:  # type: ignore[type-arg]
        d["masks"] = {"unicorn": ["een eenhoorn"]}

    _edit(rules_copy, change)
    assert "masks: unicorn is no concept of the lexicon or this school" in _load_error(rules_copy)


def test_report_article_must_exist(rules_copy: Path) -> None:
    def change(d: dict) -> None:  # type: ignore[type-arg]
        d["school"]["report_article"] = {"leerling": "E.99"}

    _edit(rules_copy, change)
    assert "school: report_article: leerling: unknown article E.99" in _load_error(rules_copy)


def test_quote_must_be_verbatim(rules_copy: Path) -> None:
    def change(d: dict) -> None:  # type: ignore[type-arg]
        situation = next(s for s in d["situations"] if s.get("id") == "huisstijl")
        situation["quote"] = "Logo's zijn altijd toegestaan."

    _edit(rules_copy, change)
    assert "situation huisstijl: quote: not a verbatim part of article C.4" in _load_error(rules_copy)


def test_bad_verdict_is_named(rules_copy: Path) -> None:
    _edit(rules_copy, lambda d: d["situations"][3].update(verdict="maybe"))
    message = _load_error(rules_copy)
    assert "verdict" in message


def test_slug_must_match_file_name(rules_copy: Path) -> None:
    (rules_copy / "de-breul.yaml").rename(rules_copy / "breul.yaml")
    assert "does not match the file name" in _load_error(rules_copy)


def test_invalid_yaml_names_the_file(rules_copy: Path) -> None:
    (rules_copy / "de-breul.yaml").write_text("school: [unclosed", encoding="utf-8")
    assert "de-breul.yaml: not valid YAML" in _load_error(rules_copy)


def test_lexicon_must_define_engine_concepts(rules_copy: Path) -> None:
    path = rules_copy / "lexicon.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    del data["concepts"]["victim"]
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert "missing victim" in _load_error(rules_copy)


def test_a_key_written_twice_is_refused(rules_copy: Path) -> None:
    path = rules_copy / "de-breul.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace(
            "situations:\n", "concepts:\n  knowledge: [kennis]\n  knowledge: [lesstof]\nsituations:\n", 1
        )
    )
    message = _load_error(rules_copy)
    assert "de-breul.yaml: not valid YAML" in message
    assert "'knowledge' is written twice" in message


def test_parsed_rules_come_back_identical_from_the_cache(tmp_path: Path) -> None:
    content = (RULES / "de-breul.yaml").read_bytes()
    calls: list[int] = []

    def parse(data: bytes) -> object:
        calls.append(1)
        return yaml.safe_load(data)

    first = parsed_cache.parsed(content, parse, tmp_path)
    again = parsed_cache.parsed(content, parse, tmp_path)
    assert again == first == yaml.safe_load(content)
    assert len(calls) == 1  # the second time came from the cache
    edited = content.replace(b"name: De Breul", b"name: De Breul Zeist", 1)
    assert parsed_cache.parsed(edited, parse, tmp_path)["school"]["name"] == "De Breul Zeist"
    assert len(calls) == 2  # other content, parsed again


def test_an_unwritable_cache_only_costs_time(tmp_path: Path) -> None:
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("x")
    assert parsed_cache.parsed(b"a: 1", yaml.safe_load, blocked / "cache") == {"a": 1}


def test_a_broken_file_is_never_cached(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MAGDIT_CACHE_DIR", str(tmp_path / "cache"))
    (tmp_path / "de-breul.yaml").write_text("school: [unclosed", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(RulesError, match="not valid YAML"):
            read_yaml(tmp_path / "de-breul.yaml")
    assert not list((tmp_path / "cache").glob("*.json"))


def _problems(folder: Path) -> list[str]:
    with pytest.raises(RulesError) as caught:
        RuleBook.load(folder)
    return caught.value.problems


def test_a_draft_with_todos_is_refused_naming_each_field(rules_copy: Path) -> None:
    def change(d: dict) -> None:  # type: ignore[type-arg]
        d["school"]["name"] = "TODO"
        d["school"]["ask"]["ouder"] = ["TODO"]
        d["sections"][0]["summary"] = "TODO: één zin"
        d["situations"][1]["verdict"] = "TODO"

    _edit(rules_copy, change)
    problems = _problems(rules_copy)
    assert "school.name: still TODO → vul dit in (docs/nieuwe-school.md zegt hoe)" in problems
    assert any(p.startswith("school.ask.ouder[1]: still TODO") for p in problems)
    assert any(p.startswith("section U: summary: still TODO") for p in problems)
    assert any(p.startswith("situation melding-leerling-ongewenst: verdict: still TODO") for p in problems)
    assert problems[-1].startswith("4 TODO(s) left")


def test_every_broken_reference_is_named_at_once_with_what_to_do(rules_copy: Path) -> None:
    def change(d: dict) -> None:  # type: ignore[type-arg]
        d["situations"][0]["sources"] = ["E.99"]
        d["situations"][1]["sources"] = ["Z.1"]
        next(s for s in d["situations"] if s.get("id") == "huisstijl")["quote"] = "Logo's mogen altijd."

    _edit(rules_copy, change)
    problems = _problems(rules_copy)
    assert len(problems) == 3
    assert problems[0].startswith("situation melding-leerling: sources: unknown article E.99 → bedoel je E.9")
    assert "A.1–A.10" in problems[1]
    assert "neem de woorden letterlijk over uit artikel C.4" in problems[2]


def test_an_unknown_concept_names_the_closest_and_the_concepts_that_know_the_word(rules_copy: Path) -> None:
    _edit(rules_copy, lambda d: d["situations"][0]["match"].update(all=["whatsap", "foto"]))
    whatsap, foto = _problems(rules_copy)
    assert "unknown concept 'whatsap' → Bedoel je whatsapp?" in whatsap
    assert "'foto' is een woord van photo" in foto
    assert "docs/concepts.md" in foto


def test_an_unknown_contact_names_the_closest(rules_copy: Path) -> None:
    _edit(rules_copy, lambda d: d["school"]["ask"].update(ouder=["mentr"]))
    [problem] = _problems(rules_copy)
    assert problem.startswith("school: ask.ouder: unknown contact 'mentr' → bedoel je mentor?")


def test_a_field_error_says_what_to_do(rules_copy: Path) -> None:
    _edit(rules_copy, lambda d: d["situations"][3].update(verdict="maybe", colour="red"))
    problems = " ".join(_problems(rules_copy))
    assert "situation melding-volwassene: verdict:" in problems
    assert "kies yes, yes_if, no of advised_against" in problems
    assert "verwijder `colour`" in problems


def test_a_mask_of_no_concept_is_refused(rules_copy: Path) -> None:
    path = rules_copy / "lexicon.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["masks"]["befrend"] = ["lessen volgen"]
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert "masks: befrend is no concept of the lexicon" in _load_error(rules_copy)


def _with_situation(folder: Path, situation: dict) -> None:  # type: ignore[type-arg]
    _edit(folder, lambda d: d["situations"].append(situation))


def _loaded(folder: Path, situation_id: str) -> Situation:
    return next(s for s in RuleBook.load(folder).school("de-breul").situations if s.id == situation_id)


def test_a_situation_from_the_catalogue_inherits_what_it_does_not_write(rules_copy: Path) -> None:
    _with_situation(
        rules_copy, {"from": "vrienden-oud-leerling", "sources": ["E.6"], "verdict": "advised_against"}
    )
    entry = next(e for e in load_catalogue(RULES).situations if e.id == "vrienden-oud-leerling")
    wording = entry.wording["advised_against"]
    situation = _loaded(rules_copy, "vrienden-oud-leerling")  # the id is the entry's
    assert (situation.topic, situation.roles, situation.match, situation.intent) == (
        entry.topic,
        entry.roles,
        entry.match,
        entry.intent,
    )
    assert (situation.verdict, situation.sources) == ("advised_against", ["E.6"])
    assert (situation.answer, situation.advice) == (wording.answer, wording.advice)
    assert situation.en is not None
    assert (situation.en.answer, situation.en.topic) == (wording.en.answer, entry.topic_en)


def test_a_yes_if_from_the_catalogue_takes_its_broken_conditions_unless_the_school_writes_its_own(
    rules_copy: Path,
) -> None:
    common = {"from": "informatie-delen", "sources": ["C.1"], "verdict": "yes_if"}
    _with_situation(rules_copy, {**common, "id": "posten-catalogus"})
    _with_situation(rules_copy, {**common, "id": "posten-zonder", "violations": []})
    inherited = _loaded(rules_copy, "posten-catalogus")
    assert [v.when for v in inherited.violations] == ["confidential_material", "naming", "mocking"]
    assert inherited.broken(frozenset({"naming"})).answer.startswith("Nee, niet met namen erbij")
    assert _loaded(rules_copy, "posten-zonder").violations == []


def test_what_the_school_writes_itself_wins(rules_copy: Path) -> None:
    _with_situation(
        rules_copy,
        {
            "from": "vrienden-medewerker",
            "id": "vrienden-eigen",
            "topic": "bevriend raken met leerlingen",
            "roles": ["medewerker", "ouder"],
            "match": {"all": ["befriend", "pupil"]},
            "verdict": "no",
            "sources": ["E.6"],
            "answer": "Nee, op De Breul word je geen vrienden met leerlingen.",
            "en": {"answer": "No, at De Breul you don't befriend pupils."},
            "advice": None,
        },
    )
    situation = _loaded(rules_copy, "vrienden-eigen")
    assert situation.topic == "bevriend raken met leerlingen"
    assert situation.roles == ["medewerker", "ouder"]
    assert situation.match.all == ["befriend", "pupil"] and situation.match.none == []
    assert situation.answer == "Nee, op De Breul word je geen vrienden met leerlingen."
    assert situation.advice is None  # written as none: the catalogue's advice is not taken
    assert situation.en is not None
    assert (situation.en.answer, situation.en.advice) == ("No, at De Breul you don't befriend pupils.", None)
    assert situation.en.topic == "befriending pupils or parents"  # not written: the catalogue's


def test_an_unknown_catalogue_situation_is_named_with_the_closest(rules_copy: Path) -> None:
    _with_situation(rules_copy, {"from": "vrienden-medewerkr", "sources": ["E.6"], "verdict": "no"})
    [problem] = _problems(rules_copy)
    assert problem.startswith(
        "situation vrienden-medewerkr: from: unknown catalogue situation 'vrienden-medewerkr' → "
        "bedoel je vrienden-medewerker"
    )
    assert "rules/catalogue/situations.yaml" in problem and "laat `from:` weg" in problem
    assert "de-breul.yaml" in _load_error(rules_copy)


def test_a_verdict_the_catalogue_has_no_answer_for_needs_the_schools_own(rules_copy: Path) -> None:
    account = {"from": "schoolaccount", "sources": ["E.1"], "verdict": "no"}
    _with_situation(rules_copy, account)
    [problem] = _problems(rules_copy)
    assert problem == (
        "situation schoolaccount: from schoolaccount: the catalogue has no answer for verdict 'no' → "
        "schrijf answer en en.answer zelf, of kies een oordeel dat de catalogus kent: yes_if"
    )

    _edit(rules_copy, lambda d: d["situations"][-1].update(answer="Nee.", en={"answer": "No."}))
    assert _loaded(rules_copy, "schoolaccount").answer == "Nee."


def test_an_answer_from_the_school_in_one_language_only_is_refused(rules_copy: Path) -> None:
    _with_situation(
        rules_copy,
        {"from": "vrienden-medewerker", "id": "x", "sources": ["E.6"], "verdict": "no", "answer": "Nee."},
    )
    [problem] = _problems(rules_copy)
    assert problem.startswith(
        "situation x: answer: written in one language only → schrijf answer én en.answer"
    )


def test_a_school_referring_to_a_missing_catalogue_names_the_catalogue(rules_copy: Path) -> None:
    shutil.rmtree(rules_copy / "catalogue")
    _with_situation(
        rules_copy, {"from": "verantwoordelijk", "id": "y", "sources": ["A.10"], "verdict": "yes"}
    )
    [problem] = _problems(rules_copy)
    assert problem.startswith(
        f"from: catalogue {rules_copy / 'catalogue' / 'situations.yaml'}: cannot be read"
    )
    assert "situaties met `from:` nemen over uit" in problem
