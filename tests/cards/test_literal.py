"""What a user or a rules file wrote is shown as written: no links, emphasis, HTML, mentions, bidi tricks."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from cards.literal import literal, plain
from tests.cards.structure import walk

UNESCAPED = re.compile(r"(?<!\\)[\[\]*_~`<>&]")


@pytest.mark.parametrize(
    ("hostile", "shown"),
    [
        ("[Klik hier](https://evil.example)", r"\[Klik hier\](https://evil.example)"),
        ("![img](https://evil.example/x.png)", r"!\[img\](https://evil.example/x.png)"),
        ("**vet** _schuin_ ~~weg~~ `code`", r"\*\*vet\*\* \_schuin\_ \~\~weg\~\~ \`code\`"),
        ("<https://evil.example>", r"\<https://evil.example\>"),
        ("<b>vet</b> <script>alert(1)</script>", r"\<b\>vet\</b\> \<script\>alert(1)\</script\>"),
        ("&lt;b&gt; &#91;", r"\&lt;b\&gt; \&#91;"),
        ("<at>Iedereen</at> kijk", "Iedereen kijk"),
        ('<AT id="0">Bot</at >', "Bot"),
        ("factuur\u202egnp.exe", "factuurgnp.exe"),
        ("a\u2066b\u2069c\u200fd\u0000e\u001bf", "abcdef"),
        (
            "# kop\n- item\n+ item\n1. een\n 2) twee\n---\n===",
            "\\# kop\n\\- item\n\\+ item\n1\\. een\n 2\\) twee\n\\---\n\\===",
        ),
        ("> citaat", r"\> citaat"),
        ("C:\\pad\\*", r"C:\\pad\\\*"),
        ("Mag ik foto's van 1.5 meter - of 2 - delen?", "Mag ik foto's van 1.5 meter - of 2 - delen?"),
        ("regel\r\n\r\n\r\n\r\nnog een", "regel\n\nnog een"),
    ],
)
def test_literal_escapes(hostile: str, shown: str) -> None:
    assert literal(hostile) == shown


def test_literal_cuts_long_text_at_a_word_before_escaping() -> None:
    assert literal("een twee drie vier vijf", 12) == "een twee…"
    assert literal("*" * 50, 10) == "\\*" * 9 + "…"


def test_plain_for_button_titles() -> None:
    assert plain("<at>Bot</at>  foto's\n\u202edelen\u202c") == "Bot foto's delen"
    assert plain("x" * 300, 200) == "x" * 199 + "…"


def _hostile_cards(cards: dict[str, dict[str, Any]]) -> list[tuple[str, dict[str, Any]]]:
    return [(name, card) for name, card in cards.items() if "hostile" in name]


def test_hostile_text_is_never_live_in_any_card(cards: dict[str, dict[str, Any]]) -> None:
    for name, card in cards.items():
        encoded = json.dumps(card, ensure_ascii=False)
        assert "\u202e" not in encoded and "\u202c" not in encoded, name
        assert "<at>" not in encoded.lower() and "</at>" not in encoded.lower(), name
    checked = 0
    for name, card in [*_hostile_cards(cards), ("school-nl", cards["school-nl"])]:
        for node in walk(card):
            if node.get("type") == "TextBlock" and "Klik hier" in node["text"]:
                assert not UNESCAPED.search(node["text"]), (name, node["text"])
                assert "\n- lijst" not in node["text"], (name, node["text"])  # no live list item
                checked += 1
    assert checked >= 8  # headline, quote, section, school, full article, advice, ask list per language


def test_hostile_question_goes_back_in_data_without_mentions_or_bidi(
    cards: dict[str, dict[str, Any]],
) -> None:
    data = cards["answer-hostile-nl"]["actions"][0]["data"]
    assert data["question"].startswith("[Klik hier](https://evil.example/login)")  # data is not rendered
    assert "<at>" not in data["question"] and "\u202e" not in data["question"]


@pytest.mark.parametrize(
    "typed",
    [
        "{{DATE(2026-12-01T10:00:00Z, SHORT)}}",
        "om {{TIME(2026-12-01T10:00:00Z)}} uur",
        "{{{DATE(2026-12-01T10:00:00+01:00, LONG)}}}",
        "{{{{TIME(2026-12-01T10:00:00Z)}}",
    ],
)
def test_card_functions_typed_by_a_user_are_shown_not_evaluated(typed: str) -> None:
    for shown in (literal(typed), plain(typed)):
        assert "{{" not in shown
        assert shown.replace("\u2060", "") == typed  # shown as typed: only an invisible word joiner added
