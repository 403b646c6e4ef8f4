"""The pupil whose report waits is told honestly: it is stored and reaches the school as soon as it can —
when the school has no report channel yet, and when Teams has not been reachable for a while."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import update

from bot.conversation.dispatcher import Conversation
from bot.leadership.model import REPORTS_ROUTE, ChannelRegistration
from bot.reports.model import OutboxDraft
from bot.storage import Store
from bot.storage.sql.schema import outbox
from cards.ids import Verb
from tests.fakes.store import write_sql
from tests.reporting.conftest import execute, form_token
from tests.reporting.test_report_turns import VALID, set_up, text_of

NO_CHANNEL = "Je school heeft de plek voor meldingen in Teams nog niet klaar"
UNREACHABLE = "Teams is nu even niet bereikbaar"


async def register(store: Store) -> None:
    await store.leadership.register_channel(
        ChannelRegistration(
            school="de-breul",
            route=REPORTS_ROUTE,
            conversation={
                "service_url": "https://smba.example/",
                "conversation_id": "19:x",
                "tenant_id": "t",
            },
            registered_by="aad-leader",
            registered_at=datetime.now(UTC),
        )
    )


async def report(conversation: Conversation) -> str:
    token = form_token(await set_up(conversation))
    return text_of(await conversation.handle(execute(Verb.SUBMIT_REPORT, form_token=token, **VALID)))


async def test_without_a_report_channel_the_pupil_hears_it_is_kept_until_there_is_one(
    conversation: Conversation,
) -> None:
    shown = await report(conversation)
    assert "Je melding is ontvangen" in shown and "verstuurd" not in shown
    assert NO_CHANNEL in shown and "Je hoeft niets opnieuw te doen" in shown


async def test_when_the_schools_messages_wait_on_teams_the_pupil_hears_it(
    conversation: Conversation, store: Store
) -> None:
    await register(store)
    await store.outbox.enqueue([OutboxDraft(conversation_key="leadership:de-breul", message={"kind": "x"})])
    [waiting] = await store.outbox.claim_due(1, datetime.now(UTC))
    await store.outbox.retry_later(waiting.id, datetime.now(UTC) + timedelta(minutes=5), "connection error")
    queued = datetime.now(UTC) - timedelta(minutes=2)
    await write_sql(store, update(outbox).where(outbox.c.id == waiting.id).values(created_at=queued))

    shown = await report(conversation)
    assert UNREACHABLE in shown and NO_CHANNEL not in shown


async def test_when_delivery_goes_normally_nothing_extra_is_said(
    conversation: Conversation, store: Store
) -> None:
    await register(store)
    shown = await report(conversation)
    assert "Je melding is ontvangen" in shown
    assert UNREACHABLE not in shown and NO_CHANNEL not in shown
