"""The real leadership OutboxHandler through the worker and the real Sender: a case survives an outage,
gets exactly one thread, and later steps edit that thread's card in place and reach the reporter."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from bot.delivery.ports import ConversationRef
from bot.delivery.worker import OutboxWorker
from bot.leadership.model import REPORTS_ROUTE, ChannelRegistration
from bot.leadership.outbox_handler import LeadershipOutbox
from bot.reports.model import Action, Category, ReportDraft
from bot.storage import Store
from bot.teams.proactive import ConnectorSender
from tests.delivery.conftest import CHANNEL, TENANT, FakeClock, drive
from tests.fakes.rules import SCHOOL
from tests.fakes.servers import FakeConnector
from tests.http.conftest import make_settings

DESCRIPTION = "Iemand deelt een nepaccount met mijn foto's"


async def test_a_case_through_an_outage_gets_one_thread_then_edits_and_a_notification(
    store: Store, sender: ConnectorSender, connector: FakeConnector, clock: FakeClock
) -> None:
    channel = ConversationRef(service_url=connector.url, conversation_id=CHANNEL, tenant_id=TENANT)
    chat = ConversationRef(service_url=connector.url, conversation_id="a:chat-u1", tenant_id=TENANT)
    await store.leadership.register_channel(
        ChannelRegistration(
            school=SCHOOL,
            route=REPORTS_ROUTE,
            conversation=channel.model_dump(),
            registered_by="leader-1",
            registered_at=datetime.now(UTC),
        )
    )
    report, _ = await store.reports.submit(
        ReportDraft(
            school=SCHOOL,
            category=Category.NEPACCOUNT,
            description=DESCRIPTION,
            reporter_key="u1",
            reporter_conversation=chat.model_dump(),
        ),
        "form-token-1",
    )
    handler = LeadershipOutbox(store, make_settings("http://127.0.0.1:9/openid"))
    worker = OutboxWorker(store.outbox, handler, sender, clock=clock)

    async def settled() -> bool:
        messages = [
            *await store.outbox.messages(f"leadership:{SCHOOL}"),
            *await store.outbox.messages("reporter:u1"),
        ]
        return all(m.status == "sent" for m in messages)

    await connector.down()
    await drive(worker, clock, 120)
    await connector.up()
    await drive(worker, clock, 600, until=settled)
    await store.reports.apply(report.id, Action.OPPAKKEN, "leader-1", report.version)
    await drive(worker, clock, 60, until=settled)

    calls = [(c.method, c.path.rsplit("/", 1)[-1] if c.method == "PUT" else c.path) for c in connector.sent]
    [thread] = await store.leadership.escalations(report.id)
    assert calls[0] == ("POST", "/v3/conversations")  # one thread, despite two minutes of outage
    assert sorted(calls[1:]) == [
        ("POST", "/v3/conversations/a:chat-u1/activities"),
        ("PUT", thread.activity_id),
    ]
    create = connector.sent[0]
    [edit] = [c for c in connector.sent if c.method == "PUT"]
    assert create.body["channelData"]["channel"]["id"] == CHANNEL
    assert edit.conversation_id == thread.conversation["conversation_id"]
    assert report.case_number in json.dumps(create.body)
    assert DESCRIPTION not in json.dumps([c.body for c in connector.sent])  # no report text in the channel
