"""The case state machine and case numbers (pure)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.reports.model import Action, Status, case_number, case_year
from bot.reports.states import InvalidTransitionError, next_status


@pytest.mark.parametrize(
    ("status", "action", "expected"),
    [
        (Status.NIEUW, Action.OPPAKKEN, Status.OPGEPAKT),
        (Status.NIEUW, Action.AFSLUITEN, Status.AFGESLOTEN),
        (Status.OPGEPAKT, Action.AFSLUITEN, Status.AFGESLOTEN),
        (Status.AFGESLOTEN, Action.HEROPENEN, Status.OPGEPAKT),
    ],
)
def test_allowed_transitions(status: Status, action: Action, expected: Status) -> None:
    assert next_status(status, action) is expected


@pytest.mark.parametrize(
    ("status", "action"),
    [
        (Status.NIEUW, Action.HEROPENEN),
        (Status.OPGEPAKT, Action.OPPAKKEN),
        (Status.OPGEPAKT, Action.HEROPENEN),
        (Status.AFGESLOTEN, Action.AFSLUITEN),
        (Status.AFGESLOTEN, Action.OPPAKKEN),
    ],
)
def test_refused_transitions(status: Status, action: Action) -> None:
    with pytest.raises(InvalidTransitionError):
        next_status(status, action)


def test_case_number_format() -> None:
    assert case_number(2026, 42) == "M-2026-0042"
    assert case_number(2026, 12345) == "M-2026-12345"


def test_case_year_is_the_dutch_calendar_year() -> None:
    assert case_year(datetime(2026, 12, 31, 23, 30, tzinfo=UTC)) == 2027
    assert case_year(datetime(2026, 12, 31, 22, 30, tzinfo=UTC)) == 2026
