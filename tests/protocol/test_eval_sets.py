"""Our own question sets (eval/holdout*.jsonl, each first written blind from the protocols by an examiner
who had not seen the rules) keep being answered: a regression guard, scored as ../shared/eval/score.py does.

Each set joins once its failures were fixed by root cause (set 5 in round 5, sets 6 and 7 in round 6,
set 8 in round 7, set 9 in round 8, set 10 in round 9): none of these sets measures unseen quality any
more (write a fresh one for that).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from bot.protocol.engine import RuleBook

EVAL = Path(__file__).resolve().parents[2] / "eval"
GUARDED = tuple(f"holdout{n}.jsonl" for n in ("", 2, 3, 4, 5, 6, 7, 8, 9, 10))
REQUIRED_SHARE = 0.98  # a handful of borderline items may move; a real regression moves more
# Set 9 keeps three Lucas report items whose examiner wants no article where the bot cites A.7 (the article on
# the school's measures, which other examiners cite); its Martinus ones are answered since reports there cite
# none (eval/README.md).
ALLOWED_WRONG = {"holdout9.jsonl": 3}


def _first_source_ok(cited: list[str], expected: list[str]) -> bool:
    if not expected:
        return not cited
    if not cited:
        return False
    first = cited[0]
    return any(first == e or ("." not in e and first.startswith(e + ".")) for e in expected)


def _right(book: RuleBook, item: dict[str, Any]) -> bool:
    answer = book.answer(item["school"], item["role"], item["question"])
    verdict_ok = "*" in item["verdict"] or answer.verdict in item["verdict"]
    mentions_ok = all(m.lower() in answer.text.lower() for m in item.get("must_mention", []))
    return (
        answer.intent == item["intent"]
        and verdict_ok
        and _first_source_ok(list(answer.sources), item["sources"])
        and mentions_ok
    )


@pytest.mark.parametrize("name", GUARDED)
def test_eval_set_stays_answered(book: RuleBook, name: str) -> None:
    items = [json.loads(line) for line in (EVAL / name).read_text(encoding="utf-8").splitlines() if line]
    wrong = [item["id"] for item in items if not _right(book, item)]
    assert len(wrong) <= ALLOWED_WRONG.get(name, round(len(items) * (1 - REQUIRED_SHARE))), wrong
