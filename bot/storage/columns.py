"""Report, outbox and forwarded-question columns, the same in both SQL backends (schema: migrations.py)."""

from typing import Final

REPORT_COLUMNS: Final = (
    "id, school, case_number, category, description, platform, happened, involved, in_danger, anonymous,"
    " reporter_key, reporter_conversation, status, version, handler_key, created_at, updated_at,"
    " reporter_name, message"
)
OUTBOX_COLUMNS: Final = (
    "id, conversation_key, message, status, attempts, next_attempt_at, last_error, created_at, claimed_by"
)
QUESTION_COLUMNS: Final = (
    "id, school, number, role, question, asker_key, asker_conversation, status, card_token,"
    " thread_conversation, thread_activity_id, answer, answered_by, answered_at, created_at, updated_at"
)
# Built from the constant column lists above, never from input.
SELECT_REPORT: Final = f"SELECT {REPORT_COLUMNS} FROM report"  # noqa: S608
SELECT_QUESTION: Final = f"SELECT {QUESTION_COLUMNS} FROM forwarded_question"  # noqa: S608
SELECT_OUTBOX: Final = f"SELECT {OUTBOX_COLUMNS} FROM outbox"  # noqa: S608
