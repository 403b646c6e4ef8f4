"""The daily reminder in the thread of every case that lies still longer than the school's response time.

Checked every hour, so a case is reminded soon after its time runs out, but only on school days (Monday to
Friday) from 08:00 in Amsterdam: nobody is paged at night or at the weekend. A case gets one reminder a
day: the store's `remind` guards that across instances and restarts. The reminder is an outbox intent, sent
like every message the bot sends on its own; the outbox handler checks again when it sends and stays
silent when a leader acted meanwhile. Any leader action (pick up, note, question, close) stops them.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from datetime import UTC, datetime, time, timedelta

from bot.leadership.model import REPORTS_ROUTE
from bot.leadership.overview import AMSTERDAM, FRIDAY, is_overdue
from bot.reports.messages import Remind
from bot.reports.model import OutboxDraft
from bot.reports.states import leadership_key
from bot.storage import Store

log = logging.getLogger(__name__)

REMIND_FROM = time(8)
CHECK_EVERY = timedelta(hours=1)


def _now() -> datetime:
    return datetime.now(UTC)


async def remind_untouched(store: Store, response_days: Callable[[str], int], now: datetime) -> int:
    """Queue today's reminder for every overdue case of every school with a report channel; how many."""
    local = now.astimezone(AMSTERDAM)
    if local.weekday() > FRIDAY or local.time() < REMIND_FROM:
        return 0
    queued = 0
    for registration in await store.leadership.channels():
        if registration.route != REPORTS_ROUTE:
            continue
        school = registration.school
        days = response_days(school)
        for case in await store.overview.open_cases(school):
            if not is_overdue(case, now, days):
                continue
            draft = OutboxDraft(
                conversation_key=leadership_key(school), message=Remind(report_id=case.report.id)
            )
            if await store.overview.remind(case.report.id, local.date(), [draft]):
                queued += 1
                log.info(
                    "reminder queued: case %s lies still longer than %d school days",
                    case.report.case_number,
                    days,
                )
    return queued


async def remind_daily(
    store: Store,
    response_days: Callable[[str], int],
    every: timedelta = CHECK_EVERY,
    clock: Callable[[], datetime] = _now,
) -> None:
    """`remind_untouched` now and then every `every`, until cancelled; a failed run is logged and retried."""
    while True:
        try:
            await remind_untouched(store, response_days, clock())
        except Exception as error:  # keep the schedule: the next run catches up
            log.error("reminders failed: %s", type(error).__name__)
        await asyncio.sleep(every.total_seconds())
