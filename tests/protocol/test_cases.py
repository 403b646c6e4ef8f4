"""Every question in tests/protocol/cases/*.yaml gets the expected intent, verdict and first source.

The case files hold questions written the way teachers, pupils and parents write (typos, slang,
no punctuation), per school and role, with what the answer must be. They are data so that a
school's reviewers can add questions without writing Python.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.protocol.engine import RuleBook

CASES = Path(__file__).parent / "cases"


def _load_cases() -> list[Any]:
    params = []
    for path in sorted(CASES.glob("*.yaml")):
        school = path.stem
        for number, case in enumerate(yaml.safe_load(path.read_text(encoding="utf-8")), start=1):
            params.append(pytest.param(school, case, id=f"{school}-{number}-{case['role']}"))
    return params


@pytest.mark.parametrize(("school", "case"), _load_cases())
def test_case(book: RuleBook, school: str, case: dict[str, Any]) -> None:
    answer = book.answer(school, case["role"], case["q"])
    expected_sources = case.get("source", [])
    if isinstance(expected_sources, str):
        expected_sources = [expected_sources]
    verdicts = case.get("verdict", "*")
    verdicts = [verdicts] if isinstance(verdicts, str) else verdicts
    got = (answer.intent, answer.verdict, answer.sources[:1])
    assert answer.intent == case.get("intent", "question"), got
    assert "*" in verdicts or answer.verdict in verdicts, got
    if expected_sources:
        assert answer.sources, got
        assert answer.sources[0] in [f"{school}:{s}" for s in expected_sources], got
    else:
        assert answer.sources == (), got
    for word in case.get("mentions", []):
        assert word.lower() in answer.text.lower(), (word, answer.text)
