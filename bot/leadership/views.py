"""The escalation card's content, built from the stored case at the moment it is rendered."""

from __future__ import annotations

import logging
from typing import Protocol

from bot.conversation.ports import RuleSource
from bot.errors import MagDitError
from bot.leadership import coalesce
from bot.leadership.measures import DEFAULT, Measure, school_measures
from bot.reports.model import Report
from bot.storage import Store
from bot.texts import t
from cards.escalation import CaseDetails, CaseView, Leader, LogLine, Screenshot

log = logging.getLogger(__name__)


class LeaderDirectory(Protocol):
    """Who leads which school (implemented by `bot.settings.Settings`)."""

    @property
    def leaders(self) -> dict[str, dict[str, str]]: ...

    def is_leader(self, school: str, object_id: str | None) -> bool: ...

    def leader_name(self, school: str, object_id: str | None) -> str | None: ...

    def routes_for(self, school: str, category: str) -> tuple[str, ...]: ...

    def routes_for_school(self, school: str) -> tuple[str, ...]: ...

    def route_categories(self, school: str, route: str) -> tuple[str, ...]: ...

    def response_days(self, school: str) -> int: ...


def measures_for(rules: RuleSource | None, school: str) -> tuple[Measure, ...]:
    if rules is not None and school in rules.slugs:
        try:
            return school_measures(rules.school(school))
        except MagDitError:
            log.warning("measures: rules of school %s unreadable, using the defaults", school)
    return tuple(Measure(code, ()) for code in ("geen", "gesprek", *DEFAULT, "anders"))


def leader_label(directory: LeaderDirectory, school: str, object_id: str | None) -> str:
    return directory.leader_name(school, object_id) or t("case.handler.unknown")


async def case_view(
    store: Store,
    directory: LeaderDirectory,
    rules: RuleSource | None,
    report: Report,
    reads: coalesce.CaseReads | None = None,
) -> CaseView:
    """The channel card's content; creates the card token for the report's current version. `reads`: those
    its delivery made already (the outbox handler's), so the case's threads are not read again."""
    entries = await store.leadership.entries(report.id)
    token = await store.leadership.card_token(report.id, report.version)
    thread = await coalesce.thread_cases(reads or coalesce.CaseReads(store), report)
    heads_thread = bool(thread) and thread[0].id == report.id
    mention = tuple(
        Leader(object_id=object_id, name=name)
        for object_id, name in sorted(directory.leaders.get(report.school, {}).items())
    )
    return CaseView(
        report_id=report.id,
        case_number=report.case_number,
        category=report.category.value,
        urgent=report.urgent,
        created_at=report.created_at,
        status=report.status.value,
        handler=leader_label(directory, report.school, report.handler_key) if report.handler_key else None,
        card_token=token,
        notes=sum(e.kind == "notitie" for e in entries),
        questions=sum(e.kind == "vraag" for e in entries),
        answers=sum(e.kind == "antwoord" for e in entries),
        mention=mention if report.urgent else (),
        measures=tuple((m.code, m.label) for m in measures_for(rules, report.school)),
        follow_ups=tuple(case.case_number for case in thread[1:]) if heads_thread else (),
        follows=thread[0].case_number if thread and not heads_thread else None,
    )


async def case_details(
    store: Store,
    directory: LeaderDirectory,
    rules: RuleSource | None,
    report: Report,
    screenshot: Screenshot | None = None,
) -> CaseDetails:
    labels = {m.code: m.label for m in measures_for(rules, report.school)}
    lines = []
    for entry in await store.leadership.entries(report.id):
        author = "" if entry.kind == "antwoord" else leader_label(directory, report.school, entry.author_key)
        measure = labels.get(entry.code or "", entry.code or "")
        lines.append(LogLine(kind=entry.kind, author=author, text=entry.text, at=entry.at, measure=measure))
    return CaseDetails(
        description=report.description,
        platform=report.platform,
        happened=report.happened,
        involved=report.involved,
        in_danger=report.in_danger,
        anonymous=report.anonymous,
        reporter_name=report.reporter_name,
        log=tuple(lines),
        screenshot=screenshot,
        message=report.message,
    )
