"""What the leadership's actions put in the reporter's own chat: a leader's question with an answer
field, and the thanks that replaces it once answered. Always Dutch; the question is shown literally.

The answer button carries only the case id and the question's token; the bot accepts it only from the
reporter's own account, once.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from bot.texts import t
from cards.elements import Json, card, execute, heading, text_block
from cards.ids import INPUT_CASE_ANSWER, Verb
from cards.literal import literal

QUESTION_MAX = 2000


def question_card(
    report_id: UUID, case_number: str, question: str, question_token: str, *, anonymous: bool
) -> Json:
    body: list[Json] = [
        heading(t("notify.question.title", case=case_number)),
        text_block(t("notify.question.intro")),
        text_block(literal(question, QUESTION_MAX), weight="Bolder"),
        {
            "type": "Input.Text",
            "id": INPUT_CASE_ANSWER,
            "label": t("notify.answer.label"),
            "isMultiline": True,
            "maxLength": 2000,
            "isRequired": True,
            "errorMessage": t("notify.answer.required"),
        },
        text_block(
            t("notify.question.anonymous" if anonymous else "notify.question.known"),
            isSubtle=True,
            size="Small",
        ),
    ]
    data = {"report_id": str(report_id), "question_token": question_token}
    actions = [execute(t("notify.answer.button"), Verb.CASE_ANSWER, data)]
    return card(body, "nl", actions, summary=t("notify.question.title", case=case_number))


def answered_card(case_number: str) -> Json:
    text = t("notify.answer.thanks", case=case_number)
    return card([text_block(text)], "nl", summary=text)


def card_activity(content: Json, summary: str) -> dict[str, Any]:
    return {
        "type": "message",
        "summary": summary,
        "attachments": [{"contentType": "application/vnd.microsoft.card.adaptive", "content": content}],
    }


def text_activity(text: str) -> dict[str, Any]:
    return {"type": "message", "text": text}
