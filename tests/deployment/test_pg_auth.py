"""DATABASE_AUTH=entra: an Entra token is the PostgreSQL password, cached until shortly before it expires.

The credential is a fake that implements azure-identity's `get_token`; against the real test PostgreSQL
(password auth there) it hands out the server's password as the "token", so the whole path — asyncpg
asking the callable on every new connection, migrations, queries — runs for real.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import asyncpg
import pytest
from sqlalchemy.exc import DBAPIError

from bot.storage import Store
from bot.storage.pg_auth import POSTGRES_ENTRA_SCOPE, EntraPassword
from tests.storage.conftest import postgres_url

__all__ = ["postgres_url"]


@dataclass
class Token:
    token: str
    expires_on: int


@dataclass
class FakeCredential:
    secret: str
    lifetime_s: float = 3600
    scopes: list[tuple[str, ...]] = field(default_factory=list)

    def get_token(self, *scopes: str, **kwargs: Any) -> Token:
        self.scopes.append(scopes)
        return Token(f"{self.secret}", int(time.time() + self.lifetime_s))


async def test_the_token_is_fetched_once_while_it_is_valid() -> None:
    credential = FakeCredential("t0ken")
    password = EntraPassword(credential)
    assert [await password() for _ in range(5)] == ["t0ken"] * 5
    assert credential.scopes == [(POSTGRES_ENTRA_SCOPE,)]


async def test_a_token_close_to_expiry_is_fetched_again() -> None:
    credential = FakeCredential("t0ken", lifetime_s=200)  # inside the 300 s margin
    password = EntraPassword(credential)
    await password()
    await password()
    assert len(credential.scopes) == 2


@pytest.fixture
async def database_without_password(postgres_url: str) -> AsyncIterator[tuple[str, str]]:
    """A fresh database; its URL without the password, and the password on its own."""
    parts = urlsplit(postgres_url)
    name = f"magdit_entra_{uuid.uuid4().hex[:10]}"
    admin = await asyncpg.connect(postgres_url)
    await admin.execute(f'CREATE DATABASE "{name}"')
    try:
        netloc = f"{parts.username}@{parts.hostname}:{parts.port}"
        yield urlunsplit(parts._replace(netloc=netloc, path=f"/{name}")), parts.password or ""
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


async def test_postgres_store_opens_with_the_token_as_password(
    database_without_password: tuple[str, str],
) -> None:
    url, secret = database_without_password
    credential = FakeCredential(secret)
    store = await Store.open(url, password=EntraPassword(credential), pool_size=2)
    try:
        assert await store.ping()
        assert credential.scopes == [(POSTGRES_ENTRA_SCOPE,)]  # two connections, one token
    finally:
        await store.close()


async def test_without_the_token_the_server_refuses(database_without_password: tuple[str, str]) -> None:
    url, _ = database_without_password
    with pytest.raises(DBAPIError) as refused:
        await Store.open(url, password=EntraPassword(FakeCredential("wrong")), pool_size=1)
    refusals = (asyncpg.InvalidPasswordError, asyncpg.InvalidAuthorizationSpecificationError)
    assert isinstance(refused.value.orig.__cause__, refusals)
