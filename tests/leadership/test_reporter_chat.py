"""A report made from a message elsewhere ("Meld dit bericht"): the outbox opens the reporter's 1:1 chat,
sends the confirmation card there, and later news from the school reaches the same chat."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from bot.reporting.model import AttachmentDraft
from bot.reports.model import MESSAGE_TEXT_MAX, Category, ReportedMessage
from bot.texts import t, tn
from cards.ids import Verb
from tests.fakes.activities import TENANT
from tests.leadership.conftest import (
    HOSTILE,
    SERVICE,
    Desk,
    card_data,
    card_of,
    mention,
    press,
    submit,
)
from tests.leadership.test_case_flow import assert_literal
from tests.leadership.test_case_ux import png

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


async def test_the_leader_sees_the_reported_message_literally_in_the_details_only(desk: Desk) -> None:
    await desk.conversation.handle(mention("meldingen hier"))
    hostile = ReportedMessage(
        text=(HOSTILE * 200)[:MESSAGE_TEXT_MAX], cut=True, author="<at>Daan</at> [x](https://evil)", images=2,
        sent_at=MESSAGE.sent_at,
    )  # fmt: skip
    report = await submit(
        desk.store, description=(HOSTILE * 200)[:4000], message=hostile, reporter_conversation=ELSEWHERE
    )
    await desk.store.reporting.add_attachment(
        AttachmentDraft(
            report_id=report.id, uploader_key="pupil-1", content_type="image/png", width=1080, height=2400,
            data=png(),
        )
    )  # fmt: skip
    await desk.deliver()
    [(_, escalation)] = desk.sender.threads
    card = card_of(escalation)
    assert "Klik hier" not in json.dumps(card, ensure_ascii=False)  # the channel card stays minimal
    shown = await desk.conversation.handle(press(Verb.CASE_DETAILS, **card_data(card, Verb.CASE_DETAILS)))
    assert shown.updated_card is not None
    details = json.dumps(shown.updated_card, ensure_ascii=False)
    for text in (t("case.details.message"), "21-11-2026 14:05", t("case.details.message_cut")):
        assert text in details
    assert tn("case.details.message_images", 2) in details and "Screenshot 1 van 1" in details
    assert_literal(shown.updated_card)
    assert len(details.encode()) < 28 * 1024  # a Teams message stays under ~28 KB
