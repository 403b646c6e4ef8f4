"""The honest answer for a turn that ran out of its time budget (a stalled database, a slow download).

Teams re-delivers an activity after 15 s, and a pupil should not wait that long: past the budget the turn
is cancelled (a store transaction rolls back) and the person is told it did not go through, with what they
typed kept. A report form comes back filled in with the same form token, so trying again can never make a
second case — and if the cancelled write did commit at the last moment, trying again shows its confirmation.
"""

from __future__ import annotations

from bot.conversation.models import CardActionIn, CardSubmitIn, Incoming, MessageIn, TurnResult
from bot.reporting.reply import form_result
from bot.reporting.validation import check_submission
from bot.texts import Lang, t
from cards.actions import InvalidActionError, SubmitReport, parse_action
from cards.ids import INPUT_SHOW_NAME
from cards.report import ON


def too_slow(incoming: Incoming, lang: Lang) -> TurnResult:
    """What to answer instead of the turn's own result."""
    if isinstance(incoming, MessageIn):
        key = "shot.too_slow" if incoming.attachments else "reply.too_slow"
        return TurnResult.say(t(key, lang))
    if isinstance(incoming, CardActionIn | CardSubmitIn):
        action = _action(incoming)
        if isinstance(action, SubmitReport):
            values = check_submission(action, lang).values
            show_name = values.get(INPUT_SHOW_NAME) == ON
            return form_result(
                lang, action.form_token, values, {}, show_name, notice=t("form.not_sent", lang)
            )
        # An Execute press answered with a message leaves its card as it was, inputs and all.
        return TurnResult.say(t("reply.too_slow", lang))
    return TurnResult()


def _action(incoming: CardActionIn | CardSubmitIn) -> object:
    if isinstance(incoming, CardActionIn):
        value = {"action": {"type": "Action.Execute", "verb": incoming.verb, "data": incoming.data}}
    else:
        value = incoming.data
    try:
        return parse_action(value)
    except InvalidActionError:
        return None
