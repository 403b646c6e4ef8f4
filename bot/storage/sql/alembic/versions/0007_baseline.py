"""Baseline: the schema as the hand-written migrations left it at their version 7.

A database made by those migrations (table `schema_version` at 7) is stamped with this revision instead of
running it (`bot/storage/sql/migrate.py`). Never edit this file: add a revision after it.
"""

from __future__ import annotations

from alembic import op

revision = "0007"
down_revision = None
branch_labels = None
depends_on = None

COMMON = """
CREATE TABLE profile (
    user_key    TEXT PRIMARY KEY,
    tenant_id   TEXT NOT NULL,
    school      TEXT,
    role        TEXT,
    role_source TEXT,
    updated_at  {moment} NOT NULL
);
CREATE TABLE feedback (
    id       {serial},
    school   TEXT NOT NULL,
    role     TEXT NOT NULL,
    question TEXT NOT NULL,
    sources  {json} NOT NULL,
    verdict  TEXT NOT NULL,
    useful   {flag} NOT NULL,
    at       {moment} NOT NULL
);
CREATE TABLE feedback_article (
    feedback_id {bigint} NOT NULL REFERENCES feedback (id) ON DELETE CASCADE,
    school      TEXT NOT NULL,
    article     TEXT NOT NULL,
    useful      {flag} NOT NULL,
    PRIMARY KEY (feedback_id, article)
);
CREATE INDEX feedback_article_school ON feedback_article (school, article);
CREATE TABLE case_counter (
    school TEXT NOT NULL,
    year   INTEGER NOT NULL,
    last   INTEGER NOT NULL,
    PRIMARY KEY (school, year)
);
CREATE TABLE report (
    id                    {uuid} PRIMARY KEY,
    idempotency_key       TEXT NOT NULL UNIQUE,
    school                TEXT NOT NULL,
    case_number           TEXT NOT NULL,
    category              TEXT NOT NULL,
    description           TEXT NOT NULL,
    platform              TEXT,
    happened              TEXT,
    involved              TEXT,
    in_danger             {flag} NOT NULL,
    anonymous             {flag} NOT NULL,
    reporter_key          TEXT NOT NULL,
    reporter_conversation {json} NOT NULL,
    status                TEXT NOT NULL CHECK (status IN ('nieuw', 'opgepakt', 'afgesloten')),
    version               INTEGER NOT NULL,
    handler_key           TEXT,
    created_at            {moment} NOT NULL,
    updated_at            {moment} NOT NULL,
    reporter_name         TEXT,
    UNIQUE (school, case_number)
);
CREATE INDEX report_reporter ON report (reporter_key, created_at);
CREATE INDEX report_closed ON report (status, updated_at);
CREATE INDEX report_school_created ON report (school, created_at);
CREATE TABLE question_counter (
    school TEXT NOT NULL,
    year   INTEGER NOT NULL,
    last   INTEGER NOT NULL,
    PRIMARY KEY (school, year)
);
CREATE TABLE forwarded_question (
    id                  {uuid} PRIMARY KEY,
    idempotency_key     TEXT NOT NULL UNIQUE,
    school              TEXT NOT NULL,
    number              TEXT NOT NULL,
    role                TEXT NOT NULL,
    question            TEXT NOT NULL,
    asker_key           TEXT NOT NULL,
    asker_conversation  {json} NOT NULL,
    status              TEXT NOT NULL CHECK (status IN ('open', 'answered')),
    card_token          TEXT NOT NULL,
    thread_conversation {json},
    thread_activity_id  TEXT,
    answer              TEXT,
    answered_by         TEXT,
    answered_at         {moment},
    created_at          {moment} NOT NULL,
    updated_at          {moment} NOT NULL,
    UNIQUE (school, number)
);
CREATE INDEX forwarded_question_asker ON forwarded_question (asker_key, created_at);
CREATE INDEX forwarded_question_changed ON forwarded_question (school, updated_at);
CREATE TABLE audit (
    id          {serial},
    report_id   {uuid} REFERENCES report (id) ON DELETE CASCADE,
    actor_key   TEXT NOT NULL,
    action      TEXT NOT NULL,
    accepted    {flag} NOT NULL,
    detail      {json} NOT NULL,
    at          {moment} NOT NULL,
    question_id {uuid} REFERENCES forwarded_question (id) ON DELETE CASCADE
);
CREATE INDEX audit_report ON audit (report_id, id);
CREATE INDEX audit_question ON audit (question_id, id);
CREATE TABLE outbox (
    id               {serial},
    conversation_key TEXT NOT NULL,
    message          {json} NOT NULL,
    status           TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'dead')),
    attempts         INTEGER NOT NULL,
    next_attempt_at  {moment} NOT NULL,
    last_error       TEXT,
    created_at       {moment} NOT NULL,
    claimed_by       TEXT
);
CREATE INDEX outbox_pending ON outbox (conversation_key, id) WHERE status = 'pending';
CREATE INDEX outbox_unsent ON outbox (status, created_at) WHERE status IN ('pending', 'dead');
CREATE TABLE leadership_channel (
    school        TEXT NOT NULL,
    route         TEXT NOT NULL,
    conversation  {json} NOT NULL,
    team_id       TEXT,
    registered_by TEXT NOT NULL,
    registered_at {moment} NOT NULL,
    PRIMARY KEY (school, route)
);
CREATE TABLE escalation_thread (
    report_id    {uuid} NOT NULL REFERENCES report (id) ON DELETE CASCADE,
    route        TEXT NOT NULL,
    conversation {json} NOT NULL,
    activity_id  TEXT NOT NULL,
    created_at   {moment} NOT NULL,
    PRIMARY KEY (report_id, route)
);
CREATE TABLE case_card (
    report_id {uuid} PRIMARY KEY REFERENCES report (id) ON DELETE CASCADE,
    version   INTEGER NOT NULL,
    token     TEXT NOT NULL
);
CREATE TABLE case_entry (
    id         {serial},
    report_id  {uuid} NOT NULL REFERENCES report (id) ON DELETE CASCADE,
    kind       TEXT NOT NULL CHECK (kind IN ('notitie', 'vraag', 'antwoord', 'afsluiting')),
    author_key TEXT NOT NULL,
    text       TEXT NOT NULL,
    code       TEXT,
    token      TEXT,
    reply_to   {bigint} REFERENCES case_entry (id) ON DELETE CASCADE,
    answered   {flag} NOT NULL DEFAULT {false},
    at         {moment} NOT NULL
);
CREATE INDEX case_entry_report ON case_entry (report_id, id);
CREATE TABLE report_form (
    token      TEXT PRIMARY KEY,
    user_key   TEXT NOT NULL,
    school     TEXT NOT NULL,
    created_at {moment} NOT NULL,
    report_id  {uuid} REFERENCES report (id) ON DELETE CASCADE
);
CREATE INDEX report_form_unused ON report_form (created_at) WHERE report_id IS NULL;
CREATE TABLE report_attachment (
    id           {serial},
    report_id    {uuid} NOT NULL REFERENCES report (id) ON DELETE CASCADE,
    uploader_key TEXT NOT NULL,
    content_type TEXT NOT NULL
                 CHECK (content_type IN ('image/png', 'image/jpeg', 'image/gif', 'image/webp')),
    width        INTEGER NOT NULL,
    height       INTEGER NOT NULL,
    size         INTEGER NOT NULL,
    data         {bytes} NOT NULL,
    created_at   {moment} NOT NULL
);
CREATE INDEX report_attachment_report ON report_attachment (report_id, id);
CREATE TABLE issued_answer (
    token       TEXT PRIMARY KEY,
    user_key    TEXT NOT NULL,
    school      TEXT NOT NULL,
    role        TEXT NOT NULL,
    question    TEXT NOT NULL,
    sources     {json} NOT NULL,
    verdict     TEXT NOT NULL,
    issued_at   {moment} NOT NULL,
    feedback_id {bigint} REFERENCES feedback (id) ON DELETE SET NULL
);
CREATE INDEX issued_answer_user ON issued_answer (user_key, issued_at);
CREATE INDEX issued_answer_issued ON issued_answer (issued_at);
CREATE TABLE pending_question (
    user_key TEXT PRIMARY KEY,
    question TEXT NOT NULL,
    asked_at {moment} NOT NULL
);
CREATE INDEX pending_question_asked ON pending_question (asked_at)
"""
# Erasing a case or a question deletes its outbox messages by the id inside the message.
POSTGRES_ONLY = """
CREATE INDEX outbox_report ON outbox ((message->>'report_id'));
CREATE INDEX outbox_question ON outbox ((message->>'question_id'))
"""
TYPES = {
    "sqlite": {
        "moment": "TEXT",
        "json": "TEXT",
        "uuid": "TEXT",
        "flag": "INTEGER",
        "false": "0",
        "bigint": "INTEGER",
        "bytes": "BLOB",
        "serial": "INTEGER PRIMARY KEY AUTOINCREMENT",
    },
    "postgresql": {
        "moment": "TIMESTAMPTZ",
        "json": "JSONB",
        "uuid": "UUID",
        "flag": "BOOLEAN",
        "false": "FALSE",
        "bigint": "BIGINT",
        "bytes": "BYTEA",
        "serial": "BIGSERIAL PRIMARY KEY",
    },
}


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    script = COMMON.format(**TYPES[dialect]) + (";" + POSTGRES_ONLY if dialect == "postgresql" else "")
    for statement in script.split(";"):
        op.execute(statement.strip())


def downgrade() -> None:
    raise NotImplementedError("the baseline is not undone")
