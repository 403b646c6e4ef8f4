"""Leadership cards built from stored-looking data, for the card checks in tests/cards (every verb used,
hostile text shown literally) and for the leadership tests."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID

from bot.insights.model import UnansweredQuestion
from bot.insights.report import insights
from bot.leadership.overview import Group, Overview, OverviewLine
from bot.reports.model import ReportedMessage
from bot.storage.models import Feedback
from cards.case_forms import FORM_CLOSE, OpenForm
from cards.escalation import CaseDetails, CaseView, Leader, LogLine, Screenshot, escalation_card
from cards.insights import insights_card
from cards.leader import answered_card, question_card
from cards.overview import overview_card

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
        **overview_cards(hostile),
        **insights_cards(hostile),
    }


def overview_lines(count: int, hostile: str = "Mw. De Vries") -> tuple[OverviewLine, ...]:
    groups = list(Group)
    return tuple(
        OverviewLine(
            case_number=f"M-2026-{number:04d}",
            category="bedreiging" if number % 2 else "nepaccount",
            urgent=number % 2 == 1,
            status="nieuw" if groups[number % 3] == Group.NIEUW else "opgepakt",
            group=groups[number % 3],
            created_at=AT - timedelta(days=number),
            handler=None if groups[number % 3] == Group.NIEUW else hostile,
            waiting_since=AT - timedelta(days=number) if number % 3 != 2 else None,
            overdue=number % 3 != 2 and number > 3,
        )
        for number in range(1, count + 1)
    )


def overview_cards(hostile: str) -> dict[str, dict[str, Any]]:
    def of(count: int, handler: str = "Mw. De Vries") -> Overview:
        return Overview(school="de-breul", response_days=2, lines=overview_lines(count, handler), at=AT)

    return {
        "overview-numbers": overview_card(of(5), "De Breul"),
        "overview-list": overview_card(of(5), "De Breul", show_list=True),
        "overview-empty": overview_card(of(0), "De Breul", show_list=True),
        "overview-list-huge-hostile": overview_card(of(200, hostile[:80]), hostile, show_list=True),
    }


def insights_cards(hostile: str) -> dict[str, dict[str, Any]]:
    def asked(month: str, text: str, count: int) -> list[UnansweredQuestion]:
        question = UnansweredQuestion(school="de-breul", role="leerling", question=text, month=month)
        return [question] * count

    questions = asked("2026-10", "Mag ik met een drone filmen?", 3) + asked(
        "2026-11", "Mag een AI mijn huiswerk?", 1
    )
    votes = [
        Feedback(school="de-breul", role="ouder", question="Mag ik de mentor appen?",
                 sources=["de-breul:E.7"], verdict="no", useful=False, at=AT),
    ]  # fmt: skip
    found = insights("de-breul", "2025-12", "2026-11", questions, votes)
    many = [q for n in range(300) for q in asked(f"2026-{n % 12 + 1:02d}", f"{hostile} {n}", 1)]
    huge = insights("de-breul", "2025-12", "2026-11", many, votes * 50)
    titles = {"de-breul:E.7": hostile}
    return {
        "insights-numbers": insights_card(found, "De Breul"),
        "insights-list": insights_card(
            found, "De Breul", {"de-breul:E.7": "Je appt je mentor niet na 21 uur."}, show_list=True
        ),
        "insights-empty": insights_card(insights("de-breul", "2025-12", "2026-11", [], []), "De Breul"),
        "insights-list-huge-hostile": insights_card(huge, hostile, titles, show_list=True),
    }
