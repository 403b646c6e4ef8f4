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


# (school, role, question): the engine's situations would answer about something else than was asked.
DOUBTFUL = [
    # The recogniser reads an article the answer cites only further down (E.7, A.9), not the one its verdict
    # rests on (E.5 online discussion; A.2 sharing school news): no verdict from the first.
    (
        "de-breul",
        "leerling",
        "mag ik een filmpje van de leraar maken als hij boos wordt en dat op tiktok zetten?",
    ),
    (
        "willem-van-oranje",
        "leerling",
        "mag ik met een app een nepfilmpje van onze mentor maken voor de eindmusical?",
    ),
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


# (school, role, question): nothing in the protocol is about it, but a situation's words half fit; the
# recogniser is far surer (UNCOVERED_MARGIN) that the protocol does not cover it than of that situation.
UNCOVERED = [
    (
        "de-breul",
        "leerling",
        "mag ik in de pauze in de aula op mn telefoon gamen of is dat ook verboden net als in de les",
    ),
    ("willem-van-oranje", "ouder", "From what age does the school allow kids to be on TikTok? My son is 12."),
    # handing in a phone for a test is not the confiscation the sanctions article allows
    ("willem-van-oranje", "leerling", "moeten we onze telefoon inleveren voor een proefwerk?"),
    (
        "de-marel",
        "medewerker",
        "Mag ik in de klas YouTube-filmpjes laten zien via het digibord, of is daar een regel voor?",
    ),
]


@pytest.mark.parametrize(("school", "role", "question"), UNCOVERED)
def test_a_question_the_recogniser_is_far_surer_is_not_covered_says_so(
    book: RuleBook, school: str, role: str, question: str
) -> None:
    answer = book.answer(school, role, question)
    assert (answer.intent, answer.verdict, answer.sources) == ("question", "unknown", ())
    assert answer.ask  # whom to ask instead
    assert answer.suggestions  # the near articles, as "Bedoel je misschien …?"


def test_a_far_surer_reading_of_another_article_answers_instead_of_asking_back(book: RuleBook) -> None:
    """The best-scoring situation is about the school asking consent (A.5); the recogniser is far surer
    (TAKE_OVER_MARGIN) of A.1, what the teacher allows for an assignment, which a pupil's situation cites."""
    answer = book.answer(
        "willem-van-oranje",
        "leerling",
        "mogen we in de les een tiktok maken als de docent zegt dat het mag voor een opdracht?",
    )
    assert (answer.intent, answer.verdict) == ("question", "yes_if")
    assert answer.sources[0] == "willem-van-oranje:A.1"


@pytest.mark.parametrize(
    ("school", "role", "question", "lead"),
    [
        (
            "willem-van-oranje",
            "leerling",
            "wat kan er gebeuren als je iets gemeens over een klasgenoot post? pakken ze dan je telefoon af?",
            "S.3",
        ),
        (
            "lucas-onderwijs",
            "leerling",
            "welke straf krijg je als je iemand online uitscheldt? kun je van school gestuurd worden",
            "S.5",
        ),
    ],
)
def test_an_article_cited_further_down_leads_when_the_recogniser_is_far_surer_of_it(
    book: RuleBook, school: str, role: str, question: str, lead: str
) -> None:
    """The situation's verdict stands; the article it cites that the recogniser is far surer of
    (SOURCE_ORDER_MARGIN) is cited and quoted first, and quoted once."""
    answer = book.answer(school, role, question)
    assert answer.sources[0] == f"{school}:{lead}"
    assert answer.quotes[0].article_id == f"{school}:{lead}"
    assert answer.text.count(answer.quotes[0].quoted[:60]) == 1


def test_an_agreed_reading_is_answered(book: RuleBook) -> None:
    answer = book.answer(
        "de-breul", "medewerker", "Mag ik een leerling via WhatsApp laten weten dat de les uitvalt?"
    )
    assert answer.verdict == "no"
    assert answer.sources[0] == "de-breul:A.1"


def test_an_english_question_is_asked_back_in_english(book: RuleBook) -> None:
    answer = book.answer(
        "willem-van-oranje",
        "leerling",
        "My online classes were recorded by the teacher. Can I share the recording on Instagram?",
        lang="en",
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


def test_a_tie_goes_to_the_situation_whose_article_the_recogniser_is_far_surer_of(book: RuleBook) -> None:
    from bot.protocol.engine import TIE_BREAK_MARGIN, _break_tie
    from bot.protocol.recogniser import Guess

    school, role = "de-marel", "leerling"
    question = "mag ik mn juf volgen op tiktok"
    school_book = book.book(school)
    concepts = book.read(school, question).concepts
    answer = book.answer(school, role, question)
    tied = school_book.tied(concepts, role, answer.situation or "")
    assert len(tied) == 2, "the question fits two situations equally well"
    chosen, other = sorted(tied, key=lambda s: s.id != answer.situation)

    def guess(lead: float) -> Guess:
        scores = {chosen.sources[0]: 10.0, other.sources[0]: 10.0 + lead}
        return Guess(article=other.sources[0], scores=scores, alike={})

    far = _break_tie(school_book, role, concepts, answer, guess(TIE_BREAK_MARGIN + 1), "nl")
    assert far.situation == other.id
    assert far.sources[0] == f"{school}:{other.sources[0]}"
    assert _break_tie(school_book, role, concepts, answer, guess(TIE_BREAK_MARGIN - 1), "nl") == answer


def test_a_screenshot_of_a_teams_chat_is_about_passing_a_chat_on(book: RuleBook) -> None:
    """The tie between chatting in Teams and sharing a screenshot goes to the screenshot: the recogniser is
    far surer of it."""
    answer = book.answer(
        "de-breul", "leerling", "mag ik een screenshot van de teams chat met mijn mentor op mijn story zetten"
    )
    assert answer.situation == "screenshot-delen"


def test_every_meaning_offered_shares_something_with_the_question(book: RuleBook) -> None:
    """A meaning the recogniser reads but that shares no required cue with the question is no meaning to
    offer ("wanneer gaat de school naar de politie …?" is not about calling the confidential inspector):
    the ask-back then offers the engine's own meaning and "iets anders"."""
    import json

    from bot.protocol.engine import parse_role

    asked_back = 0
    lines = [
        line
        for name in ("holdout11.jsonl", "holdout12.jsonl", "holdout14.jsonl", "holdout17.jsonl")
        for line in (ROOT / "eval" / name).read_text(encoding="utf-8").splitlines()
    ]
    for line in lines:
        item = json.loads(line)
        answer = book.answer(item["school"], item["role"], item["question"])
        if answer.verdict != "clarify":
            continue
        asked_back += 1
        school_book = book.book(item["school"])
        who = parse_role(item["role"])
        concepts = book.read(item["school"], item["question"]).concepts
        for option in answer.suggestions:
            situation = school_book.situation(option.situation or "", who)
            assert situation is not None
            assert school_book.fits_partly(situation, who, concepts), (item["question"], option.topic)
    assert asked_back >= 5
