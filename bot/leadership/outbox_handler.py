"""The `OutboxHandler`: turns the report outbox's intents into Bot Connector calls, rendered from the
stored case at the moment of sending (a message queued before a restart shows the case as it is now).

- `escalate`: a new thread with the minimal card in the school's report channel, and in the channels of
  any extra route for the category (settings, e.g. privacy incidents to the FG channel); each thread is
  stored on the case so later updates edit it in place. No report channel yet → NotDeliverableYet. A case
  of a reporter who reported a moment ago becomes a reply in that case's thread, whose card is updated to
  name it (`coalesce`): a flood of reports is one thread, not many.
- `update_card`: the card replaced in every thread of the case, for everyone.
- `notify_reporter`: a Dutch message in the reporter's own chat (picked up, reopened, closed), or a
  leader's question with an answer field.
- `thread_note`: a one-line notice in the case's threads (the reporter answered; the answer itself is
  shown only in the details view).
- `remind`: the daily reminder in the report channel's thread of a case that lies still longer than the
  school's response time (`reminders`); nothing when a leader acted since it was queued.
- `confirm_reporter`: the confirmation card of a case made from a message elsewhere ("Meld dit bericht"),
  in the reporter's own 1:1 chat, opened first when it is known only by its member.
- `question_*`: a question forwarded to the school, delivered by `bot.questions.outbox` (dispatched on
  the kind first, so these never look up a report).
"""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import UTC, datetime

from pydantic import ValidationError

from bot.conversation.ports import RuleSource
from bot.delivery.ports import (
    UNPROCESSABLE,
    ConversationRef,
    DeliveryError,
    NotDeliverableYet,
    Sender,
    may_have_arrived,
    personal_chat,
)
from bot.leadership import coalesce
from bot.leadership.desk import question_ref
from bot.leadership.model import REPORTS_ROUTE, EscalationThread
from bot.leadership.overview import waiting_since
from bot.leadership.views import LeaderDirectory, case_view
from bot.questions.outbox import QuestionOutbox
from bot.reporting.chat_confirmation import ChatConfirmation
from bot.reports.messages import (
    ConfirmReporter,
    Escalate,
    NotifyReporter,
    QuestionMessage,
    Remind,
    ThreadNote,
    UnknownMessage,
    UpdateCard,
)
from bot.reports.model import OutboxMessage, Report, Status
from bot.storage import Store
from bot.texts import t
from cards.escalation import escalation_activity, local_time
from cards.leader import card_activity, question_card, text_activity
from cards.literal import literal

log = logging.getLogger(__name__)


class LeadershipOutbox:
    """Implements `bot.delivery.ports.OutboxHandler`."""

    def __init__(self, store: Store, directory: LeaderDirectory, rules: RuleSource | None = None) -> None:
        self._store = store
        self._directory = directory
        self._rules = rules
        self._questions = QuestionOutbox(store, directory, rules)
        self._confirmation = ChatConfirmation(store, rules)

    async def deliver(self, message: OutboxMessage, sender: Sender) -> None:
        intent = message.message
        if isinstance(intent, QuestionMessage):
            await self._questions.deliver(message, sender)
            return
        if isinstance(intent, UnknownMessage):
            raise DeliveryError(UNPROCESSABLE, detail=f"unknown outbox kind {intent.kind[:40]!r}")
        report = await self._store.reports.get(intent.report_id)
        if report is None:
            log.info("outbox %d: case gone (purged?), nothing to send", message.id)
            return
        match intent:
            case Escalate():
                await self._escalate(report, sender, repeat=may_have_arrived(message))
            case UpdateCard():
                await self._update(report, sender)
            case NotifyReporter():
                await self._notify(report, intent, sender)
            case ThreadNote():
                await self._thread_note(report, sender)
            case Remind():
                await self._remind(report, message, sender)
            case ConfirmReporter():
                await self._confirmation.deliver(report, await reporter_chat(report, sender), sender)

    async def _escalate(self, report: Report, sender: Sender, *, repeat: bool) -> None:
        """A thread per route not yet stored. `repeat`: an earlier try may have posted one that was never
        recorded (a timeout): the card says it repeats the case, so a second thread explains itself."""
        main = await self._store.leadership.channel(report.school, REPORTS_ROUTE)
        if main is None:
            raise NotDeliverableYet(f"no leadership channel for school {report.school}", report.school)
        reads = coalesce.CaseReads(self._store)  # each case's threads and the reporter's cases, read once
        done = {thread.route for thread in await reads.threads(report.id)}
        routes = [REPORTS_ROUTE, *self._directory.routes_for(report.school, report.category.value)]
        for route in routes:
            if route not in done:  # else a retry after a partial delivery: never a second thread
                registration = (
                    main
                    if route == REPORTS_ROUTE
                    else await self._store.leadership.channel(report.school, route)
                )
                if registration is None:
                    log.warning(
                        "no %s channel registered for school %s: case %s not sent there",
                        route,
                        report.school,
                        report.case_number,
                    )
                    continue
                channel = _ref(registration.conversation)
                shared = await self._open_thread(report, route, channel, sender, reads, repeat=repeat)
                if shared is None:
                    continue  # a thread of its own: nothing else to update
            else:
                shared = await coalesce.head_of(reads, report, route)
            if shared is not None:  # the thread's first card names the cases that joined it
                head = await case_view(self._store, self._directory, self._rules, shared.head, reads)
                conversation = _ref(shared.thread.conversation)
                await sender.update(conversation, shared.thread.activity_id, escalation_activity(head))

    async def _open_thread(
        self,
        report: Report,
        route: str,
        channel: ConversationRef,
        sender: Sender,
        reads: coalesce.CaseReads,
        *,
        repeat: bool,
    ) -> coalesce.SharedThread | None:
        """A thread of its own, or a reply in the thread of the reporter's case of a moment ago (returned).
        `reads`: the delivery's, which learn of the thread once stored."""
        view = replace(
            await case_view(self._store, self._directory, self._rules, report, reads), repeat=repeat
        )
        joined = await coalesce.thread_to_join(reads, report, route)
        if joined is None:
            sent = await sender.new_thread(channel, escalation_activity(view))
            conversation = channel.model_copy(update={"conversation_id": sent.conversation_id}).model_dump()
        else:
            conversation = joined.thread.conversation
            view = replace(view, follows=joined.head.case_number)  # not stored yet: the view cannot know
            sent = await sender.send(_ref(conversation), escalation_activity(view))
        thread = EscalationThread(
            report_id=report.id,
            route=route,
            conversation=conversation,
            activity_id=sent.activity_id,
            created_at=datetime.now(UTC),
        )
        await self._store.leadership.set_escalation(thread)
        reads.stored(thread)
        log.info(
            "case %s escalated to the %s channel of %s%s",
            report.case_number,
            route,
            report.school,
            (f" in the thread of {joined.head.case_number}" if joined else "")
            + (" (marked as a repeat)" if repeat else ""),
        )
        return joined

    async def _update(self, report: Report, sender: Sender) -> None:
        reads = coalesce.CaseReads(self._store)
        threads = await reads.threads(report.id)
        if not threads:
            log.info("case %s has no thread to update yet", report.case_number)
            return
        view = await case_view(self._store, self._directory, self._rules, report, reads)
        activity = escalation_activity(view)
        for thread in threads:
            await sender.update(_ref(thread.conversation), thread.activity_id, activity)

    async def _notify(self, report: Report, intent: NotifyReporter, sender: Sender) -> None:
        chat = await reporter_chat(report, sender)
        question = intent.question
        if question is not None:
            entry = next(
                (
                    e
                    for e in await self._store.leadership.entries(report.id)
                    if e.kind == "vraag" and e.token and question_ref(e.token) == question
                ),
                None,
            )
            if entry is None or entry.token is None:
                log.info("case %s: the question to notify is gone", report.case_number)
                return
            content = question_card(
                report.id, report.case_number, entry.text, entry.token, anonymous=report.anonymous
            )
            await sender.send(
                chat, card_activity(content, t("notify.question.title", case=report.case_number))
            )
            return
        step = await self._last_step(report, intent.status or "")
        shared = await self._shared_outcome(report) if step == "afsluiten" else None
        if shared is not None:
            text = t("notify.afsluiten_shared", case=report.case_number, outcome=literal(shared, 2000))
        else:
            text = t(f"notify.{step}", case=report.case_number)
        await sender.send(chat, text_activity(text))

    async def _shared_outcome(self, report: Report) -> str | None:
        """The outcome of the last closing, when the leader chose to send it to the reporter."""
        closings = [e for e in await self._store.reports.audit_trail(report.id) if e.action == "afsluiten"]
        if not closings or not closings[-1].accepted or closings[-1].detail.get("shared") is not True:
            return None
        entries = [e for e in await self._store.leadership.entries(report.id) if e.kind == "afsluiting"]
        return entries[-1].text if entries else None

    async def _last_step(self, report: Report, status: str) -> str:
        """Which step put the case in `status`: picking up and reopening both lead to "opgepakt"."""
        if status == Status.AFGESLOTEN:
            return "afsluiten"
        for entry in reversed(await self._store.reports.audit_trail(report.id)):
            if entry.accepted and entry.action in ("oppakken", "heropenen"):
                return entry.action
        return "oppakken"

    async def _thread_note(self, report: Report, sender: Sender) -> None:
        text = t("case.reply.antwoord", case=report.case_number)
        for thread in await self._store.leadership.escalations(report.id):
            await sender.send(_ref(thread.conversation), text_activity(text))

    async def _remind(self, report: Report, message: OutboxMessage, sender: Sender) -> None:
        """Only while the case still lies still as it did when the reminder was queued: a leader's action (or
        the reporter's new answer, which starts the clock again) since then makes it say nothing."""
        cases = await self._store.overview.open_cases(report.school)
        case = next((c for c in cases if c.report.id == report.id), None)
        since = waiting_since(case) if case is not None else None
        if since is None or since > message.created_at:
            log.info("case %s: acted on since the reminder was queued, not sent", report.case_number)
            return
        days = self._directory.response_days(report.school)
        text = t("reminder.text", case=report.case_number, since=local_time(since), days=days)
        for thread in await self._store.leadership.escalations(report.id):
            if thread.route == REPORTS_ROUTE:
                await sender.send(_ref(thread.conversation), text_activity(text))


async def reporter_chat(report: Report, sender: Sender) -> ConversationRef:
    """The reporter's own chat, opened first when the report was made elsewhere ("Meld dit bericht")."""
    try:
        chat = ConversationRef.model_validate(report.reporter_conversation)
    except ValidationError:
        raise DeliveryError(UNPROCESSABLE, detail="reporter conversation unreadable") from None
    return await personal_chat(chat, sender)


def _ref(conversation: dict[str, object]) -> ConversationRef:
    try:
        return ConversationRef.model_validate(conversation)
    except ValidationError:
        raise DeliveryError(UNPROCESSABLE, detail="stored conversation unreadable") from None
