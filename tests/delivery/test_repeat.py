"""A POST to the Bot Connector has no idempotency key: an escalation whose send timed out may still have
opened a thread. The retry's card then says that it repeats the case, so leaders see one case, not two."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import aiohttp

from bot.delivery.ports import ConversationRef
from bot.delivery.worker import OutboxWorker
from bot.leadership.model import REPORTS_ROUTE, ChannelRegistration
from bot.leadership.outbox_handler import LeadershipOutbox
from bot.reports.model import Category, Report, ReportDraft
from bot.storage import Store
from bot.teams.outbound import CachedToken
from bot.teams.proactive import ConnectorSender
from tests.delivery.conftest import CHANNEL, TENANT, FakeClock, drive
from tests.fakes.outbound import CountingTokenSource
from tests.fakes.rules import SCHOOL
from tests.fakes.servers import FakeConnector
from tests.http.conftest import make_settings


async def reported(store: Store, connector: FakeConnector) -> Report:
    channel = ConversationRef(service_url=connector.url, conversation_id=CHANNEL, tenant_id=TENANT)
    await store.leadership.register_channel(
        ChannelRegistration(
            school=SCHOOL,
            route=REPORTS_ROUTE,
            conversation=channel.model_dump(),
            registered_by="leader-1",
            registered_at=datetime.now(UTC),
        )
    )
    chat = ConversationRef(service_url=connector.url, conversation_id="a:chat-u1", tenant_id=TENANT)
    report, _ = await store.reports.submit(
        ReportDraft(
            school=SCHOOL,
            category=Category.NEPACCOUNT,
            description="Iemand doet zich voor als mij",
            reporter_key="u1",
            reporter_conversation=chat.model_dump(),
        ),
        "form-token-1",
    )
    return report


def threads(connector: FakeConnector) -> list[dict[str, object]]:
    """The new threads the connector posted (a call it answered with an error posted nothing)."""
    return [
        c.body["activity"]
        for c in connector.sent
        if c.method == "POST" and c.path == "/v3/conversations" and c.status == 200
    ]


async def test_an_escalation_that_timed_out_but_arrived_is_posted_again_saying_it_repeats_the_case(
    store: Store, connector: FakeConnector, clock: FakeClock, session: aiohttp.ClientSession
) -> None:
    report = await reported(store, connector)
    sender = ConnectorSender(session, CachedToken(CountingTokenSource()), timeout_seconds=0.3)
    worker = OutboxWorker(
        store.outbox, LeadershipOutbox(store, make_settings("http://127.0.0.1:9/o")), sender, clock=clock
    )

    connector.delay_seconds = 0.6  # the connector posts the thread, but answers after the bot gave up
    await worker.run_once()
    [first] = await store.outbox.messages(f"leadership:{SCHOOL}")
    assert (first.status, first.last_error) == ("pending", "connection error")
    assert await store.leadership.escalations(report.id) == []  # no thread recorded: it may or may not exist

    connector.delay_seconds = 0.0

    async def sent() -> bool:
        return (await store.outbox.messages(f"leadership:{SCHOOL}"))[0].status == "sent"

    await drive(worker, clock, 60, until=sent)
    original, repeat = threads(connector)
    assert "herhaling" not in json.dumps(original, ensure_ascii=False).lower()
    text = json.dumps(repeat, ensure_ascii=False)
    assert f"Dit is een herhaling van {report.case_number}" in text
    assert repeat["summary"] == f"Herhaling van melding {report.case_number}: Nepaccount of gehackt account"
    [thread] = await store.leadership.escalations(report.id)
    assert thread.activity_id.startswith("sent-")  # the thread the leaders act on is the repeat's


async def test_a_refused_escalation_is_not_marked_as_a_repeat(
    store: Store, connector: FakeConnector, clock: FakeClock, sender: ConnectorSender
) -> None:
    report = await reported(store, connector)
    worker = OutboxWorker(
        store.outbox, LeadershipOutbox(store, make_settings("http://127.0.0.1:9/o")), sender, clock=clock
    )
    connector.fail_next = [429]  # answered: certainly not posted

    async def sent() -> bool:
        return (await store.outbox.messages(f"leadership:{SCHOOL}"))[0].status == "sent"

    await drive(worker, clock, 60, until=sent)
    [posted] = threads(connector)
    assert "herhaling" not in json.dumps(posted, ensure_ascii=False).lower()
    assert len(await store.leadership.escalations(report.id)) == 1
