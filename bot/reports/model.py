"""A pupil's (or parent's, or colleague's) incident report, its audit trail and its outbox messages."""

from __future__ import annotations

import re
from datetime import datetime
from enum import StrEnum
from typing import Annotated, Any, Literal
from uuid import UUID
from zoneinfo import ZoneInfo

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, StringConstraints

from bot.reports.messages import OutboxPayload

DESCRIPTION_MAX = 4000
SHORT_TEXT_MAX = 200
MESSAGE_TEXT_MAX = 8000  # a reported Teams message kept as evidence (Teams caps a message near 28 KB)
CASE_NUMBER = re.compile(r"^M-(?P<year>[0-9]{4})-(?P<sequence>[0-9]{4,})$")


class Category(StrEnum):
    """What happened, exactly the choices of the report card."""

    CYBERPESTEN = "cyberpesten"  # pesten/cyberpesten
    NARE_BERICHTEN = "nare_berichten"  # ongewenste of nare berichten
    BEDREIGING = "bedreiging"
    SEXTING = "sexting"  # sexting of naaktbeelden
    NEPACCOUNT = "nepaccount"  # nepaccount of gehackt account
    DEEPFAKE = "deepfake"  # bewerkte beelden/deepfake
    BEELD_ZONDER_TOESTEMMING = "beeld_zonder_toestemming"  # foto of video zonder toestemming
    DISCRIMINATIE = "discriminatie"
    ANDERS = "anders"  # iets anders


URGENT_CATEGORIES = frozenset({Category.BEDREIGING, Category.SEXTING})


class Status(StrEnum):
    NIEUW = "nieuw"
    OPGEPAKT = "opgepakt"
    AFGESLOTEN = "afgesloten"


class Action(StrEnum):
    """What a leader can do to a case; each is a transition of `states.TRANSITIONS`."""

    OPPAKKEN = "oppakken"
    AFSLUITEN = "afsluiten"
    HEROPENEN = "heropenen"


ShortText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=SHORT_TEXT_MAX)]
Description = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=DESCRIPTION_MAX)
]
Json = dict[str, Any]


class ReportedMessage(BaseModel):
    """The Teams message a report was made from ("Meld dit bericht"), kept as evidence as Teams gave it:
    its text (what the reporter then typed may differ), who sent it and when. Images in it are never kept,
    only counted (`images`): the bot cannot fetch them, and for sexting it would not."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    text: Annotated[str, StringConstraints(max_length=MESSAGE_TEXT_MAX)]
    cut: bool = False  # the text was longer and is kept up to MESSAGE_TEXT_MAX
    author: ShortText | None = None  # the sender's name as Teams shows it
    sent_at: AwareDatetime | None = None
    images: Annotated[int, Field(ge=0)] = 0  # images in the message, not kept


class ReportDraft(BaseModel):
    """What the reporter submitted, validated; the store gives it a case number."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    school: str
    category: Category
    description: Description
    platform: ShortText | None = None
    happened: ShortText | None = None  # "when", in the reporter's own words ("gisteren na school")
    involved: ShortText | None = None
    in_danger: bool = False
    anonymous: bool = True
    reporter_key: str
    reporter_conversation: Json = Field(description="the reporter's 1:1 conversation reference, opaque")
    # The name Teams gives the reporter, kept only when they chose to be known to the leadership.
    reporter_name: ShortText | None = None
    message: ReportedMessage | None = None  # the reported Teams message, when made from one

    @property
    def urgent(self) -> bool:
        return self.in_danger or self.category in URGENT_CATEGORIES


class Report(ReportDraft):
    """A stored report: the draft plus its identity, case number, status and version."""

    id: UUID
    case_number: str
    status: Status
    version: int  # raised by every state change; a change names the version it was based on
    handler_key: str | None = None  # the leader who picked it up
    created_at: AwareDatetime
    updated_at: AwareDatetime


class AuditEntry(BaseModel):
    """Who did what to which case, accepted or refused. Details hold ids and codes, never report text."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    report_id: UUID | None  # None when a forged action named no existing case
    question_id: UUID | None = None  # a forwarded question's entry (`bot.questions`), else None
    actor_key: str
    action: str
    accepted: bool
    detail: Json = {}
    at: AwareDatetime


OutboxStatus = Literal["pending", "sent", "dead"]


class OutboxDraft(BaseModel):
    """A message the bot sends on its own initiative, delivered in order per conversation key."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    conversation_key: str
    message: OutboxPayload


class OutboxMessage(OutboxDraft):
    id: int
    status: OutboxStatus
    attempts: int
    next_attempt_at: AwareDatetime
    last_error: str | None = None
    created_at: AwareDatetime
    claimed_by: str | None = None  # the worker sending it now (None once an outcome is recorded)


def case_number(year: int, sequence: int) -> str:
    """`M-2026-0042`: per school and year, four digits or more."""
    return f"M-{year:04d}-{sequence:04d}"


def case_year(moment: datetime) -> int:
    """The year a case is numbered in: the school's (Dutch) calendar year."""
    return moment.astimezone(ZoneInfo("Europe/Amsterdam")).year
