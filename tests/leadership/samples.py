"""Leadership cards built from stored-looking data, for the card checks in tests/cards (every verb used,
hostile text shown literally) and for the leadership tests."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from bot.reports.model import ReportedMessage
from cards.case_forms import FORM_CLOSE, OpenForm
from cards.escalation import CaseDetails, CaseView, Leader, LogLine, Screenshot, escalation_card
from cards.leader import answered_card, question_card

REPORT_ID = UUID("00000000-0000-4000-8000-000000000042")
CARD_TOKEN = "c4rdT0ken-abcdefgh"
MEASURES = (("geen", "Geen maatregel nodig"), ("schorsing", "Schorsing (S.5)"))
AT = datetime(2026, 11, 21, 13, 5, tzinfo=UTC)
# A 1×1 PNG, as the details view carries a screenshot (a data URI).
SCREENSHOT = (
    "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9"
    "awAAAABJRU5ErkJggg=="
)


def view(status: str = "nieuw", **changes: Any) -> CaseView:
    values: dict[str, Any] = {
        "report_id": REPORT_ID,
        "case_number": "M-2026-0042",
        "category": "bedreiging",
        "urgent": True,
        "created_at": AT,
        "status": status,
        "handler": None if status == "nieuw" else "Mw. De Vries",
        "card_token": CARD_TOKEN,
        "mention": (Leader("aad-leader-1", "Mw. De Vries"),),
        "measures": MEASURES,
    }
    values.update(changes)
    return CaseView(**values)


def details(text: str) -> CaseDetails:
    return CaseDetails(
        description=text,
        platform=text,
        happened=text,
        involved=text,
        in_danger=True,
        anonymous=False,
        reporter_name=text,
        screenshot=Screenshot(1, 2, SCREENSHOT),
        message=ReportedMessage(text=text, cut=True, author=text[:200], sent_at=AT, images=3),
        log=(
            LogLine("vraag", text, text, AT),
            LogLine("antwoord", "", text, AT),
            LogLine("afsluiting", text, text, AT, measure="Schorsing (S.5)"),
        ),
    )


def leadership_cards(hostile: str) -> dict[str, dict[str, Any]]:
    return {
        "escalation-new": escalation_card(view()),
        "escalation-taken": escalation_card(view("opgepakt", urgent=False)),
        "escalation-closed": escalation_card(view("afgesloten")),
        "escalation-details-hostile": escalation_card(view(handler=hostile), details(hostile * 20)),
        "escalation-close-incomplete-hostile": escalation_card(
            view("opgepakt"),
            form=OpenForm(FORM_CLOSE, {"outcome": hostile, "share": "true"}, "Kies een maatregel."),
        ),
        "reporter-question-hostile": question_card(
            REPORT_ID, "M-2026-0042", hostile, "q-t0ken-abcdef", anonymous=True
        ),
        "reporter-answered": answered_card("M-2026-0042"),
    }
