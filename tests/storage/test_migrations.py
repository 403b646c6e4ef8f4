"""Schema versions: a database left at version 8 (the leaders' overview and insights) upgrades to 9 (the
reported message of "Meld dit bericht") keeping its rows, and a fresh one gets both; SQLite and PostgreSQL."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime

import asyncpg
import pytest

from bot.storage import Profile, migrations, open_store

NOW = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
OVERVIEW = 8  # case_reminder, unanswered_question, issued_answer.unanswered_id
MESSAGE = 9  # report.message, report_form.message
NEW_TABLES = {"case_reminder", "unanswered_question"}
WANTED_COLUMNS = {("report", "message"), ("report_form", "message"), ("issued_answer", "unanswered_id")}


async def schema(store_url: str) -> tuple[list[int], set[str], set[tuple[str, str]]]:
    """Applied versions, tables, and (table, column) pairs of report, report_form and issued_answer."""
    watched = ("report", "report_form", "issued_answer")
    if store_url.startswith("sqlite"):
        with sqlite3.connect(store_url.removeprefix("sqlite:///")) as db:
            versions = [row[0] for row in db.execute("SELECT version FROM schema_version ORDER BY version")]
            tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            columns = {
                (table, row[1]) for table in watched for row in db.execute(f"PRAGMA table_info({table})")
            }
        return versions, tables, columns
    connection = await asyncpg.connect(store_url)
    try:
        versions = [row[0] for row in await connection.fetch("SELECT version FROM schema_version ORDER BY 1")]
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
                list(watched),
            )
        }
    finally:
        await connection.close()
    return versions, tables, columns


def test_the_message_migration_comes_after_the_overviews() -> None:
    for backend in (migrations.SQLITE, migrations.POSTGRES):
        assert len(backend) == MESSAGE
        assert "case_reminder" in backend[OVERVIEW - 1] and "unanswered_question" in backend[OVERVIEW - 1]
        assert "ADD COLUMN message" in backend[MESSAGE - 1] and "case_reminder" not in backend[MESSAGE - 1]


@pytest.mark.parametrize("store_url", ["sqlite", "postgres"], indirect=True)
async def test_a_database_at_version_8_upgrades_to_9(store_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    with monkeypatch.context() as at_eight:
        at_eight.setattr(migrations, "SQLITE", migrations.SQLITE[:OVERVIEW])
        at_eight.setattr(migrations, "POSTGRES", migrations.POSTGRES[:OVERVIEW])
        old = await open_store(store_url)
        await old.profiles.save_profile(Profile(user_key="u", tenant_id="t", updated_at=NOW))
        await old.close()
    versions, tables, columns = await schema(store_url)
    assert versions == list(range(1, OVERVIEW + 1))
    assert tables >= NEW_TABLES and ("report", "message") not in columns

    upgraded = await open_store(store_url)
    assert (await upgraded.profiles.get_profile("u")) is not None
    await upgraded.close()
    versions, tables, columns = await schema(store_url)
    assert versions == list(range(1, MESSAGE + 1))
    assert tables >= NEW_TABLES
    assert columns >= WANTED_COLUMNS


@pytest.mark.parametrize("store_url", ["sqlite", "postgres"], indirect=True)
async def test_a_fresh_database_gets_the_overview_and_the_message(store_url: str) -> None:
    store = await open_store(store_url)
    await store.close()
    versions, tables, columns = await schema(store_url)
    assert versions == list(range(1, MESSAGE + 1))
    assert tables >= NEW_TABLES
    assert columns >= WANTED_COLUMNS
