"""The store on SQLAlchemy Core (SQLite or PostgreSQL), its schema and its Alembic migrations."""
