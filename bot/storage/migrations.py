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
    # 2: incident reports, their audit trail, the outbox
    """
    CREATE TABLE case_counter (
        school TEXT NOT NULL,
        year   INTEGER NOT NULL,
        last   INTEGER NOT NULL,
        PRIMARY KEY (school, year)
    );
    CREATE TABLE report (
        id                    TEXT PRIMARY KEY,
        idempotency_key       TEXT NOT NULL UNIQUE,
        school                TEXT NOT NULL,
        case_number           TEXT NOT NULL,
        category              TEXT NOT NULL,
        description           TEXT NOT NULL,
        platform              TEXT,
        happened              TEXT,
        involved              TEXT,
        in_danger             INTEGER NOT NULL,
        anonymous             INTEGER NOT NULL,
        reporter_key          TEXT NOT NULL,
        reporter_conversation TEXT NOT NULL,
        status                TEXT NOT NULL CHECK (status IN ('nieuw', 'opgepakt', 'afgesloten')),
        version               INTEGER NOT NULL,
        handler_key           TEXT,
        created_at            TEXT NOT NULL,
        updated_at            TEXT NOT NULL,
        UNIQUE (school, case_number)
    );
    CREATE INDEX report_reporter ON report (reporter_key, created_at);
    CREATE TABLE audit (
        id         INTEGER PRIMARY KEY AUTOINCREMENT,
        report_id  TEXT REFERENCES report (id) ON DELETE CASCADE,
        actor_key  TEXT NOT NULL,
        action     TEXT NOT NULL,
        accepted   INTEGER NOT NULL,
        detail     TEXT NOT NULL,
        at         TEXT NOT NULL
    );
    CREATE INDEX audit_report ON audit (report_id, id);
    CREATE TABLE outbox (
        id               INTEGER PRIMARY KEY AUTOINCREMENT,
        conversation_key TEXT NOT NULL,
        message          TEXT NOT NULL,
        status           TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'dead')),
        attempts         INTEGER NOT NULL,
        next_attempt_at  TEXT NOT NULL,
        last_error       TEXT,
        created_at       TEXT NOT NULL
    );
    CREATE INDEX outbox_pending ON outbox (conversation_key, id) WHERE status = 'pending';
    """,
    # 3: leadership channels, escalation threads, card tokens, the case log
    """
    CREATE TABLE leadership_channel (
        school        TEXT NOT NULL,
        route         TEXT NOT NULL,
        conversation  TEXT NOT NULL,
        team_id       TEXT,
        registered_by TEXT NOT NULL,
        registered_at TEXT NOT NULL,
        PRIMARY KEY (school, route)
    );
    CREATE TABLE escalation_thread (
        report_id    TEXT NOT NULL REFERENCES report (id) ON DELETE CASCADE,
        route        TEXT NOT NULL,
        conversation TEXT NOT NULL,
        activity_id  TEXT NOT NULL,
        created_at   TEXT NOT NULL,
        PRIMARY KEY (report_id, route)
    );
    CREATE TABLE case_card (
        report_id TEXT PRIMARY KEY REFERENCES report (id) ON DELETE CASCADE,
        version   INTEGER NOT NULL,
        token     TEXT NOT NULL
    );
    CREATE TABLE case_entry (
        id         INTEGER PRIMARY KEY AUTOINCREMENT,
        report_id  TEXT NOT NULL REFERENCES report (id) ON DELETE CASCADE,
        kind       TEXT NOT NULL CHECK (kind IN ('notitie', 'vraag', 'antwoord', 'afsluiting')),
        author_key TEXT NOT NULL,
        text       TEXT NOT NULL,
        code       TEXT,
        token      TEXT,
        reply_to   INTEGER REFERENCES case_entry (id) ON DELETE CASCADE,
        answered   INTEGER NOT NULL DEFAULT 0,
        at         TEXT NOT NULL
    );
    CREATE INDEX case_entry_report ON case_entry (report_id, id);
    """,
    # 4: report forms (idempotency tokens), screenshots with their case, purge lookups
    """
    CREATE TABLE report_form (
        token      TEXT PRIMARY KEY,
        user_key   TEXT NOT NULL,
        school     TEXT NOT NULL,
        created_at TEXT NOT NULL,
        report_id  TEXT REFERENCES report (id) ON DELETE CASCADE
    );
    CREATE INDEX report_form_unused ON report_form (created_at) WHERE report_id IS NULL;
    CREATE TABLE report_attachment (
        id           INTEGER PRIMARY KEY AUTOINCREMENT,
        report_id    TEXT NOT NULL REFERENCES report (id) ON DELETE CASCADE,
        uploader_key TEXT NOT NULL,
        content_type TEXT NOT NULL
                     CHECK (content_type IN ('image/png', 'image/jpeg', 'image/gif', 'image/webp')),
        width        INTEGER NOT NULL,
        height       INTEGER NOT NULL,
        size         INTEGER NOT NULL,
        data         BLOB NOT NULL,
        created_at   TEXT NOT NULL
    );
    CREATE INDEX report_attachment_report ON report_attachment (report_id, id);
    CREATE INDEX report_closed ON report (status, updated_at);
    CREATE INDEX report_school_created ON report (school, created_at);
    """,
    # 5: questions forwarded to the school's leadership, their audit entries
    """
    CREATE TABLE question_counter (
        school TEXT NOT NULL,
        year   INTEGER NOT NULL,
        last   INTEGER NOT NULL,
        PRIMARY KEY (school, year)
    );
    CREATE TABLE forwarded_question (
        id                  TEXT PRIMARY KEY,
        idempotency_key     TEXT NOT NULL UNIQUE,
        school              TEXT NOT NULL,
        number              TEXT NOT NULL,
        role                TEXT NOT NULL,
        question            TEXT NOT NULL,
        asker_key           TEXT NOT NULL,
        asker_conversation  TEXT NOT NULL,
        status              TEXT NOT NULL CHECK (status IN ('open', 'answered')),
        card_token          TEXT NOT NULL,
        thread_conversation TEXT,
        thread_activity_id  TEXT,
        answer              TEXT,
        answered_by         TEXT,
        answered_at         TEXT,
        created_at          TEXT NOT NULL,
        updated_at          TEXT NOT NULL,
        UNIQUE (school, number)
    );
    CREATE INDEX forwarded_question_asker ON forwarded_question (asker_key, created_at);
    CREATE INDEX forwarded_question_changed ON forwarded_question (school, updated_at);
    ALTER TABLE audit ADD COLUMN question_id TEXT REFERENCES forwarded_question (id) ON DELETE CASCADE;
    CREATE INDEX audit_question ON audit (question_id, id);
    """,
    # 6: issued answers and waiting questions (shared by every instance), who holds an outbox claim
    """
    CREATE TABLE issued_answer (
        token     TEXT PRIMARY KEY,
        user_key  TEXT NOT NULL,
        school    TEXT NOT NULL,
        role      TEXT NOT NULL,
        question  TEXT NOT NULL,
        sources   TEXT NOT NULL,
        verdict   TEXT NOT NULL,
        issued_at TEXT NOT NULL
    );
    CREATE INDEX issued_answer_user ON issued_answer (user_key, issued_at);
    CREATE INDEX issued_answer_issued ON issued_answer (issued_at);
    CREATE TABLE pending_question (
        user_key TEXT PRIMARY KEY,
        question TEXT NOT NULL,
        asked_at TEXT NOT NULL
    );
    CREATE INDEX pending_question_asked ON pending_question (asked_at);
    ALTER TABLE outbox ADD COLUMN claimed_by TEXT;
    CREATE INDEX outbox_unsent ON outbox (status, created_at) WHERE status IN ('pending', 'dead');
    """,
    # 7: the reporter's name as Teams gives it, kept only when they chose to be known to the leadership;
    # the vote cast on an issued answer, so pressing 👍 or 👎 again changes it (on any instance)
    """
    ALTER TABLE report ADD COLUMN reporter_name TEXT;
    ALTER TABLE issued_answer ADD COLUMN feedback_id INTEGER REFERENCES feedback (id) ON DELETE SET NULL;
    """,
    # 8: the daily reminder on a case nobody touched (the last day it was sent); questions the protocol could
    # not answer, for the school's protocol review (school, role, text, month: no user, no time of day), and
    # the link from an issued answer to it while the answer lives, so `erase --user` can find it
    """
    CREATE TABLE case_reminder (
        report_id TEXT PRIMARY KEY REFERENCES report (id) ON DELETE CASCADE,
        day       TEXT NOT NULL
    );
    CREATE TABLE unanswered_question (
        id       INTEGER PRIMARY KEY AUTOINCREMENT,
        school   TEXT NOT NULL,
        role     TEXT NOT NULL,
        question TEXT NOT NULL,
        month    TEXT NOT NULL
    );
    CREATE INDEX unanswered_question_school ON unanswered_question (school, month);
    CREATE INDEX unanswered_question_month ON unanswered_question (month);
    CREATE INDEX feedback_school_at ON feedback (school, at);
    ALTER TABLE issued_answer ADD COLUMN unanswered_id INTEGER
        REFERENCES unanswered_question (id) ON DELETE SET NULL;
    """,
    # 9: "Meld dit bericht": the reported Teams message (JSON), on the form the dialog was opened with and
    # on the report made from it
    """
    ALTER TABLE report_form ADD COLUMN message TEXT;
    ALTER TABLE report ADD COLUMN message TEXT;
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
    # 2: incident reports, their audit trail, the outbox
    """
    CREATE TABLE case_counter (
        school TEXT NOT NULL,
        year   INTEGER NOT NULL,
        last   INTEGER NOT NULL,
        PRIMARY KEY (school, year)
    );
    CREATE TABLE report (
        id                    UUID PRIMARY KEY,
        idempotency_key       TEXT NOT NULL UNIQUE,
        school                TEXT NOT NULL,
        case_number           TEXT NOT NULL,
        category              TEXT NOT NULL,
        description           TEXT NOT NULL,
        platform              TEXT,
        happened              TEXT,
        involved              TEXT,
        in_danger             BOOLEAN NOT NULL,
        anonymous             BOOLEAN NOT NULL,
        reporter_key          TEXT NOT NULL,
        reporter_conversation JSONB NOT NULL,
        status                TEXT NOT NULL CHECK (status IN ('nieuw', 'opgepakt', 'afgesloten')),
        version               INTEGER NOT NULL,
        handler_key           TEXT,
        created_at            TIMESTAMPTZ NOT NULL,
        updated_at            TIMESTAMPTZ NOT NULL,
        UNIQUE (school, case_number)
    );
    CREATE INDEX report_reporter ON report (reporter_key, created_at);
    CREATE TABLE audit (
        id         BIGSERIAL PRIMARY KEY,
        report_id  UUID REFERENCES report (id) ON DELETE CASCADE,
        actor_key  TEXT NOT NULL,
        action     TEXT NOT NULL,
        accepted   BOOLEAN NOT NULL,
        detail     JSONB NOT NULL,
        at         TIMESTAMPTZ NOT NULL
    );
    CREATE INDEX audit_report ON audit (report_id, id);
    CREATE TABLE outbox (
        id               BIGSERIAL PRIMARY KEY,
        conversation_key TEXT NOT NULL,
        message          JSONB NOT NULL,
        status           TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'dead')),
        attempts         INTEGER NOT NULL,
        next_attempt_at  TIMESTAMPTZ NOT NULL,
        last_error       TEXT,
        created_at       TIMESTAMPTZ NOT NULL
    );
    CREATE INDEX outbox_pending ON outbox (conversation_key, id) WHERE status = 'pending';
    """,
    # 3: leadership channels, escalation threads, card tokens, the case log
    """
    CREATE TABLE leadership_channel (
        school        TEXT NOT NULL,
        route         TEXT NOT NULL,
        conversation  JSONB NOT NULL,
        team_id       TEXT,
        registered_by TEXT NOT NULL,
        registered_at TIMESTAMPTZ NOT NULL,
        PRIMARY KEY (school, route)
    );
    CREATE TABLE escalation_thread (
        report_id    UUID NOT NULL REFERENCES report (id) ON DELETE CASCADE,
        route        TEXT NOT NULL,
        conversation JSONB NOT NULL,
        activity_id  TEXT NOT NULL,
        created_at   TIMESTAMPTZ NOT NULL,
        PRIMARY KEY (report_id, route)
    );
    CREATE TABLE case_card (
        report_id UUID PRIMARY KEY REFERENCES report (id) ON DELETE CASCADE,
        version   INTEGER NOT NULL,
        token     TEXT NOT NULL
    );
    CREATE TABLE case_entry (
        id         BIGSERIAL PRIMARY KEY,
        report_id  UUID NOT NULL REFERENCES report (id) ON DELETE CASCADE,
        kind       TEXT NOT NULL CHECK (kind IN ('notitie', 'vraag', 'antwoord', 'afsluiting')),
        author_key TEXT NOT NULL,
        text       TEXT NOT NULL,
        code       TEXT,
        token      TEXT,
        reply_to   BIGINT REFERENCES case_entry (id) ON DELETE CASCADE,
        answered   BOOLEAN NOT NULL DEFAULT FALSE,
        at         TIMESTAMPTZ NOT NULL
    );
    CREATE INDEX case_entry_report ON case_entry (report_id, id);
    """,
    # 4: report forms (idempotency tokens), screenshots with their case, purge lookups
    """
    CREATE TABLE report_form (
        token      TEXT PRIMARY KEY,
        user_key   TEXT NOT NULL,
        school     TEXT NOT NULL,
        created_at TIMESTAMPTZ NOT NULL,
        report_id  UUID REFERENCES report (id) ON DELETE CASCADE
    );
    CREATE INDEX report_form_unused ON report_form (created_at) WHERE report_id IS NULL;
    CREATE TABLE report_attachment (
        id           BIGSERIAL PRIMARY KEY,
        report_id    UUID NOT NULL REFERENCES report (id) ON DELETE CASCADE,
        uploader_key TEXT NOT NULL,
        content_type TEXT NOT NULL
                     CHECK (content_type IN ('image/png', 'image/jpeg', 'image/gif', 'image/webp')),
        width        INTEGER NOT NULL,
        height       INTEGER NOT NULL,
        size         INTEGER NOT NULL,
        data         BYTEA NOT NULL,
        created_at   TIMESTAMPTZ NOT NULL
    );
    CREATE INDEX report_attachment_report ON report_attachment (report_id, id);
    CREATE INDEX report_closed ON report (status, updated_at);
    CREATE INDEX report_school_created ON report (school, created_at);
    CREATE INDEX outbox_report ON outbox ((message->>'report_id'));
    """,
    # 5: questions forwarded to the school's leadership, their audit entries
    """
    CREATE TABLE question_counter (
        school TEXT NOT NULL,
        year   INTEGER NOT NULL,
        last   INTEGER NOT NULL,
        PRIMARY KEY (school, year)
    );
    CREATE TABLE forwarded_question (
        id                  UUID PRIMARY KEY,
        idempotency_key     TEXT NOT NULL UNIQUE,
        school              TEXT NOT NULL,
        number              TEXT NOT NULL,
        role                TEXT NOT NULL,
        question            TEXT NOT NULL,
        asker_key           TEXT NOT NULL,
        asker_conversation  JSONB NOT NULL,
        status              TEXT NOT NULL CHECK (status IN ('open', 'answered')),
        card_token          TEXT NOT NULL,
        thread_conversation JSONB,
        thread_activity_id  TEXT,
        answer              TEXT,
        answered_by         TEXT,
        answered_at         TIMESTAMPTZ,
        created_at          TIMESTAMPTZ NOT NULL,
        updated_at          TIMESTAMPTZ NOT NULL,
        UNIQUE (school, number)
    );
    CREATE INDEX forwarded_question_asker ON forwarded_question (asker_key, created_at);
    CREATE INDEX forwarded_question_changed ON forwarded_question (school, updated_at);
    ALTER TABLE audit ADD COLUMN question_id UUID REFERENCES forwarded_question (id) ON DELETE CASCADE;
    CREATE INDEX audit_question ON audit (question_id, id);
    CREATE INDEX outbox_question ON outbox ((message->>'question_id'));
    """,
    # 6: issued answers and waiting questions (shared by every instance), who holds an outbox claim
    """
    CREATE TABLE issued_answer (
        token     TEXT PRIMARY KEY,
        user_key  TEXT NOT NULL,
        school    TEXT NOT NULL,
        role      TEXT NOT NULL,
        question  TEXT NOT NULL,
        sources   JSONB NOT NULL,
        verdict   TEXT NOT NULL,
        issued_at TIMESTAMPTZ NOT NULL
    );
    CREATE INDEX issued_answer_user ON issued_answer (user_key, issued_at);
    CREATE INDEX issued_answer_issued ON issued_answer (issued_at);
    CREATE TABLE pending_question (
        user_key TEXT PRIMARY KEY,
        question TEXT NOT NULL,
        asked_at TIMESTAMPTZ NOT NULL
    );
    CREATE INDEX pending_question_asked ON pending_question (asked_at);
    ALTER TABLE outbox ADD COLUMN claimed_by TEXT;
    CREATE INDEX outbox_unsent ON outbox (status, created_at) WHERE status IN ('pending', 'dead');
    """,
    # 7: the reporter's name as Teams gives it, kept only when they chose to be known to the leadership;
    # the vote cast on an issued answer, so pressing 👍 or 👎 again changes it (on any instance)
    """
    ALTER TABLE report ADD COLUMN reporter_name TEXT;
    ALTER TABLE issued_answer ADD COLUMN feedback_id BIGINT REFERENCES feedback (id) ON DELETE SET NULL;
    """,
    # 8: the daily reminder on a case nobody touched (the last day it was sent); questions the protocol could
    # not answer, for the school's protocol review (school, role, text, month: no user, no time of day), and
    # the link from an issued answer to it while the answer lives, so `erase --user` can find it
    """
    CREATE TABLE case_reminder (
        report_id UUID PRIMARY KEY REFERENCES report (id) ON DELETE CASCADE,
        day       DATE NOT NULL
    );
    CREATE TABLE unanswered_question (
        id       BIGSERIAL PRIMARY KEY,
        school   TEXT NOT NULL,
        role     TEXT NOT NULL,
        question TEXT NOT NULL,
        month    TEXT NOT NULL
    );
    CREATE INDEX unanswered_question_school ON unanswered_question (school, month);
    CREATE INDEX unanswered_question_month ON unanswered_question (month);
    CREATE INDEX feedback_school_at ON feedback (school, at);
    ALTER TABLE issued_answer ADD COLUMN unanswered_id BIGINT
        REFERENCES unanswered_question (id) ON DELETE SET NULL;
    """,
    # 9: "Meld dit bericht": the reported Teams message (JSON), on the form the dialog was opened with and
    # on the report made from it
    """
    ALTER TABLE report_form ADD COLUMN message JSONB;
    ALTER TABLE report ADD COLUMN message JSONB;
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
