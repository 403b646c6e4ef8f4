"""A small test school on the real lexicon, loaded by the real RuleBook."""

from __future__ import annotations

import shutil
from pathlib import Path

from bot.protocol.engine import RuleBook

HERE = Path(__file__).resolve().parent
REPO_RULES = HERE.parent.parent / "rules"
SCHOOL = "testschool"


def test_rules_dir(target: Path) -> Path:
    """A rules folder with the repository's lexicon and the test school."""
    target.mkdir(parents=True, exist_ok=True)
    for name in ("lexicon.yaml", "plain-words.txt"):
        if (REPO_RULES / name).exists():
            shutil.copy(REPO_RULES / name, target / name)
    shutil.copytree(REPO_RULES / "safety", target / "safety", dirs_exist_ok=True)
    shutil.copy(HERE / "testschool.yaml", target / "testschool.yaml")
    return target


def test_rule_book(target: Path) -> RuleBook:
    return RuleBook.load(test_rules_dir(target))
