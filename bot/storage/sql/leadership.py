"""The leadership side of a case: channels, escalation threads, card tokens and the case log."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime
from uuid import UUID

from sqlalchemy import bindparam, select, update
from sqlalchemy.engine import Connection

from bot.leadership.model import (
    REPORTS_ROUTE,
    CaseEntry,
    CaseEntryDraft,
    ChannelRegistration,
    EscalationThread,
)
from bot.reports.model import OutboxDraft
from bot.reports.states import leadership_key
from bot.storage.errors import QuestionClosedError
from bot.storage.models import OutboxBacklog
from bot.storage.sql.database import Area, read, statement, write
from bot.storage.sql.outbox import CONVERSATION_BACKLOG, backlog_of
from bot.storage.sql.rows import (
    case_must_exist,
    every,
    first,
    insert_audit,
    insert_entry,
    insert_outbox,
    replace_if_newer,
    replace_row,
)
from bot.storage.sql.schema import case_card, case_entry, escalation_thread, leadership_channel

GET_CHANNEL = select(leadership_channel).where(
    leadership_channel.c.school == bindparam("school"), leadership_channel.c.route == bindparam("route")
)
GET_ESCALATIONS = (
    select(escalation_thread)
    .where(escalation_thread.c.report_id == bindparam("report_id"))
    .order_by(escalation_thread.c.route)
)
# The school's channel backlog, and whether its report channel is registered, in one statement.
REPORT_CHANNEL_BACKLOG = CONVERSATION_BACKLOG.add_columns(
    select(leadership_channel.c.school)
    .where(leadership_channel.c.school == bindparam("school"), leadership_channel.c.route == REPORTS_ROUTE)
    .exists()
    .label("registered")
)
CHANNELS = select(leadership_channel).order_by(leadership_channel.c.school, leadership_channel.c.route)
ENTRIES = select(case_entry).where(case_entry.c.report_id == bindparam("report_id")).order_by(case_entry.c.id)
GET_CARD = select(case_card.c.version, case_card.c.token).where(
    case_card.c.report_id == bindparam("report_id")
)


def new_card_token() -> str:
    return secrets.token_urlsafe(18)


class LeadershipStore(Area):
    @write
    def register_channel(self, db: Connection, registration: ChannelRegistration) -> None:
        """Insert or replace the channel of (school, route), audited in the same transaction."""
        replace_row(db, leadership_channel, registration.model_dump(), ["school", "route"])
        detail = {"school": registration.school, "route": registration.route}
        insert_audit(db, None, registration.registered_by, "kanaal_registreren", True, detail)

    @read
    def channel(self, db: Connection, school: str, route: str) -> ChannelRegistration | None:
        return first(db, ChannelRegistration, GET_CHANNEL, {"school": school, "route": route})

    @read
    def report_channel_backlog(self, db: Connection, school: str) -> OutboxBacklog | None:
        """What waits in the outbox for the school's leadership channels; None when the school has no
        report channel registered. One statement: a reporter's confirmation asks both (`delivery_wait`)."""
        params = {"school": school, "conversation": leadership_key(school)}
        row = db.execute(REPORT_CHANNEL_BACKLOG, params).one()
        return backlog_of(row) if row.registered else None

    @read
    def channels(self, db: Connection) -> list[ChannelRegistration]:
        """Every registration, by school and route (for /readyz and the admin)."""
        return every(db, ChannelRegistration, CHANNELS)

    @statement
    def set_escalation(self, db: Connection, thread: EscalationThread) -> None:
        """Insert or replace the thread of (report, route); ReportNotFoundError when the case is gone."""
        with case_must_exist(thread.report_id):
            replace_row(db, escalation_thread, thread.model_dump(), ["report_id", "route"])

    @read
    def escalations(self, db: Connection, report_id: UUID) -> list[EscalationThread]:
        """The report's threads, by route."""
        return every(db, EscalationThread, GET_ESCALATIONS, {"report_id": report_id})

    @statement
    def card_token(self, db: Connection, report_id: UUID, version: int) -> str:
        """The token of the card showing this version of the case; a new random one once the version moved,
        so buttons of an older card stop working. One upsert, which writes only a newer version; a read
        after it (no transaction needed) when a card of this version or a newer one was there."""
        token = new_card_token()
        with case_must_exist(report_id):
            card = {"report_id": report_id, "version": version, "token": token}
            if replace_if_newer(db, case_card, card, "report_id", "version"):
                return token
        row = db.execute(GET_CARD, {"report_id": report_id}).first()
        if row is not None and int(row.version) == version:
            return str(row.token)
        return new_card_token()  # a stale render: its buttons must not work, nor undo the newer card

    @read
    def card_version(self, db: Connection, report_id: UUID, token: str) -> int | None:
        """The case version the card with this token showed, if it is the current token; else None."""
        row = db.execute(GET_CARD, {"report_id": report_id}).first()
        if row is None or not secrets.compare_digest(str(row.token), token):
            return None
        return int(row.version)

    @write
    def add_entry(self, db: Connection, draft: CaseEntryDraft, outbox: list[OutboxDraft]) -> CaseEntry:
        """Store a case-log entry, its audit entry (ids and codes only) and its outbox messages in one
        transaction; ReportNotFoundError when the case is gone. An answer (`reply_to`) marks its question
        answered; a question answered before, or not a question of this report (one erased with its case
        too), raises QuestionClosedError and changes nothing."""
        now = datetime.now(UTC)
        if draft.reply_to is not None:
            question = case_entry.c.id == draft.reply_to, case_entry.c.report_id == draft.report_id
            open_question = *question, case_entry.c.kind == "vraag", case_entry.c.answered.is_(False)
            if db.execute(update(case_entry).where(*open_question).values(answered=True)).rowcount != 1:
                raise QuestionClosedError(str(draft.reply_to))
        with case_must_exist(draft.report_id):
            entry = insert_entry(db, draft, now)
        insert_outbox(db, outbox, now)
        return entry

    @read
    def entries(self, db: Connection, report_id: UUID) -> list[CaseEntry]:
        """Oldest first."""
        return every(db, CaseEntry, ENTRIES, {"report_id": report_id})
