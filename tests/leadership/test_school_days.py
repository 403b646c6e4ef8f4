"""School days: only Monday to Friday count (Europe/Amsterdam), also across a change to summer time."""

from __future__ import annotations

from datetime import datetime, timedelta
from uuid import uuid4
from zoneinfo import ZoneInfo

import pytest

from bot.leadership.model import OpenCase
from bot.leadership.overview import Group, group_of, is_overdue, school_time, waiting_since
from bot.reports.model import Category, Report, Status

AMS = ZoneInfo("Europe/Amsterdam")


def at(day: int, hour: int = 9, month: int = 11) -> datetime:
    return datetime(2026, month, day, hour, tzinfo=AMS)  # November 2026: the 20th is a Friday


@pytest.mark.parametrize(
    ("start", "end", "hours"),
    [
        (at(20, 16), at(23, 16), 24),  # Friday 16:00 → Monday 16:00: one school day
        (at(21, 10), at(23, 0), 0),  # Saturday → Monday 00:00: nothing
        (at(21, 10), at(24, 12), 36),  # reported on Saturday: the clock starts on Monday
        (at(23, 9), at(23, 17), 8),
        (at(23, 9), at(30, 9), 120),  # a week is five school days
        (at(23, 9), at(23, 8), 0),
        (datetime(2026, 3, 27, 12, tzinfo=AMS), datetime(2026, 3, 30, 12, tzinfo=AMS), 24),  # DST weekend
    ],
)
def test_school_time_counts_monday_to_friday_only(start: datetime, end: datetime, hours: int) -> None:
    assert school_time(start, end) == timedelta(hours=hours)


def case(created: datetime, **changes: object) -> OpenCase:
    report = Report(
        id=uuid4(),
        case_number="M-2026-0001",
        school="de-breul",
        category=Category.CYBERPESTEN,
        description="x",
        reporter_key="pupil",
        reporter_conversation={},
        status=Status.NIEUW,
        version=1,
        created_at=created,
        updated_at=created,
    )
    return OpenCase(report=report, **changes)


def test_overdue_after_more_than_the_response_time_and_until_a_leader_acts() -> None:
    friday = case(at(20, 16))
    assert not is_overdue(friday, at(24, 16), 2)  # exactly two school days: not yet "longer than"
    assert is_overdue(friday, at(24, 17), 2)
    assert not is_overdue(friday, at(24, 17), 3)
    acted = case(at(20, 16), last_leader_action_at=at(23, 9))
    assert waiting_since(acted) is None and not is_overdue(acted, at(30), 2)
    # The reporter answered after the leader's last action: the clock runs again from the answer.
    answered = case(at(20, 16), last_leader_action_at=at(23, 9), last_answer_at=at(23, 10))
    assert waiting_since(answered) == at(23, 10) and is_overdue(answered, at(26, 11), 2)
    # Waiting for the reporter is never overdue: the school did its part.
    waiting = case(at(20, 16), last_leader_action_at=at(20, 17), open_questions=1)
    assert group_of(waiting) == Group.WACHT_OP_MELDER and not is_overdue(waiting, at(30), 2)
