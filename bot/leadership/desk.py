"""Presses on the escalation card, and the reporter's answer to a leader's question.

Card data is forgeable, so a press carries only the case id and the card's token. Every press is
authorised from stored state: the presser's Entra object id must be a leader of *that case's* school,
the press must come from one of the case's threads, and the token must be the one of the card showing
the case's current version. A refused press changes nothing and is audited; an accepted one goes
through the store in one transaction (audit entry and outbox messages included).
"""

from __future__ import annotations

import hashlib
import logging
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from uuid import UUID

from bot.conversation.models import CardActionIn, CardSubmitIn, TurnResult
from bot.conversation.ports import RuleSource
from bot.leadership.coalesce import CaseReads
from bot.leadership.model import CaseEntryDraft
from bot.leadership.screenshots import screenshot
from bot.leadership.views import LeaderDirectory, case_details, case_view, leader_label, measures_for
from bot.reporting.decoding import ImageCleaner
from bot.reports.messages import NotifyReporter, ThreadNote, UpdateCard
from bot.reports.model import Action, OutboxDraft, Report
from bot.reports.states import InvalidTransitionError, leadership_key, reporter_key
from bot.storage import Store
from bot.storage.errors import QuestionClosedError, StaleVersionError
from bot.texts import Lang, t
from cards.actions import (
    CaseAnswer,
    CaseAsk,
    CaseClose,
    CaseDetails,
    CaseHide,
    CaseNote,
    CaseReopen,
    CaseTake,
    LeaderAction,
)
from cards.case_forms import FORM_ASK, FORM_CLOSE, FORM_NOTE, OpenForm
from cards.escalation import CaseView, Screenshot, escalation_card
from cards.ids import (
    INPUT_CASE_MEASURE,
    INPUT_CASE_NOTE,
    INPUT_CASE_OUTCOME,
    INPUT_CASE_QUESTION,
    INPUT_CASE_SHARE,
    Verb,
)
from cards.leader import answered_card

log = logging.getLogger(__name__)

TRANSITIONS: dict[type, Action] = {
    CaseTake: Action.OPPAKKEN,
    CaseClose: Action.AFSLUITEN,
    CaseReopen: Action.HEROPENEN,
}
Pressed = CardActionIn | CardSubmitIn


def _now() -> datetime:
    return datetime.now(UTC)


@dataclass
class LeadershipDesk:
    store: Store
    directory: LeaderDirectory
    rules: RuleSource | None = None
    clock: Callable[[], datetime] = field(default=_now)  # the overview's "now" (tests set it)
    images: ImageCleaner = field(
        default_factory=ImageCleaner
    )  # the app passes the one its pupils' photos use

    async def act(
        self, incoming: Pressed, action: LeaderAction, tenant_schools: tuple[str, ...]
    ) -> TurnResult:
        lang: Lang = incoming.lang
        actor = incoming.sender.aad_object_id or incoming.sender.user_key
        report = await self.store.reports.get(action.report_id)
        if report is None or report.school not in tenant_schools:
            await self._refuse(None if report is None else report.id, actor, action, "unknown_case")
            return TurnResult.say(t("case.refused.unknown", lang))
        if not self.directory.is_leader(report.school, incoming.sender.aad_object_id):
            await self._refuse(report.id, actor, action, "not_leader")
            return TurnResult.say(t("case.refused.not_leader", lang))
        # One press reads the case's threads once: to check where it came from, and for the card it returns.
        reads = CaseReads(self.store)
        if not await self._from_thread(incoming, report, reads):
            await self._refuse(report.id, actor, action, "not_in_thread")
            return TurnResult.say(t("case.refused.not_leader", lang))
        version = await self.store.leadership.card_version(report.id, action.card_token)
        if version is None or version != report.version:
            await self._refuse(report.id, actor, action, "stale_token")
            return await self._current(report, t("case.refused.stale", lang), reads)
        if isinstance(action, CaseDetails):
            return await self._details(incoming, report, actor, action, reads)
        if isinstance(action, CaseHide):
            return TurnResult(updated_card=escalation_card(await self._view(report, reads)))
        missing = _missing_input(action)
        if missing is not None:
            # Only the presser sees the invoke response: the form stays open with what they typed.
            return await self._reopen_form(report, action, t(missing, lang), reads)
        if isinstance(action, CaseNote | CaseAsk):
            return await self._log(report, actor, action, reads)
        return await self._transition(report, actor, action, version, lang, reads)

    async def answer(self, incoming: Pressed, action: CaseAnswer) -> TurnResult:
        """The reporter answers a question: only from their own chat and account, once per question."""
        lang: Lang = incoming.lang
        actor = incoming.sender.user_key
        report = await self.store.reports.get(action.report_id)
        if (
            report is None
            or incoming.where.kind != "personal"
            or not secrets.compare_digest(report.reporter_key, actor)
        ):
            await self._refuse(report.id if report else None, actor, action, "not_reporter")
            return TurnResult.say(t("notify.answer.refused", lang))
        question = next(
            (
                entry
                for entry in await self.store.leadership.entries(report.id)
                if entry.kind == "vraag"
                and entry.token
                and secrets.compare_digest(entry.token, action.question_token)
            ),
            None,
        )
        if question is None or question.answered:
            await self._refuse(report.id, actor, action, "stale_question")
            return TurnResult.say(t("notify.answer.refused", lang))
        if action.answer is None:
            return TurnResult.say(t("notify.answer.required", lang))
        notice = OutboxDraft(
            conversation_key=leadership_key(report.school),
            message=ThreadNote(report_id=report.id, note="antwoord"),
        )
        update = _update_card(report, "antwoord")
        draft = CaseEntryDraft(
            report_id=report.id, kind="antwoord", author_key=actor, text=action.answer, reply_to=question.id
        )
        try:
            await self.store.leadership.add_entry(draft, [notice, update])
        except QuestionClosedError:
            await self._refuse(report.id, actor, action, "stale_question")
            return TurnResult.say(t("notify.answer.refused", lang))
        log.info("reporter answered a question (case %s)", report.case_number)
        done = answered_card(report.case_number)
        if isinstance(incoming, CardActionIn):
            return TurnResult(updated_card=done)
        return TurnResult.say(t("notify.answer.thanks", lang, case=report.case_number))

    async def _details(
        self, incoming: Pressed, report: Report, actor: str, action: CaseDetails, reads: CaseReads
    ) -> TurnResult:
        if not isinstance(incoming, CardActionIn):
            # An Action.Submit reply would be a message everyone in the channel sees: never the details.
            await self._refuse(report.id, actor, Verb.CASE_DETAILS, "details_by_submit")
            return TurnResult.say(t("case.refused.details_submit", incoming.lang))
        shown = await screenshot(self.store, self.images, report.id, action.shot)
        picture = Screenshot(shown.number, shown.total, shown.data_uri) if shown else None
        details = await case_details(self.store, self.directory, self.rules, report, picture)
        await self.store.reports.record_view(report.id, actor, "details_viewed", {})
        if shown is not None:
            detail = {"attachment": shown.attachment_id, "number": shown.number}
            await self.store.reports.record_view(report.id, actor, "screenshot_viewed", detail)
        log.info("details shown to a leader (case %s)", report.case_number)
        return TurnResult(updated_card=escalation_card(await self._view(report, reads), details))

    async def _log(
        self, report: Report, actor: str, action: CaseNote | CaseAsk, reads: CaseReads
    ) -> TurnResult:
        leader = leader_label(self.directory, report.school, actor)
        if isinstance(action, CaseAsk):
            token = secrets.token_urlsafe(18)
            draft = CaseEntryDraft(
                report_id=report.id, kind="vraag", author_key=actor, text=str(action.question), token=token
            )
            notify = OutboxDraft(
                conversation_key=reporter_key(report),
                message=NotifyReporter(report_id=report.id, question=question_ref(token)),
            )
            await self.store.leadership.add_entry(draft, [_update_card(report, "vraag"), notify])
            reply = t("case.reply.vraag", leader=leader, case=report.case_number)
        else:
            draft = CaseEntryDraft(
                report_id=report.id, kind="notitie", author_key=actor, text=str(action.note)
            )
            await self.store.leadership.add_entry(draft, [_update_card(report, "notitie")])
            reply = t("case.reply.notitie", leader=leader, case=report.case_number)
        log.info("case %s: %s by a leader", report.case_number, draft.kind)
        fresh = await self.store.reports.get(report.id) or report
        return TurnResult(
            replies=TurnResult.say(reply).replies,
            updated_card=escalation_card(await self._view(fresh, reads)),
        )

    async def _transition(
        self, report: Report, actor: str, action: LeaderAction, version: int, lang: Lang, reads: CaseReads
    ) -> TurnResult:
        step = TRANSITIONS[type(action)]
        detail: dict[str, object] = {}
        closing: CaseEntryDraft | None = None
        if isinstance(action, CaseClose):
            if action.measure not in {m.code for m in measures_for(self.rules, report.school)}:
                await self._refuse(report.id, actor, action, "unknown_measure")
                return await self._reopen_form(report, action, t("case.refused.measure", lang), reads)
            detail = {"measure": action.measure, "shared": action.shared}
            # Measure and outcome are written with the status change: a case is never closed without them.
            closing = CaseEntryDraft(
                report_id=report.id,
                kind="afsluiting",
                author_key=actor,
                text=str(action.outcome),
                code=action.measure,
            )
        try:
            changed = await self.store.reports.apply(report.id, step, actor, version, detail, closing)
        except (StaleVersionError, InvalidTransitionError):  # audited by the store
            fresh = await self.store.reports.get(report.id) or report
            return await self._current(fresh, t("case.refused.transition", lang), reads)
        log.info("case %s: %s by a leader", report.case_number, step.value)
        leader = leader_label(self.directory, report.school, actor)
        reply = t(f"case.reply.{step.value}", leader=leader, case=report.case_number)
        return TurnResult(
            replies=TurnResult.say(reply).replies,
            updated_card=escalation_card(await self._view(changed, reads)),
        )

    async def _from_thread(self, incoming: Pressed, report: Report, reads: CaseReads) -> bool:
        """The press came from a channel thread of this case (not a chat, not another channel)."""
        if incoming.where.kind != "channel":
            return False
        channel = incoming.where.channel_id or incoming.where.conversation_id.split(";", 1)[0]
        threads = await reads.threads(report.id)
        return any(
            thread.conversation.get("conversation_id", "").split(";", 1)[0] == channel for thread in threads
        )

    async def _reopen_form(
        self, report: Report, action: LeaderAction, text: str, reads: CaseReads
    ) -> TurnResult:
        """The card for the presser only, with the form they used open, their input kept and `text` in it."""
        form_id = {CaseAsk: FORM_ASK, CaseNote: FORM_NOTE, CaseClose: FORM_CLOSE}.get(type(action), FORM_NOTE)
        typed = {
            INPUT_CASE_QUESTION: action.question,
            INPUT_CASE_NOTE: action.note,
            INPUT_CASE_OUTCOME: action.outcome,
            INPUT_CASE_MEASURE: action.measure,
            INPUT_CASE_SHARE: action.share,
        }
        values = {key: value for key, value in typed.items() if value}
        form = OpenForm(form_id=form_id, values=values, error=text)
        return TurnResult(updated_card=escalation_card(await self._view(report, reads), form=form))

    async def _current(self, report: Report, text: str, reads: CaseReads) -> TurnResult:
        """A refusal for a leader: the message, and the card as it is now (only the presser sees it)."""
        return TurnResult(
            replies=TurnResult.say(text).replies,
            updated_card=escalation_card(await self._view(report, reads)),
        )

    async def _view(self, report: Report, reads: CaseReads) -> CaseView:
        return await case_view(self.store, self.directory, self.rules, report, reads)

    async def _refuse(
        self, report_id: UUID | None, actor: str, action: LeaderAction | CaseAnswer | Verb, reason: str
    ) -> None:
        verb = action if isinstance(action, Verb) else action.verb
        await self.store.reports.record_refusal(report_id, actor, verb.value, {"reason": reason})
        log.warning("case action refused: %s (%s)", verb.value, reason)


def _missing_input(action: LeaderAction) -> str | None:
    """The text asking for what a form's button needs and did not bring (inputs are not required on
    the card itself, see `cards.escalation`)."""
    if isinstance(action, CaseAsk) and action.question is None:
        return "case.ask.required"
    if isinstance(action, CaseNote) and action.note is None:
        return "case.note.required"
    if isinstance(action, CaseClose) and action.measure is None:
        return "case.close.measure_required"
    if isinstance(action, CaseClose) and action.outcome is None:
        return "case.close.outcome_required"
    return None


def question_ref(token: str) -> str:
    """How an outbox message names a question without carrying its token."""
    return hashlib.sha256(token.encode()).hexdigest()[:32]


def _update_card(report: Report, what: str) -> OutboxDraft:
    return OutboxDraft(
        conversation_key=leadership_key(report.school),
        message=UpdateCard(report_id=report.id, action=what),
    )
