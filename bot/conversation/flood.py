"""Who may be slowed down in a flood, and what they are told.

The limiters shed load in this process only (two instances each count their own share, so a person may get
up to twice the budget, and a notice from each): nothing that matters depends on them. A report never waits
on them: a report form coming back and a reporter's answer to a leader's question always run (the form
token, issued by a rate-limited request, bounds them). A request to report (`meld`, the report button) has a
budget of its own and past it is *always* answered with how to report anyway; "Meld dit bericht" (opening
its dialog) counts as one. Any other throttled turn gets one friendly notice per window, then silence
(answering every message of a flood would amplify it).
"""

from __future__ import annotations

import logging

from bot.conversation import commands
from bot.conversation.models import (
    CardActionIn,
    CardSubmitIn,
    DialogSubmitIn,
    Incoming,
    MessageActionIn,
    MessageIn,
    TurnResult,
)
from bot.conversation.rate_limit import RateLimiter, Verdict
from bot.observability import log_value
from bot.texts import Lang, t
from cards.ids import Verb

log = logging.getLogger(__name__)

NEVER_LIMITED = frozenset({Verb.SUBMIT_REPORT, Verb.CASE_ANSWER})


class FloodGuard:
    """Decides, before a turn runs, whether it runs; keeps reports out of every limit."""

    def __init__(self, messages: RateLimiter, report_requests: RateLimiter) -> None:
        self._messages = messages
        self._report_requests = report_requests

    def check(self, incoming: Incoming, lang: Lang) -> TurnResult | None:
        """None when the turn may run; otherwise what to answer instead (possibly nothing)."""
        verb = _card_verb(incoming)
        if verb in NEVER_LIMITED:
            return None
        user_key = incoming.sender.user_key
        if verb == Verb.START_REPORT or isinstance(incoming, MessageActionIn) or _asks_to_report(incoming):
            if self._report_requests.check(user_key) is Verdict.ALLOWED:
                return None
            log.warning("report request rate limited (activity %s)", log_value(incoming.activity_id))
            return TurnResult.say(t("reply.rate_limited_report", lang))
        verdict = self._messages.check(user_key)
        if verdict is Verdict.ALLOWED:
            return None
        log.warning("rate limited (activity %s)", log_value(incoming.activity_id))
        if verdict is Verdict.REJECTED_FIRST:
            return TurnResult.say(t("reply.rate_limited", lang))
        return TurnResult()


def _card_verb(incoming: Incoming) -> str | None:
    if isinstance(incoming, CardActionIn):
        return incoming.verb
    if isinstance(incoming, CardSubmitIn | DialogSubmitIn):
        verb = incoming.data.get("verb")
        return verb if isinstance(verb, str) else None
    return None


def _asks_to_report(incoming: Incoming) -> bool:
    return (
        isinstance(incoming, MessageIn)
        and not incoming.attachments
        and commands.command_in(incoming.text) is commands.start_report
    )
