"""Over HTTP, with signed tokens, `create_app` and its outbox worker: `overzicht` answers the channel with
numbers, the list comes only in the presser's invoke response, a forged press gets none, and the daily
reminder reaches the case's thread through the outbox."""

from __future__ import annotations

import json
from typing import Any

from aiohttp.test_utils import TestClient

from bot.leadership.reminders import remind_untouched
from bot.storage import Store
from cards.ids import Verb
from tests.fakes.activities import execute_action, teams_message
from tests.fakes.servers import FakeConnector
from tests.fakes.tokens import TestSigner
from tests.http.conftest import connector, openid, signer
from tests.leadership.conftest import card_data, submit
from tests.leadership.test_http import app_client, eventually, post, register_report_channel
from tests.leadership.test_reminders import school_morning

__all__ = ["app_client", "connector", "openid", "signer"]


async def test_overview_numbers_for_the_channel_list_for_the_presser_reminder_in_the_thread(
    app_client: tuple[TestClient[Any, Any], Store], connector: FakeConnector, signer: TestSigner
) -> None:
    client, store = app_client
    url = connector.url
    register = await register_report_channel(client, signer, url)
    chat = {
        "service_url": url,
        "conversation_id": "a:chat-pupil",
        "tenant_id": register["conversation"]["tenantId"],
    }
    report = await submit(store, reporter="aad-pupil", reporter_conversation=chat)
    await eventually(lambda: any(s.path == "/v3/conversations" for s in connector.sent))

    asked = teams_message(
        "overzicht", service_url=url, user="leader", conversation_type="channel", mention_bot=True
    )
    assert (await post(client, signer, url, asked)).status == 201
    [numbers] = [
        m for m in connector.messages() if m.get("attachments") and "Open meldingen" in json.dumps(m)
    ]
    assert report.case_number not in json.dumps(numbers)  # the channel sees numbers only
    card = numbers["attachments"][0]["content"]
    sent_before = len(connector.sent)

    press = execute_action(Verb.OVERVIEW, card_data(card, Verb.OVERVIEW), service_url=url, user="leader",
                           conversation_type="channel")  # fmt: skip
    listed = await (await post(client, signer, url, press)).json()
    assert listed["type"] == "application/vnd.microsoft.card.adaptive"
    shown = json.dumps(listed["value"], ensure_ascii=False)
    assert report.case_number in shown and "Klik hier" not in shown and "Jan" not in shown
    assert len(connector.sent) == sent_before  # nothing posted for others

    forged = execute_action(Verb.OVERVIEW, card_data(card, Verb.OVERVIEW), service_url=url, user="pupil",
                            conversation_type="channel")  # fmt: skip
    refused = await (await post(client, signer, url, forged)).json()
    assert refused["type"] == "application/vnd.microsoft.activity.message"
    assert report.case_number not in json.dumps(refused)

    # A week later, on a school morning: the reminder goes out through the outbox into the case's thread.
    assert await remind_untouched(store, lambda school: 2, school_morning(report.created_at)) == 1
    [thread] = await store.leadership.escalations(report.id)

    def reminded() -> bool:
        return any(
            s.conversation_id == thread.conversation["conversation_id"] and "⏰" in s.body.get("text", "")
            for s in connector.sent
        )

    await eventually(reminded)


async def test_insights_over_http_the_question_reaches_only_the_pressing_leader(
    app_client: tuple[TestClient[Any, Any], Store], connector: FakeConnector, signer: TestSigner
) -> None:
    client, store = app_client
    url = connector.url
    await register_report_channel(client, signer, url)
    role = execute_action(Verb.CHOOSE_ROLE, {"role": "leerling"}, service_url=url, user="pupil")
    assert (await post(client, signer, url, role)).status == 200
    question = "Mag ik met een drone boven het schoolplein filmen?"
    assert (
        await post(client, signer, url, teams_message(question, service_url=url, user="pupil"))
    ).status == 201
    assert [q.question for q in await store.insights.unanswered("testschool", "2000-01", "2100-12")] == [
        question
    ]

    asked = teams_message(
        "inzichten", service_url=url, user="leader", conversation_type="channel", mention_bot=True
    )
    assert (await post(client, signer, url, asked)).status == 201
    [numbers] = [m for m in connector.messages() if "Protocolinzichten" in json.dumps(m)]
    assert "drone" not in json.dumps(numbers)
    card = numbers["attachments"][0]["content"]
    press = execute_action(Verb.INSIGHTS, card_data(card, Verb.INSIGHTS), service_url=url, user="leader",
                           conversation_type="channel")  # fmt: skip
    listed = await (await post(client, signer, url, press)).json()
    shown = json.dumps(listed["value"], ensure_ascii=False)
    assert question in shown and "aad-pupil" not in shown and "Test Gebruiker" not in shown
    to_others = [s.body for s in connector.sent if s.conversation_id != "conv-pupil-personal"]
    assert not any("drone" in json.dumps(body) for body in to_others)  # only the pupil's own answer has it
