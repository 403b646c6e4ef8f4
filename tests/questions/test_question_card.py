"""The channel card of a forwarded question says where the answer goes only while there is one to write."""

from __future__ import annotations

import json

from bot.texts import t
from cards.question import forwarded_question_card
from tests.questions.samples import answered, view


def test_the_open_card_tells_the_leader_where_the_answer_goes() -> None:
    shown = json.dumps(forwarded_question_card(view()), ensure_ascii=False)
    assert t("question.not_covered") in shown and t("question.answer.label") in shown


def test_the_answered_card_drops_the_hint_about_writing_an_answer() -> None:
    shown = json.dumps(forwarded_question_card(answered()), ensure_ascii=False)
    assert t("question.not_covered") not in shown
    assert "Beantwoord door Mw. De Vries" in shown and "Ja, als niemand herkenbaar in beeld is." in shown
