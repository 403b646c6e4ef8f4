"""The schema Alembic's revisions build is the one `schema.py` describes, on SQLite and PostgreSQL: a column,
index, constraint, nullability or server default changed on one side only fails here (autogenerate's
`compare_metadata`), so a change to `schema.py` needs its revision.

Three things SQLite's reflection reports differently from what it stores are set aside, each said where:
flags (`Boolean`, stored 0/1 in INTEGER), primary keys (nullable by reflection) and foreign keys' ON DELETE
(SQLAlchemy reads it only from table-level FOREIGN KEY clauses; the revisions write REFERENCES in the
column), the last checked against SQLite's own `PRAGMA foreign_key_list` instead.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Boolean, Column, Integer
from sqlalchemy.engine import Connection
from sqlalchemy.types import TypeEngine

from bot.storage.sql import migrate
from bot.storage.sql.database import Database
from bot.storage.sql.schema import metadata

Difference = tuple[Any, ...]


def same_flag(
    context: MigrationContext,
    reflected: Column[Any],
    declared: Column[Any],
    reflected_type: TypeEngine[Any],
    declared_type: TypeEngine[Any],
) -> bool | None:
    """A `Boolean` on SQLite lives in an INTEGER column as 0/1 (SQLite has no boolean type): no difference.
    Anything else: Alembic's own comparison (None)."""
    if context.dialect.name == "sqlite" and isinstance(declared_type, Boolean):
        return not isinstance(reflected_type, Integer)
    return None


def without_sqlite_foreign_keys(dialect: str) -> Callable[..., bool]:
    """`include_object`: SQLite's foreign keys are left to `sqlite_foreign_keys`."""

    def compared(item: Any, name: str | None, kind: str, reflected: bool, compare_to: Any) -> bool:
        return not (dialect == "sqlite" and kind == "foreign_key_constraint")

    return compared


def flattened(differences: list[Any]) -> list[Difference]:
    """`compare_metadata` groups a column's changes in a list; one tuple per change."""
    return [change for item in differences for change in (item if isinstance(item, list) else [item])]


def is_sqlite_primary_key(change: Difference) -> bool:
    """SQLite reports a PRIMARY KEY column nullable: a rowid (INTEGER PRIMARY KEY) never is; a TEXT one is
    by SQLite's legacy rule, which the revisions cannot change without rebuilding the tables (every key is a
    required field of its model, so none is written NULL)."""
    if change[0] != "modify_nullable":
        return False
    _, _, table, column, _, reflected, declared = change
    return reflected is True and declared is False and metadata.tables[table].c[column].primary_key


def drift(db: Connection) -> list[Difference]:
    """What `schema.py` declares and the database lacks or has otherwise, noise set aside."""
    dialect = db.dialect.name
    context = MigrationContext.configure(
        db,
        opts={
            "compare_type": same_flag,
            "compare_server_default": True,
            "include_object": without_sqlite_foreign_keys(dialect),
        },
    )
    changes = flattened(compare_metadata(context, metadata))
    return [change for change in changes if not (dialect == "sqlite" and is_sqlite_primary_key(change))]


def sqlite_foreign_keys(db: Connection) -> set[tuple[str, str, str, str, str]]:
    """(table, column, referred table, referred column, ON DELETE) of every foreign key SQLite holds."""
    return {
        (table, row[3], row[2], row[4], row[6])
        for table in metadata.tables
        for row in db.exec_driver_sql(f"PRAGMA foreign_key_list({table})")
    }


def declared_foreign_keys() -> set[tuple[str, str, str, str, str]]:
    """The same of every foreign key `schema.py` declares."""
    return {
        (key.parent.table.name, key.parent.name, key.column.table.name, key.column.name, on_delete)
        for table in metadata.tables.values()
        for key in table.foreign_keys
        for on_delete in [key.ondelete or "NO ACTION"]
    }


# SQLite cannot reflect an index on an expression, so Alembic skips those `schema.py` declares (it makes them
# on PostgreSQL only, where they are compared) and warns.
@pytest.mark.filterwarnings("ignore:autogenerate skipping metadata-specified expression-based index")
@pytest.mark.parametrize("store_url", ["sqlite", "postgres"], indirect=True)
async def test_the_revisions_build_the_schema_that_schema_py_describes(store_url: str) -> None:
    database = await Database.open(store_url, pool_size=1)
    try:
        assert await database.run(migrate.upgrade) == migrate.head()
        differences = await database.run(drift, write=False)
        assert not differences, "schema.py and the revisions differ:\n" + "\n".join(map(str, differences))
        if store_url.startswith("sqlite"):
            assert await database.run(sqlite_foreign_keys, write=False) == declared_foreign_keys()
    finally:
        await database.close()
