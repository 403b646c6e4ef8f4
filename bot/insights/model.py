"""What is kept for the protocol review: a question the protocol could not answer, with the school, the
asker's role and the month, never the asker (no user id, no time of day)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import Annotated
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ConfigDict, StringConstraints

from bot.protocol.model import Role

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
RETENTION_MONTHS = 12  # kept this many whole months after the month it was asked in, then deleted
Month = Annotated[str, StringConstraints(pattern=r"^[0-9]{4}-(0[1-9]|1[0-2])$")]


class UnansweredQuestion(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    school: str
    role: Role
    question: str
    month: Month  # "2026-03", in Europe/Amsterdam


def month_of(moment: datetime) -> str:
    """`2026-03`: the Dutch calendar month of `moment`."""
    return moment.astimezone(AMSTERDAM).strftime("%Y-%m")


def add_months(month: str, count: int) -> str:
    year, number = (int(part) for part in month.split("-"))
    index = year * 12 + number - 1 + count
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def month_start(month: str) -> datetime:
    """The first moment of the month in Amsterdam, in UTC."""
    year, number = (int(part) for part in month.split("-"))
    return datetime.combine(date(year, number, 1), time.min, tzinfo=AMSTERDAM).astimezone(UTC)


def oldest_kept(now: datetime) -> str:
    """The oldest month the purge keeps: the current month and the `RETENTION_MONTHS` before it."""
    return add_months(month_of(now), -RETENTION_MONTHS)
