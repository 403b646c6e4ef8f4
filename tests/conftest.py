"""Fixtures shared by every test tier."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.protocol.engine import RuleBook
from bot.storage import Store
from tests.fakes.store import throwaway_store

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "rules"


@pytest.fixture(scope="session")
def book() -> RuleBook:
    """The real rules, loaded once: tests answer from what the schools will really use."""
    return RuleBook.load(RULES)


@pytest.fixture
async def fresh_store() -> AsyncIterator[Store]:
    """A throwaway store (SQLite in memory), closed after the test."""
    async with throwaway_store() as opened:
        yield opened
