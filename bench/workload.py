"""The questions the benchmarks ask: every case in tests/protocol/cases/*.yaml, for every role,
plus the same questions with fresh typos (words the lexicon's token cache has never seen)."""

from __future__ import annotations

import random
import string
from dataclasses import dataclass
from pathlib import Path

import yaml

from bot.protocol import loader

ROOT = Path(__file__).resolve().parent.parent
RULES_DIR = ROOT / "rules"
CASES_DIR = ROOT / "tests" / "protocol" / "cases"
ROLES = ("medewerker", "leerling", "ouder")


@dataclass(frozen=True, slots=True)
class Ask:
    school: str
    role: str
    question: str
    lang: str = "nl"


def case_questions(cases_dir: Path = CASES_DIR) -> dict[str, list[str]]:
    """Questions per school slug, in file order."""
    found: dict[str, list[str]] = {}
    for path in sorted(cases_dir.glob("*.yaml")):
        cases = yaml.safe_load(path.read_text(encoding="utf-8")) or []
        found[path.stem] = [str(case["q"]) for case in cases]
    return found


def mixed_asks(schools: tuple[str, ...], english_share: float = 0.1, seed: int = 1) -> list[Ask]:
    """Every case question of the loaded schools, asked in every role, shuffled; some in English."""
    rng = random.Random(seed)
    asks = [
        Ask(school, role, question, "en" if rng.random() < english_share else "nl")
        for school, questions in case_questions().items()
        if school in schools
        for question in questions
        for role in ROLES
    ]
    rng.shuffle(asks)
    return asks


def with_typos(question: str, rng: random.Random, rate: float = 0.35) -> str:
    """The question with a one-letter slip (drop, swap, change, add) in about `rate` of its words."""
    words = question.split()
    for i, word in enumerate(words):
        if len(word) < 4 or rng.random() >= rate:
            continue
        at = rng.randrange(1, len(word) - 1)
        slip = rng.randrange(4)
        letter = rng.choice(string.ascii_lowercase)
        if slip == 0:
            word = word[:at] + word[at + 1 :]
        elif slip == 1:
            word = word[: at - 1] + word[at] + word[at - 1] + word[at + 1 :]
        elif slip == 2:
            word = word[:at] + letter + word[at + 1 :]
        else:
            word = word[:at] + letter + word[at:]
        words[i] = word
    return " ".join(words)


def school_slugs(rules_dir: Path = RULES_DIR) -> tuple[str, ...]:
    """The schools in rules/, as the bot finds them, without loading them."""
    return loader.school_slugs(rules_dir)
