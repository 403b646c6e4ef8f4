"""The safety net as a user meets it: care first, the report form preset, nothing repeated in a group."""

from __future__ import annotations

import logging
from typing import Any

import pytest

from bot.conversation.dispatcher import Conversation
from bot.conversation.models import CardReply
from cards.ids import INPUT_CATEGORY, INPUT_IN_DANGER, Verb
from tests.turns.conftest import action, message
from tests.turns.test_conversation import texts


def _inputs(card: dict[str, object]) -> dict[str, object]:
    found: dict[str, object] = {}

    def walk(node: object) -> None:
        if isinstance(node, dict):
            if str(node.get("type", "")).startswith("Input.") and "id" in node:
                found[str(node["id"])] = node.get("value")
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(card)
    return found


async def test_a_childs_distress_gets_care_first_then_the_urgent_form(conversation: Conversation) -> None:
    await conversation.handle(action(Verb.CHOOSE_ROLE, role="leerling"))
    result = await conversation.handle(
        message("ze sturen elke nacht dat ik beter dood kan zijn. ik kan niet meer")
    )

    card = result.replies[0]
    assert isinstance(card, CardReply)
    care = card.card["body"][0]
    assert care["style"] == "attention"
    said = texts(result)
    assert "Je bent belangrijk" in said and "0800-0113" in said and "0800-0432" in said
    button = next(a for a in card.card["actions"] if a.get("verb") == Verb.START_REPORT.value)
    assert next(a["url"] for a in card.card["actions"] if a["type"] == "Action.OpenUrl") == "tel:112"

    form = await conversation.handle(action(**button["data"]))

    form_card = form.replies[0]
    assert isinstance(form_card, CardReply)
    inputs = _inputs(form_card.card)
    assert inputs[INPUT_IN_DANGER] == "ja"
    assert inputs[INPUT_CATEGORY] == "cyberpesten"


async def _a_pupil_tells(conversation: Conversation, text: str) -> tuple[str, dict[str, Any]]:
    """What the bot says to a pupil's message, and the data of its report button."""
    await conversation.handle(action(Verb.CHOOSE_ROLE, role="leerling"))
    result = await conversation.handle(message(text))
    card = result.replies[0]
    assert isinstance(card, CardReply)
    button = next(a for a in card.card["actions"] if a.get("verb") == Verb.START_REPORT.value)
    return texts(result), button


async def test_sextortion_presets_the_sexting_category(conversation: Conversation) -> None:
    said, button = await _a_pupil_tells(
        conversation, "hij dreigt mijn naaktfotos rond te sturen als ik niet betaal"
    )
    assert "Het is niet jouw schuld" in said
    assert button["data"]["category"] == "sexting" and button["data"]["urgent"] is True


async def test_a_threat_says_112_and_presets_the_urgent_threat_form(conversation: Conversation) -> None:
    said, button = await _a_pupil_tells(
        conversation, "een jongen uit 3b appt dat hij me morgen na school komt pakken"
    )
    assert "112" in said
    assert "0800-0113" not in said, "no suicide line for a threat"
    assert button["data"]["category"] == "bedreiging" and button["data"]["urgent"] is True


async def test_bullying_is_comforted_and_reported_without_urgency(conversation: Conversation) -> None:
    said, button = await _a_pupil_tells(
        conversation, "ze hebben me uit de klassenapp gegooid en lachen me nu uit"
    )
    assert "0800-0113" not in said, "no suicide line for bullying"
    assert button["data"]["category"] == "cyberpesten" and button["data"]["urgent"] is False

    form = await conversation.handle(action(**button["data"]))
    form_card = form.replies[0]
    assert isinstance(form_card, CardReply)
    assert _inputs(form_card.card)[INPUT_CATEGORY] == "cyberpesten"


async def test_in_a_group_chat_nothing_is_repeated_but_112_is_said(conversation: Conversation) -> None:
    await conversation.handle(action(Verb.CHOOSE_ROLE, role="leerling"))
    message_text = "hij zegt dat hij me na school gaat steken met een mes"
    result = await conversation.handle(message(message_text, kind="groupChat", mentioned=True))
    said = texts(result)
    assert "112" in said and "privéchat" in said
    assert "mes" not in said.lower().split()


async def test_a_rule_question_with_a_signal_keeps_its_answer_and_offers_to_report(
    conversation: Conversation,
) -> None:
    await conversation.handle(action(Verb.CHOOSE_ROLE, role="leerling"))
    result = await conversation.handle(
        message("mag ik het telefoonnummer van de mentor in de groepsapp zetten")
    )
    card = result.replies[0]
    assert isinstance(card, CardReply)
    verbs = [a.get("verb") for a in card.card["actions"]]
    assert Verb.START_REPORT.value in verbs and Verb.FEEDBACK.value in verbs
    assert "Meld het dan hier" in texts(result)


async def test_no_word_of_a_distress_message_reaches_the_log(
    conversation: Conversation, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    await conversation.handle(action(Verb.CHOOSE_ROLE, role="leerling"))
    secret = "zwanenmeer"  # a word only the message has
    await conversation.handle(message(f"ik wil niet meer leven, {secret} weet het niet eens"))
    logged = " ".join(record.getMessage() for record in caplog.records)
    assert caplog.records and secret not in logged and "leven" not in logged
