"""The storage interface: domain models and the narrow async Protocols every backend implements.

Backends (memory, SQLite, PostgreSQL) live beside this module and pass the same contract tests.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Literal, Protocol

from pydantic import AwareDatetime, BaseModel, ConfigDict

from bot.protocol.model import Role


class Profile(BaseModel):
    """One Teams user: which school and role the bot answers for."""

    model_config = ConfigDict(extra="forbid")

    user_key: str  # the user's Entra object id (aadObjectId), else the Teams user id
    tenant_id: str
    school: str | None = None  # school slug, chosen once when a tenant hosts several schools
    role: Role | None = None
    role_source: Literal["asked", "graph"] | None = None
    updated_at: AwareDatetime


class Feedback(BaseModel):
    """A thumbs up or down on one answer; the question is stored, never logged."""

    model_config = ConfigDict(extra="forbid")

    school: str
    role: Role
    question: str
    sources: list[str]  # article ids of the answer
    verdict: str
    useful: bool
    at: AwareDatetime


class ProfileStore(Protocol):
    async def get_profile(self, user_key: str) -> Profile | None: ...

    async def save_profile(self, profile: Profile) -> None:
        """Insert or replace the profile with this user_key."""
        ...


class FeedbackStore(Protocol):
    async def add_feedback(self, feedback: Feedback) -> None: ...

    async def feedback_counts(self, school: str) -> list[tuple[str, int, int]]:
        """(article id, useful, not useful) per article cited in this school's feedback, sorted by id."""
        ...


class Store(Protocol):
    profiles: ProfileStore
    feedback: FeedbackStore

    async def ping(self) -> bool:
        """True when the backend answers (for /readyz); never raises."""
        ...

    async def close(self) -> None: ...


def as_utc(moment: datetime) -> datetime:
    """The same instant in UTC, so every backend returns identical datetimes."""
    return moment.astimezone(UTC)
