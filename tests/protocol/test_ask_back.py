"""Precision first: when the article recogniser reads a question clearly otherwise than the situation that
would answer it, the engine asks back ("Bedoel je …?") instead of giving a verdict; a chosen option gives
exactly that situation's answer, and only a situation of the question's own school and role."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from bot.protocol.engine import RuleBook

ROOT = Path(__file__).resolve().parents[2]
RULES = ROOT / "rules"


@pytest.fixture(scope="module")
def book() -> RuleBook:
    return RuleBook.load(RULES)


# (school, role, question): the engine's situations would answer about something else than was asked
# (handing in a phone for a test is not the confiscation a sanction article allows; a screenshot of a Teams
# chat on one's story is about passing a chat on, not about chatting in Teams).
DOUBTFUL = [
    ("willem-van-oranje", "leerling", "moeten we onze telefoon inleveren voor een proefwerk?"),
    ("de-breul", "leerling", "mag ik een screenshot van de teams chat met mijn mentor op mijn story zetten"),
]


@pytest.mark.parametrize(("school", "role", "question"), DOUBTFUL)
def test_a_question_read_two_ways_is_asked_back_without_a_verdict(
    book: RuleBook, school: str, role: str, question: str
) -> None:
    answer = book.answer(school, role, question)
    assert answer.verdict == "clarify"
    assert answer.sources == ()
    assert answer.suggestions and all(option.situation for option in answer.suggestions)
    contract = answer.contract()
    assert [option["situation"] for option in contract["options"]] == [
        s.situation for s in answer.suggestions
    ]
    assert "Bedoel je" in answer.text
    assert answer.ask  # whom to ask when no option fits


@pytest.mark.parametrize(("school", "role", "question"), DOUBTFUL)
def test_each_option_gives_that_situations_answer(
    book: RuleBook, school: str, role: str, question: str
) -> None:
    for option in book.answer(school, role, question).suggestions:
        assert option.situation is not None
        chosen = book.answer_situation(school, role, option.situation)
        assert chosen is not None
        assert chosen.situation == option.situation
        assert chosen.verdict in ("yes", "yes_if", "no", "advised_against", "unknown")
        assert chosen.sources[0] == option.article_id


def test_an_agreed_reading_is_answered(book: RuleBook) -> None:
    answer = book.answer(
        "de-breul", "medewerker", "Mag ik een leerling via WhatsApp laten weten dat de les uitvalt?"
    )
    assert answer.verdict == "no"
    assert answer.sources[0] == "de-breul:A.1"


def test_an_english_question_is_asked_back_in_english(book: RuleBook) -> None:
    answer = book.answer(
        "willem-van-oranje", "ouder", "Can my son post a meme about his teacher on Instagram?", lang="en"
    )
    assert answer.verdict == "clarify"
    assert answer.text.startswith("I'm not sure what you mean")


@pytest.mark.parametrize(
    ("school", "role", "situation"),
    [
        ("de-breul", "leerling", "no-such-situation"),
        ("de-marel", "leerling", "prive-contact-leerling"),  # another school's situation
        ("willem-van-oranje", "leerling", "melding"),  # a report situation is not an answer to choose
    ],
)
def test_a_forged_option_is_refused(book: RuleBook, school: str, role: str, situation: str) -> None:
    assert book.answer_situation(school, role, situation) is None


def test_a_situation_of_another_role_is_refused(book: RuleBook) -> None:
    staff_only = next(
        s for s in book.school("de-breul").situations if s.intent == "question" and s.roles == ["medewerker"]
    )
    assert book.answer_situation("de-breul", "medewerker", staff_only.id) is not None
    assert book.answer_situation("de-breul", "leerling", staff_only.id) is None


def test_the_article_model_is_up_to_date() -> None:
    sys.path.insert(0, str(ROOT))
    from scripts.article_model import model_text

    written = (RULES / "articles-model.json").read_text(encoding="utf-8")
    assert written == model_text(ROOT), "run .venv/bin/python scripts/article_model.py"
