"""What privacy law asks of the reports and the questions forwarded to the school: deletion after the
retention period, a copy of one case or question for an inzageverzoek, erasure of one case or question (or
of everything one person reported or asked), and counts without personal data for the yearly monitoring.

Logs name counts, case and question numbers only.
"""

from __future__ import annotations

import asyncio
import base64
import logging
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from bot.insights.model import RETENTION_MONTHS, month_start, oldest_kept
from bot.questions.model import QUESTION_NUMBER, ForwardedQuestion
from bot.reports.model import Category, Report, Status
from bot.storage import Store
from bot.storage.models import ANSWER_TTL, PENDING_TTL

log = logging.getLogger(__name__)

UNUSED_FORM_DAYS = 30
UNUSED_MESSAGE_FORM = timedelta(days=1)  # a dialog of "Meld dit bericht" never sent: the message goes soon
INSIGHTS_NOTE = (
    "Unanswered questions and 👎 votes are kept for the school's protocol review without a user id. They are"
    f" linked to a person only through an answer issued to them, for {ANSWER_TTL.days} days; only those are"
    " listed here and erased with the person. Older ones cannot be found per person; they are deleted"
    f" {RETENTION_MONTHS} months after the month they were asked in."
)
DAY = timedelta(days=1)


class CaseNotFoundError(LookupError):
    """No case with this number (or more than one school has it: name the school)."""


def months_ago(now: datetime, months: int) -> datetime:
    return now - timedelta(days=round(months * 365.25 / 12))


@dataclass(frozen=True)
class Purged:
    cases: int
    other_rows: int
    questions: int = 0


async def purge(store: Store, retention_months: Callable[[str], int], now: datetime | None = None) -> Purged:
    """Delete every closed case older than its school's retention (report, screenshots, audit trail, case
    log, outbox messages), every forwarded question last changed before the same retention (answered or
    never answered), unused forms after 30 days (after a day when they hold a reported message),
    refused-action audit rows naming no case, the answers the bot issued and questions waiting for a role
    once they expired (they hold question text), and the unanswered questions and 👎 votes of the protocol
    insights `RETENTION_MONTHS` after their month."""
    now = now or datetime.now(UTC)
    cases = 0
    questions = 0
    report_schools = await store.reporting.schools()
    question_schools = await store.questions.schools()
    months_by_school = {school: retention_months(school) for school in {*report_schools, *question_schools}}
    for school in report_schools:
        for report_id in await store.reporting.closed_before(
            school, months_ago(now, months_by_school[school])
        ):
            cases += await store.reporting.erase(report_id)
    for school in question_schools:
        for question_id in await store.questions.changed_before(
            school, months_ago(now, months_by_school[school])
        ):
            questions += await store.questions.erase(question_id)
    shortest = min(months_by_school.values(), default=retention_months(""))
    other = await store.reporting.purge_stale(
        now - timedelta(days=UNUSED_FORM_DAYS), months_ago(now, shortest), now - UNUSED_MESSAGE_FORM
    )
    other += await store.conversation.purge(now - ANSWER_TTL, now - PENDING_TTL)
    kept_from = oldest_kept(now)  # unanswered questions and 👎 votes: 12 months after their month
    other += await store.insights.purge(kept_from, month_start(kept_from))
    log.info("purge: %d case(s), %d question(s) and %d other row(s) deleted", cases, questions, other)
    return Purged(cases=cases, other_rows=other, questions=questions)


async def purge_daily(store: Store, retention_months: Callable[[str], int], every: timedelta = DAY) -> None:
    """Run `purge` now and then every day, until cancelled; a failed run is logged and tried the next day."""
    while True:
        try:
            await purge(store, retention_months)
        except Exception as error:  # keep the schedule: the next run catches up
            log.error("purge failed: %s", type(error).__name__)
        await asyncio.sleep(every.total_seconds())


async def find_case(store: Store, case_number: str, school: str | None = None) -> Report:
    found = [r for r in await store.reporting.find_cases(case_number) if school in (None, r.school)]
    if len(found) != 1:
        raise CaseNotFoundError(case_number)
    return found[0]


async def export_case(store: Store, case_number: str, school: str | None = None) -> dict[str, Any]:
    """Everything stored about one case, as JSON: the report, its audit trail, the case log and the
    screenshots (base64)."""
    report = await find_case(store, case_number, school)
    trail = await store.reports.audit_trail(report.id)
    entries = await store.leadership.entries(report.id)
    pictures = []
    for attachment in await store.reporting.attachments(report.id):
        data = await store.reporting.attachment_data(attachment.id) or b""
        pictures.append(
            {**attachment.model_dump(mode="json"), "data_base64": base64.b64encode(data).decode()}
        )
    log.info("export of %s", report.case_number)
    return {
        "report": report.model_dump(mode="json"),
        "audit": [entry.model_dump(mode="json") for entry in trail],
        "case_log": [entry.model_dump(mode="json") for entry in entries],
        "screenshots": pictures,
        "exported_at": datetime.now(UTC).isoformat(),
    }


async def erase_case(store: Store, case_number: str, school: str | None = None) -> Report:
    report = await find_case(store, case_number, school)
    await store.reporting.erase(report.id)
    log.info("erased %s on request", report.case_number)
    return report


def is_question_number(number: str) -> bool:
    """`V-2026-0007` names a forwarded question; `M-…` a case."""
    return QUESTION_NUMBER.match(number) is not None


async def find_question(store: Store, number: str, school: str | None = None) -> ForwardedQuestion:
    found = [q for q in await store.questions.find(number) if school in (None, q.school)]
    if len(found) != 1:
        raise CaseNotFoundError(number)
    return found[0]


async def export_question(store: Store, number: str, school: str | None = None) -> dict[str, Any]:
    """Everything stored about one forwarded question, as JSON: the question, the answer, the audit trail."""
    question = await find_question(store, number, school)
    trail = await store.questions.audit_trail(question.id)
    log.info("export of %s", question.number)
    return {
        "question": question.model_dump(mode="json", exclude={"card_token"}),
        "audit": [entry.model_dump(mode="json") for entry in trail],
        "exported_at": datetime.now(UTC).isoformat(),
    }


async def erase_question(store: Store, number: str, school: str | None = None) -> ForwardedQuestion:
    question = await find_question(store, number, school)
    await store.questions.erase(question.id)
    log.info("erased %s on request", question.number)
    return question


async def export_person(store: Store, user_key: str) -> dict[str, Any]:
    """Everything stored about one person (inzageverzoek): their cases and forwarded questions as `export`
    gives them, the answers the bot issued to them (their questions) and a question waiting for their role."""
    answers, pending = await store.conversation.of_user(user_key)
    cases = [
        await export_case(store, r.case_number, r.school) for r in await store.reports.for_reporter(user_key)
    ]
    questions = [
        await export_question(store, q.number, q.school) for q in await store.questions.for_asker(user_key)
    ]
    unanswered, votes = await store.insights.of_user(user_key)
    log.info("export of one person: %d case(s), %d question(s)", len(cases), len(questions))
    return {
        "cases": cases,
        "questions": questions,
        "answers_issued": [a.model_dump(mode="json", exclude={"token"}) for a in answers],
        "question_waiting_for_role": pending.model_dump(mode="json") if pending else None,
        "protocol_insights": {
            "note": INSIGHTS_NOTE,
            "unanswered_questions": [q.model_dump(mode="json") for q in unanswered],
            "votes": [v.model_dump(mode="json") for v in votes],
        },
        "exported_at": datetime.now(UTC).isoformat(),
    }


async def erase_person(store: Store, user_key: str) -> tuple[list[str], list[str]]:
    """Everything one person reported or asked, erased (a request to be forgotten): the case numbers and
    the question numbers that went. The answers the bot issued to them and a waiting question go too, and
    the unanswered questions and votes still linked to those answers (see `INSIGHTS_NOTE`)."""
    cases = []
    for report in await store.reports.for_reporter(user_key):
        await store.reporting.erase(report.id)
        cases.append(report.case_number)
    questions = []
    for question in await store.questions.for_asker(user_key):
        await store.questions.erase(question.id)
        questions.append(question.number)
    await store.insights.erase_user(user_key)  # before the issued answers that link to them go
    await store.conversation.erase_user(user_key)
    log.info("erased on request: %d case(s) and %d question(s) of one person", len(cases), len(questions))
    return cases, questions


async def stats(store: Store, school: str, start: datetime, end: datetime) -> dict[str, Any]:
    """Counts per category, urgency, status and outcome for reports made in [start, end): no text, no
    names, no ids, no case numbers."""
    reports = await store.reporting.reports_between(school, start, end)
    outcomes: Counter[str] = Counter()
    for report in reports:
        if report.status != Status.AFGESLOTEN:
            continue
        closings = [e for e in await store.leadership.entries(report.id) if e.kind == "afsluiting"]
        outcomes[(closings[-1].code or "onbekend") if closings else "onbekend"] += 1
    categories = Counter(r.category.value for r in reports)
    return {
        "school": school,
        "from": start.date().isoformat(),
        "to": end.date().isoformat(),
        "total": len(reports),
        "per_category": {c.value: categories.get(c.value, 0) for c in Category},
        "urgent": sum(r.urgent for r in reports),
        "not_urgent": sum(not r.urgent for r in reports),
        "per_status": {s.value: sum(r.status == s for r in reports) for s in Status},
        "per_outcome": dict(sorted(outcomes.items())),
    }
