"""Fixtures shared by every test tier."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.protocol.engine import RuleBook

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "rules"


@pytest.fixture(scope="session")
def book() -> RuleBook:
    """The real rules, loaded once: tests answer from what the schools will really use."""
    return RuleBook.load(RULES)
