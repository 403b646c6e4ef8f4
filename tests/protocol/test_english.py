"""English in, English out: an English question is read through the glossary and answered in English."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.protocol.engine import RuleBook
from bot.protocol.english import EnglishGlossary, is_english

RULES = Path(__file__).resolve().parents[2] / "rules"


@pytest.fixture(scope="module")
def book() -> RuleBook:
    return RuleBook.load(RULES)


def test_english_is_recognised_and_dutch_is_not() -> None:
    assert is_english("Can I post a photo of my son's class on Facebook?")
    assert is_english("Hi! Does this protocol also cover us parents when we chat in the class app?")
    assert not is_english("mag ik een foto van de klas op insta posten")
    assert not is_english("Is het goed als ik een test post in de groep?")


def test_the_glossary_prefers_the_longest_phrase() -> None:
    glossary = EnglishGlossary({"class": "klas", "class app": "klassenapp", "can i": "mag ik"})
    assert glossary.to_dutch("Can I use the class app?") == "mag ik use the klassenapp"


@pytest.mark.parametrize(
    ("school", "role", "question", "article"),
    [
        (
            "willem-van-oranje",
            "ouder",
            "Does this social media protocol also cover us parents?",
            "R.1",
        ),
        ("de-breul", "ouder", "Can I post a photo of my son's class on my own Facebook?", "A.8"),
        (
            "de-breul",
            "medewerker",
            "May I text my students on WhatsApp to say the lesson is cancelled?",
            "A.1",
        ),
        # the school as the one who acts, and disagreeing with a teacher in writing
        (
            "willem-van-oranje",
            "ouder",
            "Does the school have to ask me before it posts photos of the trip?",
            "A.5",
        ),
        (
            "de-marel",
            "ouder",
            "I disagree with the teacher. Am I allowed to write about it on Facebook?",
            "O.4",
        ),
    ],
)
def test_english_questions_are_understood(
    book: RuleBook, school: str, role: str, question: str, article: str
) -> None:
    answer = book.answer(school, role, question, lang="en")
    assert answer.intent == "question"
    assert answer.sources and answer.sources[0] == f"{school}:{article}"
