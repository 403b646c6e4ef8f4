"""A leader answers a forwarded question from its card in the leadership channel.

Authorised exactly like the escalation card (`bot.leadership.desk`): the presser's Entra object id must be
a leader of *that question's* school, the press must come from the question's thread, and the card token
must be the current one. A refused press changes nothing and is audited. An accepted answer is one
transaction: answer, status, audit entry, the card update and the message to the asker.
"""

from __future__ import annotations

import logging
import secrets

from bot.conversation.models import CardActionIn, CardSubmitIn, TurnResult
from bot.conversation.ports import RuleSource
from bot.leadership.views import LeaderDirectory, leader_label
from bot.questions.model import ANSWER_MAX, ForwardedQuestion
from bot.storage import Store
from bot.storage.errors import QuestionClosedError, QuestionNotFoundError
from bot.texts import t
from cards.actions import QuestionReply
from cards.question import QuestionView, forwarded_question_card
from cards.role import role_name

log = logging.getLogger(__name__)

Pressed = CardActionIn | CardSubmitIn


def question_view(
    question: ForwardedQuestion, directory: LeaderDirectory, rules: RuleSource | None
) -> QuestionView:
    """The channel card's content, from the stored question (leaders by their name in settings)."""
    school = question.school
    if rules is not None and school in rules.slugs:
        school = rules.school(school).school.name
    answered_by = None
    if question.answered_by is not None:
        answered_by = leader_label(directory, question.school, question.answered_by)
    return QuestionView(
        question_id=question.id,
        number=question.number,
        school_name=school,
        role_name=role_name(question.role),
        asked_at=question.created_at,
        question=question.question,
        card_token=question.card_token,
        answer=question.answer,
        answered_by=answered_by,
        answered_at=question.answered_at,
    )


async def answer(
    store: Store,
    directory: LeaderDirectory,
    rules: RuleSource | None,
    incoming: Pressed,
    action: QuestionReply,
    tenant_schools: tuple[str, ...],
) -> TurnResult:
    lang = incoming.lang
    actor = incoming.sender.aad_object_id or incoming.sender.user_key

    async def refuse(question: ForwardedQuestion | None, reason: str) -> None:
        detail = {"reason": reason}
        await store.questions.record_refusal(
            question.id if question else None, actor, action.verb.value, detail
        )
        log.warning("question answer refused: %s", reason)

    question = await store.questions.get(action.question_id)
    if question is None or question.school not in tenant_schools:
        await refuse(question, "unknown_question")
        return TurnResult.say(t("question.refused.unknown", lang))
    if not directory.is_leader(question.school, incoming.sender.aad_object_id):
        await refuse(question, "not_leader")
        return TurnResult.say(t("case.refused.not_leader", lang))
    if not _from_thread(incoming, question):
        await refuse(question, "not_in_thread")
        return TurnResult.say(t("case.refused.not_leader", lang))
    if question.status != "open" or not secrets.compare_digest(question.card_token, action.card_token):
        await refuse(question, "stale_token")
        return _current(question, directory, rules, t("question.refused.stale", lang))
    typed = action.question_answer_text or ""
    if not typed.strip():
        return _form_again(incoming, question, directory, rules, typed, t("question.answer.required", lang))
    if len(typed.strip()) > ANSWER_MAX:
        problem = t("question.answer.too_long", lang, max=ANSWER_MAX)
        return _form_again(incoming, question, directory, rules, typed, problem)
    try:
        answered = await store.questions.answer(question.id, action.card_token, typed.strip(), actor)
    except (QuestionClosedError, QuestionNotFoundError):  # answered (or erased) meanwhile
        await refuse(question, "stale_token")
        fresh = await store.questions.get(question.id)
        if fresh is None:
            return TurnResult.say(t("question.refused.unknown", lang))
        return _current(fresh, directory, rules, t("question.refused.stale", lang))
    except Exception as error:  # nothing was written: the leader keeps what they typed
        log.error("question answer not stored: %s", type(error).__name__)
        problem = t("question.answer.not_saved", lang)
        return _form_again(incoming, question, directory, rules, typed, problem)
    log.info("question %s answered by a leader (school %s)", answered.number, answered.school)
    view = question_view(answered, directory, rules)
    reply = t("question.reply.answered", number=answered.number, leader=view.answered_by or "")
    # Like the escalation card: a status line in the thread (it notifies the channel) and the card in place.
    return TurnResult(replies=TurnResult.say(reply).replies, updated_card=forwarded_question_card(view))


def _from_thread(incoming: Pressed, question: ForwardedQuestion) -> bool:
    """The press came from the question's own thread (not a chat, another channel or another thread)."""
    if incoming.where.kind != "channel" or question.thread_conversation is None:
        return False
    thread = str(question.thread_conversation.get("conversation_id", ""))
    channel, _, message = thread.partition(";")
    pressed_channel, _, pressed_message = incoming.where.conversation_id.partition(";")
    if (incoming.where.channel_id or pressed_channel) != channel:
        return False
    return not pressed_message or pressed_message == message


def _current(
    question: ForwardedQuestion, directory: LeaderDirectory, rules: RuleSource | None, text: str
) -> TurnResult:
    """A refusal for a leader: the message, and the card as it is now (only the presser sees it)."""
    card = forwarded_question_card(question_view(question, directory, rules))
    return TurnResult(replies=TurnResult.say(text).replies, updated_card=card)


def _form_again(
    incoming: Pressed,
    question: ForwardedQuestion,
    directory: LeaderDirectory,
    rules: RuleSource | None,
    typed: str,
    problem: str,
) -> TurnResult:
    """The same card, the text kept and the message at the field (Execute); a Submit gets the message."""
    if isinstance(incoming, CardSubmitIn):
        # An Action.Submit reply is a message the whole channel sees: the message only, not a second card.
        return TurnResult.say(problem)
    view = question_view(question, directory, rules)
    return TurnResult(updated_card=forwarded_question_card(view, typed=typed, error=problem))
