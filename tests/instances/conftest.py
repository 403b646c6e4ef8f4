"""Bot instances as real processes on one PostgreSQL. The server's fixtures come from the storage tests (a
fresh database per test; without MAGDIT_TEST_DATABASE_URL the tests fail under CI=true and are skipped
locally), the signing key and OpenID server from the HTTP tests."""

from collections.abc import AsyncIterator

import aiohttp
import pytest

from tests.http.conftest import openid, signer
from tests.storage.conftest import postgres_database, postgres_url

__all__ = ["openid", "postgres_database", "postgres_url", "signer"]


@pytest.fixture
async def session() -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession() as opened:
        yield opened
