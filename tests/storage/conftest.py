"""Backends under contract test: every test taking `store` runs against SQLite and PostgreSQL.

PostgreSQL is real: `scripts/postgres.sh start` (run by `make test`) exports MAGDIT_TEST_DATABASE_URL.
Each test gets a fresh database created from that server, so migrations run every time. Without the
URL the PostgreSQL cases fail under CI=true and are skipped locally, with the reason shown.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import asyncpg
import pytest

from bot.storage import Store, open_store

BACKENDS = ["sqlite", "postgres"]
NO_POSTGRES = (
    "MAGDIT_TEST_DATABASE_URL is not set: start PostgreSQL with "
    '`eval "$(scripts/postgres.sh start)"` (make test does this)'
)


def with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


@pytest.fixture(scope="session")
def postgres_url() -> str:
    """The server's URL; fails in CI and skips locally when there is none."""
    url = os.environ.get("MAGDIT_TEST_DATABASE_URL", "")
    if not url:
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail(f"CI=true but {NO_POSTGRES}", pytrace=False)
        pytest.skip(NO_POSTGRES)
    return url


@pytest.fixture
async def postgres_database(postgres_url: str) -> AsyncIterator[str]:
    """A fresh, empty database on the test server, dropped afterwards."""
    name = f"magdit_test_{uuid.uuid4().hex[:12]}"
    admin = await asyncpg.connect(postgres_url)
    try:
        await admin.execute(f'CREATE DATABASE "{name}"')
        yield with_database(postgres_url, name)
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


@pytest.fixture(params=BACKENDS)
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The URL of an empty store of each backend (a fresh file or database per test)."""
    backend = request.param
    if backend == "sqlite":
        return f"sqlite:///{tmp_path / 'data' / 'magdit.sqlite3'}"
    return str(request.getfixturevalue("postgres_database"))


@pytest.fixture
async def store(store_url: str) -> AsyncIterator[Store]:
    opened = await open_store(store_url)
    yield opened
    await opened.close()
