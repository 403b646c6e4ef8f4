"""Every situation speaks English too: an English answer's headline, advice and suggestions come from en:."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.protocol import compose
from bot.protocol.engine import RuleBook
from bot.protocol.loader import school_files
from bot.protocol.model import Situation

RULES = Path(__file__).resolve().parents[2] / "rules"
# Every school file, a new one too: the bot answers expats at every school.
SCHOOLS = tuple(path.stem for path in school_files(RULES))

# A Dutch verdict word and how the English headline says it: a "Nee, …" stays a clear "No, …".
LEADS = (("Liever niet", "Better not"), ("Nee", "No"), ("Ja", "Yes"), ("Alleen", "Only"), ("Niet ", "Not "))


@pytest.mark.parametrize("slug", SCHOOLS)
def test_every_situation_and_violation_has_english(book: RuleBook, slug: str) -> None:
    missing = []
    for situation in book.school(slug).situations:
        en = situation.en
        if en is None or not en.topic or bool(en.advice) != bool(situation.advice):
            missing.append(situation.id)
        for n, violation in enumerate(situation.violations, 1):
            if violation.en is None or bool(violation.en.advice) != bool(violation.advice):
                missing.append(f"{situation.id} violation {n}")
    assert missing == []


@pytest.mark.parametrize("slug", SCHOOLS)
def test_the_english_headline_keeps_the_verdict(book: RuleBook, slug: str) -> None:
    pairs = []
    for situation in book.school(slug).situations:
        pairs.append((situation.id, situation.answer, situation.en))
        pairs += [(f"{situation.id}#{n}", v.answer, v.en) for n, v in enumerate(situation.violations, 1)]
    wrong = []
    for key, dutch, en in pairs:
        assert en is not None, key
        lead = next((english for word, english in LEADS if dutch.startswith(word)), None)
        if lead and not en.answer.startswith(lead):
            wrong.append(key)
        if not lead and en.answer.split(",")[0] in ("No", "Yes"):
            wrong.append(key)
    assert wrong == []


def _situation(book: RuleBook, slug: str, situation_id: str) -> Situation:
    return next(s for s in book.school(slug).situations if s.id == situation_id)


@pytest.mark.parametrize(
    ("school", "role", "question", "situation_id", "violation"),
    [
        (
            "de-breul",
            "ouder",
            "Can I post a photo of my son's class on my own Facebook?",
            "beelden-iedereen",
            None,
        ),
        ("de-marel", "ouder", "Can I send the teacher a WhatsApp message?", "juf-appen-ouder", None),
        # the question breaks the condition of a yes_if: the violation's English headline
        (
            "de-breul",
            "leerling",
            "May I post a photo of the test questions on Instagram?",
            "beelden-leerling",
            0,
        ),
    ],
)
def test_an_english_answer_has_the_english_headline_and_the_dutch_article(
    book: RuleBook, school: str, role: str, question: str, situation_id: str, violation: int | None
) -> None:
    situation = _situation(book, school, situation_id)
    source = situation if violation is None else situation.violations[violation]
    assert source.en is not None

    english = book.answer(school, role, question, lang="en")
    assert english.headline == source.en.answer
    assert english.text.startswith(source.en.answer)
    assert english.advice == (source.en.advice or None)

    dutch = book.answer(school, role, question, lang="nl")
    assert dutch.headline == source.answer
    assert english.quotes == dutch.quotes  # the protocol is quoted as written, in Dutch


def test_a_second_question_is_answered_in_english_too(book: RuleBook) -> None:
    first = _situation(book, "de-breul", "les-leerling")
    second = _situation(book, "de-breul", "whatsapp-leerling-met-medewerker")
    assert first.en is not None and second.en is not None
    answer = compose.situation_answer(book.book("de-breul"), "leerling", first, "en", second)
    assert f"Your second question: {second.en.answer}" in answer.text
    assert second.en.advice and second.en.advice in answer.text


def test_suggestions_are_offered_under_their_english_topic_and_ask_the_dutch_one(book: RuleBook) -> None:
    question = "Can I use a drone to film the school party?"
    english = book.answer("de-breul", "ouder", question, lang="en")
    assert english.verdict == "unknown" and english.suggestions
    topics = {s.topic: s for s in book.school("de-breul").situations}
    for suggestion in english.suggestions:
        assert suggestion.asks in topics  # a tap asks the Dutch topic, which the engine reads
        en = topics[suggestion.asks].en
        assert en is not None and suggestion.topic == en.topic
        assert f"{suggestion.topic} (article {suggestion.article_id.split(':')[1]})" in english.text

    dutch = book.answer("de-breul", "ouder", question, lang="nl")
    assert [s.topic for s in dutch.suggestions] == [s.asks for s in english.suggestions]
