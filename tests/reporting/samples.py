"""Reporting cards built from stored-looking data, for the card checks in tests/cards (every verb used,
valid 1.5, small, hostile text shown literally) and for the reporting tests."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from bot.protocol.answer import Quote
from bot.protocol.engine import ReportRoute
from bot.reports.model import Category, Report, Status
from bot.texts import LANGS, t
from cards.confirmation import confirmation_card
from cards.ids import REPORT_INPUTS
from cards.report import my_reports_card, report_form_card

FORM_TOKEN = "f0rmT0ken-abcdefghijkl"
AT = datetime(2026, 11, 21, 13, 5, tzinfo=UTC)
ROUTE = ReportRoute(
    school="de-breul",
    role="leerling",
    quotes=(
        Quote(
            article_id="de-breul:E.9",
            section_title="E. Voor leerlingen",
            quoted="Als er ongewenste berichten via sociale media worden ontvangen, moet dit direct "
            "worden gemeld.",
            full_text="…",
        ),
    ),
    contacts=(
        "de teamleider van je afdeling",
        "de functionaris gegevensbescherming (privacyvragen@de-breul.nl)",
    ),
    external=("de Landelijke Vertrouwensinspecteur (0900-1113111, werkdagen 08:00–17:00)",),
)


def report(
    category: Category = Category.CYBERPESTEN, description: str = "Ze pesten me.", **changes: Any
) -> Report:
    values: dict[str, Any] = {
        "school": "de-breul",
        "category": category,
        "description": description,
        "reporter_key": "aad-pupil",
        "reporter_conversation": {},
        "id": UUID("00000000-0000-4000-8000-000000000042"),
        "case_number": "M-2026-0042",
        "status": Status.NIEUW,
        "version": 1,
        "created_at": AT,
        "updated_at": AT,
    }
    values.update(changes)
    return Report.model_validate(values)


def reporting_cards(hostile: str) -> dict[str, dict[str, Any]]:
    built: dict[str, dict[str, Any]] = {}
    typed = {name: hostile for name in REPORT_INPUTS}
    for lang in LANGS:
        built[f"report-form-{lang}"] = report_form_card(lang, form_token=FORM_TOKEN)
        built[f"report-form-hostile-{lang}"] = report_form_card(
            lang,
            form_token=FORM_TOKEN,
            values={**typed, "description": hostile * 40},
            errors={name: "⚠️ fout" for name in REPORT_INPUTS},
            show_name_default=True,
        )
        built[f"report-dialog-{lang}"] = report_form_card(
            lang,
            form_token=FORM_TOKEN,
            values={**typed, "description": hostile * 40, "platform": "Teams", "in_danger": "nee"},
            lead=[t("dialog.from_message", lang), t("dialog.message_images", lang)],
            in_dialog=True,
        )
        built[f"report-form-not-sent-{lang}"] = report_form_card(
            lang, form_token=FORM_TOKEN, values=typed, notice="Niet verzonden — probeer het opnieuw."
        )
        built[f"report-confirmation-{lang}"] = confirmation_card(
            report(in_danger=True), ROUTE, lang, kindertelefoon=True
        )
        built[f"report-confirmation-sexting-{lang}"] = confirmation_card(
            report(Category.SEXTING, hostile), ROUTE, lang, kindertelefoon=False
        )
        built[f"report-confirmation-normal-{lang}"] = confirmation_card(
            report(), ROUTE, lang, kindertelefoon=True
        )
        message = {"text": hostile, "author": hostile[:200], "sent_at": AT, "images": 2}
        built[f"report-confirmation-message-{lang}"] = confirmation_card(
            report(message=message), ROUTE, lang, kindertelefoon=True
        )
        built[f"report-confirmation-message-sexting-{lang}"] = confirmation_card(
            report(Category.SEXTING, message=message), ROUTE, lang, kindertelefoon=True
        )
        no_article = ReportRoute(school="x", role="ouder", quotes=(), contacts=(hostile,), external=())
        built[f"report-confirmation-no-article-{lang}"] = confirmation_card(
            report(), no_article, lang, kindertelefoon=False
        )
        built[f"my-reports-{lang}"] = my_reports_card(
            [report(), report(Category.SEXTING, status=Status.AFGESLOTEN, case_number="M-2026-0007")], lang
        )
        built[f"my-reports-empty-{lang}"] = my_reports_card([], lang)
    return built
