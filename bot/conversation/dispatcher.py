"""The conversation: one entry point per turn, routing each kind of incoming thing to its module.

Errors of our own making are mapped to replies here, in one place.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Callable

from bot.conversation import card_actions, commands, late, question, welcome
from bot.conversation.flood import FloodGuard
from bot.conversation.models import (
    CardActionIn,
    CardReply,
    CardSubmitIn,
    DialogIncoming,
    DialogMessage,
    DialogSubmitIn,
    Incoming,
    InstalledIn,
    MessageActionIn,
    MessageIn,
    TextReply,
    TurnResult,
)
from bot.conversation.profiles import load_profile, missing_setup
from bot.conversation.rate_limit import RateLimiter
from bot.conversation.services import Services
from bot.conversation.small_talk import small_talk
from bot.leadership.desk import LeadershipDesk
from bot.leadership.leader_views import LeaderViews, is_leader_view
from bot.leadership.registration import is_registration, register_channel
from bot.observability import log_value
from bot.questions import answering, forwarding
from bot.reporting import from_message, screenshots, submission
from bot.storage import Profile
from bot.texts import Lang, lang_for_locale, t
from cards.actions import (
    AskContact,
    CaseAnswer,
    InvalidActionError,
    LeaderAction,
    QuestionReply,
    SubmitReport,
    parse_action,
)
from cards.view_actions import ShowInsights, ShowOverview

log = logging.getLogger(__name__)

Turn = MessageIn | CardActionIn | CardSubmitIn | DialogIncoming  # what runs within the turn budget
MAX_QUESTION_CHARS = 1000
_MARKUP = re.compile(r"\*\*|`")  # a dialog's message shows no Markdown
DEFAULT_TURN_BUDGET = 5.0  # seconds; Teams re-delivers after 15


class Conversation:
    """Implements `bot.teams.turns.ConversationHandler`."""

    def __init__(
        self,
        services: Services,
        limiter: RateLimiter,
        report_requests: RateLimiter | None = None,
        *,
        turn_budget_seconds: float = DEFAULT_TURN_BUDGET,
    ) -> None:
        """`limiter` counts ordinary turns, `report_requests` the requests to report (see `flood`); a turn
        not done within `turn_budget_seconds` is cancelled and answered as not done (see `late`)."""
        self._services = services
        self._flood = FloodGuard(limiter, report_requests or RateLimiter(20, 60))
        self._budget = turn_budget_seconds
        self._cancelled: set[asyncio.Future[TurnResult]] = set()  # kept until their cleanup is done

    async def handle(self, incoming: Incoming) -> TurnResult:
        if isinstance(incoming, InstalledIn):
            return welcome.welcome(incoming)
        if (
            isinstance(incoming, MessageIn)
            and incoming.where.kind != "personal"
            and not incoming.mentioned_bot
        ):
            return TurnResult()  # in a channel or group chat only when @mentioned
        lang = lang_for_locale(incoming.locale)
        throttled = self._flood.check(incoming, lang)
        result = throttled if throttled is not None else await self._within_budget(incoming, lang)
        if isinstance(incoming, MessageActionIn | DialogSubmitIn):
            return _in_dialog(result)
        return result

    async def _within_budget(self, incoming: Turn, lang: Lang) -> TurnResult:
        """The turn, or past the budget the honest answer at once: the turn is cancelled and its cleanup
        (a transaction's rollback, which may itself wait on the database) finishes in the background."""
        turn = asyncio.ensure_future(self._run(incoming, lang))
        try:
            done, _ = await asyncio.wait({turn}, timeout=self._budget)
        except asyncio.CancelledError:
            turn.cancel()
            raise
        if turn in done:
            return turn.result()
        turn.cancel()
        self._cancelled.add(turn)
        turn.add_done_callback(_forget(self._cancelled))
        log.warning("turn over its time budget, answered as not done (kind %s)", incoming.kind)
        return late.too_slow(incoming, lang)

    async def _run(self, incoming: Turn, lang: Lang) -> TurnResult:
        try:
            if isinstance(incoming, MessageIn):
                return await self._message(incoming, lang)
            if isinstance(incoming, MessageActionIn):
                return await from_message.open_dialog(self._services, incoming, lang)
            if isinstance(incoming, DialogSubmitIn):
                return await from_message.submit(self._services, incoming, lang)
            return await self._card(incoming, lang)
        except InvalidActionError as error:
            log.info("invalid card action: %s (verb %s)", log_value(error.reason), log_value(error.verb))
            await self._services.store.reports.record_refusal(
                None, incoming.sender.user_key, "invalid_action", {"reason": error.reason, "verb": error.verb}
            )
            return TurnResult.say(t("reply.invalid_action", lang))

    async def _message(self, incoming: MessageIn, lang: Lang) -> TurnResult:
        if incoming.attachments:  # screenshots for the reporter's open case
            return await screenshots.receive(self._services, await self._profile(incoming), incoming, lang)
        text = incoming.text.strip()[:MAX_QUESTION_CHARS]
        if not text:
            return TurnResult.say(t("reply.empty", lang))
        desk = self._services.leadership
        if desk is not None and is_registration(text):
            return await register_channel(self._services, desk.directory, incoming, lang)
        if desk is not None and is_leader_view(text):
            schools = self._services.tenant_schools(incoming.where.tenant_id)
            return await self._views(desk).typed(incoming, schools, lang)
        profile = await self._profile(incoming)
        command = commands.command_in(text)
        if command is not None:
            return await command(self._services, profile, lang, incoming.where.kind)
        talk = small_talk(text)
        if talk is not None:
            return TurnResult.say(t(f"reply.{talk}", lang))
        setup = missing_setup(self._services, profile, lang)
        if setup is not None:
            if incoming.where.kind == "personal":
                await self._services.issued.remember_question(profile.user_key, text)
            return setup
        return await question.answer_question(self._services, profile, text, lang, incoming.where.kind)

    async def _card(self, incoming: CardActionIn | CardSubmitIn, lang: Lang) -> TurnResult:
        if isinstance(incoming, CardActionIn):
            value = {"action": {"type": "Action.Execute", "verb": incoming.verb, "data": incoming.data}}
        else:
            value = incoming.data
        action = parse_action(value)
        if isinstance(action, CaseAnswer | LeaderAction):
            return await self._case(incoming, action, lang)
        if isinstance(action, QuestionReply):
            return await self._question_reply(incoming, action, lang)
        if isinstance(action, ShowOverview | ShowInsights):
            desk = self._services.leadership
            if desk is None:
                return TurnResult.say(t("reply.invalid_action", lang))
            schools = self._services.tenant_schools(incoming.where.tenant_id)
            return await self._views(desk).pressed(incoming, action, schools, lang)
        profile = await self._profile(incoming)
        if isinstance(action, SubmitReport):
            result = await submission.submit(
                self._services, profile, action, lang, incoming.where, incoming.sender.name
            )
        elif isinstance(action, AskContact):
            result = await forwarding.forward(self._services, profile, action, lang, incoming.where)
        else:
            result = await card_actions.handle_action(
                self._services,
                profile,
                action,
                lang,
                incoming.where.kind,
                by_submit=isinstance(incoming, CardSubmitIn),
            )
        if isinstance(incoming, CardSubmitIn) and result.resend_card_on_submit and result.updated_card:
            # An Action.Submit cannot replace its card: the answer card comes as a new message.
            card = result.updated_card
            summary = str(card.get("fallbackText") or "") or None
            return TurnResult(replies=(*result.replies, CardReply(card=card, summary=summary)))
        return result

    async def _case(
        self, incoming: CardActionIn | CardSubmitIn, action: CaseAnswer | LeaderAction, lang: Lang
    ) -> TurnResult:
        """The escalation card and the reporter's answer: authorised by `bot.leadership` from stored state."""
        desk = self._services.leadership
        if desk is None:
            return TurnResult.say(t("reply.invalid_action", lang))
        if isinstance(action, CaseAnswer):
            return await desk.answer(incoming, action)
        return await desk.act(incoming, action, self._services.tenant_schools(incoming.where.tenant_id))

    async def _question_reply(
        self, incoming: CardActionIn | CardSubmitIn, action: QuestionReply, lang: Lang
    ) -> TurnResult:
        """A leader's answer to a forwarded question: authorised by `bot.questions` from stored state."""
        desk = self._services.leadership
        if desk is None:
            return TurnResult.say(t("reply.invalid_action", lang))
        schools = self._services.tenant_schools(incoming.where.tenant_id)
        return await answering.answer(desk.store, desk.directory, desk.rules, incoming, action, schools)

    def _views(self, desk: LeadershipDesk) -> LeaderViews:
        """`overzicht` and `inzichten` (`bot.leadership.leader_views`), for leaders only."""
        return LeaderViews(desk.store, desk.directory, self._services.rules, desk.clock)

    async def _profile(self, incoming: MessageIn | CardActionIn | CardSubmitIn) -> Profile:
        return await load_profile(
            self._services, incoming.sender.user_key, incoming.where.tenant_id, incoming.sender.aad_object_id
        )


def _in_dialog(result: TurnResult) -> TurnResult:
    """A message action is answered in its dialog only (it may come from a group chat): what would have been
    said in the chat (a refusal, a flood notice) closes the dialog instead."""
    if result.dialog is not None:
        return result
    texts = [_MARKUP.sub("", reply.text) for reply in result.replies if isinstance(reply, TextReply)]
    return TurnResult(dialog=DialogMessage(text=" ".join(texts))) if texts else TurnResult()


def _forget(tasks: set[asyncio.Future[TurnResult]]) -> Callable[[asyncio.Future[TurnResult]], None]:
    def done(task: asyncio.Future[TurnResult]) -> None:
        tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.warning("a turn past its budget ended with %s", type(task.exception()).__name__)

    return done
