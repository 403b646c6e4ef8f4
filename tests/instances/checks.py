"""What must hold after the two-instance run, read from the database and from the fake connector."""

from __future__ import annotations

import collections
from pathlib import Path
from typing import Any
from uuid import UUID

from sqlalchemy import text

from bot.leadership.views import case_view
from bot.protocol.engine import RuleBook
from bot.settings import Settings
from bot.storage import Store
from bot.texts import t
from cards.escalation import escalation_activity
from cards.ids import Verb
from tests.instances.connector import GatedConnector
from tests.leadership.conftest import card_data

CHANNEL = "19:channel@thread.tacv2"


async def fetch(store: Store, sql: str) -> list[dict[str, Any]]:
    """Rows read from the table directly, as mappings."""
    database = store.database
    rows = await database.run(lambda db: db.execute(text(sql)).all(), write=False)
    return [dict(row._mapping) for row in rows]


async def outbox_statuses(store: Store) -> set[str]:
    return {row["status"] for row in await fetch(store, "SELECT DISTINCT status FROM outbox")}


async def assert_exactly_once(
    cases: dict[str, str], connector: GatedConnector, store: Store, settings: Settings, rules_dir: Path
) -> None:
    """`cases`: pupil -> the case number their confirmation showed."""
    book = RuleBook.load(rules_dir)
    total = len(cases)

    # Every report stored once, with the case number the pupil was shown.
    rows = await fetch(store, "SELECT id, case_number, reporter_key FROM report")
    assert len(rows) == total
    assert {row["reporter_key"]: row["case_number"] for row in rows} == {
        f"aad-{pupil}": number for pupil, number in cases.items()
    }
    # One escalation, two card updates, two notifications per case: each enqueued once, none dead.
    kinds = collections.Counter(
        row["kind"] for row in await fetch(store, "SELECT message->>'kind' AS kind FROM outbox")
    )
    assert kinds == {"escalate": total, "update_card": 2 * total, "notify_reporter": 2 * total}
    assert (await store.outbox.backlog()).dead == 0

    calls = connector.worker_calls()
    threads = [c for c in calls if c.method == "POST" and c.path == "/v3/conversations"]
    puts = [c for c in calls if c.method == "PUT"]
    notes = [c for c in calls if c.method == "POST" and c.path != "/v3/conversations"]
    assert (len(threads), len(puts), len(notes)) == (total, 2 * total, 2 * total)
    for row in rows:
        report = await store.reports.get(row["id"])
        assert report is not None and report.status == "afgesloten" and report.version == 3
        number = report.case_number
        accepted = [e.action for e in await store.reports.audit_trail(report.id) if e.accepted]
        assert accepted == ["submit", "oppakken", "afsluiten", "afsluiting"], (number, accepted)

        # Exactly one thread per case, and it is the one stored on the case.
        mine = [c for c in threads if report_of(c.body["activity"]) == report.id]
        assert len(mine) == 1, (number, len(mine))
        [thread] = await store.leadership.escalations(report.id)
        conversation = thread.conversation["conversation_id"]
        assert conversation == f"{CHANNEL};messageid={thread.activity_id}"
        # Exactly one card update per leader action, in place; the last one shows the stored state.
        path = f"/v3/conversations/{conversation}/activities/{thread.activity_id}"
        updates = [c for c in puts if c.path == path]
        assert len(updates) == 2, (number, len(updates))
        shown = {key: value for key, value in updates[-1].body.items() if key != "id"}
        assert shown == escalation_activity(await case_view(store, settings, book, report)), number
        # Exactly one notification per leader action in the reporter's chat, in order.
        chat = report.reporter_conversation["conversation_id"]
        told = [c.body.get("text") for c in notes if c.conversation_id == chat]
        assert told == [t("notify.oppakken", case=number), t("notify.afsluiten", case=number)], (number, told)


def report_of(activity: dict[str, Any]) -> UUID:
    """The case an escalation card is about (the id its buttons carry)."""
    return UUID(card_data(activity["attachments"][0]["content"], Verb.CASE_TAKE)["report_id"])
