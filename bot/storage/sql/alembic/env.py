"""Alembic's environment: migrations run on the connection `bot.storage.sql.migrate` hands over, inside its
transaction and lock (never from a URL in a config file)."""

from __future__ import annotations

import logging
from collections.abc import Collection, Mapping
from typing import Any

from alembic import context
from alembic.runtime.migration import MigrationContext, MigrationInfo

from bot.storage.sql.schema import metadata

log = logging.getLogger("bot.storage.sql.migrate")


def log_step(
    ctx: MigrationContext, step: MigrationInfo, heads: Collection[Any], run_args: Mapping[str, Any]
) -> None:
    log.info("database schema migrated to revision %s", step.up_revision_id)


connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations with `python -m bot db upgrade`, which opens the database")
context.configure(connection=connection, target_metadata=metadata, on_version_apply=log_step)
with context.begin_transaction():
    context.run_migrations()
