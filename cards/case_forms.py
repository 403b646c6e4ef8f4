"""The escalation card's buttons and its hidden forms (ask the reporter, add a note, close the case).

At Teams' narrow width more than three buttons in a row are cut off ("N…"): at most three are shown, the
rest go to the card's overflow menu (`"mode": "secondary"`). A form that came back incomplete is shown
open again with what the leader typed and the message at the form, so only the presser sees it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Final

from bot.texts import t
from cards.elements import Json, container, execute, text_block, toggle
from cards.ids import (
    INPUT_CASE_MEASURE,
    INPUT_CASE_NOTE,
    INPUT_CASE_OUTCOME,
    INPUT_CASE_QUESTION,
    INPUT_CASE_SHARE,
    Verb,
)
from cards.literal import plain
from cards.report import as_typed

if TYPE_CHECKING:
    from cards.escalation import CaseView

FORM_ASK: Final = "case-form-ask"
FORM_NOTE: Final = "case-form-note"
FORM_CLOSE: Final = "case-form-close"
MAX_PRIMARY: Final = 3
ON, OFF = "true", "false"


@dataclass(frozen=True)
class OpenForm:
    """A form to show open: the values as typed and the message saying what is missing."""

    form_id: str
    values: Mapping[str, str] = field(default_factory=dict)
    error: str | None = None


def case_data(view: CaseView) -> dict[str, str]:
    return {"report_id": str(view.report_id), "card_token": view.card_token}


def is_open(view: CaseView) -> bool:
    return view.status in ("nieuw", "opgepakt")


def _text_input(input_id: str, label: str, values: Mapping[str, str], max_length: int = 2000) -> Json:
    # Not isRequired: the forms share one card, and a required empty field would block every button.
    element: Json = {
        "type": "Input.Text",
        "id": input_id,
        "label": label,
        "isMultiline": True,
        "maxLength": max_length,
    }
    if values.get(input_id):
        element["value"] = as_typed(values[input_id])
    return element


def _form(
    form_id: str, items: list[Json], submit_title: str, verb: Verb, view: CaseView, shown: OpenForm | None
) -> Json:
    """A hidden part of the card with inputs and the button that sends them; a toggle shows it."""
    send = execute(submit_title, verb, case_data(view), style="positive")
    visible = shown is not None and shown.form_id == form_id
    if visible and shown is not None and shown.error:
        items = [text_block(f"⚠️ {shown.error}", color="Attention", weight="Bolder"), *items]
    return container(
        [*items, {"type": "ActionSet", "actions": [send]}], id=form_id, isVisible=visible, separator=True
    )


def case_forms(view: CaseView, shown: OpenForm | None = None) -> list[Json]:
    values: Mapping[str, str] = shown.values if shown else {}
    forms: list[Json] = []
    if is_open(view):
        ask = [
            _text_input(INPUT_CASE_QUESTION, t("case.ask.label"), values),
            text_block(t("case.ask.hint"), isSubtle=True, size="Small"),
        ]
        forms.append(_form(FORM_ASK, ask, t("case.button.send"), Verb.CASE_ASK, view, shown))
    note = [_text_input(INPUT_CASE_NOTE, t("case.note.label"), values)]
    forms.append(_form(FORM_NOTE, note, t("case.button.save"), Verb.CASE_NOTE, view, shown))
    if is_open(view):
        measure: Json = {
            "type": "Input.ChoiceSet",
            "id": INPUT_CASE_MEASURE,
            "label": t("case.close.measure_label"),
            "placeholder": t("case.close.measure_placeholder"),
            "choices": [{"title": plain(label, 120), "value": code} for code, label in view.measures],
        }
        if values.get(INPUT_CASE_MEASURE) in {code for code, _ in view.measures}:
            measure["value"] = values[INPUT_CASE_MEASURE]
        share: Json = {
            "type": "Input.Toggle",
            "id": INPUT_CASE_SHARE,
            "title": t("case.close.share_label"),
            "valueOn": ON,
            "valueOff": OFF,
            "value": ON if values.get(INPUT_CASE_SHARE) == ON else OFF,
        }
        close = [
            measure,
            _text_input(INPUT_CASE_OUTCOME, t("case.close.outcome_label"), values),
            share,
            text_block(t("case.close.share_hint"), isSubtle=True, size="Small"),
        ]
        forms.append(_form(FORM_CLOSE, close, t("case.button.close_confirm"), Verb.CASE_CLOSE, view, shown))
    return forms


def case_actions(view: CaseView, *, showing_details: bool) -> list[Json]:
    """The card's buttons, most used first; from the fourth on they sit in the overflow menu."""
    data = case_data(view)
    plain_press = {"associatedInputs": "none"}
    actions: list[Json] = [
        execute(t("case.button.hide"), Verb.CASE_HIDE, data, **plain_press)
        if showing_details
        else execute(t("case.button.details"), Verb.CASE_DETAILS, data, **plain_press)
    ]
    if view.status == "nieuw":
        actions.append(execute(t("case.button.take"), Verb.CASE_TAKE, data, **plain_press))
    if view.status == "opgepakt":
        actions.append(toggle(t("case.button.ask"), [FORM_ASK]))
    if is_open(view):
        actions.append(toggle(t("case.button.close"), [FORM_CLOSE]))
    if view.status == "nieuw":
        actions.append(toggle(t("case.button.ask"), [FORM_ASK]))
    if view.status == "afgesloten":
        actions.append(execute(t("case.button.reopen"), Verb.CASE_REOPEN, data, **plain_press))
    actions.append(toggle(t("case.button.note"), [FORM_NOTE]))
    return [
        action if index < MAX_PRIMARY else {**action, "mode": "secondary"}
        for index, action in enumerate(actions)
    ]
