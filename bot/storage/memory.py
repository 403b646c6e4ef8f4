"""An in-memory Store for tests: the same semantics as the database backends, nothing persisted."""

from __future__ import annotations

import itertools
from collections import Counter

from bot.storage.base import (
    Feedback,
    FeedbackStore,
    LeadershipStore,
    OutboxStore,
    Profile,
    ProfileStore,
    ReportStore,
    as_utc,
)
from bot.storage.conversation import ConversationStore
from bot.storage.insights import InsightStore
from bot.storage.memory_conversation import MemoryConversationStore
from bot.storage.memory_insights import MemoryInsightStore
from bot.storage.memory_leadership import MemoryLeadershipStore
from bot.storage.memory_outbox import MemoryOutboxStore
from bot.storage.memory_overview import MemoryOverviewStore
from bot.storage.memory_questions import MemoryQuestionStore
from bot.storage.memory_reporting import MemoryReportingStore
from bot.storage.memory_reports import MemoryReportStore, MemoryTables
from bot.storage.overview import OverviewStore
from bot.storage.questions import QuestionStore
from bot.storage.reporting import ReportingStore


class MemoryProfileStore:
    def __init__(self) -> None:
        self._profiles: dict[str, Profile] = {}

    async def get_profile(self, user_key: str) -> Profile | None:
        profile = self._profiles.get(user_key)
        return profile.model_copy(deep=True) if profile else None

    async def save_profile(self, profile: Profile) -> None:
        stored = profile.model_copy(deep=True, update={"updated_at": as_utc(profile.updated_at)})
        self._profiles[profile.user_key] = stored


class MemoryFeedbackStore:
    def __init__(self) -> None:
        self.rows: dict[int, Feedback] = {}  # by id, in the order cast
        self._ids = itertools.count(1)

    async def add_feedback(self, feedback: Feedback) -> None:
        self.insert(feedback)

    def insert(self, feedback: Feedback) -> int:
        """Store a vote; its id (for `MemoryConversationStore.vote`)."""
        feedback_id = next(self._ids)
        self.rows[feedback_id] = feedback.model_copy(deep=True, update={"at": as_utc(feedback.at)})
        return feedback_id

    def change(self, feedback_id: int, useful: bool) -> None:
        if feedback_id in self.rows:
            self.rows[feedback_id].useful = useful

    async def feedback_counts(self, school: str) -> list[tuple[str, int, int]]:
        useful: Counter[str] = Counter()
        not_useful: Counter[str] = Counter()
        for item in self.rows.values():
            if item.school != school:
                continue
            for article in set(item.sources):
                (useful if item.useful else not_useful)[article] += 1
        articles = sorted(useful.keys() | not_useful.keys())
        return [(article, useful[article], not_useful[article]) for article in articles]


class MemoryStore:
    """Everything in dicts and lists; a fresh instance per test."""

    def __init__(self) -> None:
        self.profiles: ProfileStore = MemoryProfileStore()
        feedback = MemoryFeedbackStore()
        self.feedback: FeedbackStore = feedback
        tables = MemoryTables()
        self.reports: ReportStore = MemoryReportStore(tables)
        self.outbox: OutboxStore = MemoryOutboxStore(tables)
        leadership = MemoryLeadershipStore(tables)
        self.leadership: LeadershipStore = leadership
        self.reporting: ReportingStore = MemoryReportingStore(tables, leadership)
        self.questions: QuestionStore = MemoryQuestionStore(tables)
        conversation = MemoryConversationStore(feedback)
        self.conversation: ConversationStore = conversation
        self.overview: OverviewStore = MemoryOverviewStore(tables)
        self.insights: InsightStore = MemoryInsightStore(feedback, conversation)
        self._closed = False

    async def ping(self) -> bool:
        return not self._closed

    async def close(self) -> None:
        self._closed = True
