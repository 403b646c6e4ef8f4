"""A school's escalations that died (403/404: the bot was removed from the team) are sent again when a
leader registers the channel again; the operator sees ids and counts in the log, and
`python -m bot outbox` lists, explains and retries what waits — without any personal data."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from bot.cli import main
from bot.delivery.ports import ConversationRef, DeliveryError, Sent
from bot.delivery.worker import OutboxWorker
from bot.storage import open_store
from tests.fakes.rules import SCHOOL
from tests.leadership.conftest import HOSTILE, Desk, RecordingSender, mention, submit


@dataclass
class RemovedFromTeam(RecordingSender):
    """Teams answers 403 to new threads while the bot is out of the team."""

    removed: bool = True

    async def new_thread(self, channel: ConversationRef, activity: dict[str, Any]) -> Sent:
        if self.removed:
            raise DeliveryError(403, detail="BotNotInConversationRoster")
        return await super().new_thread(channel, activity)


async def test_registering_the_channel_again_sends_the_dead_escalations(
    desk: Desk, caplog: pytest.LogCaptureFixture
) -> None:
    await desk.conversation.handle(mention("meldingen hier"))
    report = await submit(desk.store)
    sender = RemovedFromTeam()
    worker = OutboxWorker(desk.store.outbox, desk.handler, sender)
    assert await worker.run_once() == 1
    [dead] = await desk.store.outbox.messages(f"leadership:{SCHOOL}")
    assert (dead.status, dead.last_error) == ("dead", "HTTP 403")

    sender.removed = False  # the bot is added back to the team
    with caplog.at_level(logging.INFO):
        reply = await desk.conversation.handle(
            mention("meldingen hier", conversation_id="19:nieuw@thread.tacv2")
        )

    assert "ontvangt vanaf nu de meldingen" in reply.replies[0].text  # type: ignore[union-attr]
    assert "Er lagen nog 1 berichten" in reply.replies[0].text  # type: ignore[union-attr]
    assert await worker.run_once() == 1
    [(channel, activity)] = sender.threads
    assert channel.conversation_id == "19:nieuw@thread.tacv2" and report.case_number in str(activity)
    [sent] = await desk.store.outbox.messages(f"leadership:{SCHOOL}")
    assert sent.status == "sent"
    logged = [r.getMessage() for r in caplog.records if "requeued" in r.getMessage()]
    assert logged == [
        f"outbox: 1 message(s) of school {SCHOOL} requeued after channel registration: ids {dead.id}"
    ]


async def test_registering_without_anything_waiting_says_nothing_more(desk: Desk) -> None:
    reply = await desk.conversation.handle(mention("meldingen hier"))
    assert "Er lagen nog" not in reply.replies[0].text  # type: ignore[union-attr]


def test_the_outbox_command_lists_explains_and_retries_without_personal_data(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'magdit.sqlite3'}"

    async def fill() -> tuple[str, int]:
        store = await open_store(url)
        try:
            report = await submit(store, reporter="aad-pupil-secret")  # type: ignore[arg-type]
            [escalation] = await store.outbox.claim_due(10, report.created_at)
            await store.outbox.mark_dead(escalation.id, "HTTP 403")
            return report.case_number, escalation.id
        finally:
            await store.close()

    case, message_id = asyncio.run(fill())
    assert main(["outbox", "list", "--database-url", url]) == 0
    listed = capsys.readouterr().out
    assert f"#{message_id} dead escalate {case} naar leadership:{SCHOOL}" in listed
    assert "0 wachtend, 1 niet afgeleverd" in listed

    assert main(["outbox", "explain", "--id", str(message_id), "--database-url", url]) == 0
    explained = capsys.readouterr().out
    assert "403" in explained and "meldingen hier" in explained
    assert f"python -m bot outbox retry --id {message_id}" in explained

    assert main(["outbox", "retry", "--id", str(message_id), "--database-url", url]) == 0
    assert f"1 bericht(en) opnieuw in de wachtrij: #{message_id}" in capsys.readouterr().out
    assert main(["outbox", "list", "--status", "pending", "--database-url", url]) == 0
    pending = capsys.readouterr().out
    assert f"#{message_id} pending escalate {case}" in pending
    for secret in ("aad-pupil-secret", HOSTILE[:20], "Jan"):
        assert secret not in listed + explained + pending
