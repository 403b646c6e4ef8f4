"""Bring the schema to Alembic's head, at start (`open_store`) and by `python -m bot db upgrade`.

Serialised between instances: on PostgreSQL by an advisory lock, on SQLite by the BEGIN IMMEDIATE the
whole upgrade runs in (`Database.run`). A database made by the hand-written migrations this replaced
(`schema_version` at 7, 8 or 9) is recognised and stamped with the revision of the same schema, then
upgraded like any other.
"""

from __future__ import annotations

import logging
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import func, inspect, select
from sqlalchemy.engine import Connection

log = logging.getLogger(__name__)

# pg_advisory_lock key held while migrating, so instances starting together migrate one at a time.
MIGRATION_LOCK = 0x6D61_6764_6974  # "magdit"
# The hand-written migrations' versions that have a revision with the same schema (0007 is the baseline).
LEGACY_REVISIONS = {7: "0007", 8: "0008", 9: "0009"}


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
