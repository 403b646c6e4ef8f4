"""Forwarded-question cards built from stored-looking data, for the card checks in tests/cards (every verb
used, hostile and oversized text shown literally, Adaptive Cards 1.5, size) and the question tests."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from cards.question import QuestionView, answer_to_asker_card, forwarded_question_card

QUESTION_ID = UUID("00000000-0000-4000-8000-000000000007")
CARD_TOKEN = "qC4rdT0ken-abcdefgh"
AT = datetime(2026, 11, 21, 13, 5, tzinfo=UTC)


def view(**changes: Any) -> QuestionView:
    values: dict[str, Any] = {
        "question_id": QUESTION_ID,
        "number": "V-2026-0007",
        "school_name": "De Breul",
        "role_name": "Leerling",
        "asked_at": AT,
        "question": "Mag ik een vlog maken op het schoolplein?",
        "card_token": CARD_TOKEN,
    }
    values.update(changes)
    return QuestionView(**values)


def answered(**changes: Any) -> QuestionView:
    return view(
        answer="Ja, als niemand herkenbaar in beeld is.",
        answered_by="Mw. De Vries",
        answered_at=AT,
        **changes,
    )


def question_cards(hostile: str) -> dict[str, dict[str, Any]]:
    longest = (hostile * 200)[:2000]
    return {
        "question-open": forwarded_question_card(view()),
        "question-open-hostile": forwarded_question_card(
            view(question=(hostile * 50)[:1000], school_name=hostile)
        ),
        "question-empty-answer": forwarded_question_card(view(), typed="  ", error="Typ eerst je antwoord."),
        "question-too-long-kept": forwarded_question_card(
            view(), typed=hostile * 300, error="Je antwoord is te lang: maximaal 2000 tekens."
        ),
        "question-answered": forwarded_question_card(answered()),
        "question-answered-hostile": forwarded_question_card(
            view(question=(hostile * 50)[:1000], answer=longest, answered_by=hostile, answered_at=AT)
        ),
        "question-to-asker": answer_to_asker_card("V-2026-0007", "Mag ik een vlog maken?", "Ja, mits."),
        "question-to-asker-hostile-en": answer_to_asker_card(
            "V-2026-0007", (hostile * 50)[:1000], longest, "en"
        ),
    }
