"""The report card's inputs checked field by field: a Dutch message at each field at fault, and the values
as typed, so the same card can come back with nothing lost."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final

from bot.reports.model import DESCRIPTION_MAX, SHORT_TEXT_MAX, Category
from bot.texts import Lang, t
from cards.actions import SubmitReport
from cards.ids import (
    INPUT_CATEGORY,
    INPUT_DESCRIPTION,
    INPUT_HAPPENED,
    INPUT_IN_DANGER,
    INPUT_INVOLVED,
    INPUT_PLATFORM,
    INPUT_SHOW_NAME,
    REPORT_INPUTS,
)
from cards.report import NO, ON, PLATFORM_APPS, PLATFORM_PLACES, YES, platform_name

# What a re-shown card keeps of one input: twice the longest allowed text, so a card stays far below the
# size Teams accepts even when someone pasted a novel (the message at the field says how long it was).
KEEP_MAX: Final = 2 * DESCRIPTION_MAX
PLATFORMS: Final = frozenset((*PLATFORM_APPS, *PLATFORM_PLACES))


@dataclass(frozen=True)
class ReportInput:
    """The checked content of one submission (the store adds school, reporter and case number)."""

    category: Category
    description: str
    platform: str | None
    happened: str | None
    involved: str | None
    in_danger: bool
    anonymous: bool


@dataclass(frozen=True)
class FormCheck:
    values: dict[str, str]  # input id -> as typed (for showing the card again)
    errors: dict[str, str] = field(default_factory=dict)  # input id -> message
    report: ReportInput | None = None  # set when there are no errors


def check_submission(action: SubmitReport, lang: Lang) -> FormCheck:
    raw = {name: getattr(action, name) for name in REPORT_INPUTS}
    values = {name: value[:KEEP_MAX] for name, value in raw.items() if isinstance(value, str)}
    errors: dict[str, str] = {}

    category_text = (raw[INPUT_CATEGORY] or "").strip()
    category = Category(category_text) if category_text in Category.__members__.values() else None
    if category is None:
        key = "form.category.invalid" if category_text else "form.category.required"
        errors[INPUT_CATEGORY] = t(key, lang)

    description = (raw[INPUT_DESCRIPTION] or "").strip()
    if not description:
        errors[INPUT_DESCRIPTION] = t("form.description.required", lang)
    elif len(description) > DESCRIPTION_MAX:
        errors[INPUT_DESCRIPTION] = t(
            "form.description.too_long", lang, max=DESCRIPTION_MAX, count=len(description)
        )

    platform = (raw[INPUT_PLATFORM] or "").strip() or None
    if platform is not None and platform not in PLATFORMS:
        errors[INPUT_PLATFORM] = t("form.platform.invalid", lang)

    short: dict[str, str | None] = {}
    for name in (INPUT_HAPPENED, INPUT_INVOLVED):
        text = (raw[name] or "").strip() or None
        if text is not None and len(text) > SHORT_TEXT_MAX:
            errors[name] = t("form.short.too_long", lang, max=SHORT_TEXT_MAX)
        short[name] = text

    danger = (raw[INPUT_IN_DANGER] or NO).strip().lower()
    if danger not in (YES, NO):
        errors[INPUT_IN_DANGER] = t("form.danger.invalid", lang)

    if errors or category is None:
        return FormCheck(values=values, errors=errors)
    return FormCheck(
        values=values,
        report=ReportInput(
            category=category,
            description=description,
            platform=platform_name(platform, "nl") if platform else None,
            happened=short[INPUT_HAPPENED],
            involved=short[INPUT_INVOLVED],
            in_danger=danger == YES,
            anonymous=(raw[INPUT_SHOW_NAME] or "").strip().lower() != ON,  # anything but "on" stays anonymous
        ),
    )
