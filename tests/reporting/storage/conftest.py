"""The storage contract fixtures: each test taking `store` runs on SQLite and PostgreSQL."""

from tests.storage.conftest import postgres_database, postgres_url, store, store_url

__all__ = ["postgres_database", "postgres_url", "store", "store_url"]
