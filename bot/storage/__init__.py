"""Persistent state behind narrow async Protocols; `open_store(url)` picks the backend by URL."""

from __future__ import annotations

from typing import Literal

from bot.storage.base import Profile, ProfileStore, Store
from bot.storage.feedback import Feedback, FeedbackStore

__all__ = ["Feedback", "FeedbackStore", "Profile", "ProfileStore", "Store", "open_store"]


async def open_store(database_url: str, *, auth: Literal["password", "entra"] = "password") -> Store:
    """Open the store named by the URL and bring its schema up to date.

    "sqlite:///./data/magdit.sqlite3" (parent folder created, WAL), "sqlite:///:memory:",
    "postgresql://user@host:port/db" (asyncpg pool). The schema is migrated to
    Alembic's head first (bot/storage/sql/migrate.py). `auth="entra"`: PostgreSQL
    with a Microsoft Entra token as the password (managed identity in Azure; see storage/pg_auth.py).
    """
    if database_url.startswith(("sqlite:///", "postgresql://", "postgres://")):
        from bot.storage.sql.store import SqlStore

        if auth == "entra":
            from bot.storage.pg_auth import EntraPassword

            return await SqlStore.open(database_url, password=EntraPassword())
        return await SqlStore.open(database_url)
    scheme = database_url.split(":", 1)[0]
    raise ValueError(f"unsupported database URL scheme {scheme!r}: use sqlite:/// or postgresql://")
