"""How a reporting step answers a press on its card: a card that replaces the pressed one (Action.Execute),
sent as a new message when the press came as an Action.Submit (`TurnResult.resend_card_on_submit`)."""

from __future__ import annotations

from typing import Any

from bot.conversation.models import TurnResult
from bot.texts import Lang
from cards.report import report_form_card


def form_result(
    lang: Lang,
    token: str,
    values: dict[str, str],
    errors: dict[str, str],
    show_name_default: bool,
    *,
    notice: str | None = None,
) -> TurnResult:
    """The same form again: what was typed kept, a message at each field at fault, or a notice on top."""
    card = report_form_card(
        lang,
        form_token=token,
        values=values,
        errors=errors,
        show_name_default=show_name_default,
        notice=notice,
    )
    return replacing(card)


def replacing(card: dict[str, Any]) -> TurnResult:
    return TurnResult(updated_card=card, resend_card_on_submit=True)
