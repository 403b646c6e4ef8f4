"""What the outbox carries: one model per kind of message, a union discriminated on `kind`. Each names
what to send by id only; the card or text is rendered from the store when it is sent. A row of a kind
this version does not know (written by another one) reads as `UnknownMessage`, which no handler sends."""

from __future__ import annotations

from typing import Annotated, Any, Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Discriminator, Tag


class _Message(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Escalate(_Message):
    """Open the case's thread in the school's leadership channel."""

    kind: Literal["escalate"] = "escalate"
    report_id: UUID
    case_number: str


class ConfirmReporter(_Message):
    """The confirmation card in the reporter's own chat (a case made from a message)."""

    kind: Literal["confirm_reporter"] = "confirm_reporter"
    report_id: UUID


class UpdateCard(_Message):
    """Render the case's card again in its threads, after `action`."""

    kind: Literal["update_card"] = "update_card"
    report_id: UUID
    action: str


class NotifyReporter(_Message):
    """Tell the reporter the case's new `status`, or show them a leader's question (`question`: its ref)."""

    kind: Literal["notify_reporter"] = "notify_reporter"
    report_id: UUID
    status: str | None = None
    question: str | None = None


class ThreadNote(_Message):
    """A line in the case's thread (the reporter answered a question)."""

    kind: Literal["thread_note"] = "thread_note"
    report_id: UUID
    note: str


class Remind(_Message):
    """The daily reminder on a case that lies still, in its thread."""

    kind: Literal["remind"] = "remind"
    report_id: UUID


class QuestionEscalate(_Message):
    """Post a forwarded question's card in the school's leadership channel."""

    kind: Literal["question_escalate"] = "question_escalate"
    question_id: UUID
    number: str


class QuestionUpdate(_Message):
    kind: Literal["question_update"] = "question_update"
    question_id: UUID


class QuestionAnswer(_Message):
    """The leader's answer, to the asker's chat."""

    kind: Literal["question_answer"] = "question_answer"
    question_id: UUID


class UnknownMessage(BaseModel):
    """A kind this version does not know, kept as it was stored."""

    model_config = ConfigDict(extra="allow", frozen=True)

    kind: str


ReportMessage = Escalate | ConfirmReporter | UpdateCard | NotifyReporter | ThreadNote | Remind
QuestionMessage = QuestionEscalate | QuestionUpdate | QuestionAnswer
_KNOWN = frozenset(
    model.model_fields["kind"].default
    for model in (
        Escalate,
        ConfirmReporter,
        UpdateCard,
        NotifyReporter,
        ThreadNote,
        Remind,
        QuestionEscalate,
        QuestionUpdate,
        QuestionAnswer,
    )
)


def _kind(value: Any) -> str:
    kind = value.get("kind") if isinstance(value, dict) else getattr(value, "kind", None)
    return kind if isinstance(kind, str) and kind in _KNOWN else "unknown"


OutboxPayload = Annotated[
    Annotated[Escalate, Tag("escalate")]
    | Annotated[ConfirmReporter, Tag("confirm_reporter")]
    | Annotated[UpdateCard, Tag("update_card")]
    | Annotated[NotifyReporter, Tag("notify_reporter")]
    | Annotated[ThreadNote, Tag("thread_note")]
    | Annotated[Remind, Tag("remind")]
    | Annotated[QuestionEscalate, Tag("question_escalate")]
    | Annotated[QuestionUpdate, Tag("question_update")]
    | Annotated[QuestionAnswer, Tag("question_answer")]
    | Annotated[UnknownMessage, Tag("unknown")],
    Discriminator(_kind),
]
