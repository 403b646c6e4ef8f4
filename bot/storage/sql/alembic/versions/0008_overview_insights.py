"""The leaders' overview and the protocol insights (the hand-written migrations' version 8): the daily
reminder on a case nobody touched (the last day it was sent); questions the protocol could not answer
(school, role, text, month: no user, no time of day), and the link from an issued answer to one while the
answer lives, so `erase --user` can find it."""

from __future__ import annotations

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

SCRIPT = """
CREATE TABLE case_reminder (
    report_id {uuid} PRIMARY KEY REFERENCES report (id) ON DELETE CASCADE,
    day       {day} NOT NULL
);
CREATE TABLE unanswered_question (
    id       {serial},
    school   TEXT NOT NULL,
    role     TEXT NOT NULL,
    question TEXT NOT NULL,
    month    TEXT NOT NULL
);
CREATE INDEX unanswered_question_school ON unanswered_question (school, month);
CREATE INDEX unanswered_question_month ON unanswered_question (month);
CREATE INDEX feedback_school_at ON feedback (school, at);
ALTER TABLE issued_answer ADD COLUMN unanswered_id {bigint}
    REFERENCES unanswered_question (id) ON DELETE SET NULL
"""
TYPES = {
    "sqlite": {
        "uuid": "TEXT",
        "day": "TEXT",
        "serial": "INTEGER PRIMARY KEY AUTOINCREMENT",
        "bigint": "INTEGER",
    },
    "postgresql": {"uuid": "UUID", "day": "DATE", "serial": "BIGSERIAL PRIMARY KEY", "bigint": "BIGINT"},
}


def upgrade() -> None:
    for statement in SCRIPT.format(**TYPES[op.get_bind().dialect.name]).split(";"):
        op.execute(statement.strip())


def downgrade() -> None:
    raise NotImplementedError("migrations are not undone")
