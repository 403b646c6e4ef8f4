"""Protocol insights as data: per topic (the article an answer voted 👎 cited first, or "niet gedekt" for a
question the protocol could not answer) and month, the counts and the question texts — identical texts
once, with how often and by which roles they were asked. Never who asked: the store does not know.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from bot.insights.model import UnansweredQuestion, add_months, month_of, month_start
from bot.storage import Store
from bot.storage.models import Feedback

NOT_COVERED = "niet gedekt"
Kind = Literal["unanswered", "thumbs_down"]


@dataclass(frozen=True)
class Asked:
    """One question text as asked in a month, of one kind, and by which roles (sorted)."""

    text: str
    kind: Kind
    count: int
    roles: tuple[str, ...]


@dataclass(frozen=True)
class MonthGroup:
    month: str  # "2026-03"
    unanswered: int
    thumbs_down: int
    questions: tuple[Asked, ...]  # the most asked first


@dataclass(frozen=True)
class TopicGroup:
    topic: str  # a full article id ("de-breul:E.7") or NOT_COVERED
    months: tuple[MonthGroup, ...]  # oldest first

    @property
    def unanswered(self) -> int:
        return sum(month.unanswered for month in self.months)

    @property
    def thumbs_down(self) -> int:
        return sum(month.thumbs_down for month in self.months)


@dataclass(frozen=True)
class Insights:
    school: str
    first_month: str
    last_month: str
    topics: tuple[TopicGroup, ...]  # "niet gedekt" first, then the most counted

    @property
    def unanswered(self) -> int:
        return sum(topic.unanswered for topic in self.topics)

    @property
    def thumbs_down(self) -> int:
        return sum(topic.thumbs_down for topic in self.topics)


def last_twelve_months(now: datetime) -> tuple[str, str]:
    """The current month and the eleven before it: a year for the yearly protocol review."""
    last = month_of(now)
    return add_months(last, -11), last


async def load(store: Store, school: str, first_month: str, last_month: str) -> Insights:
    """The school's insights for the months `first_month`..`last_month` (inclusive)."""
    questions = await store.insights.unanswered(school, first_month, last_month)
    votes = await store.insights.votes_down(
        school, month_start(first_month), month_start(add_months(last_month, 1))
    )
    return insights(school, first_month, last_month, questions, votes)


def insights(
    school: str, first_month: str, last_month: str, questions: list[UnansweredQuestion], votes: list[Feedback]
) -> Insights:
    rows: list[tuple[str, str, Kind, str, str]] = [  # topic, month, kind, text, role
        (NOT_COVERED, q.month, "unanswered", q.question, q.role) for q in questions
    ]
    rows += [(_topic(vote), month_of(vote.at), "thumbs_down", vote.question, vote.role) for vote in votes]
    by_topic: dict[str, dict[str, list[tuple[Kind, str, str]]]] = defaultdict(lambda: defaultdict(list))
    for topic, month, kind, text, role in rows:
        by_topic[topic][month].append((kind, text, role))
    topics = [
        TopicGroup(topic, tuple(_month(month, asked) for month, asked in sorted(months.items())))
        for topic, months in by_topic.items()
    ]
    topics.sort(key=lambda g: (g.topic != NOT_COVERED, -(g.unanswered + g.thumbs_down), g.topic))
    return Insights(school, first_month, last_month, tuple(topics))


def _topic(vote: Feedback) -> str:
    """The article the answer cited first; an answer without one was the protocol's "niet gedekt"."""
    return vote.sources[0] if vote.sources else NOT_COVERED


def _month(month: str, asked: list[tuple[Kind, str, str]]) -> MonthGroup:
    same: dict[tuple[Kind, str], list[str]] = defaultdict(list)
    shown: dict[tuple[Kind, str], str] = {}
    for kind, text, role in asked:
        key = (kind, " ".join(text.lower().split()))  # the same question, however it was spaced or cased
        same[key].append(role)
        shown.setdefault(key, text.strip())
    questions = [
        Asked(shown[key], key[0], len(roles), tuple(sorted(set(roles)))) for key, roles in same.items()
    ]
    questions.sort(key=lambda a: (-a.count, a.kind, a.text.lower()))
    return MonthGroup(
        month=month,
        unanswered=sum(kind == "unanswered" for kind, _, _ in asked),
        thumbs_down=sum(kind == "thumbs_down" for kind, _, _ in asked),
        questions=tuple(questions),
    )


def as_json(found: Insights) -> dict[str, Any]:
    """For `python -m bot insights`: every question text, counts, no person."""
    return {
        "school": found.school,
        "from": found.first_month,
        "to": found.last_month,
        "unanswered": found.unanswered,
        "thumbs_down": found.thumbs_down,
        "topics": [
            {
                "topic": topic.topic,
                "unanswered": topic.unanswered,
                "thumbs_down": topic.thumbs_down,
                "months": [
                    {
                        "month": month.month,
                        "unanswered": month.unanswered,
                        "thumbs_down": month.thumbs_down,
                        "questions": [
                            {"text": a.text, "kind": a.kind, "count": a.count, "roles": list(a.roles)}
                            for a in month.questions
                        ],
                    }
                    for month in topic.months
                ],
            }
            for topic in found.topics
        ],
    }
