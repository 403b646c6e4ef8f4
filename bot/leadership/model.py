"""What the leadership side keeps beside a report: the registered channels, the escalation threads, the
token of the card currently shown, and the case log (notes, questions to the reporter, answers, outcome).

Plain pydantic, no botbuilder: the stores persist these, the desk and the outbox handler use them.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal
from uuid import UUID

from pydantic import AwareDatetime, BaseModel, ConfigDict, StringConstraints

from bot.reports.model import Report

Json = dict[str, Any]
ENTRY_TEXT_MAX = 2000
REPORTS_ROUTE = "meldingen"  # the school's own report channel; settings may add routes such as "fg"

Route = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_-]{0,31}$")]
EntryText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=ENTRY_TEXT_MAX)]
EntryKind = Literal["notitie", "vraag", "antwoord", "afsluiting"]


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ChannelRegistration(_Frozen):
    """A team channel that receives a school's reports (route `meldingen`) or some of them (`fg`)."""

    school: str
    route: Route
    conversation: Json  # a `bot.delivery.ports.ConversationRef` of the channel, as JSON
    team_id: str | None = None
    registered_by: str  # the Entra object id of the authorised person
    registered_at: AwareDatetime


class EscalationThread(_Frozen):
    """The thread a report opened in one channel, so later card updates edit that card in place."""

    report_id: UUID
    route: Route
    conversation: Json  # ConversationRef of the thread ("<channel>;messageid=<id>")
    activity_id: str
    created_at: AwareDatetime


class CaseEntryDraft(_Frozen):
    """A line in the case log: what a leader or the reporter typed; stored, shown escaped, never logged."""

    report_id: UUID
    kind: EntryKind
    author_key: str
    text: EntryText
    code: str | None = None  # the measure chosen when closing
    token: str | None = None  # a question's answer token, checked when the reporter answers
    reply_to: int | None = None  # the question an answer belongs to


class CaseEntry(CaseEntryDraft):
    id: int
    answered: bool = False
    at: AwareDatetime

    def audit_detail(self) -> Json:
        """Ids and codes only, for the entry's audit row: the text stays in the case log."""
        detail: Json = {"entry": self.id}
        if self.code is not None:
            detail["code"] = self.code
        if self.reply_to is not None:
            detail["reply_to"] = self.reply_to
        return detail


class OpenCase(_Frozen):
    """A case that is not closed, with what the overview needs to know about its handling (from the audit
    trail and the case log): when a leader last acted on it, when the reporter last answered, and how many
    of the leaders' questions wait for an answer."""

    report: Report
    last_leader_action_at: AwareDatetime | None = None
    last_answer_at: AwareDatetime | None = None
    open_questions: int = 0


# What a leader does to a case, as the audit trail names it: any of these stops the reminders.
LEADER_ACTIONS = ("oppakken", "afsluiten", "heropenen", "notitie", "vraag")
