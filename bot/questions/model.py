"""A question the protocol does not cover, forwarded to the school's leadership, and its answer.

Plain pydantic, no botbuilder. Leaders see the question and the asker's role, never the asker's name;
the asker's key and 1:1 conversation are kept only to send the answer back (and for erasure).
"""

from __future__ import annotations

import hashlib
import re
from typing import Annotated, Any, Literal
from uuid import UUID

from pydantic import AwareDatetime, BaseModel, ConfigDict, StringConstraints

from bot.protocol.model import Role
from bot.reports.messages import QuestionAnswer, QuestionEscalate, QuestionUpdate
from bot.reports.model import OutboxDraft
from bot.reports.states import leadership_key

QUESTION_MAX = 1000  # what an answer card carries back (cards.actions.Question)
ANSWER_MAX = 2000
QUESTION_NUMBER = re.compile(r"^V-(?P<year>[0-9]{4})-(?P<sequence>[0-9]{4,})$")

Json = dict[str, Any]
QuestionStatus = Literal["open", "answered"]
QuestionText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=QUESTION_MAX)]
AnswerText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=ANSWER_MAX)]


class QuestionDraft(BaseModel):
    """What the asker's press stores; the question text comes from the issued answer, never from the card."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    school: str
    role: Role
    question: QuestionText
    asker_key: str
    asker_conversation: Json  # the asker's 1:1 ConversationRef, for the answer


class ForwardedQuestion(QuestionDraft):
    id: UUID
    number: str  # V-2026-0007, per school and year
    status: QuestionStatus
    card_token: str  # the token of the channel card now shown; a new one once answered
    thread_conversation: Json | None = None  # the channel thread, once the card was posted
    thread_activity_id: str | None = None
    answer: AnswerText | None = None
    answered_by: str | None = None  # the leader's Entra object id
    answered_at: AwareDatetime | None = None
    created_at: AwareDatetime
    updated_at: AwareDatetime


def question_number(year: int, sequence: int) -> str:
    """`V-2026-0007`: per school and year, four digits or more."""
    return f"V-{year:04d}-{sequence:04d}"


def idempotency_key(question_token: str) -> str:
    """The key a forward is stored under: a hash of the token the bot put in the answer card."""
    return "vraag:" + hashlib.sha256(question_token.encode()).hexdigest()


def asker_key(question: ForwardedQuestion) -> str:
    """The FIFO key of the asker's own chat."""
    return f"asker:{question.asker_key}"


def forward_messages(question: ForwardedQuestion) -> list[OutboxDraft]:
    """A new question: post its card in the school's leadership channel."""
    return [
        OutboxDraft(
            conversation_key=leadership_key(question.school),
            message=QuestionEscalate(question_id=question.id, number=question.number),
        )
    ]


def answer_messages(question: ForwardedQuestion) -> list[OutboxDraft]:
    """An answer: the channel card updated in place, and the answer to the asker."""
    return [
        OutboxDraft(
            conversation_key=leadership_key(question.school),
            message=QuestionUpdate(question_id=question.id),
        ),
        OutboxDraft(
            conversation_key=asker_key(question),
            message=QuestionAnswer(question_id=question.id),
        ),
    ]
