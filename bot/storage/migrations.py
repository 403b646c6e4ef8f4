"""Versioned schema migrations, one list per backend: version N is the N-th entry.

Applied by `open_store` under a lock (SQLite: BEGIN IMMEDIATE; PostgreSQL: an advisory lock), each
in its own transaction together with its row in `schema_version`. Never edit a released entry;
append a new one.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

SCHEMA_VERSION_SQLITE = """
CREATE TABLE IF NOT EXISTS schema_version (
    version    INTEGER PRIMARY KEY,
    applied_at TEXT NOT NULL
)
"""

SCHEMA_VERSION_POSTGRES = """
CREATE TABLE IF NOT EXISTS schema_version (
    version    INTEGER PRIMARY KEY,
    applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
)
"""

SQLITE: list[str] = [
    # 1: profiles and answer feedback
    """
    CREATE TABLE profile (
        user_key    TEXT PRIMARY KEY,
        tenant_id   TEXT NOT NULL,
        school      TEXT,
        role        TEXT,
        role_source TEXT,
        updated_at  TEXT NOT NULL
    );
    CREATE TABLE feedback (
        id       INTEGER PRIMARY KEY AUTOINCREMENT,
        school   TEXT NOT NULL,
        role     TEXT NOT NULL,
        question TEXT NOT NULL,
        sources  TEXT NOT NULL,
        verdict  TEXT NOT NULL,
        useful   INTEGER NOT NULL,
        at       TEXT NOT NULL
    );
    CREATE TABLE feedback_article (
        feedback_id INTEGER NOT NULL REFERENCES feedback (id) ON DELETE CASCADE,
        school      TEXT NOT NULL,
        article     TEXT NOT NULL,
        useful      INTEGER NOT NULL,
        PRIMARY KEY (feedback_id, article)
    );
    CREATE INDEX feedback_article_school ON feedback_article (school, article);
    """,
]

POSTGRES: list[str] = [
    # 1: profiles and answer feedback
    """
    CREATE TABLE profile (
        user_key    TEXT PRIMARY KEY,
        tenant_id   TEXT NOT NULL,
        school      TEXT,
        role        TEXT,
        role_source TEXT,
        updated_at  TIMESTAMPTZ NOT NULL
    );
    CREATE TABLE feedback (
        id       BIGSERIAL PRIMARY KEY,
        school   TEXT NOT NULL,
        role     TEXT NOT NULL,
        question TEXT NOT NULL,
        sources  JSONB NOT NULL,
        verdict  TEXT NOT NULL,
        useful   BOOLEAN NOT NULL,
        at       TIMESTAMPTZ NOT NULL
    );
    CREATE TABLE feedback_article (
        feedback_id BIGINT NOT NULL REFERENCES feedback (id) ON DELETE CASCADE,
        school      TEXT NOT NULL,
        article     TEXT NOT NULL,
        useful      BOOLEAN NOT NULL,
        PRIMARY KEY (feedback_id, article)
    );
    CREATE INDEX feedback_article_school ON feedback_article (school, article);
    """,
]


def sqlite_statements(script: str) -> Iterator[str]:
    """Split an SQLite script into complete statements (executescript would commit mid-migration)."""
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            yield buffer.strip()
            buffer = ""
    if buffer.strip():
        raise ValueError("incomplete SQL statement at the end of a migration")
