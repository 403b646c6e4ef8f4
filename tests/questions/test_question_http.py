"""The whole path over HTTP: signed tokens, `create_app` with the outbox worker, the fake Bot Connector.

A pupil asks what the protocol does not cover → presses *Leg mijn vraag voor aan school* (a signed invoke)
→ the worker opens a thread with the question's card → a pupil forging the answer is refused → the leader
answers on the card → the card is updated in place and the answer reaches the pupil's chat.
"""

from __future__ import annotations

import json
from typing import Any

from aiohttp.test_utils import TestClient

from bot.storage import Store
from cards.ids import INPUT_QUESTION_ANSWER, Verb
from tests.fakes.activities import execute_action, teams_message
from tests.fakes.servers import FakeConnector
from tests.fakes.tokens import TestSigner
from tests.http.conftest import connector, openid, signer
from tests.leadership.conftest import rule_book
from tests.leadership.test_http import app_client, eventually, post, register_report_channel
from tests.questions.conftest import QUESTION, find_action

__all__ = ["app_client", "connector", "openid", "rule_book", "signer"]
ADAPTIVE = "application/vnd.microsoft.card.adaptive"


async def test_question_to_channel_to_leader_answer_to_asker(
    app_client: tuple[TestClient[Any, Any], Store], connector: FakeConnector, signer: TestSigner
) -> None:
    client, store = app_client
    url = connector.url
    await register_report_channel(client, signer, url)

    role = execute_action(Verb.CHOOSE_ROLE, {"role": "leerling"}, service_url=url, user="pupil")
    assert (await post(client, signer, url, role)).status == 200
    assert (
        await post(client, signer, url, teams_message(QUESTION, service_url=url, user="pupil"))
    ).status == 201
    answer_card = next(
        m["attachments"][0]["content"] for m in connector.messages() if "ask_contact" in json.dumps(m)
    )
    ask = find_action(answer_card, Verb.ASK_CONTACT)["data"]
    pressed = execute_action(Verb.ASK_CONTACT, {k: v for k, v in ask.items() if k != "verb"}, service_url=url,
                             user="pupil")  # fmt: skip
    assert (await post(client, signer, url, pressed)).status == 200
    told = [
        m.get("text", "")
        for m in connector.messages()
        if "doorgegeven aan de schoolleiding" in m.get("text", "")
    ]
    assert len(told) == 1 and "leerling" in told[0]
    [question] = await store.questions.for_asker("aad-pupil")
    assert question.question == QUESTION

    def thread_opened() -> bool:
        return any(s.method == "POST" and s.path == "/v3/conversations" for s in connector.sent)

    await eventually(thread_opened)
    opened = next(s for s in connector.sent if s.path == "/v3/conversations")
    activity = opened.body["activity"]
    assert question.number in json.dumps(activity, ensure_ascii=False) and QUESTION not in activity["summary"]
    card = activity["attachments"][0]["content"]
    data = {k: v for k, v in find_action(card, Verb.QUESTION_ANSWER)["data"].items() if k != "verb"}

    # A pupil forging the answer over HTTP: refused, nothing changes.
    forged = execute_action(Verb.QUESTION_ANSWER, {**data, INPUT_QUESTION_ANSWER: "Ja hoor"}, service_url=url,
                            user="pupil", conversation_type="channel")  # fmt: skip
    refused = await post(client, signer, url, forged)
    assert refused.status == 200 and (await refused.json())["type"] != ADAPTIVE
    assert (await store.questions.get(question.id)).status == "open"  # type: ignore[union-attr]

    typed = {**data, INPUT_QUESTION_ANSWER: "Nee, huisdieren blijven thuis."}
    answer = execute_action(
        Verb.QUESTION_ANSWER, typed, service_url=url, user="leader", conversation_type="channel"
    )
    response = await post(client, signer, url, answer)
    body = await response.json()
    assert response.status == 200 and body["type"] == ADAPTIVE
    assert "Beantwoord door Mw. De Vries" in json.dumps(body["value"], ensure_ascii=False)

    def updated_and_answered() -> bool:
        put = any(s.method == "PUT" and "messageid=" in s.path for s in connector.sent)
        sent = any(
            s.conversation_id == "conv-pupil-personal"
            and "Antwoord van de schoolleiding" in json.dumps(s.body)
            for s in connector.sent
        )
        return put and sent

    await eventually(updated_and_answered)
    to_pupil = next(s for s in connector.sent if "Antwoord van de schoolleiding" in json.dumps(s.body))
    assert "huisdieren blijven thuis" in json.dumps(to_pupil.body, ensure_ascii=False)
    put = next(s for s in connector.sent if s.method == "PUT")
    assert "Beantwoord door Mw. De Vries" in json.dumps(put.body, ensure_ascii=False)
