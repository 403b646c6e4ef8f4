"""A question typed by a user: answered from the school's protocol as an answer card."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from bot.conversation.models import CardReply, ConversationKind, TurnResult
from bot.conversation.services import Services
from bot.conversation.small_talk import is_real_question
from bot.insights.model import UnansweredQuestion, month_of
from bot.protocol.engine import QuestionError
from bot.protocol.english import is_english
from bot.storage import Profile
from bot.texts import Lang, t
from cards.answer import answer_card

log = logging.getLogger(__name__)


async def answer_question(
    services: Services, profile: Profile, question: str, lang: Lang, where: ConversationKind
) -> TurnResult:
    """Answer `question` for the profile's school and role (both known)."""
    if profile.school is None or profile.role is None:
        raise ValueError("answer_question needs a profile with school and role")
    if is_english(question):
        lang = "en"  # English in, English out: an expat parent asks in English whatever Teams' locale
    try:
        answer = services.rules.answer(profile.school, profile.role, question, lang)
    except QuestionError as error:
        log.info("question not answerable: %s", type(error).__name__)
        return TurnResult.say(t("reply.empty", lang))
    log.info(
        "answered: school=%s verdict=%s sources=%s", profile.school, answer.verdict, ",".join(answer.sources)
    )
    unclear = answer.verdict == "unknown" and answer.intent != "report" and answer.safety is None
    if unclear and not is_real_question(question):
        # Not a question the school could answer either ("asdfgh"): no card, no offer to forward it.
        return TurnResult.say(t("reply.unclear", lang))
    if answer.intent == "report" and where != "personal":
        # Never take report details in a channel or group chat, nor repeat what was written there; where
        # someone may be in danger, the emergency number all the same.
        invite = t("reply.report_private", lang)
        if answer.safety is not None and answer.safety.tier != "incident":
            invite = f"{t('care.emergency', lang, emergency=answer.safety.emergency)} {invite}"
        return TurnResult.say(invite)
    token = await services.issued.issue(
        profile.user_key, profile.school, profile.role, question, answer.sources, answer.verdict
    )
    if unclear:
        # A real question the protocol does not cover: kept for the school's protocol review, without
        # the asker (`bot.insights`); linked to the issued answer only as long as that lives.
        kept = UnansweredQuestion(
            school=profile.school, role=profile.role, question=question, month=month_of(datetime.now(UTC))
        )
        await services.store.insights.record_unanswered(kept, token)
        log.info("unanswered question kept for the protocol review: school=%s", profile.school)
    school_name = services.rules.school(profile.school).school.name
    card = answer_card(answer, lang, question=question, question_token=token, school_name=school_name)
    return TurnResult(replies=(CardReply(card=card, summary=str(card.get("fallbackText") or "") or None),))
