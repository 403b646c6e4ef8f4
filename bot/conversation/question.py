"""A question typed by a user: answered from the school's protocol as an answer card."""

from __future__ import annotations

import logging
import time

from bot.conversation.issued import IssuedAnswer
from bot.conversation.models import CardReply, ConversationKind, TurnResult
from bot.conversation.services import Services
from bot.protocol.engine import QuestionError
from bot.protocol.english import is_english
from bot.storage import Profile
from bot.texts import Lang, t
from cards.answer import answer_card

log = logging.getLogger(__name__)


def answer_question(
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
    if answer.intent == "report" and where != "personal":
        # Never take report details in a channel or group chat, nor repeat what was written there; where
        # someone may be in danger, the emergency number all the same.
        invite = t("reply.report_private", lang)
        if answer.safety is not None and answer.safety.tier != "incident":
            invite = f"{t('care.emergency', lang, emergency=answer.safety.emergency)} {invite}"
        return TurnResult.say(invite)
    token = services.issued.issue(
        IssuedAnswer(
            user_key=profile.user_key,
            school=profile.school,
            role=profile.role,
            question=question,
            sources=answer.sources,
            verdict=answer.verdict,
            issued_at=time.monotonic(),
        )
    )
    school_name = services.rules.school(profile.school).school.name
    card = answer_card(answer, lang, question=question, question_token=token, school_name=school_name)
    return TurnResult(replies=(CardReply(card=card, summary=str(card.get("fallbackText") or "") or None),))
