"""Issue 10, items 4, 8 and 9: the reporter's confirmation, written for a 12-year-old; the urgent one says
the school was alerted with urgency and calls 112 with one tap; a known reporter's name is kept."""

from __future__ import annotations

import json
from typing import Any

from bot.conversation.dispatcher import Conversation
from bot.storage import Store
from cards.ids import Verb
from tests.reporting.conftest import execute, form_token
from tests.reporting.test_report_turns import VALID, set_up
from tests.reporting.test_waiting_confirmation import register


def visible(card: dict[str, Any]) -> str:
    """The card as first shown: without the protocol's words, which sit behind a button."""
    body = [e for e in card["body"] if e.get("isVisible", True)]
    return json.dumps({**card, "body": body}, ensure_ascii=False)


def buttons(card: dict[str, Any]) -> list[dict[str, Any]]:
    return list(card.get("actions", []))


async def confirm(conversation: Conversation, **changes: str) -> dict[str, Any]:
    token = form_token(await set_up(conversation))
    result = await conversation.handle(execute(Verb.SUBMIT_REPORT, form_token=token, **{**VALID, **changes}))
    assert result.updated_card is not None
    return result.updated_card


async def test_an_urgent_report_says_the_school_was_alerted_and_calls_with_one_tap(
    conversation: Conversation, store: Store
) -> None:
    await register(store)  # the school's report channel is there: the case goes out at once
    card = await confirm(conversation, in_danger="ja")
    shown = json.dumps(card, ensure_ascii=False)
    assert "Je spoedmelding is ontvangen" in shown and "De school weet dat het dringend is" in shown
    assert "Je zei dat je nu in gevaar bent" in shown
    assert "Ben je in gevaar?" not in shown and "In gevaar? Bel" not in shown  # not asked again
    calls = [b["url"] for b in buttons(card) if b["type"] == "Action.OpenUrl"]
    assert calls[:2] == ["tel:112", "tel:09001113111"]  # 112 and the vertrouwensinspecteur first
    assert len([b for b in buttons(card) if b.get("mode") != "secondary"]) <= 3


async def test_an_urgent_report_that_waits_does_not_say_the_school_knows(conversation: Conversation) -> None:
    card = await confirm(conversation, in_danger="ja")  # no report channel yet: the case waits
    shown = json.dumps(card, ensure_ascii=False)
    assert "Je spoedmelding is ontvangen" in shown and "De school weet" not in shown
    assert "Zodra de school hem heeft" in shown and "nog niet klaar" in shown
    assert "Je zei dat je nu in gevaar bent" in shown
    assert [b["url"] for b in buttons(card) if b["type"] == "Action.OpenUrl"][:1] == ["tel:112"]


async def test_a_normal_report_is_short_for_a_pupil_with_the_protocol_behind_a_button(
    conversation: Conversation,
) -> None:
    card = await confirm(conversation)
    shown = visible(card)
    assert "met spoed" not in shown and "In gevaar? Bel meteen **112**." in shown
    assert "Wat gebeurt er nu?" in shown and "Wie helpt je?" in shown
    assert "teamleider van je afdeling" in shown  # the person to talk to, from the school's protocol
    for adult in ("gegevensbescherming", "privacyvragen@", "werkdagen", "Wetboek"):
        assert adult not in shown
    assert shown.count("niet alleen") == 1  # the comfort sentence once
    [quote] = [e for e in card["body"] if e.get("id") == "confirm-protocol"]
    assert quote["isVisible"] is False  # the protocol's words behind "Wat zegt het protocol?"
    assert any(b.get("targetElements") == ["confirm-protocol"] for b in buttons(card))


async def test_english_confirmation_has_no_dutch_sentences(conversation: Conversation) -> None:
    token = form_token(await set_up(conversation))
    press = execute(Verb.SUBMIT_REPORT, form_token=token, **VALID).model_copy(update={"locale": "en-GB"})
    card = (await conversation.handle(press)).updated_card
    assert card is not None
    shown = visible(card)
    assert "teamleider" not in shown and "van je afdeling" not in shown
    assert "Talk about it with someone you trust" in shown


async def test_the_name_is_kept_only_for_a_reporter_who_chose_to_be_known(
    conversation: Conversation, store: Store
) -> None:
    await confirm(conversation, show_name="true")
    token = form_token(await set_up(conversation, "u2"))
    await conversation.handle(execute(Verb.SUBMIT_REPORT, "u2", form_token=token, **VALID))
    [known] = await store.reports.for_reporter("aad-u1")
    [anonymous] = await store.reports.for_reporter("aad-u2")
    assert (known.anonymous, known.reporter_name) == (False, "Lotte de Vries")
    assert (anonymous.anonymous, anonymous.reporter_name) == (True, None)
