"""rules/plain-words.txt must match the lexicons: regenerate with scripts/plain_words.py."""

from __future__ import annotations

import importlib.util
from pathlib import Path

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
