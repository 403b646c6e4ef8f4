"""The leadership side of a case: channels, escalation threads, card tokens and the case log."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from sqlalchemy import bindparam, select, update

from bot.leadership.model import CaseEntry, CaseEntryDraft, ChannelRegistration, EscalationThread
from bot.reports.model import OutboxDraft
from bot.storage.errors import QuestionClosedError, ReportNotFoundError
from bot.storage.sql.database import AnyRow, Database
from bot.storage.sql.schema import case_card, case_entry, escalation_thread, leadership_channel, report
from bot.storage.sql.writes import insert_audit, insert_entry, insert_outbox, present, replace_row


def new_card_token() -> str:
    return secrets.token_urlsafe(18)


def _values(row: AnyRow) -> dict[str, Any]:
    return dict(row._mapping)


GET_CHANNEL = select(leadership_channel).where(
    leadership_channel.c.school == bindparam("school"), leadership_channel.c.route == bindparam("route")
)
GET_ESCALATIONS = (
    select(escalation_thread)
    .where(escalation_thread.c.report_id == bindparam("report_id"))
    .order_by(escalation_thread.c.route)
)
CHANNELS = select(leadership_channel).order_by(leadership_channel.c.school, leadership_channel.c.route)
ENTRIES = select(case_entry).where(case_entry.c.report_id == bindparam("report_id")).order_by(case_entry.c.id)
GET_CARD = select(case_card.c.version, case_card.c.token).where(
    case_card.c.report_id == bindparam("report_id")
)


class SqlLeadershipStore:
    def __init__(self, database: Database) -> None:
        self._database = database

    async def register_channel(self, registration: ChannelRegistration) -> None:
        async with self._database.transaction() as db:
            keys = ["school", "route"]
            await replace_row(db, leadership_channel, registration.model_dump(), keys)
            detail = {"school": registration.school, "route": registration.route}
            await insert_audit(db, None, registration.registered_by, "kanaal_registreren", True, detail)

    async def channel(self, school: str, route: str) -> ChannelRegistration | None:
        row = await self._database.row(GET_CHANNEL, {"school": school, "route": route})
        return ChannelRegistration.model_validate(_values(row)) if row else None

    async def channels(self) -> list[ChannelRegistration]:
        rows = await self._database.rows(CHANNELS)
        return [ChannelRegistration.model_validate(_values(row)) for row in rows]

    async def set_escalation(self, thread: EscalationThread) -> None:
        async with self._database.transaction() as db:
            if not await present(db, report.c.id, thread.report_id):
                raise ReportNotFoundError(str(thread.report_id))
            keys = ["report_id", "route"]
            await replace_row(db, escalation_thread, thread.model_dump(), keys)

    async def escalations(self, report_id: UUID) -> list[EscalationThread]:
        rows = await self._database.rows(GET_ESCALATIONS, {"report_id": report_id})
        return [EscalationThread.model_validate(_values(row)) for row in rows]

    async def card_token(self, report_id: UUID, version: int) -> str:
        async with self._database.transaction() as db:
            if not await present(db, report.c.id, report_id, lock=True):
                raise ReportNotFoundError(str(report_id))
            row = (await db.execute(GET_CARD, {"report_id": report_id})).first()
            if row is not None and int(row.version) == version:
                return str(row.token)
            if row is not None and int(row.version) > version:
                return new_card_token()  # a stale render: its buttons must not work, nor undo the newer card
            token = new_card_token()
            values = {"report_id": report_id, "version": version, "token": token}
            await replace_row(db, case_card, values, ["report_id"])
            return token

    async def card_version(self, report_id: UUID, token: str) -> int | None:
        row = await self._database.row(GET_CARD, {"report_id": report_id})
        if row is None or not secrets.compare_digest(str(row.token), token):
            return None
        return int(row.version)

    async def add_entry(self, draft: CaseEntryDraft, outbox: list[OutboxDraft]) -> CaseEntry:
        now = datetime.now(UTC)
        async with self._database.transaction() as db:
            if not await present(db, report.c.id, draft.report_id):
                raise ReportNotFoundError(str(draft.report_id))
            if draft.reply_to is not None:
                result = await db.execute(
                    update(case_entry)
                    .where(
                        case_entry.c.id == draft.reply_to,
                        case_entry.c.report_id == draft.report_id,
                        case_entry.c.kind == "vraag",
                        case_entry.c.answered.is_(False),
                    )
                    .values(answered=True)
                )
                if result.rowcount != 1:
                    raise QuestionClosedError(str(draft.reply_to))
            entry = await insert_entry(db, draft, now)
            await insert_outbox(db, outbox, now)
        return entry

    async def entries(self, report_id: UUID) -> list[CaseEntry]:
        rows = await self._database.rows(ENTRIES, {"report_id": report_id})
        return [CaseEntry.model_validate(_values(row)) for row in rows]
