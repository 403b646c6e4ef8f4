"""Storage errors the conversation layer maps to replies (never by message text)."""

from __future__ import annotations

from bot.errors import MagDitError


class StorageError(MagDitError):
    """Base of the errors a store raises on purpose."""


class ReportNotFoundError(StorageError):
    """No case with this id (a changed or forged case id)."""


class StaleVersionError(StorageError):
    """The case changed since the card was shown: optimistic concurrency said no."""


class IdempotencyConflictError(StorageError):
    """The idempotency key belongs to another reporter's submission (a replayed or forged token)."""


class QuestionClosedError(StorageError):
    """An answer to a question that was answered before or does not exist (a replayed or forged answer)."""


class QuestionNotFoundError(StorageError):
    """No forwarded question with this id (a changed or forged id, or erased meanwhile)."""
