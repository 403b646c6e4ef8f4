"""The protocol insights for the school's leaders (`inzichten`): numbers in the channel; the questions —
per topic and month, with counts and roles, never who asked — only for the leader who presses *Toon de
vragen* (the invoke response) or asks in a personal chat. Question texts are shown literally."""

from __future__ import annotations

from collections.abc import Mapping

from bot.insights.report import NOT_COVERED, Asked, Insights, MonthGroup, TopicGroup
from bot.texts import t, tn
from cards.elements import Json, card, container, execute, fact_set, heading, text_block
from cards.ids import Verb
from cards.literal import literal

TEXTS_PER_MONTH = 5
TEXTS_SHOWN = 60  # with 200 characters each, the card stays far below Teams' limit
TEXT_CHARS = 200


def month_name(month: str) -> str:
    """`maart 2026`."""
    year, number = month.split("-")
    return f"{t(f'month.{number}')} {year}"


def insights_card(
    found: Insights, school_name: str, titles: Mapping[str, str] | None = None, *, show_list: bool = False
) -> Json:
    """`titles`: a short text per article id, to name a topic by more than its number."""
    period = t("insights.period", first=month_name(found.first_month), last=month_name(found.last_month))
    body: list[Json] = [
        heading(t("insights.title", school=literal(school_name, 80))),
        text_block(period, isSubtle=True, spacing="None"),
        fact_set(
            [
                (t("insights.fact.unanswered"), str(found.unanswered)),
                (t("insights.fact.thumbs_down"), str(found.thumbs_down)),
                (t("insights.fact.topics"), str(len(found.topics))),
            ]
        ),
        text_block(t("insights.anonymous"), isSubtle=True, size="Small"),
    ]
    if not found.topics:
        body.append(text_block(t("insights.none")))
        return card(body, "nl", summary=t("insights.summary"))
    if not show_list:
        body.append(text_block(t("insights.private_hint"), isSubtle=True, size="Small"))
        return card(body, "nl", [_button(found, "insights.button.show", True)], summary=t("insights.summary"))
    body.append(text_block(t("insights.list.heading"), weight="Bolder", separator=True, spacing="Medium"))
    budget = TEXTS_SHOWN
    for topic in found.topics:
        items, budget = _topic(topic, titles or {}, budget)
        body.append(container(items, spacing="Medium"))
    left = sum(len(m.questions) for topic in found.topics for m in topic.months) - (TEXTS_SHOWN - budget)
    if left > 0:
        body.append(text_block(t("insights.more", count=left), isSubtle=True, size="Small"))
    return card(body, "nl", [_button(found, "insights.button.hide", False)], summary=t("insights.summary"))


def _button(found: Insights, title: str, show_list: bool) -> Json:
    return execute(t(title), Verb.INSIGHTS, {"school": found.school, "show_list": show_list})


def _topic(topic: TopicGroup, titles: Mapping[str, str], budget: int) -> tuple[list[Json], int]:
    if topic.topic == NOT_COVERED:
        name = t("insights.topic.uncovered")
    else:
        name = t("insights.topic.article", article=topic.topic.split(":", 1)[-1])
        if topic.topic in titles:
            name += f" · {literal(titles[topic.topic], 80)}"
    items: list[Json] = [text_block(name, weight="Bolder")]
    for month in topic.months:
        items.append(text_block(t("insights.month", month=month_name(month.month), counts=_counts(month)),
                                size="Small", spacing="Small"))  # fmt: skip
        shown = month.questions[: min(TEXTS_PER_MONTH, budget)]
        budget -= len(shown)
        items.extend(text_block(_question(asked), size="Small", spacing="None") for asked in shown)
    return items, budget


def _counts(month: MonthGroup) -> str:
    parts = []
    if month.unanswered:
        parts.append(tn("insights.count.unanswered", month.unanswered))
    if month.thumbs_down:
        parts.append(tn("insights.count.down", month.thumbs_down))
    return ", ".join(parts)


def _question(asked: Asked) -> str:
    roles = ", ".join(t(f"role.{role}").lower() for role in asked.roles)
    text = literal(asked.text, TEXT_CHARS)
    if asked.count == 1:
        line = t("insights.question.once", text=text, roles=roles)
    else:
        line = t("insights.question.more", text=text, count=asked.count, roles=roles)
    return t("insights.question.down", question=line) if asked.kind == "thumbs_down" else line
