"""Two instances of the bot answer a message alike: no answer depends on the process's hash seed (Python
randomises the order of sets per process; a learned score summed in that order differed in its last bits,
enough to tip a score sitting on a threshold)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _answers(seed: str, questions: str) -> str:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    done = subprocess.run(
        [sys.executable, "-m", "bot", "ask", "--jsonl"],
        input=questions,
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        check=True,
        timeout=300,
    )
    return done.stdout


def test_the_answers_do_not_depend_on_the_hash_seed() -> None:
    items = [
        json.loads(line)
        for line in (ROOT / "eval" / "holdout26.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    questions = "".join(
        json.dumps({k: item[k] for k in ("school", "role", "question")}, ensure_ascii=False) + "\n"
        for item in items
    )
    first = _answers("1", questions)
    assert len(first.splitlines()) == len(items)
    assert _answers("2", questions) == first
