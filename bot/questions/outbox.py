"""Delivers the forwarded questions' outbox intents, rendered from the stored question at send time.

- `question_escalate`: the question's card as a new thread in the school's report channel (no channel
  registered yet → NotDeliverableYet, kept and alerted on /readyz like a report); the thread is stored so
  the card can be updated in place. A retry after the thread was stored posts nothing new.
- `question_update`: the channel card replaced for everyone (answered by whom, when, the answer).
- `question_answer`: the answer card in the asker's own chat.
A question erased meanwhile sends nothing.
"""

from __future__ import annotations

import logging

from pydantic import ValidationError

from bot.conversation.ports import RuleSource
from bot.delivery.ports import ConversationRef, DeliveryError, NotDeliverableYet, Sender
from bot.leadership.model import REPORTS_ROUTE
from bot.leadership.views import LeaderDirectory
from bot.questions.answering import question_view
from bot.questions.model import ForwardedQuestion
from bot.reports.messages import QuestionAnswer, QuestionEscalate, QuestionUpdate
from bot.reports.model import OutboxMessage
from bot.storage import Store
from bot.texts import t
from cards.leader import card_activity
from cards.question import answer_to_asker_card, forwarded_question_activity

log = logging.getLogger(__name__)

UNPROCESSABLE = 422  # a message that can never be sent: the worker keeps it as dead and alerts


class QuestionOutbox:
    def __init__(self, store: Store, directory: LeaderDirectory, rules: RuleSource | None = None) -> None:
        self._store = store
        self._directory = directory
        self._rules = rules

    async def deliver(self, message: OutboxMessage, sender: Sender) -> None:
        intent = message.message
        if not isinstance(intent, QuestionEscalate | QuestionUpdate | QuestionAnswer):
            raise DeliveryError(UNPROCESSABLE, detail=f"unknown outbox kind {intent.kind[:40]!r}")
        question = await self._store.questions.get(intent.question_id)
        if question is None:
            log.info("outbox %d: question gone (erased?), nothing to send", message.id)
            return
        match intent:
            case QuestionEscalate():
                await self._escalate(question, sender)
            case QuestionUpdate():
                await self._update(question, sender)
            case QuestionAnswer():
                await self._answer(question, sender)

    async def _escalate(self, question: ForwardedQuestion, sender: Sender) -> None:
        if question.thread_activity_id is not None:
            return  # a retry after the thread was posted and stored: never a second thread
        channel = await self._store.leadership.channel(question.school, REPORTS_ROUTE)
        if channel is None:
            raise NotDeliverableYet(f"no leadership channel for school {question.school}", question.school)
        ref = _ref(channel.conversation)
        activity = forwarded_question_activity(question_view(question, self._directory, self._rules))
        sent = await sender.new_thread(ref, activity)
        thread = ref.model_copy(update={"conversation_id": sent.conversation_id})
        await self._store.questions.set_thread(question.id, thread.model_dump(), sent.activity_id)
        log.info("question %s posted to the leadership channel of %s", question.number, question.school)

    async def _update(self, question: ForwardedQuestion, sender: Sender) -> None:
        if question.thread_conversation is None or question.thread_activity_id is None:
            log.info("question %s has no thread to update yet", question.number)
            return
        activity = forwarded_question_activity(question_view(question, self._directory, self._rules))
        await sender.update(_ref(question.thread_conversation), question.thread_activity_id, activity)

    async def _answer(self, question: ForwardedQuestion, sender: Sender) -> None:
        if question.answer is None:
            log.info("question %s has no answer to send", question.number)
            return
        content = answer_to_asker_card(question.number, question.question, question.answer)
        summary = t("question.to_asker.title", number=question.number)
        await sender.send(_ref(question.asker_conversation), card_activity(content, summary))
        log.info("answer to question %s sent to the asker", question.number)


def _ref(conversation: dict[str, object]) -> ConversationRef:
    try:
        return ConversationRef.model_validate(conversation)
    except ValidationError:
        raise DeliveryError(UNPROCESSABLE, detail="stored conversation unreadable") from None
