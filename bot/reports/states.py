"""The case state machine (nieuw → opgepakt → afgesloten, heropenen) and the messages each step sends.

Messages are intents, not cards: the outbox worker renders the current card from the stored state
when it delivers, so a message queued before a restart still shows the case as it is now.
"""

from __future__ import annotations

from bot.errors import MagDitError
from bot.reports.messages import ConfirmReporter, Escalate, NotifyReporter, UpdateCard
from bot.reports.model import Action, OutboxDraft, Report, Status

TRANSITIONS: dict[tuple[Status, Action], Status] = {
    (Status.NIEUW, Action.OPPAKKEN): Status.OPGEPAKT,
    (Status.NIEUW, Action.AFSLUITEN): Status.AFGESLOTEN,
    (Status.OPGEPAKT, Action.AFSLUITEN): Status.AFGESLOTEN,
    (Status.AFGESLOTEN, Action.HEROPENEN): Status.OPGEPAKT,
}


class InvalidTransitionError(MagDitError):
    """The action does not apply to the case's stored status (a stale or forged button)."""

    def __init__(self, status: Status, action: Action) -> None:
        super().__init__(f"{action.value} is not allowed from {status.value}")
        self.status = status
        self.action = action


def next_status(status: Status, action: Action) -> Status:
    try:
        return TRANSITIONS[(status, action)]
    except KeyError:
        raise InvalidTransitionError(status, action) from None


def leadership_key(school: str) -> str:
    """The FIFO key of the school's leadership channel (resolved to a conversation on delivery)."""
    return f"leadership:{school}"


def reporter_key(report: Report) -> str:
    return f"reporter:{report.reporter_key}"


def escalation_messages(report: Report) -> list[OutboxDraft]:
    """A new case: open a thread with the escalation card in the leadership channel. A case made from a
    message ("Meld dit bericht", in a dialog that cannot show a card) also gets its confirmation card in
    the reporter's own chat."""
    messages = [
        OutboxDraft(
            conversation_key=leadership_key(report.school),
            message=Escalate(report_id=report.id, case_number=report.case_number),
        )
    ]
    if report.message is not None:
        messages.append(
            OutboxDraft(
                conversation_key=reporter_key(report),
                message=ConfirmReporter(report_id=report.id),
            )
        )
    return messages


def transition_messages(report: Report, action: Action) -> list[OutboxDraft]:
    """After a state change: update the card in place and tell the reporter."""
    return [
        OutboxDraft(
            conversation_key=leadership_key(report.school),
            message=UpdateCard(report_id=report.id, action=action.value),
        ),
        OutboxDraft(
            conversation_key=reporter_key(report),
            message=NotifyReporter(report_id=report.id, status=report.status.value),
        ),
    ]
