"""A report made from a message elsewhere ("Meld dit bericht"): the outbox opens the reporter's 1:1 chat,
sends the confirmation card there, and later news from the school reaches the same chat."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from bot.reports.model import Category, ReportedMessage
from bot.texts import t
from cards.ids import Verb
from tests.fakes.activities import TENANT
from tests.leadership.conftest import (
    SERVICE,
    Desk,
    card_data,
    card_of,
    mention,
    press,
    submit,
)

MESSAGE = ReportedMessage(
    text="Niemand wil jou in de groep.",
    author="Daan Jansen",
    sent_at=datetime(2026, 11, 21, 13, 5, tzinfo=UTC),
)
ELSEWHERE = {"service_url": SERVICE, "conversation_id": "", "tenant_id": TENANT, "user_id": "29:pupil-1"}


async def test_the_confirmation_goes_to_the_reporters_own_chat_and_so_does_later_news(desk: Desk) -> None:
    await desk.conversation.handle(mention("meldingen hier"))
    report = await submit(
        desk.store, category=Category.NARE_BERICHTEN, message=MESSAGE, reporter_conversation=ELSEWHERE
    )
    await desk.deliver()
    [opened] = desk.sender.chats
    assert (opened.user_id, opened.tenant_id, opened.service_url) == ("29:pupil-1", TENANT, SERVICE)
    [(_, escalation)] = desk.sender.threads
    assert MESSAGE.text not in json.dumps(escalation, ensure_ascii=False)  # the channel card stays minimal
    [(chat, confirmation)] = desk.sender.sends
    assert chat.conversation_id == "a:chat-29:pupil-1"
    card = json.dumps(card_of(confirmation), ensure_ascii=False)
    assert report.case_number in card and t("confirm.message_kept") in card
    assert t("confirm.screenshots") in card  # no image in the message: screenshots are welcome
    assert report.case_number in confirmation["summary"] and MESSAGE.text not in confirmation["summary"]

    taken = await desk.conversation.handle(
        press(Verb.CASE_TAKE, **card_data(card_of(escalation), Verb.CASE_TAKE))
    )
    assert taken.updated_card is not None
    await desk.deliver()
    later = desk.sender.sends[1:]
    assert [c.conversation_id for c, _ in later] == ["a:chat-29:pupil-1"]
    assert "in behandeling" in later[0][1]["text"]


async def test_a_sexting_message_with_images_is_confirmed_without_asking_for_them(desk: Desk) -> None:
    await desk.conversation.handle(mention("meldingen hier"))
    with_images = MESSAGE.model_copy(update={"images": 1})
    await submit(desk.store, category=Category.SEXTING, message=with_images, reporter_conversation=ELSEWHERE)
    await desk.deliver()
    [(_, confirmation)] = desk.sender.sends
    card = json.dumps(card_of(confirmation), ensure_ascii=False)
    assert t("confirm.message_images_sexting") in card and t("confirm.no_nude_images") in card
    assert t("confirm.screenshots") not in card and t("confirm.message_images") not in card


async def test_a_report_from_the_chat_itself_gets_no_second_confirmation(desk: Desk) -> None:
    await desk.conversation.handle(mention("meldingen hier"))
    await submit(desk.store)
    await desk.deliver()
    assert desk.sender.chats == [] and desk.sender.sends == []
