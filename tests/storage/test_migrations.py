"""Alembic revisions: a database left at 0008 (the leaders' overview and insights) upgrades to 0009 (the
reported message of "Meld dit bericht") keeping its rows, and a fresh one gets both; SQLite and PostgreSQL."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime

import asyncpg
import pytest
from alembic import command
from sqlalchemy.engine import Connection

from bot.storage import Profile, open_store
from bot.storage.sql import migrate
from bot.storage.sql.database import Database

NOW = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
OVERVIEW = "0008"  # case_reminder, unanswered_question, issued_answer.unanswered_id
NEW_TABLES = {"case_reminder", "unanswered_question"}
WANTED_COLUMNS = {("report", "message"), ("report_form", "message"), ("issued_answer", "unanswered_id")}
WATCHED = ("report", "report_form", "issued_answer")


async def schema(store_url: str) -> tuple[str, set[str], set[tuple[str, str]]]:
    """The revision, the tables, and (table, column) pairs of report, report_form and issued_answer."""
    if store_url.startswith("sqlite"):
        with sqlite3.connect(store_url.removeprefix("sqlite:///")) as db:
            [(revision,)] = db.execute("SELECT version_num FROM alembic_version").fetchall()
            tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            columns = {
                (table, row[1]) for table in WATCHED for row in db.execute(f"PRAGMA table_info({table})")
            }
        return revision, tables, columns
    connection = await asyncpg.connect(store_url)
    try:
        revision = await connection.fetchval("SELECT version_num FROM alembic_version")
        tables = {
            row[0]
            for row in await connection.fetch(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
            )
        }
        columns = {
            (row[0], row[1])
            for row in await connection.fetch(
                "SELECT table_name, column_name FROM information_schema.columns"
                " WHERE table_schema = 'public' AND table_name = ANY($1::text[])",
                list(WATCHED),
            )
        }
    finally:
        await connection.close()
    return revision, tables, columns


async def upgrade_to(store_url: str, revision: str) -> None:
    def run(connection: Connection) -> None:
        command.upgrade(migrate.alembic_config(connection), revision)

    database = await Database.open(store_url, pool_size=1)
    try:
        await database.run(run)
    finally:
        await database.close()


def test_the_history_is_one_line_from_the_baseline_to_the_message() -> None:
    assert migrate.head() == "0009"
    assert set(migrate.LEGACY_REVISIONS.values()) == {"0007", "0008", "0009"}


@pytest.mark.parametrize("store_url", ["sqlite", "postgres"], indirect=True)
async def test_a_database_at_0008_upgrades_to_0009(store_url: str) -> None:
    await upgrade_to(store_url, OVERVIEW)
    revision, tables, columns = await schema(store_url)
    assert revision == OVERVIEW
    assert tables >= NEW_TABLES and ("report", "message") not in columns

    upgraded = await open_store(store_url)
    await upgraded.profiles.save_profile(Profile(user_key="u", tenant_id="t", updated_at=NOW))
    await upgraded.close()
    reopened = await open_store(store_url)
    assert (await reopened.profiles.get_profile("u")) is not None
    await reopened.close()
    revision, tables, columns = await schema(store_url)
    assert revision == migrate.head()
    assert tables >= NEW_TABLES
    assert columns >= WANTED_COLUMNS


@pytest.mark.parametrize("store_url", ["sqlite", "postgres"], indirect=True)
async def test_a_fresh_database_gets_the_overview_and_the_message(store_url: str) -> None:
    store = await open_store(store_url)
    await store.close()
    revision, tables, columns = await schema(store_url)
    assert revision == migrate.head()
    assert tables >= NEW_TABLES
    assert columns >= WANTED_COLUMNS
