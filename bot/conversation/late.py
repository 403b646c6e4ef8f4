"""The honest answer for a turn that ran out of its time budget (a stalled database, a slow download).

Teams re-delivers an activity after 15 s, and a pupil should not wait that long: past the budget the turn
is cancelled (a store transaction rolls back) and the person is told it did not go through, with what they
typed kept. A report form comes back filled in with the same form token, so trying again can never make a
second case — and if the cancelled write did commit at the last moment, trying again shows its confirmation.
"""

from __future__ import annotations

from bot.conversation.models import (
    CardActionIn,
    CardSubmitIn,
    DialogCard,
    DialogMessage,
    DialogSubmitIn,
    Incoming,
    MessageActionIn,
    MessageIn,
    TurnResult,
)
from bot.reporting.reply import form_result
from bot.reporting.validation import check_submission
from bot.texts import Lang, t
from cards.actions import InvalidActionError, SubmitReport, parse_action
from cards.ids import INPUT_SHOW_NAME
from cards.report import ON, report_form_card


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
    if isinstance(incoming, DialogSubmitIn):
        return _dialog_again(incoming, lang)
    if isinstance(incoming, MessageActionIn):
        return TurnResult(dialog=DialogMessage(text=t("reply.too_slow", lang)))
    return TurnResult()


def _dialog_again(incoming: DialogSubmitIn, lang: Lang) -> TurnResult:
    """The dialog's form stays open with what was typed and the same token, so sending again is safe."""
    action = _parsed(incoming.data)
    if not isinstance(action, SubmitReport):
        return TurnResult(dialog=DialogMessage(text=t("reply.too_slow", lang)))
    values = check_submission(action, lang).values
    card = report_form_card(
        lang,
        form_token=action.form_token,
        values=values,
        show_name_default=values.get(INPUT_SHOW_NAME) == ON,
        notice=t("form.not_sent", lang),
        in_dialog=True,
    )
    return TurnResult(dialog=DialogCard(title=t("dialog.title", lang), card=card))


def _action(incoming: CardActionIn | CardSubmitIn) -> object:
    if isinstance(incoming, CardActionIn):
        return _parsed({"action": {"type": "Action.Execute", "verb": incoming.verb, "data": incoming.data}})
    return _parsed(incoming.data)


def _parsed(value: object) -> object:
    try:
        return parse_action(value)
    except InvalidActionError:
        return None
