"""Over HTTP with the outbox worker: a pupil submits five open forms at once; the leadership channel gets
one thread (its card updated to name the others) with the other four cases as replies in it."""

from __future__ import annotations

import asyncio
import json
from typing import Any

from aiohttp.test_utils import TestClient

from bot.storage import Store
from cards.ids import FORM_TOKEN, Verb
from tests.fakes.activities import execute_action, teams_message
from tests.fakes.servers import FakeConnector
from tests.fakes.tokens import TestSigner
from tests.leadership.test_http import app_client, connector, eventually, openid, post, signer
from tests.reporting.http.test_report_http import VALID

__all__ = ["app_client", "connector", "openid", "signer"]


async def test_a_flood_of_reports_is_one_thread_in_the_channel(
    app_client: tuple[TestClient[Any, Any], Store], connector: FakeConnector, signer: TestSigner
) -> None:
    client, store = app_client
    url = connector.url

    async def send(activity: dict[str, Any]) -> Any:
        return await post(client, signer, url, activity)

    register = teams_message(
        "meldingen hier", service_url=url, user="leader", conversation_type="channel", mention_bot=True
    )
    assert (await send(register)).status == 201
    assert (await send(execute_action(Verb.CHOOSE_ROLE, {"role": "leerling"}, service_url=url))).status == 200
    tokens = []
    for _ in range(5):
        assert (await send(teams_message("meld", service_url=url))).status == 201
        card = connector.messages()[-1]["attachments"][0]["content"]
        [button] = [a for a in card["actions"] if a.get("verb") == Verb.SUBMIT_REPORT]
        tokens.append(button["data"][FORM_TOKEN])
    pressed = await asyncio.gather(
        *(send(execute_action(Verb.SUBMIT_REPORT, {FORM_TOKEN: t, **VALID}, service_url=url)) for t in tokens)
    )
    assert all(response.status == 200 for response in pressed)
    reports = sorted(await store.reports.for_reporter("aad-user-1"), key=lambda r: r.case_number)
    assert len(reports) == 5

    async def all_escalated() -> bool:
        return all([await store.leadership.escalations(report.id) for report in reports])

    await eventually(all_escalated)
    opened = [s for s in connector.sent if s.method == "POST" and s.path == "/v3/conversations"]
    assert len(opened) == 1
    [head] = await store.leadership.escalations(reports[0].id)
    thread = head.conversation["conversation_id"]
    replies = [s for s in connector.sent if s.method == "POST" and s.conversation_id == thread]
    assert len(replies) == 4

    def head_names_all() -> bool:
        puts = [s for s in connector.sent if s.method == "PUT" and s.path.endswith(head.activity_id)]
        return bool(puts) and all(r.case_number in json.dumps(puts[-1].body) for r in reports)

    await eventually(head_names_all)
