"""The report card (personal chat only) and `mijn meldingen` (the confirmation: `cards.confirmation`).

The form carries a token the bot issued (`FORM_TOKEN`): it is the submission's idempotency key. Shown
again after a mistake or a failed write, it keeps everything typed and says what to fix at each field.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Final
from zoneinfo import ZoneInfo

from bot.reports.model import DESCRIPTION_MAX, SHORT_TEXT_MAX, Category, Report, Status
from bot.texts import Lang, t
from cards.elements import Json, card, container, execute, heading, submit_button, text_block
from cards.ids import (
    FORM_TOKEN,
    INPUT_CATEGORY,
    INPUT_DESCRIPTION,
    INPUT_HAPPENED,
    INPUT_IN_DANGER,
    INPUT_INVOLVED,
    INPUT_PLATFORM,
    INPUT_SHOW_NAME,
    Verb,
)

AMSTERDAM: Final = ZoneInfo("Europe/Amsterdam")
# Apps by their own names; the last three are places in words (texts `form.platform.<value>`).
PLATFORM_APPS: Final = (
    "WhatsApp",
    "Snapchat",
    "Instagram",
    "TikTok",
    "Teams",
    "Discord",
    "YouTube",
    "Telegram",
)
PLATFORM_PLACES: Final = ("game", "school", "anders")
YES, NO = "ja", "nee"
ON, OFF = "true", "false"
MAX_LISTED: Final = 20
_AT_TAG: Final = re.compile(r"</?\s*at\b[^>]*>", re.IGNORECASE)
_INVISIBLE: Final = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff\u2028\u2029]"
)


def category_name(category: Category, lang: Lang = "nl") -> str:
    return t(f"category.{category.value}", lang)


def platform_name(value: str, lang: Lang = "nl") -> str:
    """A platform choice in words: the app's own name, or the place in `lang`."""
    return t(f"form.platform.{value}", lang) if value in PLATFORM_PLACES else value


def report_form_card(
    lang: Lang,
    *,
    form_token: str,
    values: Mapping[str, str] | None = None,
    errors: Mapping[str, str] | None = None,
    show_name_default: bool = False,
    notice: str | None = None,
    lead: Sequence[str] = (),
    in_dialog: bool = False,
) -> Json:
    """The report form. `values` are the inputs as typed (kept when the card comes back), `errors` a Dutch
    message per input id, `notice` a line above the form ("Niet verzonden — ..."), `lead` lines (already
    safe) under the intro. `in_dialog`: shown in a dialog ("Meld dit bericht"), which sends an Action.Submit
    (Universal Actions are for cards in a conversation)."""
    values = values or {}
    errors = errors or {}
    body: list[Json] = [heading(t("form.title", lang))]
    if notice:
        body.append(container([text_block(f"⚠️ {notice}", weight="Bolder")], style="attention"))
    elif errors:
        body.append(container([text_block(f"⚠️ {t('form.check', lang)}")], style="warning"))
    body.append(text_block(t("form.intro", lang)))
    body.extend(text_block(line, isSubtle=True, size="Small", spacing="Small") for line in lead)
    body += _field(
        {
            "type": "Input.ChoiceSet",
            "id": INPUT_CATEGORY,
            "style": "compact",
            "label": t("form.category.label", lang),
            "placeholder": t("form.category.placeholder", lang),
            "isRequired": True,
            "errorMessage": t("form.category.required", lang),
            "choices": [{"title": category_name(c, lang), "value": c.value} for c in Category],
        },
        values,
        errors,
    )
    body += _field(
        {
            "type": "Input.Text",
            "id": INPUT_DESCRIPTION,
            "isMultiline": True,
            "maxLength": DESCRIPTION_MAX,
            "label": t("form.description.label", lang),
            "placeholder": t("form.description.placeholder", lang),
            "isRequired": True,
            "errorMessage": t("form.description.required", lang),
        },
        values,
        errors,
    )
    body += _field(
        {
            "type": "Input.ChoiceSet",
            "id": INPUT_PLATFORM,
            "style": "compact",
            "label": t("form.platform.label", lang),
            "placeholder": t("form.platform.placeholder", lang),
            "choices": [
                {"title": platform_name(p, lang), "value": p} for p in (*PLATFORM_APPS, *PLATFORM_PLACES)
            ],
        },
        values,
        errors,
    )
    for input_id, key in ((INPUT_HAPPENED, "happened"), (INPUT_INVOLVED, "involved")):
        body += _field(
            {
                "type": "Input.Text",
                "id": input_id,
                "maxLength": SHORT_TEXT_MAX,
                "label": t(f"form.{key}.label", lang),
                "placeholder": t(f"form.{key}.placeholder", lang),
            },
            values,
            errors,
        )
    body += _field(
        {
            "type": "Input.ChoiceSet",
            "id": INPUT_IN_DANGER,
            "style": "expanded",
            "label": t("form.danger.label", lang),
            "value": NO,
            "choices": [
                {"title": t("form.danger.no", lang), "value": NO},
                {"title": t("form.danger.yes", lang), "value": YES},
            ],
        },
        values,
        errors,
    )
    body.append(text_block(t("form.danger.call", lang), weight="Bolder", color="Attention", size="Small"))
    body += _field(
        {
            "type": "Input.Toggle",
            "id": INPUT_SHOW_NAME,
            "title": t("form.show_name.label", lang),
            "valueOn": ON,
            "valueOff": OFF,
            "value": ON if show_name_default else OFF,
            "spacing": "Medium",
        },
        values,
        errors,
    )
    body.append(text_block(t("form.show_name.why", lang), isSubtle=True, size="Small"))
    data = {FORM_TOKEN: form_token}
    if in_dialog:
        submit = submit_button(t("form.submit", lang), Verb.SUBMIT_REPORT, data, style="positive")
    else:
        submit = execute(t("form.submit", lang), Verb.SUBMIT_REPORT, data, style="positive")
    return card(body, lang, [submit], summary=t("form.summary", lang))


def _field(element: Json, values: Mapping[str, str], errors: Mapping[str, str]) -> list[Json]:
    """The input with the value typed before, and the message for it right below (Attention colour)."""
    input_id = element["id"]
    if input_id in values:
        element = {**element, "value": as_typed(values[input_id])}
    parts = [element]
    if input_id in errors:
        parts.append(text_block(f"⚠️ {errors[input_id]}", color="Attention", size="Small", spacing="None"))
    return parts


def as_typed(value: str) -> str:
    """A typed value to put back in its input: as typed, less `<at>` tags and control and bidi characters
    (an input shows no Markdown, but a bidi override would still turn the text around)."""
    return _INVISIBLE.sub("", _AT_TAG.sub("", value.replace("\r\n", "\n")))


def my_reports_card(reports: Sequence[Report], lang: Lang) -> Json:
    """The reporter's own cases, newest first: case number, category, date and status — nothing else."""
    body: list[Json] = [heading(t("mine.title", lang))]
    if not reports:
        body.append(text_block(t("mine.none", lang)))
        report_button = execute(t("welcome.report_button", lang), Verb.START_REPORT)
        return card(body, lang, [report_button], summary=t("mine.summary", lang))
    for report in reports[:MAX_LISTED]:
        line = t(
            "mine.line",
            lang,
            case=report.case_number,
            category=category_name(report.category, lang),
            date=report.created_at.astimezone(AMSTERDAM).strftime("%d-%m-%Y"),
            status=status_name(report.status, lang),
        )
        body.append(text_block(line, spacing="Small"))
    if len(reports) > MAX_LISTED:
        body.append(text_block(t("mine.more", lang, count=len(reports) - MAX_LISTED), isSubtle=True))
    return card(body, lang, summary=t("mine.summary", lang))


def status_name(status: Status, lang: Lang = "nl") -> str:
    return t(f"status.{status.value}", lang)
