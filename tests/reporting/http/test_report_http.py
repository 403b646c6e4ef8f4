"""Reporting through HTTP with signed tokens: submit → stored → confirmation (invoke response), repeats and
concurrent presses give one case, the Action.Submit fallback, and no report text in any log line."""

from __future__ import annotations

import asyncio
import json
import logging
from typing import Any

import pytest

from cards.ids import FORM_TOKEN, Verb
from tests.fakes.activities import execute_action, teams_message
from tests.fakes.store import payload
from tests.http.conftest import Bot

VALID = {
    "category": "bedreiging",
    "description": "Iemand stuurt me berichten dat hij me na school opwacht.",
    "platform": "Snapchat",
    "happened": "vanochtend",
    "in_danger": "ja",
    "show_name": "false",
}


async def start(bot: Bot) -> str:
    """Choose the role, type `meld`: the token of the report card the bot sent."""
    url = bot.connector.url
    assert (
        await bot.post(execute_action(Verb.CHOOSE_ROLE, {"role": "leerling"}, service_url=url))
    ).status == 200
    assert (await bot.post(teams_message("meld", service_url=url))).status == 201
    card = bot.connector.messages()[-1]["attachments"][0]["content"]
    [button] = [a for a in card["actions"] if a.get("verb") == Verb.SUBMIT_REPORT]
    return str(button["data"][FORM_TOKEN])


async def press_submit(bot: Bot, token: str, **typed: Any) -> dict[str, Any]:
    data = {FORM_TOKEN: token, **VALID, **typed}
    response = await bot.post(execute_action(Verb.SUBMIT_REPORT, data, service_url=bot.connector.url))
    assert response.status == 200
    body: dict[str, Any] = await response.json()
    assert body["statusCode"] == 200 and body["type"] == "application/vnd.microsoft.card.adaptive"
    return dict(body["value"])


async def test_submit_is_stored_before_the_confirmation(bot: Bot) -> None:
    token = await start(bot)
    card = await press_submit(bot, token)
    [report] = await bot.store.reports.for_reporter("aad-user-1")
    shown = json.dumps(card, ensure_ascii=False)
    assert report.case_number in shown and report.urgent and report.in_danger
    assert "artikel B.1" in shown and "112" in shown
    assert report.reporter_conversation["service_url"] == bot.connector.url
    [escalation] = await bot.store.outbox.messages("leadership:testschool")
    assert payload(escalation)["report_id"] == str(report.id)


async def test_repeats_and_concurrent_presses_give_one_case_and_the_same_confirmation(bot: Bot) -> None:
    token = await start(bot)
    first = await press_submit(bot, token)
    again = await press_submit(bot, token)  # a Teams re-delivery: a new activity id
    together = await asyncio.gather(*(press_submit(bot, token) for _ in range(8)))
    assert again == first and all(card == first for card in together)
    assert len(await bot.store.reports.for_reporter("aad-user-1")) == 1
    assert len(await bot.store.outbox.messages("leadership:testschool")) == 1


async def test_concurrent_first_presses_give_one_case(bot: Bot) -> None:
    token = await start(bot)
    cards = await asyncio.gather(*(press_submit(bot, token) for _ in range(10)))
    assert len({json.dumps(card) for card in cards}) == 1
    assert len(await bot.store.reports.for_reporter("aad-user-1")) == 1


async def test_invalid_input_comes_back_as_the_same_card(bot: Bot) -> None:
    token = await start(bot)
    card = await press_submit(bot, token, description="", category="")
    shown = json.dumps(card, ensure_ascii=False)
    assert "Schrijf in een paar woorden" in shown and "Kies wat er is gebeurd" in shown
    assert token in shown and VALID["happened"] in shown
    assert await bot.store.reports.for_reporter("aad-user-1") == []


async def test_the_submit_fallback_sends_the_confirmation_as_a_message(bot: Bot) -> None:
    token = await start(bot)
    value = {"verb": Verb.SUBMIT_REPORT.value, FORM_TOKEN: token, **VALID}
    assert (await bot.post(teams_message("", value=value, service_url=bot.connector.url))).status == 201
    [report] = await bot.store.reports.for_reporter("aad-user-1")
    last = bot.connector.messages()[-1]
    assert report.case_number in json.dumps(last["attachments"][0]["content"])
    assert report.case_number in last["summary"] and VALID["description"] not in json.dumps(last)


async def test_no_report_text_or_name_in_any_log_line(bot: Bot, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    token = await start(bot)
    await press_submit(bot, token, description="Geheim: Piet Pietersen stuurt naaktfoto's", involved="Piet")
    await press_submit(bot, token, description="Geheim: Piet Pietersen stuurt naaktfoto's", involved="Piet")
    assert len(await bot.store.reports.for_reporter("aad-user-1")) == 1
    assert caplog.records
    for record in caplog.records:
        line = record.getMessage() + (record.exc_text or "")
        assert "Geheim" not in line and "Pietersen" not in line and "Test Gebruiker" not in line, line
