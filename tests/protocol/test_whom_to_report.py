"""'Bij wie moet ik dat melden?': asked as a question, whom to report to is answered by the article that says
so (the shared catalogue's melden-bij-wie, cited per school); where the protocol names nobody (Martinus) the
bot says so and names whom to ask. Told as the asker's own story, it stays a report."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.protocol.engine import RuleBook

RULES = Path(__file__).resolve().parents[2] / "rules"


@pytest.fixture(scope="module")
def book() -> RuleBook:
    return RuleBook.load(RULES)


@pytest.mark.parametrize(
    ("school", "role", "question", "article"),
    [
        ("de-breul", "leerling", "bij wie meld je op school eigenlijk ongewenste berichten?", "E.9"),
        (
            "de-breul",
            "leerling",
            "stel dat ik ooit rare dms krijg, aan wie moet ik dat dan vertellen?",
            "E.9",
        ),
        (
            "de-marel",
            "ouder",
            "Aan wie moet ik het melden als ik online iets zie dat over de grens gaat?",
            "A.4",
        ),
        ("de-marel", "leerling", "bij wie kan je het vertellen als er online iets raars gebeurt?", "L.5"),
        (
            "willem-van-oranje",
            "leerling",
            "stel dat iemand in een groepsapp van school gemeen doet, bij wie kan ik dat melden?",
            "A.11",
        ),
    ],
)
def test_whom_to_report_is_the_article_that_says_so(
    book: RuleBook, school: str, role: str, question: str, article: str
) -> None:
    answer = book.answer(school, role, question)
    assert answer.intent == "question"
    assert answer.sources[0] == f"{school}:{article}"


def test_where_the_protocol_names_nobody_the_bot_says_so(book: RuleBook) -> None:
    answer = book.answer(
        "martinus-twello", "medewerker", "bij wie moet ik melden als ik online iets geks zie over school?"
    )
    assert (answer.intent, answer.verdict) == ("question", "unknown")


def test_asking_whom_to_ask_for_permission_is_no_question_about_reporting(book: RuleBook) -> None:
    answer = book.answer(
        "de-breul", "leerling", "bij wie moet ik toestemming vragen voor een foto van de klas?"
    )
    assert answer.situation != "melden-bij-wie"


def test_told_as_the_askers_own_story_it_stays_a_report(book: RuleBook) -> None:
    answer = book.answer(
        "de-breul", "leerling", "ik word elke dag gepest in de klassenapp, bij wie moet ik dat melden?"
    )
    assert answer.intent == "report"
