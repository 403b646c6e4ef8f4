"""rules/plain-words.txt must match the lexicons: regenerate with scripts/plain_words.py."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from bot.protocol.engine import RuleBook

ROOT = Path(__file__).resolve().parents[2]


def test_plain_words_file_is_up_to_date() -> None:
    spec = importlib.util.spec_from_file_location("plain_words", ROOT / "scripts" / "plain_words.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    expected = module.confusable_words(ROOT / "rules")
    lines = (ROOT / "rules" / "plain-words.txt").read_text(encoding="utf-8").splitlines()
    actual = [line for line in lines if line and not line.startswith("#")]
    assert actual == expected, "run: .venv/bin/python scripts/plain_words.py"
    assert "heeft" in actual  # one letter from "hoeft", and never to be corrected into it


def test_english_words_are_not_read_as_dutch_typos(book: RuleBook) -> None:
    """An English parent's "I'm pretty shaken" is no "shamen" (wanting to expose someone), which kept every
    report situation of the school from answering; an English form of a lexicon word is still read."""
    matcher = book.book("willem-van-oranje").matcher
    assert "retaliate" not in matcher.find(["shaken"])
    assert "retaliate" in matcher.find(["shamen"])
    answer = book.answer(
        "willem-van-oranje",
        "medewerker",
        "A pupil showed me an Instagram account pretending to be me, with my photo. I'm pretty shaken.",
    )
    assert (answer.intent, answer.sources[:1]) == ("report", ("willem-van-oranje:A.11",))
    assert "posten" in matcher.typo_of("posted")
