"""A question the protocol does not cover, put to the school: its card in the leadership channel (with the
answer form, or who answered and when), and the answer card in the asker's own chat.

The channel card shows the question and the asker's role, never a name; the notification text names the
number and the role only. Everything the asker or a leader typed goes through `literal()`. Like the
escalation card, the button is an Action.Execute with an Action.Submit fallback and no `refresh` (it does
not work in channels).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

from bot.texts import Lang, t
from cards.elements import Json, card, container, execute, fact_set, heading, text_block
from cards.escalation import local_time
from cards.ids import INPUT_QUESTION_ANSWER, Verb
from cards.literal import literal, plain
from cards.report import as_typed

QUESTION_MAX = 1000
ANSWER_MAX = 2000
KEPT_MAX = 2 * ANSWER_MAX  # an overlong answer is put back up to here, so the leader can shorten it


@dataclass(frozen=True)
class QuestionView:
    """What the channel card shows: number, school, role, time, the question; once answered, the answer."""

    question_id: UUID
    number: str
    school_name: str
    role_name: str  # "Leerling", from the texts
    asked_at: datetime
    question: str
    card_token: str
    answer: str | None = None
    answered_by: str | None = None  # the leader's display name (settings)
    answered_at: datetime | None = None

    @property
    def answered(self) -> bool:
        return self.answer is not None


def question_summary(view: QuestionView) -> str:
    """The notification text: number and role, never the question."""
    if view.answered:
        return t("question.summary_answered", number=view.number)
    return t("question.summary", number=view.number, role=view.role_name.lower())


def forwarded_question_card(
    view: QuestionView, *, typed: str | None = None, error: str | None = None
) -> Json:
    """The channel card. While open: the answer form, with `typed` put back and `error` at the field."""
    title = t("question.title", number=view.number, school=literal(view.school_name, 120))
    status = t("question.status.answered" if view.answered else "question.status.open")
    body: list[Json] = [
        heading(title),
        fact_set(
            [
                (t("question.fact.from"), view.role_name),
                (t("question.fact.time"), local_time(view.asked_at)),
                (t("question.fact.status"), status),
            ]
        ),
        container([text_block(f"“{literal(view.question, QUESTION_MAX)}”")], style="emphasis"),
    ]
    if view.answered:
        by = literal(view.answered_by or t("case.handler.unknown"), 80)
        when = local_time(view.answered_at) if view.answered_at else ""
        body.append(
            text_block(t("question.answered_by", leader=by, time=when), weight="Bolder", separator=True)
        )
        body.append(text_block(literal(view.answer or "", ANSWER_MAX), spacing="Small"))
        return card(body, "nl", summary=question_summary(view))
    field: Json = {
        "type": "Input.Text",
        "id": INPUT_QUESTION_ANSWER,
        "label": t("question.answer.label"),
        "isMultiline": True,
        "isRequired": True,
        "errorMessage": t("question.answer.required"),
        "maxLength": ANSWER_MAX,
    }
    if typed:
        field["value"] = as_typed(typed)[:KEPT_MAX]
    # Where the answer goes, for the leader about to write it (answered, it only repeated "your answer").
    body.append(text_block(t("question.not_covered"), isSubtle=True, size="Small"))
    body.append(field)
    if error:
        body.append(text_block(f"⚠️ {error}", color="Attention", size="Small", spacing="None"))
    data = {"question_id": str(view.question_id), "card_token": view.card_token}
    actions = [execute(t("question.button.send"), Verb.QUESTION_ANSWER, data, style="positive")]
    return card(body, "nl", actions, summary=question_summary(view))


def forwarded_question_activity(view: QuestionView) -> dict[str, Any]:
    """The message activity carrying the channel card (also used to update it in place)."""
    return {
        "type": "message",
        "summary": question_summary(view),
        "attachments": [
            {
                "contentType": "application/vnd.microsoft.card.adaptive",
                "content": forwarded_question_card(view),
            }
        ],
    }


def answer_to_asker_card(number: str, question: str, answer: str, lang: Lang = "nl") -> Json:
    """The answer in the asker's own chat: their question and the school's answer, no leader's name."""
    title = t("question.to_asker.title", lang, number=number)
    body = [
        heading(title),
        text_block(t("question.to_asker.asked", lang), weight="Bolder", size="Small"),
        container([text_block(f"“{literal(question, QUESTION_MAX)}”")], style="emphasis", spacing="Small"),
        text_block(t("question.to_asker.answer", lang), weight="Bolder", size="Small", spacing="Medium"),
        text_block(literal(answer, ANSWER_MAX), spacing="Small"),
        text_block(t("question.to_asker.more", lang), isSubtle=True, size="Small", spacing="Medium"),
    ]
    return card(body, lang, summary=plain(title, 200))
