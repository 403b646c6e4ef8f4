"""Buttons pressed on our cards (Action.Execute or Action.Submit), parsed into `cards.actions` models.

Card data is forgeable: a school must be one of the tenant's, feedback must carry a question token this
bot issued to this user. 'Ask the school' (`AskContact`) is routed to `bot.questions.forwarding`.
"""

from __future__ import annotations

import logging

from bot.conversation import commands
from bot.conversation.models import CardReply, ConversationKind, TurnResult
from bot.conversation.profiles import missing_setup, save_profile
from bot.conversation.question import answer_question
from bot.conversation.services import Services
from bot.protocol.answer import Answer
from bot.protocol.model import Role
from bot.storage import Profile
from bot.storage.models import IssuedAnswer
from bot.texts import Lang, t
from cards.actions import (
    AskTopic,
    CardAction,
    ChangeRole,
    ChangeSchool,
    ChooseMeaning,
    ChooseRole,
    ChooseSchool,
    Feedback,
    MyReports,
    ShowHelp,
    ShowPrivacy,
    ShowProtocol,
    StartQuestion,
    StartReport,
)
from cards.answer import answer_card
from cards.role import role_card, role_name, school_chosen_card

log = logging.getLogger(__name__)


async def handle_action(
    services: Services,
    profile: Profile,
    action: CardAction,
    lang: Lang,
    where: ConversationKind,
    *,
    by_submit: bool = False,
) -> TurnResult:
    match action:
        case ShowHelp():
            return await commands.show_help(services, profile, lang, where)
        case ShowProtocol():
            return await commands.show_protocol(services, profile, lang, where)
        case ShowPrivacy():
            return await commands.show_privacy(services, profile, lang, where)
        case ChangeRole():
            return await commands.change_role(services, profile, lang, where)
        case StartReport(category=category, urgent=urgent):
            return await commands.start_report(services, profile, lang, where, category, urgent)
        case MyReports():
            return await commands.show_my_reports(services, profile, lang, where)
        case StartQuestion():
            return missing_setup(services, profile, lang) or TurnResult.say(t("reply.ask_prompt", lang))
        case ChooseRole(role=role):
            return await _choose_role(services, profile, role, lang, where)
        case ChooseSchool(school=school):
            return await _choose_school(services, profile, school, lang)
        case ChangeSchool():
            return await commands.change_school(services, profile, lang, where)
        case AskTopic(topic=topic):
            return missing_setup(services, profile, lang) or await answer_question(
                services, profile, topic, lang, where
            )
        case ChooseMeaning():
            return await _choose_meaning(services, profile, action, lang)
        case Feedback():
            return await _feedback(services, profile, action, lang, by_submit)
    raise AssertionError(f"unhandled action {type(action).__name__}")


async def _choose_role(
    services: Services, profile: Profile, role: Role, lang: Lang, where: ConversationKind
) -> TurnResult:
    if profile.role_source == "graph":
        # The school's own records say who this is: a pupil cannot make themselves staff.
        log.warning("role change refused: role comes from the school's records")
        return TurnResult.say(t("reply.role_from_school", lang))
    profile = await save_profile(services, profile, role=role, role_source="asked")
    log.info("role chosen: %s", role)
    confirmation = TurnResult(replies=(), updated_card=role_card(lang, current=role))
    replies = [*TurnResult.say(t("reply.role_saved", lang, role=role_name(role, lang).lower())).replies]
    pending = await services.issued.take_question(profile.user_key)
    if pending is not None and missing_setup(services, profile, lang) is None:
        replies.extend((await answer_question(services, profile, pending, lang, where)).replies)
    return confirmation.model_copy(update={"replies": tuple(replies)})


async def _choose_school(services: Services, profile: Profile, school: str, lang: Lang) -> TurnResult:
    if school not in services.tenant_schools(profile.tenant_id):
        log.warning("school choice refused: not one of the tenant's schools")
        return TurnResult.say(t("reply.invalid_action", lang))
    profile = await save_profile(services, profile, school=school)
    name = services.rules.school(school).school.name
    result = TurnResult.say(t("reply.school_saved", lang, school=name))
    follow_up = missing_setup(services, profile, lang)
    # The picker gives way to the choice made, so no empty dropdown stays on screen.
    return TurnResult(
        replies=result.replies + (follow_up.replies if follow_up else ()),
        updated_card=school_chosen_card(name, lang),
    )


async def _choose_meaning(
    services: Services, profile: Profile, action: ChooseMeaning, lang: Lang
) -> TurnResult:
    """An ask-back's option: the answer of that situation, for the question this user asked.

    The question, its school and role come from the store (the token must be this user's); the card only
    names which of that school's situations was meant."""
    issued = await services.issued.get(action.question_token, profile.user_key)
    if issued is None:
        log.info("ask-back option for an unknown or expired question token")
        return TurnResult.say(t("reply.meaning_expired", lang))
    answer = services.rules.answer_situation(issued.school, issued.role, action.situation, lang)
    if answer is None:
        log.warning("ask-back option refused: not a situation of the question's school and role")
        return TurnResult.say(t("reply.invalid_action", lang))
    log.info("ask-back answered: school=%s verdict=%s", issued.school, answer.verdict)
    token = await services.issued.issue(
        profile.user_key, issued.school, issued.role, issued.question, answer.sources, answer.verdict
    )
    school_name = services.rules.school(issued.school).school.name
    card = answer_card(answer, lang, question=issued.question, question_token=token, school_name=school_name)
    return TurnResult(replies=(CardReply(card=card, summary=str(card.get("fallbackText") or "") or None),))


def _chosen(services: Services, issued: IssuedAnswer, lang: Lang) -> Answer:
    """The answer behind an issued token, as its card showed it: for a question the bot asked back on,
    the option that was chosen (the one with the issued sources)."""
    answer = services.rules.answer(issued.school, issued.role, issued.question, lang)
    if answer.verdict != "clarify":
        return answer
    for option in answer.suggestions:
        chosen = option.situation and services.rules.answer_situation(
            issued.school, issued.role, option.situation, lang
        )
        if chosen and list(chosen.sources) == list(issued.sources):
            return chosen
    return answer


async def _feedback(
    services: Services, profile: Profile, action: Feedback, lang: Lang, by_submit: bool
) -> TurnResult:
    """One vote per answer, kept in the store with the issued answer: pressing again changes it, on any
    instance and after a restart. The card shows thanks instead of the buttons."""
    thanks = TurnResult.say(t("reply.feedback_thanks" if action.useful else "reply.feedback_sorry", lang))
    token = action.question_token
    issued = await services.issued.get(token, profile.user_key)
    vote = None if issued is None else await services.issued.vote(issued, action.useful)
    if issued is None or vote is None:
        log.info("feedback for an unknown or expired question token: not stored")
        return thanks
    log.info("feedback %s: school=%s useful=%s", vote.value, issued.school, action.useful)
    if by_submit:  # an Action.Submit cannot replace its card
        return thanks
    answer = _chosen(services, issued, lang)
    school_name = services.rules.school(issued.school).school.name
    card = answer_card(
        answer,
        lang,
        question=issued.question,
        question_token=token,
        school_name=school_name,
        voted=action.useful,
    )
    return TurnResult(updated_card=card)
