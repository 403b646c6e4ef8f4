"""Reports of one reporter close together share one leadership thread.

A pupil who presses submit on 13 open forms makes 13 cases (each stored, confirmed and handled on its own),
but the channel gets one thread: the first case's card, updated to name the others, and the others as
replies in that thread, each with its own card and buttons. Decided at delivery from stored state only (the
outbox delivers a school's messages one at a time, in order, across instances), so it holds with several
instances and after a restart.
"""

from __future__ import annotations

from collections.abc import Sequence
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


async def thread_to_join(store: Store, report: Report, route: str) -> SharedThread | None:
    """The thread a new case joins on this route: that of the reporter's earliest case in the same school
    escalated there less than WINDOW before it; None opens a thread of its own."""
    for other in await _nearby(store, report):
        if other.id == report.id or not timedelta(0) <= report.created_at - other.created_at < WINDOW:
            continue
        thread = await _thread(store, other.id, route)
        if thread is not None:
            joined = await _headed(store, report, route, thread) or SharedThread(other, thread)
            # A closed case's thread is done: a new report there would sit under "Afgesloten" unseen.
            return None if joined.head.status == Status.AFGESLOTEN else joined
    return None


async def head_of(
    store: Store, report: Report, route: str, threads: Sequence[EscalationThread] | None = None
) -> SharedThread | None:
    """The case heading the thread this case joined on this route; None when it heads its own (or none).
    `threads`: the case's stored threads, when the caller has them (not read again)."""
    own = await _own_thread(store, report, route, threads)
    if own is None:
        return None
    shared = await _headed(store, report, route, own)
    return shared if shared is not None and shared.head.id != report.id else None


async def thread_cases(
    store: Store, report: Report, threads: Sequence[EscalationThread] | None = None
) -> tuple[Report, ...]:
    """The cases in this case's thread in the report channel, oldest (the head) first; () when alone.
    `threads`: the case's stored threads, when the caller has them (not read again)."""
    own = await _own_thread(store, report, REPORTS_ROUTE, threads)
    if own is None:
        return ()
    members = await _members(store, report, REPORTS_ROUTE, _conversation_id(own))
    return tuple(member for member, _ in members) if len(members) > 1 else ()


async def _headed(store: Store, report: Report, route: str, thread: EscalationThread) -> SharedThread | None:
    members = await _members(store, report, route, _conversation_id(thread))
    return SharedThread(*members[0]) if members else None


async def _members(
    store: Store, report: Report, route: str, conversation_id: str
) -> list[tuple[Report, EscalationThread]]:
    members = []
    for other in await _nearby(store, report):
        thread = await _thread(store, other.id, route)
        if thread is not None and _conversation_id(thread) == conversation_id:
            members.append((other, thread))
    return members


async def _nearby(store: Store, report: Report) -> list[Report]:
    """The reporter's cases in the same school within HORIZON of this one, oldest first."""
    mine = await store.reports.for_reporter(report.reporter_key)
    near = [
        other
        for other in mine
        if other.school == report.school and abs(other.created_at - report.created_at) <= HORIZON
    ]
    return sorted(near, key=lambda other: (other.created_at, len(other.case_number), other.case_number))


async def _thread(store: Store, report_id: UUID, route: str) -> EscalationThread | None:
    return _on_route(await store.leadership.escalations(report_id), route)


async def _own_thread(
    store: Store, report: Report, route: str, threads: Sequence[EscalationThread] | None
) -> EscalationThread | None:
    return _on_route(threads, route) if threads is not None else await _thread(store, report.id, route)


def _on_route(threads: Sequence[EscalationThread], route: str) -> EscalationThread | None:
    return next((thread for thread in threads if thread.route == route), None)


def _conversation_id(thread: EscalationThread) -> str:
    return str(thread.conversation.get("conversation_id", ""))
