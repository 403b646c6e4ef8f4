"""The storage interface: domain models and the narrow async Protocols the SQL store implements.

Implemented once, on SQLAlchemy Core (bot/storage/sql/), and contract-tested on SQLite and PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from typing import Literal, Protocol
from uuid import UUID

from pydantic import AwareDatetime, BaseModel, ConfigDict

from bot.leadership.model import CaseEntry, CaseEntryDraft, ChannelRegistration, EscalationThread
from bot.protocol.model import Role
from bot.reports.model import (
    Action,
    AuditEntry,
    Json,
    OutboxDraft,
    OutboxMessage,
    OutboxStatus,
    Report,
    ReportDraft,
)
from bot.storage.conversation import ConversationStore
from bot.storage.feedback import FeedbackStore
from bot.storage.insights import InsightStore
from bot.storage.overview import OverviewStore
from bot.storage.questions import QuestionStore
from bot.storage.reporting import ReportingStore

# How long a claimed message stays hidden from other workers. The claiming worker renews it while it sends
# (`OutboxStore.renew`), so this bounds only how long a crashed instance's messages wait.
CLAIM_LEASE = timedelta(seconds=15)


class OutboxBacklog(BaseModel):
    """What waits in the outbox (for /readyz, the metric and the alert): counts and a time, no content."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    pending: int
    oldest_pending_at: AwareDatetime | None
    dead: int

    def oldest_age_seconds(self, now: datetime) -> float:
        """How long the oldest pending message has waited; 0 when nothing waits."""
        if self.oldest_pending_at is None:
            return 0.0
        return max(0.0, (now - self.oldest_pending_at).total_seconds())


class Profile(BaseModel):
    """One Teams user: which school and role the bot answers for."""

    model_config = ConfigDict(extra="forbid")

    user_key: str  # the user's Entra object id (aadObjectId), else the Teams user id
    tenant_id: str
    school: str | None = None  # school slug, chosen once when a tenant hosts several schools
    role: Role | None = None
    role_source: Literal["asked", "graph"] | None = None
    updated_at: AwareDatetime


class ProfileStore(Protocol):
    async def get_profile(self, user_key: str) -> Profile | None: ...

    async def save_profile(self, profile: Profile) -> None:
        """Insert or replace the profile with this user_key."""
        ...


class ReportStore(Protocol):
    async def submit(self, draft: ReportDraft, idempotency_key: str) -> tuple[Report, bool]:
        """Store the report, its audit entry and its escalation message in one transaction.

        The same key again (double click, re-delivery, retry) returns the stored report and False;
        a key used by another reporter raises IdempotencyConflictError.
        """
        ...

    async def get(self, report_id: UUID) -> Report | None: ...

    async def for_reporter(self, reporter_key: str) -> list[Report]:
        """The reporter's own cases, newest first (`mijn meldingen`)."""
        ...

    async def apply(
        self,
        report_id: UUID,
        action: Action,
        actor_key: str,
        expected_version: int,
        detail: Json | None = None,
        entry: CaseEntryDraft | None = None,
    ) -> Report:
        """Change the status from the stored state: audit entry and outbox messages in the same transaction.

        `entry` (a closing's measure and outcome) joins the case log in that same transaction, with its own
        audit entry after the transition's, so a case is never closed without it. It must belong to this
        report and answer no question (ValueError before anything is written).

        Raises ReportNotFoundError, StaleVersionError or InvalidTransitionError; each refusal changes nothing
        but is itself audited. Any other failure rolls the whole change back.
        """
        ...

    async def record_refusal(self, report_id: UUID | None, actor_key: str, action: str, detail: Json) -> None:
        """Audit an action refused before it reached the store (a forged verb, a non-leader)."""
        ...

    async def record_view(self, report_id: UUID, actor_key: str, action: str, detail: Json) -> None:
        """Audit that an authorised person saw a case's details or screenshots (ids and counts only)."""
        ...

    async def audit_trail(self, report_id: UUID) -> list[AuditEntry]:
        """Oldest first."""
        ...


class OutboxStore(Protocol):
    async def enqueue(self, drafts: list[OutboxDraft]) -> None: ...

    async def claim_due(
        self, limit: int, now: datetime, lease: timedelta = CLAIM_LEASE, owner: str | None = None
    ) -> list[OutboxMessage]:
        """Up to `limit` due messages, at most one per conversation (its oldest pending), oldest first.

        Claiming counts an attempt, records `owner` as `claimed_by` and hides the message for `lease`, so
        another instance (or this one after a crash) takes it again only once the lease has passed.
        """
        ...

    async def renew(self, message_id: int, owner: str, until: datetime) -> bool:
        """Keep the claim of a message `owner` is still sending hidden until `until`; False when the claim
        is no longer this owner's (an outcome was recorded, or the lease passed and another took it)."""
        ...

    async def mark_sent(self, message_id: int) -> None: ...

    async def retry_later(self, message_id: int, next_attempt_at: datetime, error: str) -> None: ...

    async def mark_dead(self, message_id: int, error: str) -> None:
        """Stop retrying (403/404): the message is kept, and counted for /readyz."""
        ...

    async def backlog(self, conversation_key: str | None = None) -> OutboxBacklog:
        """Pending and dead counts, and when the oldest pending message was enqueued (of one conversation)."""
        ...

    async def messages(self, conversation_key: str) -> list[OutboxMessage]:
        """All messages of one conversation, oldest first (for tests and the admin)."""
        ...

    async def listing(self, statuses: Sequence[OutboxStatus], limit: int = 100) -> list[OutboxMessage]:
        """Messages with one of these statuses, oldest first (`python -m bot outbox list`)."""
        ...

    async def message(self, message_id: int) -> OutboxMessage | None: ...

    async def requeue(
        self, now: datetime, *, conversation_key: str | None = None, ids: Sequence[int] | None = None
    ) -> list[int]:
        """Send again: dead messages become pending (attempts from 0), and pending ones that nobody is
        sending now are due at `now`. Only those of `conversation_key` and/or `ids` when given. The ids
        that changed, in order. The outcome recorded last (`last_error`) stays, to explain."""
        ...


class LeadershipStore(Protocol):
    """The leadership side of a case: report channels, escalation threads, card tokens, the case log."""

    async def register_channel(self, registration: ChannelRegistration) -> None:
        """Insert or replace the channel of (school, route), audited in the same transaction."""
        ...

    async def channel(self, school: str, route: str) -> ChannelRegistration | None: ...

    async def channels(self) -> list[ChannelRegistration]:
        """Every registration, by school and route (for /readyz and the admin)."""
        ...

    async def set_escalation(self, thread: EscalationThread) -> None:
        """Insert or replace the thread of (report, route)."""
        ...

    async def escalations(self, report_id: UUID) -> list[EscalationThread]:
        """The report's threads, by route."""
        ...

    async def card_token(self, report_id: UUID, version: int) -> str:
        """The token of the card showing this version of the case; a new random one once the version moved,
        so buttons of an older card stop working."""
        ...

    async def card_version(self, report_id: UUID, token: str) -> int | None:
        """The case version the card with this token showed, if it is the current token; else None."""
        ...

    async def add_entry(self, draft: CaseEntryDraft, outbox: list[OutboxDraft]) -> CaseEntry:
        """Store a case-log entry, its audit entry (ids and codes only) and its outbox messages in one
        transaction. An answer (`reply_to`) marks its question answered; a question answered before, or not
        a question of this report, raises QuestionClosedError and changes nothing."""
        ...

    async def entries(self, report_id: UUID) -> list[CaseEntry]:
        """Oldest first."""
        ...


class Store(Protocol):
    profiles: ProfileStore
    feedback: FeedbackStore
    reports: ReportStore
    outbox: OutboxStore
    leadership: LeadershipStore
    reporting: ReportingStore
    questions: QuestionStore
    conversation: ConversationStore  # issued answers and waiting questions
    overview: OverviewStore  # the leaders' overview of open cases, the daily reminders
    insights: InsightStore  # unanswered questions and 👎 votes for the protocol review

    def on_enqueue(self, listener: Callable[[], None]) -> Callable[[], None]:
        """Call `listener` after each committed change that queued outbox messages in this process (the
        outbox worker then looks at once instead of at its next poll); returns the call that stops it."""
        ...

    async def ping(self) -> bool:
        """True when the backend answers (for /readyz); never raises."""
        ...

    async def close(self) -> None: ...


def check_transition_entry(report_id: UUID, entry: CaseEntryDraft | None) -> None:
    """A case-log entry written with a transition belongs to that report and answers no question."""
    if entry is not None and (entry.report_id != report_id or entry.reply_to is not None):
        raise ValueError("a transition's entry must belong to its report and answer no question")
