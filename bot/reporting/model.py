"""What the reporting side stores beside a report: the forms it handed out and the screenshots it took in."""

from __future__ import annotations

from typing import Literal
from uuid import UUID

from pydantic import AwareDatetime, BaseModel, ConfigDict

from bot.reports.model import ReportedMessage

ImageType = Literal["image/png", "image/jpeg", "image/gif", "image/webp"]


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ReportForm(_Frozen):
    """A report card the bot sent: its token is the submission's idempotency key, so a card opened before a
    restart still submits and a repeated submission (double click, re-delivery, retry) gives one case."""

    token: str
    user_key: str
    school: str
    created_at: AwareDatetime
    report_id: UUID | None = None  # set once a submission with this token was stored
    # The message a dialog's form was opened from ("Meld dit bericht"): kept here, not in the card, so a
    # forged submission cannot put other words in the evidence.
    message: ReportedMessage | None = None


class AttachmentDraft(_Frozen):
    """A screenshot after checking and re-encoding: metadata removed, only these bytes are kept."""

    report_id: UUID
    uploader_key: str
    content_type: ImageType
    width: int
    height: int
    data: bytes


class Attachment(_Frozen):
    """A stored screenshot without its bytes (`ReportingStore.attachment_data` gives those)."""

    id: int
    report_id: UUID
    uploader_key: str
    content_type: ImageType
    width: int
    height: int
    size: int
    created_at: AwareDatetime
