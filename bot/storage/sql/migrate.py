"""Bring the schema to Alembic's head, at start (`open_store`) and by `python -m bot db upgrade` (`db current`
prints the revision it is at).

Serialised between instances: on PostgreSQL by an advisory lock, on SQLite by the BEGIN IMMEDIATE the
whole upgrade runs in (`Database.run`). A database made by the hand-written migrations this replaced
(`schema_version` at 7, 8 or 9) is recognised and stamped with the revision of the same schema, then
upgraded like any other.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import func, inspect, select
from sqlalchemy.engine import Connection

from bot.storage.sql.database import Database

log = logging.getLogger(__name__)

# pg_advisory_lock key held while migrating, so instances starting together migrate one at a time.
MIGRATION_LOCK = 0x6D61_6764_6974  # "magdit"
# The hand-written migrations' versions that have a revision with the same schema (0007 is the baseline).
LEGACY_REVISIONS = {7: "0007", 8: "0008", 9: "0009"}
DEFAULT_DATABASE_URL = "sqlite:///./data/magdit.sqlite3"


class LegacySchemaError(RuntimeError):
    """A database left by the hand-written migrations below version 7: nothing can stamp it."""


def alembic_config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(Path(__file__).with_name("alembic")))
    config.attributes["connection"] = connection
    return config


def head() -> str:
    revision = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert revision is not None  # noqa: S101 - the baseline is always there
    return revision


def history() -> list[str]:
    """Every revision, oldest first."""
    script = ScriptDirectory.from_config(alembic_config())
    return [step.revision for step in reversed(list(script.walk_revisions()))]


def current(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def upgrade(connection: Connection) -> str:
    """Stamp a legacy database, then upgrade to head, in the caller's transaction (on PostgreSQL under a lock
    held until it ends); the revision the database is at afterwards."""
    if connection.dialect.name == "postgresql":
        connection.execute(select(func.pg_advisory_xact_lock(MIGRATION_LOCK)))
    tables = set(inspect(connection).get_table_names())
    config = alembic_config(connection)
    if "schema_version" in tables and "alembic_version" not in tables:
        version = connection.exec_driver_sql("SELECT MAX(version) FROM schema_version").scalar()
        revision = LEGACY_REVISIONS.get(int(version or 0))
        if revision is None:
            raise LegacySchemaError(
                f"schema_version {version}: open it with the release before Alembic first (it migrates to 9)"
            )
        command.stamp(config, revision)
        log.info("database schema version %d recognised as revision %s", version, revision)
    command.upgrade(config, "head")
    upgraded = current(connection)
    assert upgraded is not None  # noqa: S101 - upgraded just now
    return upgraded


def add_commands(commands: Any) -> None:
    database = commands.add_parser("db", help="the database schema (Alembic)")
    actions = database.add_subparsers(required=True, metavar="ACTION")
    upgrade = actions.add_parser("upgrade", help="migrate the schema to the latest revision")
    upgrade.set_defaults(handler=lambda args: _run(args, migrating=True))
    current = actions.add_parser("current", help="print the schema's revision")
    current.set_defaults(handler=lambda args: _run(args, migrating=False))
    for parser in (upgrade, current):
        parser.add_argument("--database-url", help=f"default: DATABASE_URL, else {DEFAULT_DATABASE_URL}")


def _run(args: argparse.Namespace, *, migrating: bool) -> int:
    url = args.database_url or os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL

    async def main() -> int:
        password = None
        if os.environ.get("DATABASE_AUTH") == "entra":
            from bot.storage.pg_auth import EntraPassword

            password = EntraPassword()
        database = await Database.open(url, password=password, pool_size=1)
        try:
            revision = await database.run(upgrade if migrating else current, write=migrating)
        finally:
            await database.close()
        print(f"schema revision: {revision or 'none'} (head: {head()})")
        return 0 if revision == head() else 1

    return asyncio.run(main())
