"""A flood through HTTP with the default limits: every report form that comes back is stored and confirmed,
and someone asking to report is always answered, however many messages they sent before."""

from __future__ import annotations

import asyncio
import json

from cards.ids import FORM_TOKEN, Verb
from tests.fakes.activities import execute_action, teams_message
from tests.http.conftest import Bot
from tests.reporting.http.test_report_http import press_submit


async def open_forms(bot: Bot, count: int) -> list[str]:
    url = bot.connector.url
    assert (
        await bot.post(execute_action(Verb.CHOOSE_ROLE, {"role": "leerling"}, service_url=url))
    ).status == 200
    tokens = []
    for _ in range(count):
        assert (await bot.post(teams_message("meld", service_url=url))).status == 201
        card = bot.connector.messages()[-1]["attachments"][0]["content"]
        [button] = [a for a in card["actions"] if a.get("verb") == Verb.SUBMIT_REPORT]
        tokens.append(str(button["data"][FORM_TOKEN]))
    return tokens


async def test_thirteen_open_forms_pressed_at_once_are_all_stored_and_confirmed(bot: Bot) -> None:
    tokens = await open_forms(bot, 13)
    cards = await asyncio.gather(*(press_submit(bot, token) for token in tokens))
    reports = await bot.store.reports.for_reporter("aad-user-1")
    assert len(reports) == 13
    numbers = {report.case_number for report in reports}
    confirmed = {number for card in cards for number in numbers if number in json.dumps(card)}
    assert confirmed == numbers
    assert len(await bot.store.outbox.messages("leadership:testschool")) == 13


async def test_forms_already_open_still_send_after_a_flood_of_messages(bot: Bot) -> None:
    [token] = await open_forms(bot, 1)
    for _ in range(60):
        await bot.post(teams_message("help", service_url=bot.connector.url))
    await press_submit(bot, token)
    assert len(await bot.store.reports.for_reporter("aad-user-1")) == 1


async def test_asking_to_report_is_never_met_with_silence(bot: Bot) -> None:
    await open_forms(bot, 13)
    before = len(bot.connector.messages())
    for _ in range(40):
        assert (await bot.post(teams_message("meld", service_url=bot.connector.url))).status == 201
    replies = bot.connector.messages()[before:]
    assert len(replies) == 40  # one answer to every request: a form, or how to report anyway
    notices = [reply["text"] for reply in replies if reply.get("text")]
    assert notices and all("Verstuur melding" in text and "112" in text for text in notices)
    assert len(replies) - len(notices) == 7  # the rest of the 20 forms a minute


async def test_a_flood_of_other_messages_gets_one_notice(bot: Bot) -> None:
    url = bot.connector.url
    before = len(bot.connector.messages())
    for _ in range(30):
        await bot.post(teams_message("help", service_url=url))
    texts = [m.get("text", "") for m in bot.connector.messages()[before:]]
    assert len(texts) == 21 and sum("Rustig aan" in text for text in texts) == 1
