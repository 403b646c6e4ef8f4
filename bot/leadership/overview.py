"""The leaders' overview as data: which open case is new, in behandeling, waiting for the reporter, and which
one nobody touched for longer than the school's response time, counted in school days (Monday to Friday,
Europe/Amsterdam; the bot knows no school holidays).

"Untouched": the case asks something of the school (it came in, or the reporter answered a question) and no
leader acted on it since: picked it up, wrote a note, asked the reporter, closed or reopened it. A case
waiting for the reporter's answer is never overdue: the school did its part. Plain Python, no Teams.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from bot.leadership.model import OpenCase
from bot.reports.model import Status

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
SCHOOL_DAY = timedelta(days=1)
FRIDAY = 4


class Group(StrEnum):
    """Where an open case stands; every open case is in exactly one group."""

    NIEUW = "nieuw"
    IN_BEHANDELING = "in_behandeling"
    WACHT_OP_MELDER = "wacht_op_melder"


@dataclass(frozen=True)
class OverviewLine:
    """One case as the channel card may show it: number, category, urgency, status, age, handler."""

    case_number: str
    category: str
    urgent: bool
    status: str  # a `Status` value
    group: Group
    created_at: datetime
    handler: str | None
    waiting_since: datetime | None  # since when it waits for a leader (None: it does not)
    overdue: bool


@dataclass(frozen=True)
class Overview:
    school: str
    response_days: int
    lines: tuple[OverviewLine, ...]
    at: datetime

    def count(self, group: Group) -> int:
        return sum(line.group == group for line in self.lines)

    @property
    def overdue(self) -> int:
        return sum(line.overdue for line in self.lines)


def school_time(start: datetime, end: datetime) -> timedelta:
    """The time between `start` and `end` that falls on a Monday to Friday in Amsterdam."""
    if end <= start:
        return timedelta(0)
    total = timedelta(0)
    day = start.astimezone(AMSTERDAM).date()
    last = end.astimezone(AMSTERDAM).date()
    while day <= last:
        if day.weekday() <= FRIDAY:
            begin, finish = _day_bounds(day)
            overlap = min(finish, end) - max(begin, start)
            total += max(overlap, timedelta(0))
        day += timedelta(days=1)
    return total


def _day_bounds(day: date) -> tuple[datetime, datetime]:
    """The day from local midnight to local midnight, in UTC (a DST day has 23 or 25 hours)."""
    begin = datetime.combine(day, time.min, tzinfo=AMSTERDAM).astimezone(UTC)
    finish = datetime.combine(day + timedelta(days=1), time.min, tzinfo=AMSTERDAM).astimezone(UTC)
    return begin, finish


def waiting_since(case: OpenCase) -> datetime | None:
    """Since when the case waits for a leader; None when a leader acted on its latest news, or it waits for
    the reporter."""
    if case.open_questions:
        return None
    news = max(case.report.created_at, case.last_answer_at or case.report.created_at)
    if case.last_leader_action_at is not None and case.last_leader_action_at >= news:
        return None
    return news


def untouched(case: OpenCase, now: datetime) -> timedelta:
    """School time the case has waited for a leader (zero when it does not wait)."""
    since = waiting_since(case)
    return timedelta(0) if since is None else school_time(since, now)


def is_overdue(case: OpenCase, now: datetime, response_days: int) -> bool:
    return untouched(case, now) > response_days * SCHOOL_DAY


def group_of(case: OpenCase) -> Group:
    if case.open_questions:
        return Group.WACHT_OP_MELDER
    return Group.NIEUW if case.report.status == Status.NIEUW else Group.IN_BEHANDELING


def overview(
    school: str,
    cases: list[OpenCase],
    now: datetime,
    response_days: int,
    name_of: Callable[[str], str] = str,
) -> Overview:
    """The school's open cases, overdue first, then oldest first; `name_of` names a handling leader by their
    Entra object id (from settings)."""
    lines = []
    for case in cases:
        report = case.report
        if report.status == Status.AFGESLOTEN:
            continue
        since = waiting_since(case)
        waited = timedelta(0) if since is None else school_time(since, now)
        lines.append(
            OverviewLine(
                case_number=report.case_number,
                category=report.category.value,
                urgent=report.urgent,
                status=report.status.value,
                group=group_of(case),
                created_at=report.created_at,
                handler=name_of(report.handler_key) if report.handler_key else None,
                waiting_since=since,
                overdue=waited > response_days * SCHOOL_DAY,
            )
        )
    lines.sort(key=lambda line: (not line.overdue, line.created_at, line.case_number))
    return Overview(school=school, response_days=response_days, lines=tuple(lines), at=now)
