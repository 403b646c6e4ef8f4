"""open_store: URLs, migrations, durability, and two instances starting at once."""

from __future__ import annotations

import asyncio
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import asyncpg
import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from bot.storage import Profile, Store, open_store
from bot.storage.sql.migrate import head
from tests.fakes.store import write_sql

NOW = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


async def test_unknown_scheme_is_refused() -> None:
    with pytest.raises(ValueError, match="mysql"):
        await open_store("mysql://localhost/magdit")


async def test_sqlite_creates_parent_folder_and_uses_wal(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "er" / "magdit.sqlite3"
    store = await open_store(f"sqlite:///{path}")
    await store.close()
    assert path.is_file()
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        versions = [row[0] for row in db.execute("SELECT version_num FROM alembic_version")]
    assert versions == [head()]


async def test_sqlite_relative_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    store = await open_store("sqlite:///./data/magdit.sqlite3")
    await store.close()
    assert (tmp_path / "data" / "magdit.sqlite3").is_file()


async def test_sqlite_in_memory_works() -> None:
    store = await open_store("sqlite:///:memory:")
    await store.profiles.save_profile(Profile(user_key="u", tenant_id="t", updated_at=NOW))
    assert await store.profiles.get_profile("u") is not None
    await store.close()


@pytest.mark.parametrize("store_url", ["sqlite", "postgres"], indirect=True)
async def test_data_survives_a_restart(store_url: str) -> None:
    profile = Profile(user_key="u", tenant_id="t", school="de-breul", role="ouder", updated_at=NOW)
    first = await open_store(store_url)
    await first.profiles.save_profile(profile)
    await first.close()
    second = await open_store(store_url)
    assert await second.profiles.get_profile("u") == profile
    await second.close()


@pytest.mark.parametrize("store_url", ["sqlite", "postgres"], indirect=True)
async def test_two_instances_starting_together_migrate_once(store_url: str) -> None:
    stores = await asyncio.gather(*(open_store(store_url) for _ in range(4)))
    for store in stores:
        assert await store.ping()
    await asyncio.gather(*(store.close() for store in stores))
    if store_url.startswith("sqlite"):
        with sqlite3.connect(store_url.removeprefix("sqlite:///")) as db:
            versions = [row[0] for row in db.execute("SELECT version_num FROM alembic_version")]
    else:
        connection = await asyncpg.connect(store_url)
        versions = [row[0] for row in await connection.fetch("SELECT version_num FROM alembic_version")]
        await connection.close()
    assert versions == [head()]


async def test_ping_is_false_after_close(store_url: str) -> None:
    store = await open_store(store_url)
    await store.close()
    assert await store.ping() is False


async def test_unreachable_postgres_fails_loudly() -> None:
    with pytest.raises((OSError, asyncpg.PostgresError)):
        await open_store("postgresql://nobody@127.0.0.1:9/nothing")


async def test_a_failed_statement_names_no_parameter(store: Store) -> None:
    """What a statement carried (report text, names) stays out of the error and so out of every log line."""
    statement = text("INSERT INTO profile (user_key, tenant_id) VALUES (:key, NULL)").bindparams(
        key="Jan Jansen"
    )
    with pytest.raises(IntegrityError) as failed:
        await write_sql(store, statement)
    assert "Jan Jansen" not in str(failed.value) and "hidden" in str(failed.value)
