"""Meld dit bericht (the hand-written migrations' version 9): the reported Teams message, on the form the
dialog was opened with and on the report made from it."""

from __future__ import annotations

from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    document = "JSONB" if op.get_bind().dialect.name == "postgresql" else "TEXT"
    op.execute(f"ALTER TABLE report_form ADD COLUMN message {document}")
    op.execute(f"ALTER TABLE report ADD COLUMN message {document}")


def downgrade() -> None:
    raise NotImplementedError("migrations are not undone")
