"""Teams evaluates `{{DATE(…)}}` and `{{TIME(…)}}` in card text. Typed by a pupil or a leader, they must
reach every card as text: the forwarded question in the channel (every member sees it), the leader's
answer, the report details a leader opens. Over HTTP with signed tokens and the outbox worker."""

from __future__ import annotations

import json
import re
from typing import Any

from aiohttp.test_utils import TestClient

from bot.storage import Store
from cards.ids import INPUT_QUESTION_ANSWER, Verb
from tests.fakes.activities import TENANT, execute_action, teams_message
from tests.fakes.servers import FakeConnector
from tests.fakes.tokens import TestSigner
from tests.http.conftest import connector, openid, signer
from tests.leadership.conftest import card_data, rule_book, submit
from tests.leadership.test_http import app_client, eventually, post, register_report_channel
from tests.questions.conftest import QUESTION, find_action

__all__ = ["app_client", "connector", "openid", "rule_book", "signer"]
DATE = "{{DATE(2026-12-01T10:00:00Z, SHORT)}}"
TIME = "{{TIME(2026-12-01T10:00:00Z)}}"
# What Teams evaluates (upper case, no spaces); matched more loosely here.
LIVE_FUNCTION = re.compile(r"\{\{\s*(DATE|TIME)\s*\(", re.IGNORECASE)


def live_functions(payload: Any) -> list[str]:
    return LIVE_FUNCTION.findall(json.dumps(payload, ensure_ascii=False))


async def register_channel(client: TestClient[Any, Any], signer: TestSigner, url: str) -> None:
    await register_report_channel(client, signer, url)


async def test_a_forwarded_question_and_its_answer_carry_no_live_card_function(
    app_client: tuple[TestClient[Any, Any], Store], connector: FakeConnector, signer: TestSigner
) -> None:
    client, _ = app_client
    url = connector.url
    await register_channel(client, signer, url)
    role = execute_action(Verb.CHOOSE_ROLE, {"role": "leerling"}, service_url=url, user="pupil")
    assert (await post(client, signer, url, role)).status == 200
    typed = f"{QUESTION} Vanaf {DATE} om {TIME}?"
    assert (
        await post(client, signer, url, teams_message(typed, service_url=url, user="pupil"))
    ).status == 201
    answer_card = next(
        m["attachments"][0]["content"] for m in connector.messages() if "ask_contact" in json.dumps(m)
    )
    ask = find_action(answer_card, Verb.ASK_CONTACT)["data"]
    pressed = execute_action(Verb.ASK_CONTACT, {k: v for k, v in ask.items() if k != "verb"}, service_url=url,
                             user="pupil")  # fmt: skip
    assert (await post(client, signer, url, pressed)).status == 200

    await eventually(lambda: any(s.path == "/v3/conversations" for s in connector.sent))
    opened = next(s for s in connector.sent if s.path == "/v3/conversations")
    channel_card = opened.body["activity"]["attachments"][0]["content"]
    assert "hamster" in json.dumps(channel_card, ensure_ascii=False)  # the question is on the card ...
    assert live_functions(channel_card) == []  # ... as text

    data = {k: v for k, v in find_action(channel_card, Verb.QUESTION_ANSWER)["data"].items() if k != "verb"}
    answer = execute_action(Verb.QUESTION_ANSWER, {**data, INPUT_QUESTION_ANSWER: f"Niet vóór {TIME}."},
                            service_url=url, user="leader", conversation_type="channel")  # fmt: skip
    response = await post(client, signer, url, answer)
    assert response.status == 200
    assert live_functions((await response.json())["value"]) == []

    def answered() -> bool:
        return any("Antwoord van de schoolleiding" in json.dumps(s.body) for s in connector.sent)

    await eventually(answered)
    assert all(live_functions(s.body) == [] for s in connector.sent)


async def test_the_report_details_a_leader_opens_carry_no_live_card_function(
    app_client: tuple[TestClient[Any, Any], Store], connector: FakeConnector, signer: TestSigner
) -> None:
    client, store = app_client
    url = connector.url
    await register_channel(client, signer, url)
    chat = {"service_url": url, "conversation_id": "a:chat-pupil", "tenant_id": TENANT}
    await submit(
        store,
        reporter="aad-pupil",
        reporter_conversation=chat,
        description=f"Hij schreef dat het {DATE} om {TIME} gebeurt.",
        platform=f"insta {TIME}",
        involved="{{{DATE(2026-12-01T10:00:00Z)}}} klas 2B",
        happened=DATE,
    )
    await eventually(lambda: any(s.path == "/v3/conversations" for s in connector.sent))
    card = next(s for s in connector.sent if s.path == "/v3/conversations").body["activity"]["attachments"][
        0
    ]["content"]
    details = execute_action(Verb.CASE_DETAILS, card_data(card, Verb.CASE_DETAILS), service_url=url,
                             user="leader", conversation_type="channel")  # fmt: skip
    shown = await (await post(client, signer, url, details)).json()

    assert shown["type"] == "application/vnd.microsoft.card.adaptive"
    assert "Hij schreef dat het" in json.dumps(shown["value"], ensure_ascii=False)
    assert live_functions(shown["value"]) == []
