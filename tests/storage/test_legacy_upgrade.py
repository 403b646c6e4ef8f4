"""A database written by the hand-written stores at schema version 9 (main before Alembic; dumps in
tests/storage/legacy/) is recognised, stamped with the revision of the same schema and upgraded in place:
every kind of row reads back as it did then, and its schema is the one a fresh database gets."""

from __future__ import annotations

import json
import sqlite3
import uuid
from pathlib import Path
from typing import Any

import asyncpg
import pytest

from bot.cli import main
from bot.storage import open_store
from bot.storage.sql.migrate import head
from tests.storage.conftest import with_database
from tests.storage.legacy.rows import read

LEGACY = Path(__file__).parent / "legacy"
EXPECTED = json.loads((LEGACY / "v9.json").read_text())
VERSION_TABLES = ("schema_version", "alembic_version")


def sqlite_schema(path: Path) -> dict[str, Any]:
    with sqlite3.connect(path) as db:
        tables = [
            name
            for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            if name not in (*VERSION_TABLES, "sqlite_sequence")
        ]
        return {
            name: {
                "columns": db.execute(f"PRAGMA table_info({name})").fetchall(),
                "foreign_keys": db.execute(f"PRAGMA foreign_key_list({name})").fetchall(),
                "indexes": sorted(
                    (row[1], row[2], row[3], row[4]) for row in db.execute(f"PRAGMA index_list({name})")
                ),
            }
            for name in tables
        }


async def postgres_schema(url: str) -> dict[str, Any]:
    connection = await asyncpg.connect(url)
    try:
        columns = await connection.fetch(
            "SELECT table_name, column_name, data_type, is_nullable, column_default FROM"
            " information_schema.columns WHERE table_schema = 'public' ORDER BY table_name, ordinal_position"
        )
        indexes = await connection.fetch(
            "SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1, 2"
        )
        constraints = await connection.fetch(
            "SELECT conrelid::regclass::text AS t, conname, pg_get_constraintdef(oid) AS d FROM pg_constraint"
            " WHERE connamespace = 'public'::regnamespace ORDER BY 1, 2"
        )
    finally:
        await connection.close()
    return {
        "columns": [tuple(row) for row in columns if row[0] not in VERSION_TABLES],
        "indexes": [tuple(row) for row in indexes if row[0] not in VERSION_TABLES],
        "constraints": [tuple(row) for row in constraints if row[0] not in VERSION_TABLES],
    }


def legacy_sqlite(path: Path) -> Path:
    """The SQLite file the hand-written store left, from its dump."""
    with sqlite3.connect(path) as db:
        db.executescript((LEGACY / "v9.sqlite.sql").read_text())
    return path


async def test_a_version_9_sqlite_database_is_upgraded_in_place(tmp_path: Path) -> None:
    legacy, fresh = legacy_sqlite(tmp_path / "legacy.sqlite3"), tmp_path / "fresh.sqlite3"
    store = await open_store(f"sqlite:///{legacy}")
    try:
        assert await read(store) == EXPECTED["sqlite"]
    finally:
        await store.close()
    await (await open_store(f"sqlite:///{fresh}")).close()
    with sqlite3.connect(legacy) as db:
        assert db.execute("SELECT version_num FROM alembic_version").fetchall() == [(head(),)]
    assert sqlite_schema(legacy) == sqlite_schema(fresh)


async def test_a_version_9_postgres_database_is_upgraded_in_place(
    postgres_database: str, postgres_url: str
) -> None:
    loader = await asyncpg.connect(postgres_database)
    try:
        await loader.execute((LEGACY / "v9.postgres.sql").read_text())
    finally:
        await loader.close()
    store = await open_store(postgres_database)
    try:
        assert await read(store) == EXPECTED["postgres"]
    finally:
        await store.close()
    connection = await asyncpg.connect(postgres_database)
    try:
        assert await connection.fetchval("SELECT version_num FROM alembic_version") == head()
    finally:
        await connection.close()
    fresh = with_database(postgres_url, f"magdit_fresh_{uuid.uuid4().hex[:12]}")
    admin = await asyncpg.connect(postgres_url)
    try:
        await admin.execute(f'CREATE DATABASE "{fresh.rsplit("/", 1)[1]}"')
        await (await open_store(fresh)).close()
        assert await postgres_schema(postgres_database) == await postgres_schema(fresh)
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{fresh.rsplit("/", 1)[1]}" WITH (FORCE)')
        await admin.close()


def test_db_upgrade_command_migrates_a_version_9_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    legacy = legacy_sqlite(tmp_path / "legacy.sqlite3")
    assert main(["db", "current", "--database-url", f"sqlite:///{legacy}"]) == 1
    assert main(["db", "upgrade", "--database-url", f"sqlite:///{legacy}"]) == 0
    assert f"schema revision: {head()}" in capsys.readouterr().out
