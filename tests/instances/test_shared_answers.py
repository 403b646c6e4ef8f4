"""Two instances on one PostgreSQL behind a load balancer without affinity: the answer card comes from
instance A, the pupil's 👍 and 'Leg mijn vraag voor aan school' land on instance B — and still work, and
after A restarts too (where the 👍 is changed to 👎: still one vote). Real apps (`create_app`, real auth
with signed tokens, a fake Bot Connector)."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Any

import pytest
from aiohttp.test_utils import TestClient, TestServer

from app import create_app
from bot.protocol.engine import RuleBook
from bot.storage import Store, open_store
from cards.ids import Verb
from tests.fakes.activities import execute_action, teams_message
from tests.fakes.outbound import CountingTokenSource
from tests.fakes.rules import SCHOOL
from tests.fakes.servers import FakeConnector, OpenIdServer
from tests.fakes.tokens import TestSigner, channel_claims
from tests.http.conftest import APP_ID, connector, make_settings, rule_book

__all__ = ["connector", "rule_book"]

pytestmark = pytest.mark.postgres
UNKNOWN = "Mag mijn hamster mee naar school?"


class Instance:
    def __init__(self, database_url: str, openid: OpenIdServer, rules: RuleBook) -> None:
        settings = make_settings(openid.metadata_url, database_url=database_url)
        app = create_app(settings, rules=rules, token_source=CountingTokenSource())
        self.client = TestClient(TestServer(app, host="127.0.0.1"))

    async def __aenter__(self) -> Instance:
        await self.client.start_server()
        return self

    async def __aexit__(self, *_: object) -> None:
        await self.client.close()

    async def post(self, signer: TestSigner, connector: FakeConnector, activity: dict[str, Any]) -> Any:
        token = signer.sign(channel_claims(APP_ID, connector.url))
        response = await self.client.post(
            "/api/messages", json=activity, headers={"Authorization": f"Bearer {token}"}
        )
        assert response.status in (200, 201), response.status
        return await response.json() if response.status == 200 and response.content_length else None


@pytest.fixture
async def shared(postgres_database: str) -> AsyncIterator[Store]:
    store = await open_store(postgres_database)  # migrates: the instances then open the same schema
    yield store
    await store.close()


def button(connector: FakeConnector, verb: str, **match: Any) -> dict[str, Any]:
    """The data of the newest card's button with this verb, as the connector got the card."""

    def walk(node: Any) -> Any:
        if isinstance(node, dict):
            data = node.get("data")
            wanted = node.get("verb") == verb and isinstance(data, dict)
            if wanted and all(data.get(k) == v for k, v in match.items()):
                return data
            node = list(node.values())
        if isinstance(node, list):
            for item in reversed(node):
                if (found := walk(item)) is not None:
                    return found
        return None

    found = walk(connector.messages())
    assert found is not None, f"no {verb} button"
    return dict(found)


async def test_a_vote_and_a_forward_pressed_on_the_other_instance_or_after_a_restart_work(
    postgres_database: str,
    shared: Store,
    openid: OpenIdServer,
    signer: TestSigner,
    connector: FakeConnector,
    rule_book: RuleBook,
) -> None:
    url = connector.url
    choose = execute_action(Verb.CHOOSE_ROLE, {"role": "medewerker"}, service_url=url)
    async with (
        Instance(postgres_database, openid, rule_book) as a,
        Instance(postgres_database, openid, rule_book) as b,
    ):
        await a.post(signer, connector, choose)
        await a.post(
            signer, connector, teams_message("Mag ik via WhatsApp appen met leerlingen?", service_url=url)
        )
        thumbs_up = button(connector, Verb.FEEDBACK, useful=True)
        await b.post(signer, connector, execute_action(Verb.FEEDBACK, thumbs_up, service_url=url))
        assert await shared.feedback.feedback_counts(SCHOOL) == [(f"{SCHOOL}:A.1", 1, 0)]
        await a.post(signer, connector, execute_action(Verb.FEEDBACK, thumbs_up, service_url=url))
        assert await shared.feedback.feedback_counts(SCHOOL) == [(f"{SCHOOL}:A.1", 1, 0)]  # once

        await a.post(signer, connector, teams_message(UNKNOWN, service_url=url))
        first = button(connector, Verb.ASK_CONTACT)
        await a.post(signer, connector, teams_message(UNKNOWN + " En een cavia?", service_url=url))
        second = button(connector, Verb.ASK_CONTACT)
        forwarded = await b.post(signer, connector, execute_action(Verb.ASK_CONTACT, first, service_url=url))
        assert "Doorgegeven aan de schoolleiding als V-" in json.dumps(forwarded, ensure_ascii=False)

    async with Instance(postgres_database, openid, rule_book) as restarted:  # a deploy: new processes
        again = await restarted.post(
            signer, connector, execute_action(Verb.ASK_CONTACT, second, service_url=url)
        )
        thumbs_down = {**thumbs_up, "useful": False}  # "Toch niet 👎": the same vote, changed
        await restarted.post(signer, connector, execute_action(Verb.FEEDBACK, thumbs_down, service_url=url))
    assert "Doorgegeven aan de schoolleiding als V-" in json.dumps(again, ensure_ascii=False)
    assert await shared.feedback.feedback_counts(SCHOOL) == [(f"{SCHOOL}:A.1", 0, 1)]
    asked = await shared.questions.for_asker("aad-user-1")
    assert sorted(q.question for q in asked) == [UNKNOWN, UNKNOWN + " En een cavia?"]
