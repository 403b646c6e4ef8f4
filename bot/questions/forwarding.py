"""The asker presses "Leg mijn vraag voor aan school": the question is stored, with the message to the
leadership channel, in one transaction *before* the asker is told it was passed on.

Card data is forgeable: the question, school and role come from the answer the bot issued to this user
(`IssuedAnswers`), never from the card. The store is idempotent on the question token, so a double press or
a re-delivery gives one question and the same confirmation. Logs carry numbers and schools only.
"""

from __future__ import annotations

import logging

from bot.conversation.models import TurnResult, Where
from bot.conversation.services import Services
from bot.conversation.small_talk import is_real_question
from bot.protocol.engine import QuestionError
from bot.questions.model import ForwardedQuestion, QuestionDraft, idempotency_key
from bot.reporting.submission import reporter_conversation
from bot.storage import Profile
from bot.storage.errors import IdempotencyConflictError
from bot.texts import Lang, t
from cards.actions import AskContact
from cards.answer import answer_card
from cards.role import role_name

log = logging.getLogger(__name__)


async def forward(
    services: Services, profile: Profile, action: AskContact, lang: Lang, where: Where
) -> TurnResult:
    if where.kind != "personal":
        # Without a 1:1 chat the answer would land where others read along: ask from the private chat.
        log.info("ask-the-school pressed outside a personal chat: not forwarded")
        return TurnResult.say(t("ask_school.private_only", lang))
    key = idempotency_key(action.question_token)
    issued = await services.issued.get(action.question_token, profile.user_key)
    try:
        if issued is None:
            # Not (or no longer) in memory: pressed before, or the bot restarted since it answered.
            stored = await services.store.questions.by_key(key)
            if stored is not None and stored.asker_key == profile.user_key:
                log.info("repeated ask-the-school press answered with %s", stored.number)
                return _confirmation(services, stored, action, lang)
            await services.store.reports.record_refusal(
                None, profile.user_key, "ask_contact", {"reason": "unknown question token"}
            )
            log.info("ask-the-school with an unknown, foreign or expired question token: not forwarded")
            return TurnResult.say(t("ask_school.expired", lang))
        if not is_real_question(issued.question):
            await services.store.reports.record_refusal(
                None, profile.user_key, "ask_contact", {"reason": "not a question"}
            )
            return TurnResult.say(t("reply.unclear", lang))
        draft = QuestionDraft(
            school=issued.school,
            role=issued.role,
            question=issued.question,
            asker_key=profile.user_key,
            asker_conversation=reporter_conversation(where),
        )
        question, created = await services.store.questions.forward(draft, key)
    except IdempotencyConflictError:
        log.warning("ask-the-school refused: question token belongs to another asker")
        return TurnResult.say(t("ask_school.expired", lang))
    except Exception as error:  # nothing was written (one transaction): say so, the button still works
        log.error("forwarded question not stored: %s", type(error).__name__)
        return TurnResult.say(t("ask_school.not_sent", lang))
    if created:
        log.info("question forwarded: %s (school %s)", question.number, question.school)
    else:
        log.info("repeated ask-the-school press answered with %s", question.number)
    return _confirmation(services, question, action, lang)


def _confirmation(
    services: Services, question: ForwardedQuestion, action: AskContact, lang: Lang
) -> TurnResult:
    """The confirmation, and the answer card again with its button replaced by the V-number (pressed
    with Action.Execute the card is replaced in place, so nobody wonders whether the press worked)."""
    role = role_name(question.role, lang).lower()
    confirmation = TurnResult.say(t("ask_school.sent", lang, number=question.number, role=role))
    try:
        answer = services.rules.answer(question.school, question.role, question.question, lang)
    except QuestionError:
        return confirmation
    if answer.verdict != "unknown":  # the rules changed since: keep the card as it is
        return confirmation
    card = answer_card(
        answer,
        lang,
        question=question.question,
        question_token=action.question_token,
        school_name=services.rules.school(question.school).school.name,
        forwarded_as=question.number,
    )
    return confirmation.model_copy(update={"updated_card": card})
