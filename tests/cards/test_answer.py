"""The answer card shows the verdict, the article and the right follow-ups for each kind of answer."""

from __future__ import annotations

import json
from typing import Any

import pytest

from bot.protocol.answer import Suggestion
from cards.answer import answer_card, without_verdict_word
from tests.cards import samples
from tests.cards.structure import actions, walk

TOKEN = "q1w2e3r4t5y6"


def texts(card: dict[str, Any]) -> list[str]:
    return [node["text"] for node in walk(card) if node.get("type") == "TextBlock"]


def badge(card: dict[str, Any]) -> tuple[str, str, str, str]:
    """(icon, words, colour, container style) of the badge, the card's first element."""
    first = card["body"][0]
    icon_column, words_column = first["items"][0]["columns"]
    words = words_column["items"][0]
    return icon_column["items"][0]["text"], words["text"], words["color"], first["style"]


@pytest.mark.parametrize(
    ("verdict", "lang", "expected"),
    [
        ("yes", "nl", ("✅", "Ja, dat mag", "Good", "good")),
        ("yes_if", "nl", ("☑️", "Ja, mits …", "Accent", "accent")),
        ("no", "nl", ("⛔", "Nee, dat mag niet", "Attention", "attention")),
        ("advised_against", "nl", ("⚠️", "Liever niet", "Warning", "warning")),
        ("unknown", "nl", ("❔", "Staat niet in het protocol", "Default", "emphasis")),
        ("no", "en", ("⛔", "No, that's not allowed", "Attention", "attention")),
        ("unknown", "en", ("❔", "Not in the protocol", "Default", "emphasis")),
    ],
)
def test_badge_per_verdict(verdict: str, lang: str, expected: tuple[str, str, str, str]) -> None:
    answer = samples.unknown_answer() if verdict == "unknown" else samples.answer(verdict)  # type: ignore[arg-type]
    card = answer_card(answer, lang, question="q", question_token=TOKEN)  # type: ignore[arg-type]
    assert badge(card) == expected
    assert card["body"][0]["items"][0]["columns"][1]["items"][1]["text"] == without_verdict_word(
        answer.headline
    )


def test_quote_names_article_section_and_school_and_opens_in_place() -> None:
    card = answer_card(samples.answer("no"), "nl", question="q", question_token=TOKEN, school_name="De Breul")
    shown = texts(card)
    assert "“Je plaatst geen foto's of filmpjes van anderen zonder hun toestemming”" in shown
    assert "Artikel A.8 · A. Voor alle gebruikers · De Breul" in shown
    assert "💡 Vraag eerst of het goed is." in shown
    full = next(node for node in walk(card) if node.get("id") == "article-0-full")
    assert full["isVisible"] is False
    assert full["items"][0]["text"].startswith(
        "Je plaatst geen foto's of filmpjes van anderen zonder hun toestemming."
    )
    toggles = [node for node in walk(card) if node.get("type") == "Action.ToggleVisibility"]
    assert [a["title"] for a in toggles] == ["Toon het hele artikel", "Verberg het artikel"]
    assert all(
        set(a["targetElements"]) == {"article-0-full", "article-0-show", "article-0-hide"} for a in toggles
    )


def test_no_toggle_when_the_quote_is_the_whole_article() -> None:
    whole = samples.QUOTE.model_copy(update={"quoted": samples.QUOTE.full_text})
    card = answer_card(samples.answer("yes", quotes=(whole,)), "nl", question="q", question_token=TOKEN)
    assert not [node for node in walk(card) if node.get("type") == "Action.ToggleVisibility"]
    assert "Artikel A.8 · A. Voor alle gebruikers" in texts(card)


def test_feedback_buttons_on_answered_questions() -> None:
    card = answer_card(samples.answer("yes_if"), "nl", question="q", question_token=TOKEN)
    assert [(a["title"], a["verb"], a["data"]["useful"]) for a in card["actions"]] == [
        ("👍 Ja", "feedback", True),
        ("👎 Nee", "feedback", False),
    ]
    assert "Had je hier iets aan?" in texts(card)


def test_unknown_says_who_to_ask_offers_topics_and_the_school() -> None:
    card = answer_card(
        samples.unknown_answer(), "nl", question="Mag ik een drone gebruiken?", question_token=TOKEN
    )
    shown = texts(card)
    assert "Wie kan je helpen?" in shown
    assert "- je mentor\n- de functionaris gegevensbescherming (privacyvragen@de\\-breul.nl)" not in shown
    assert "- je mentor\n- de functionaris gegevensbescherming (privacyvragen@de-breul.nl)" in shown
    assert "Bedoel je misschien …" in shown
    buttons = [(a["title"], a["verb"]) for a in actions(card)]
    assert buttons == [
        ("foto's van anderen plaatsen", "ask_topic"),
        ("vrienden worden met docenten", "ask_topic"),
        ("📨 Leg mijn vraag voor aan school", "ask_contact"),
    ]


def test_an_english_suggestion_shows_its_english_topic_and_asks_the_dutch_one() -> None:
    suggestion = Suggestion(
        article_id="de-breul:A.8",
        topic="putting photos and videos of school online",
        asks="foto's en filmpjes van school online zetten",
    )
    card = answer_card(
        samples.unknown_answer(suggestions=(suggestion,)), "en", question="drone?", question_token=TOKEN
    )
    (topic,) = [a for a in actions(card) if a["verb"] == "ask_topic"]
    assert topic["title"] == "putting photos and videos of school online"
    assert topic["data"]["topic"] == "foto's en filmpjes van school online zetten"


def test_unknown_without_suggestions_still_offers_the_school() -> None:
    card = answer_card(samples.unknown_answer(suggestions=()), "nl", question="q", question_token=TOKEN)
    assert [a["verb"] for a in actions(card)] == ["ask_contact"]
    assert "Bedoel je misschien …" not in texts(card)


def test_report_gets_a_caring_reply_and_a_button_to_report() -> None:
    card = answer_card(samples.report_answer(), "nl", question="ik word gepest", question_token=TOKEN)
    shown = " ".join(texts(card))
    assert "Wat vervelend dat je dit meemaakt" in shown and "112" in shown
    assert "- je mentor\n- de vertrouwenspersoon" in texts(card)
    assert [(a["title"], a["verb"], a.get("style")) for a in actions(card)] == [
        ("Meld het", "start_report", "positive")
    ]
    assert "⛔" not in json.dumps(card, ensure_ascii=False)  # no verdict badge on an incident


def test_english_card_with_dutch_rules_text() -> None:
    card = answer_card(samples.answer("no"), "en", question="q", question_token=TOKEN, school_name="De Breul")
    assert "Article A.8 · A. Voor alle gebruikers · De Breul" in texts(card)
    assert [a["title"] for a in card["actions"]] == ["👍 Yes", "👎 No"]


def test_further_articles_are_a_see_also_line_that_opens_in_place() -> None:
    second = samples.QUOTE.model_copy(
        update={"article_id": "de-breul:A.2", "quoted": samples.QUOTE.full_text}
    )
    card = answer_card(
        samples.answer("no", quotes=(samples.QUOTE, second)), "nl", question="q", question_token=TOKEN
    )
    assert "Zie ook artikel A.2 · A. Voor alle gebruikers" in texts(card)
    assert texts(card).count(f"“{samples.QUOTE.quoted}”") == 1
    full = next(node for node in walk(card) if node.get("id") == "article-1-full")
    assert full["isVisible"] is False and full["items"][0]["text"] == samples.QUOTE.full_text


@pytest.mark.parametrize(
    ("headline", "shown"),
    [
        ("Nee, als medewerker gebruik je geen WhatsApp.", "Als medewerker gebruik je geen WhatsApp."),
        ("Ja, mits je toestemming hebt.", "Mits je toestemming hebt."),
        ("Alleen in opdracht van de school.", "Alleen in opdracht van de school."),
        ("Neem contact op met je leidinggevende.", "Neem contact op met je leidinggevende."),
    ],
)
def test_the_badge_word_is_not_repeated_in_the_headline(headline: str, shown: str) -> None:
    assert without_verdict_word(headline) == shown
