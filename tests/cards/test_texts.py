"""Texts: Dutch for every key, English where translated, Dutch as the fallback."""

from __future__ import annotations

import json
import string

import pytest

from bot.texts import UnknownTextError, en, lang_for_locale, nl, t, tn
from cards.escalation import escalation_card
from tests.leadership.samples import view


def fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_english_falls_back_to_dutch() -> None:
    assert "protocol.article" not in en.TEXTS
    assert t("protocol.article", "en", article="A.1", text="x") == "**A.1** x"
    assert t("verdict.no", "en") == "No, that's not allowed"
    assert t("verdict.no", "nl") == "Nee, dat mag niet"
    assert t("verdict.no", "fr") == "Nee, dat mag niet"  # type: ignore[arg-type]


def test_every_english_text_translates_a_dutch_one_with_the_same_fields() -> None:
    assert set(en.TEXTS) <= set(nl.TEXTS)
    for key, english in en.TEXTS.items():
        assert fields(english) == fields(nl.TEXTS[key]), key


def test_values_are_filled_in_and_missing_ones_fail() -> None:
    assert t("reply.role_saved", "nl", role="leerling") == "Dank je! Ik geef je nu antwoord als leerling."
    with pytest.raises(KeyError):
        t("reply.role_saved", "nl")
    with pytest.raises(UnknownTextError):
        t("no.such.key", "en")


def test_dutch_is_je_form() -> None:
    for key, text in nl.TEXTS.items():
        words = set(text.lower().replace(",", " ").replace(".", " ").replace("?", " ").split())
        assert not words & {"u", "uw"}, key


@pytest.mark.parametrize(
    ("locale", "lang"),
    [("en-US", "en"), ("en-gb", "en"), ("EN", "en"), ("nl-NL", "nl"), ("nl-BE", "nl"), ("de-DE", "nl"),
     (None, "nl"), ("", "nl")],
)  # fmt: skip
def test_lang_for_locale(locale: str | None, lang: str) -> None:
    assert lang_for_locale(locale) == lang


def test_counts_use_the_singular_or_the_plural_never_both() -> None:
    assert [tn("case.count.notes", n) for n in (0, 1, 2)] == ["0 notities", "1 notitie", "2 notities"]
    assert tn("case.count.questions", 1) == "1 vraag aan de melder"
    assert not [text for text in nl.TEXTS.values() if "(s)" in text or "(en)" in text or "/vragen" in text]


def test_the_escalation_card_counts_only_what_happened() -> None:
    shown = json.dumps(escalation_card(view("opgepakt", questions=2, answers=1)), ensure_ascii=False)
    assert "2 vragen aan de melder, 1 antwoord" in shown
    assert "notitie" not in shown
    assert "Verloop" not in json.dumps(escalation_card(view("opgepakt")), ensure_ascii=False)
