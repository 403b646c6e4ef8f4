"""Reports of one reporter close together share one leadership thread.

A pupil who presses submit on 13 open forms makes 13 cases (each stored, confirmed and handled on its own),
but the channel gets one thread: the first case's card, updated to name the others, and the others as
replies in that thread, each with its own card and buttons. Decided at delivery from stored state only (the
outbox delivers a school's messages one at a time, in order, across instances), so it holds with several
instances and after a restart.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from uuid import UUID

from bot.leadership.model import REPORTS_ROUTE, EscalationThread
from bot.reports.model import Report, Status
from bot.storage import Store

WINDOW = timedelta(minutes=10)  # a case joins the thread of the reporter's case less than this before it
HORIZON = timedelta(days=1)  # how far a thread's cases are looked for (a chain of joins stays far within)


@dataclass(frozen=True)
class SharedThread:
    """A thread headed by an earlier case: its root card is that case's card."""

    head: Report
    thread: EscalationThread


class CaseReads:
    """What deciding and rendering a thread reads again and again, read once: a reporter's cases and each
    case's threads. One delivery (or one card) shares it: exact for that long, because only escalations add
    threads, the outbox delivers them one at a time per school, and a delivery records each thread it
    stores (`stored`); a reporter's newer case is in no thread before its own delivery."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._cases: dict[str, list[Report]] = {}
        self._threads: dict[UUID, list[EscalationThread]] = {}

    async def reporter_cases(self, reporter_key: str) -> list[Report]:
        """The reporter's cases, newest first."""
        if reporter_key not in self._cases:
            self._cases[reporter_key] = await self._store.reports.for_reporter(reporter_key)
        return self._cases[reporter_key]

    async def threads(self, report_id: UUID) -> list[EscalationThread]:
        """The case's threads, by route."""
        if report_id not in self._threads:
            self._threads[report_id] = await self._store.leadership.escalations(report_id)
        return self._threads[report_id]

    def stored(self, thread: EscalationThread) -> None:
        """A thread just stored (inserted or replaced on its route), seen by the reads that follow."""
        known = self._threads.get(thread.report_id)
        if known is not None:
            known[:] = sorted([*(t for t in known if t.route != thread.route), thread], key=lambda t: t.route)


async def thread_to_join(reads: CaseReads, report: Report, route: str) -> SharedThread | None:
    """The thread a new case joins on this route: that of the reporter's earliest case in the same school
    escalated there less than WINDOW before it; None opens a thread of its own."""
    for other in await _nearby(reads, report):
        if other.id == report.id or not timedelta(0) <= report.created_at - other.created_at < WINDOW:
            continue
        thread = await _thread(reads, other.id, route)
        if thread is not None:
            joined = await _headed(reads, report, route, thread) or SharedThread(other, thread)
            # A closed case's thread is done: a new report there would sit under "Afgesloten" unseen.
            return None if joined.head.status == Status.AFGESLOTEN else joined
    return None


async def head_of(reads: CaseReads, report: Report, route: str) -> SharedThread | None:
    """The case heading the thread this case joined on this route; None when it heads its own (or none)."""
    own = await _thread(reads, report.id, route)
    if own is None:
        return None
    shared = await _headed(reads, report, route, own)
    return shared if shared is not None and shared.head.id != report.id else None


async def thread_cases(reads: CaseReads, report: Report) -> tuple[Report, ...]:
    """The cases in this case's thread in the report channel, oldest (the head) first; () when alone."""
    own = await _thread(reads, report.id, REPORTS_ROUTE)
    if own is None:
        return ()
    members = await _members(reads, report, REPORTS_ROUTE, _conversation_id(own))
    return tuple(member for member, _ in members) if len(members) > 1 else ()


async def _headed(
    reads: CaseReads, report: Report, route: str, thread: EscalationThread
) -> SharedThread | None:
    members = await _members(reads, report, route, _conversation_id(thread))
    return SharedThread(*members[0]) if members else None


async def _members(
    reads: CaseReads, report: Report, route: str, conversation_id: str
) -> list[tuple[Report, EscalationThread]]:
    members = []
    for other in await _nearby(reads, report):
        thread = await _thread(reads, other.id, route)
        if thread is not None and _conversation_id(thread) == conversation_id:
            members.append((other, thread))
    return members


async def _nearby(reads: CaseReads, report: Report) -> list[Report]:
    """The reporter's cases in the same school within HORIZON of this one, oldest first."""
    mine = await reads.reporter_cases(report.reporter_key)
    near = [
        other
        for other in mine
        if other.school == report.school and abs(other.created_at - report.created_at) <= HORIZON
    ]
    return sorted(near, key=lambda other: (other.created_at, len(other.case_number), other.case_number))


async def _thread(reads: CaseReads, report_id: UUID, route: str) -> EscalationThread | None:
    return next((thread for thread in await reads.threads(report_id) if thread.route == route), None)


def _conversation_id(thread: EscalationThread) -> str:
    return str(thread.conversation.get("conversation_id", ""))
