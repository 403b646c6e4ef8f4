"""Persistent state: one store on SQLAlchemy Core (SQLite by default, PostgreSQL for several instances), its
schema owned by Alembic. The store's areas (`store.reports`, `store.outbox`, …) are what the bot types
against."""

from __future__ import annotations

from typing import Literal

from bot.storage.models import Feedback, Profile
from bot.storage.sql.store import Store

__all__ = ["Feedback", "Profile", "Store", "open_store"]


async def open_store(database_url: str, *, auth: Literal["password", "entra"] = "password") -> Store:
    """Open the store named by the URL and bring its schema up to date.

    "sqlite:///./data/magdit.sqlite3" (parent folder created, WAL), "sqlite:///:memory:",
    "postgresql://user@host:port/db" (asyncpg). The schema is migrated to Alembic's head first
    (bot/storage/sql/migrate.py). `auth="entra"`: PostgreSQL with a Microsoft Entra token as the password
    (managed identity in Azure; see storage/pg_auth.py).
    """
    if not database_url.startswith(("sqlite:///", "postgresql://", "postgres://")):
        scheme = database_url.split(":", 1)[0]
        raise ValueError(f"unsupported database URL scheme {scheme!r}: use sqlite:/// or postgresql://")
    if auth == "entra":
        from bot.storage.pg_auth import EntraPassword

        return await Store.open(database_url, password=EntraPassword())
    return await Store.open(database_url)
