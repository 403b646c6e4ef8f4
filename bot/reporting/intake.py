"""Taking a report form in, wherever it was filled in (the card in the chat, or the dialog of "Meld dit
bericht"): checked, stored with its audit entry and escalation message in one transaction, idempotent on the
form's token. The caller turns the outcome into its own answer (a card in the chat, a dialog in Teams).

The form's token is the only thing taken from the card: school and reported message come from the form the
bot stored when it issued the token, and the token must be the sender's own. Nothing here logs what was
typed: ids, case numbers, categories and error class names only.
"""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass, field
from datetime import UTC, datetime

from bot.conversation.services import Services
from bot.reporting.model import ReportForm
from bot.reporting.validation import check_submission
from bot.reports.model import SHORT_TEXT_MAX, Report, ReportDraft, ReportedMessage
from bot.storage import Profile
from bot.storage.errors import IdempotencyConflictError
from bot.texts import Lang, t
from cards.actions import SubmitReport

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Stored:
    """The one case of this form: just made (`created`), or made by an earlier sending of the same form."""

    report: Report
    created: bool


@dataclass(frozen=True)
class FormAgain:
    """The form once more, with what was typed: a message at each field at fault, or a notice on top
    (not sent; a new form because this one was not the sender's). `token` is the form's (or the new one's)."""

    token: str
    values: dict[str, str]
    errors: dict[str, str] = field(default_factory=dict)
    notice: str | None = None


@dataclass(frozen=True)
class Refused:
    """No form can help: the sender's school is unknown."""

    text: str


def new_form_token() -> str:
    return secrets.token_urlsafe(24)


async def issue_form(
    services: Services, profile: Profile, school: str, message: ReportedMessage | None = None
) -> str:
    """Remember a form the bot is about to show (so it still submits after a restart): its token."""
    token = new_form_token()
    await services.store.reporting.issue_form(
        ReportForm(
            token=token,
            user_key=profile.user_key,
            school=school,
            created_at=datetime.now(UTC),
            message=message,
        )
    )
    return token


async def take_in(
    services: Services,
    profile: Profile,
    action: SubmitReport,
    lang: Lang,
    conversation: dict[str, object],
    sender_name: str | None = None,
) -> Stored | FormAgain | Refused:
    """The form came back: the stored case, or the form again. `conversation` is where the reporter hears
    from the school later (a `ConversationRef` as JSON)."""
    check = check_submission(action, lang)
    token = action.form_token
    try:
        form = await services.store.reporting.form(token)
    except Exception as error:  # the store is down: the reporter keeps what they typed
        log.error("report form lookup failed: %s", type(error).__name__)
        return FormAgain(token, check.values, notice=t("form.not_sent", lang))
    if form is None or form.user_key != profile.user_key:
        await services.store.reports.record_refusal(
            None, profile.user_key, "submit_report", {"reason": "unknown form token"}
        )
        log.warning("report submission with an unknown or foreign form token refused")
        return await _fresh_form(services, profile, lang, check.values)
    if check.report is None:
        log.info("report form returned with %d field error(s)", len(check.errors))
        return FormAgain(token, check.values, check.errors)
    fields = check.report
    draft = ReportDraft(
        school=form.school,
        category=fields.category,
        description=fields.description,
        platform=fields.platform,
        happened=fields.happened,
        involved=fields.involved,
        in_danger=fields.in_danger,
        anonymous=fields.anonymous,
        reporter_key=profile.user_key,
        reporter_conversation=conversation,
        reporter_name=None if fields.anonymous else _shown_name(sender_name),
        message=form.message,
    )
    try:
        report, created = await services.store.reports.submit(draft, token)
    except IdempotencyConflictError:
        log.warning("report submission refused: form token belongs to another reporter")
        return await _fresh_form(services, profile, lang, check.values)
    except Exception as error:  # nothing was written (one transaction): say so, keep the inputs
        log.error("report submission not stored: %s", type(error).__name__)
        return FormAgain(token, check.values, notice=t("form.not_sent", lang))
    if created:  # the form was marked used by the report in the same transaction
        log.info(
            "report stored: %s (school %s, category %s)", report.case_number, report.school, report.category
        )
    else:
        log.info("repeated report submission answered with %s", report.case_number)
    return Stored(report, created)


async def _fresh_form(
    services: Services, profile: Profile, lang: Lang, values: dict[str, str]
) -> FormAgain | Refused:
    """A form not this person's (forged, replayed) or unknown: a new form of their own, values kept."""
    if profile.school is None:
        return Refused(t("reply.unknown_school", lang))
    token = await issue_form(services, profile, profile.school)
    return FormAgain(token, values, notice=t("form.expired", lang))


def _shown_name(name: str | None) -> str | None:
    """The reporter's name as Teams gives it, one line and short enough to store (never logged)."""
    cleaned = " ".join((name or "").split())[:SHORT_TEXT_MAX]
    return cleaned or None
