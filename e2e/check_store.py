"""After the end-to-end run: what the Teams client did is in the store.

- the 👍 pressed on the answer card is stored for the answer's article;
- the reported case (its number written by e2e/drive.mjs) is closed by the leader who picked it up, with
  every step in the audit trail and nothing refused, and every outbox message (escalation card, card
  updates, the reporter's notifications and question) was delivered: none pending, none dead;
- the question put to the school (its number written by e2e/drive.mjs) is a pupil's, answered by that
  leader, with forward and answer in the audit trail and nothing refused, and its channel card, card update
  and the answer to the asker were delivered;
- the two questions the protocol could not answer are kept for the protocol review with the asker's role
  and month only, and nothing else was (not the distress message, not the answered questions);
- the case reported with "Meld dit bericht" holds the message as the client described it, and its
  escalation and the confirmation in the reporter's chat were delivered.

Usage: python e2e/check_store.py <DATABASE_URL> <case number> <question number> <message case number>
(exit 1 on the first thing missing)
"""

from __future__ import annotations

import asyncio
import sys
from datetime import UTC, datetime
from uuid import UUID

from expected import OUT_OF_SCOPE, PUPIL_QUESTION  # e2e/expected.py, beside this script

from bot.insights.model import add_months, month_of
from bot.questions.model import asker_key
from bot.reports.model import Report, Status
from bot.reports.states import leadership_key, reporter_key
from bot.storage import Store, open_store

SCHOOL = "de-breul"
ASKER_ROLE = "leerling"  # e2e/expected.py: the question is asked after the switch to leerling
ARTICLE = "de-breul:A.1"
LEADER = "00000000-0000-0000-0000-0000000000020"  # the playground's user: LEADERS in e2e/run.sh
MESSAGE = "Niemand wil jou in de groep. Ga weg, loser!"  # e2e/message_steps.mjs


async def check_feedback(store: Store) -> str | None:
    counts = await store.feedback.feedback_counts(SCHOOL)
    useful = {article: (yes, no) for article, yes, no in counts}
    if useful.get(ARTICLE) != (1, 0):
        return f"expected one 👍 stored for {ARTICLE}, the store has {counts}"
    print(f"e2e: feedback stored: {ARTICLE} 👍 1, 👎 0")
    return None


async def case_of(store: Store, case: str) -> Report | None:
    return next((r for r in await store.reporting.find_cases(case) if r.school == SCHOOL), None)


async def check_case(store: Store, case: str) -> str | None:
    report = await case_of(store, case)
    if report is None:
        return f"case {case} is not stored"
    if report.status != Status.AFGESLOTEN or report.handler_key != LEADER or not report.anonymous:
        return f"case {case}: {report.status}, handler {report.handler_key}, anonymous {report.anonymous}"
    trail = await report_trail(store, report.id)
    refused = [action for action, accepted in trail if not accepted]
    if refused or [action for action, _ in trail if action in ("oppakken", "afsluiten")] != [
        "oppakken",
        "afsluiten",
    ]:
        return f"case {case}: audit trail {trail}"
    outbox = [
        *await store.outbox.messages(leadership_key(SCHOOL)),
        *await store.outbox.messages(reporter_key(report)),
    ]
    undelivered = [(m.id, m.message.kind, m.status) for m in outbox if m.status != "sent"]
    if not outbox or undelivered or (await store.outbox.backlog()).dead:
        return f"case {case}: outbox not all delivered: {undelivered}"
    print(f"e2e: case {case}: afgesloten, {len(trail)} audit entries, {len(outbox)} messages delivered")
    return None


async def check_question(store: Store, number: str) -> str | None:
    found = [question for question in await store.questions.find(number) if question.school == SCHOOL]
    if len(found) != 1:
        return f"question {number}: {len(found)} stored for {SCHOOL}"
    question = found[0]
    if (
        question.status != "answered"
        or not question.answer
        or question.answered_by != LEADER
        or question.role != ASKER_ROLE
    ):
        return (
            f"question {number}: {question.status}, role {question.role}, answered by "
            f"{question.answered_by}, answer given {bool(question.answer)}"
        )
    trail = [(entry.action, entry.accepted) for entry in await store.questions.audit_trail(question.id)]
    if trail != [("vraag_doorgeven", True), ("vraag_beantwoorden", True)]:
        return f"question {number}: audit trail {trail}"
    outbox = [
        message
        for message in [
            *await store.outbox.messages(leadership_key(SCHOOL)),
            *await store.outbox.messages(asker_key(question)),
        ]
        if getattr(message.message, "question_id", None) == question.id
    ]
    kinds = sorted(str(message.message.kind) for message in outbox)
    undelivered = [(m.id, m.message.kind, m.status) for m in outbox if m.status != "sent"]
    if kinds != ["question_answer", "question_escalate", "question_update"] or undelivered:
        return f"question {number}: outbox {kinds}, not delivered: {undelivered}"
    print(f"e2e: question {number}: beantwoord, {len(trail)} audit entries, {len(outbox)} messages delivered")
    return None


async def check_insights(store: Store) -> str | None:
    month = month_of(datetime.now(UTC))
    kept = await store.insights.unanswered(SCHOOL, add_months(month, -1), month)  # a run around midnight
    found = sorted((question.question, question.role) for question in kept)
    expected = sorted([(OUT_OF_SCOPE, "medewerker"), (PUPIL_QUESTION, ASKER_ROLE)])
    if found != expected:
        return f"unanswered questions kept: {found}, expected {expected}"
    print(f"e2e: {len(found)} unanswered questions kept for the protocol review, without who asked")
    return None


async def check_message_case(store: Store, case: str) -> str | None:
    report = await case_of(store, case)
    if report is None or report.message is None:
        return f"case {case} (Meld dit bericht) is not stored with its message"
    if report.message.text != MESSAGE or report.message.sent_at is None or report.message.images:
        return f"case {case}: the message kept is not the one reported ({report.message.model_dump()})"
    outbox = [
        message
        for message in [
            *await store.outbox.messages(leadership_key(SCHOOL)),
            *await store.outbox.messages(reporter_key(report)),
        ]
        if getattr(message.message, "report_id", None) == report.id
    ]
    kinds = sorted(str(message.message.kind) for message in outbox)
    undelivered = [(m.id, m.message.kind, m.status) for m in outbox if m.status != "sent"]
    if kinds != ["confirm_reporter", "escalate"] or undelivered:
        return f"case {case} (Meld dit bericht): outbox {kinds}, not delivered: {undelivered}"
    print(f"e2e: case {case}: reported from a message, kept with it; escalation and confirmation delivered")
    return None


async def report_trail(store: Store, report_id: UUID) -> list[tuple[str, bool]]:
    return [(entry.action, entry.accepted) for entry in await store.reports.audit_trail(report_id)]


async def check(database_url: str, case: str, question: str, message_case: str) -> int:
    store = await open_store(database_url)
    try:
        problems = [
            await check_feedback(store),
            await check_case(store, case),
            await check_question(store, question),
            await check_insights(store),
            await check_message_case(store, message_case),
        ]
    finally:
        await store.close()
    for problem in filter(None, problems):
        print(f"e2e: {problem}", file=sys.stderr)
    return 1 if any(problems) else 0


if __name__ == "__main__":
    if len(sys.argv) != 5:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(asyncio.run(check(*sys.argv[1:5])))
