"""Backends under contract test: every test taking `store` runs against each of them."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bot.storage import Store, open_store


@pytest.fixture(params=["memory"])
async def store(request: pytest.FixtureRequest) -> AsyncIterator[Store]:
    opened = await open_store("memory://")
    yield opened
    await opened.close()
