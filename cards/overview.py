"""The leaders' overview of the school's open cases (`overzicht`).

In the channel everyone sees the card, so it carries numbers only; the list — case number, category,
urgency, status, age and handler, exactly what each case's channel card shows, never report text or names
of pupils — is returned only to the leader who presses *Toon de lijst*, as the invoke response.
"""

from __future__ import annotations

from datetime import datetime

from bot.leadership.overview import Group, Overview, OverviewLine
from bot.texts import t
from cards.elements import Json, card, container, execute, fact_set, heading, text_block
from cards.escalation import AMSTERDAM, category_name, local_time
from cards.ids import Verb
from cards.literal import literal

LINES_SHOWN = 40  # about 500 bytes each: the card stays far below Teams' limit


def overview_card(view: Overview, school_name: str, *, show_list: bool = False) -> Json:
    """The numbers; with `show_list`, the cases too (only ever as the presser's invoke response, or in a
    leader's personal chat)."""
    body: list[Json] = [
        heading(t("overview.title", school=literal(school_name, 80))),
        fact_set(_counts(view)),
        text_block(t("overview.at", time=local_time(view.at)), isSubtle=True, size="Small"),
    ]
    if not view.lines:
        body.append(text_block(t("overview.none")))
        return card(body, "nl", [_button(view, "overview.button.refresh", show_list)], summary=_summary())
    if not show_list:
        body.append(text_block(t("overview.private_hint"), isSubtle=True, size="Small"))
        return card(body, "nl", [_button(view, "overview.button.show", True)], summary=_summary())
    body.append(text_block(t("overview.list.heading"), weight="Bolder", separator=True, spacing="Medium"))
    shown = view.lines[:LINES_SHOWN]
    for group in Group:
        lines = [line for line in shown if line.group == group]
        if lines:
            title = f"{t(f'overview.fact.{group.value}')} ({len(lines)})"
            body.append(text_block(title, weight="Bolder", spacing="Medium"))
            body.extend(_line(line, view) for line in lines)
    if len(view.lines) > LINES_SHOWN:
        body.append(text_block(t("overview.more", count=len(view.lines) - LINES_SHOWN), isSubtle=True))
    actions = [_button(view, "overview.button.refresh", True), _button(view, "overview.button.hide", False)]
    return card(body, "nl", actions, summary=_summary())


def _summary() -> str:
    return t("overview.summary")


def _counts(view: Overview) -> list[tuple[str, str]]:
    facts = [(t(f"overview.fact.{group.value}"), str(view.count(group))) for group in Group]
    facts.append((t("overview.fact.overdue", days=view.response_days), str(view.overdue)))
    return facts


def _button(view: Overview, title: str, show_list: bool) -> Json:
    data = {"school": view.school, "show_list": show_list}
    return execute(t(title), Verb.OVERVIEW, data)


def _line(line: OverviewLine, view: Overview) -> Json:
    title = t("overview.line.title", case=line.case_number, category=category_name(line.category))
    if line.urgent:
        title += f" · {t('case.urgent')}"
    handler = literal(line.handler, 80) if line.handler else t("case.handler.none")
    facts = t(
        "overview.line.facts",
        time=local_time(line.created_at),
        age=_age(line.created_at, view.at),
        status=t(f"case.status.{line.status}"),
        handler=handler,
    )
    items = [
        text_block(title, weight="Bolder", size="Small"),
        text_block(facts, isSubtle=True, size="Small", spacing="None"),
    ]
    if line.overdue and line.waiting_since is not None:
        since = local_time(line.waiting_since)
        overdue = t("overview.line.overdue", since=since, days=view.response_days)
        items.append(text_block(overdue, color="Attention", size="Small", spacing="None"))
    return container(items, spacing="Small")


def _age(created: datetime, now: datetime) -> str:
    days = (now.astimezone(AMSTERDAM).date() - created.astimezone(AMSTERDAM).date()).days
    if days <= 0:
        return t("overview.age.today")
    if days == 1:
        return t("overview.age.yesterday")
    return t("overview.age.days", n=days)
