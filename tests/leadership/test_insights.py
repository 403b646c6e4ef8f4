"""Turns: a question the protocol cannot answer is kept (school, role, text, month — never who asked), a 👎
is kept with its article, and `inzichten` shows them to a leader: numbers in the channel, the questions only
in the presser's invoke response. Small talk, junk and reports are never kept."""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime
from typing import Any

import pytest

from bot.conversation.models import CardReply
from bot.insights.model import month_of
from cards.ids import Verb
from tests.leadership.conftest import LEADER, Desk, card_data, mention, press
from tests.leadership.test_case_flow import strings
from tests.leadership.test_overview import audit, facts

PUPIL = "pupil-7"
UNKNOWN = "Mag ik met een drone boven het schoolplein filmen?"
KNOWN = "Mag ik via WhatsApp appen met leerlingen?"


def chat(text: str, aad: str = PUPIL) -> Any:
    return mention(text, aad=aad, kind="personal", conversation_id=f"a:chat-{aad}")


async def ask(desk: Desk, text: str, aad: str = PUPIL, role: str = "leerling") -> dict[str, Any] | None:
    await desk.conversation.handle(press(Verb.CHOOSE_ROLE, aad=aad, kind="personal", role=role))
    result = await desk.conversation.handle(chat(text, aad))
    cards = [reply.card for reply in result.replies if isinstance(reply, CardReply)]
    return cards[0] if cards else None


async def vote_down(desk: Desk, card: dict[str, Any], aad: str = PUPIL) -> None:
    down = next(a for a in card["actions"] if a["data"].get("useful") is False)["data"]
    data = {key: value for key, value in down.items() if key != "verb"}
    await desk.conversation.handle(press(Verb.FEEDBACK, aad=aad, kind="personal", **data))


async def test_an_unanswered_question_is_kept_without_the_asker(desk: Desk) -> None:
    card = await ask(desk, UNKNOWN)
    assert card is not None and "Staat niet in het protocol" in json.dumps(card, ensure_ascii=False)
    [kept] = await desk.store.insights.unanswered("testschool", "2000-01", "2100-12")
    assert kept.model_dump() == {
        "school": "testschool",
        "role": "leerling",
        "question": UNKNOWN,
        "month": month_of(datetime.now(UTC)),
    }
    assert PUPIL not in json.dumps(kept.model_dump())


async def test_small_talk_junk_and_reports_are_never_kept(desk: Desk) -> None:
    for text in ("hoi", "dank je", "asdfgh", "ik word online gepest", "Mag ik via WhatsApp appen?"):
        await ask(desk, text)
    assert await desk.store.insights.unanswered("testschool", "2000-01", "2100-12") == []


async def test_inzichten_numbers_for_the_channel_questions_only_for_the_presser(
    desk: Desk, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    await desk.conversation.handle(mention("meldingen hier"))
    await ask(desk, UNKNOWN)
    await ask(desk, UNKNOWN.upper(), aad="parent-1", role="ouder")  # the same question, once with a count
    known = await ask(desk, KNOWN, aad="staff-1", role="medewerker")
    assert known is not None
    await vote_down(desk, known, aad="staff-1")

    result = await desk.conversation.handle(mention("inzichten"))
    [reply] = result.replies
    numbers = reply.card  # type: ignore[union-attr]
    assert facts(numbers) == {
        "Vragen die het protocol niet beantwoordt": "2",
        "Antwoorden met 👎": "1",
        "Onderwerpen": "2",
    }
    assert "drone" not in json.dumps(numbers).lower()  # the channel sees numbers only

    listed = await desk.conversation.handle(press(Verb.INSIGHTS, **card_data(numbers, Verb.INSIGHTS)))
    assert listed.replies == () and listed.updated_card is not None
    text = "\n".join(strings(listed.updated_card))
    assert "Niet gedekt door het protocol" in text and "2 vragen zonder antwoord" in text
    assert f"„{UNKNOWN}” (2 keer; leerling, ouder of verzorger)" in text
    assert "Artikel A.1 · Medewerkers gebruiken voor contact met leerlingen Teams en geen WhatsApp." in text
    assert f"👎 „{KNOWN}” (medewerker)" in text and "1 keer 👎" in text
    shown = json.dumps(listed.updated_card, ensure_ascii=False)
    for who in (PUPIL, "parent-1", "staff-1", "Iemand"):  # no account, no name
        assert who not in shown
    assert await desk.deliver() == 0  # nothing posted for others
    logged = caplog.text.lower()
    assert "drone" not in logged and "whatsapp" not in logged  # no question text in a log line
    assert "unanswered question kept for the protocol review: school=testschool" in caplog.text


async def test_inzichten_is_for_leaders_only(desk: Desk) -> None:
    await desk.conversation.handle(mention("meldingen hier"))
    await ask(desk, UNKNOWN)
    refused = await desk.conversation.handle(mention("inzichten", aad="aad-teacher"))
    assert refused.replies[0].text == "Alleen de schoolleiding kan het overzicht en de inzichten zien."  # type: ignore[union-attr]
    forged = await desk.conversation.handle(
        press(Verb.INSIGHTS, aad=PUPIL, kind="personal", school="testschool", show_list=True)
    )
    assert forged.updated_card is None and "drone" not in json.dumps(forged.model_dump())
    assert (await audit(desk)) == [
        ("insights", "aad-teacher", {"reason": "not_leader"}),
        ("insights", PUPIL, {"reason": "not_leader", "school": "testschool"}),
    ]
    # A leader in a personal chat gets the questions at once.
    mine = await desk.conversation.handle(chat("inzichten", aad=LEADER))
    assert UNKNOWN in json.dumps(mine.replies[0].card, ensure_ascii=False)  # type: ignore[union-attr]


async def test_the_privacy_card_says_what_is_kept_and_for_how_long(desk: Desk) -> None:
    await ask(desk, "privacy")
    result = await desk.conversation.handle(chat("privacy"))
    text = " ".join(strings(result.replies[0].card))  # type: ignore[union-attr]
    assert "Gewone vragen bewaar ik niet" not in text
    assert "7 dagen, met je Teams-account" in text
    assert "De schoolleiding ziet zo welke antwoorden niet helpen." in text
    assert "Vragen die niet in het protocol staan" in text and "12 maanden na die maand" in text
    assert "na 7 dagen niet meer aan jou koppelen" in text
