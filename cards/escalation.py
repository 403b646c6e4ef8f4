"""The escalation card in the leadership channel, and its details view for one authorised leader.

The channel card is seen by every member of the channel and previewed in notifications: it shows only
the case number, category, urgency, time, status and who handles it. The details view (description,
platform, people involved, the case log) is only ever returned to the leader who pressed *Bekijk
details*, as the invoke response. Everything a reporter or leader typed goes through `literal()`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from uuid import UUID
from zoneinfo import ZoneInfo

from bot.reports.model import ReportedMessage
from bot.texts import t, tn
from cards.case_forms import OpenForm, case_actions, case_data, case_forms
from cards.elements import Json, action_set, card, container, execute, fact_set, heading, text_block
from cards.ids import Verb
from cards.literal import literal, plain

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
DETAIL_MAX = 4000
MESSAGE_SHOWN = 3000  # of a reported message, so the view stays under ~28 KB with a screenshot in it
FOLLOW_UPS_SHOWN = 20


@dataclass(frozen=True)
class Leader:
    """An authorised leader to @mention (settings: Entra object id and display name)."""

    object_id: str
    name: str


@dataclass(frozen=True)
class CaseView:
    """What the channel card may show: no description, no names of pupils."""

    report_id: UUID
    case_number: str
    category: str  # a `Category` value
    urgent: bool
    created_at: datetime
    status: str  # a `Status` value
    handler: str | None  # the handling leader's name (from settings), None when nobody picked it up
    card_token: str
    notes: int = 0
    questions: int = 0
    answers: int = 0
    mention: tuple[Leader, ...] = ()  # the leaders to @mention on an urgent case
    measures: tuple[tuple[str, str], ...] = ()  # (code, label) for the closing form
    repeat: bool = False  # an earlier post of this case may have arrived (a timeout): say it repeats it
    follow_ups: tuple[str, ...] = ()  # case numbers of the same reporter's cases that replied in this thread
    follows: str | None = None  # the case heading the thread this case is a reply in


@dataclass(frozen=True)
class LogLine:
    kind: str  # notitie | vraag | antwoord | afsluiting
    author: str
    text: str
    at: datetime
    measure: str = ""


@dataclass(frozen=True)
class Screenshot:
    """One of the case's screenshots, scaled to fit the card (a JPEG data URI)."""

    number: int  # 1-based
    total: int
    data_uri: str


@dataclass(frozen=True)
class CaseDetails:
    """The full report, for the details view only."""

    description: str
    platform: str | None
    happened: str | None
    involved: str | None
    in_danger: bool
    anonymous: bool
    reporter_name: str | None  # as Teams gave it, only when the reporter chose to be known
    log: tuple[LogLine, ...] = field(default=())
    screenshot: Screenshot | None = None
    message: ReportedMessage | None = None  # the Teams message reported with "Meld dit bericht"


def local_time(moment: datetime) -> str:
    """`21-11-2026 14:05`, in Europe/Amsterdam."""
    return moment.astimezone(AMSTERDAM).strftime("%d-%m-%Y %H:%M")


def category_name(category: str) -> str:
    return t(f"case.category.{category}")


def case_summary(view: CaseView) -> str:
    """The notification text: case number and category only."""
    key = "case.summary.urgent" if view.urgent else "case.summary.new"
    if view.repeat:
        key = "case.summary.repeat"
    return t(key, case=view.case_number, category=category_name(view.category))


def escalation_card(
    view: CaseView, details: CaseDetails | None = None, *, form: OpenForm | None = None
) -> Json:
    """The channel card; with `details`, the private view for the leader who asked for it; with `form`,
    that form open again with what was typed and what is missing (also only for the presser)."""
    body: list[Json] = []
    if view.repeat:
        body.append(container([text_block(t("case.repeat", case=view.case_number))], style="warning"))
    if view.urgent:
        body.append(
            container([text_block(t("case.urgent"), weight="Bolder", color="Attention")], style="attention")
        )
    body.append(heading(t("case.title", case=view.case_number)))
    body.append(fact_set(_facts(view)))
    if details is None:
        body.append(text_block(t("case.privacy_hint"), isSubtle=True, size="Small"))
    else:
        body.extend(_details(details, view))
    body.extend(case_forms(view, form))
    actions = case_actions(view, showing_details=details is not None)
    return card(body, "nl", actions, summary=case_summary(view))


def escalation_activity(view: CaseView) -> dict[str, Any]:
    """The message activity that carries the channel card (also used to update it in place).

    An urgent case @mentions the school's leaders in the message text, outside the card, so the card
    itself never holds a live mention.
    """
    activity: dict[str, Any] = {
        "type": "message",
        "summary": case_summary(view),
        "attachments": [
            {"contentType": "application/vnd.microsoft.card.adaptive", "content": escalation_card(view)}
        ],
    }
    if view.urgent and view.mention:
        names = " ".join(_mention_text(leader) for leader in view.mention)
        activity["text"] = t("case.urgent_mention", mentions=names)
        activity["entities"] = [_mention_entity(leader) for leader in view.mention]
    return activity


def _mention_name(leader: Leader) -> str:
    """A leader's name from settings, made safe to sit inside `<at>…</at>`."""
    return plain(leader.name, 60).replace("<", "").replace(">", "").replace("&", "")


def _mention_text(leader: Leader) -> str:
    return f"<at>{_mention_name(leader)}</at>"


def _mention_entity(leader: Leader) -> Json:
    return {
        "type": "mention",
        "text": _mention_text(leader),
        "mentioned": {"id": leader.object_id, "name": _mention_name(leader)},
    }


def _facts(view: CaseView) -> list[tuple[str, str]]:
    handler = literal(view.handler, 80) if view.handler else t("case.handler.none")
    facts = [
        (t("case.fact.category"), category_name(view.category)),
        (t("case.fact.urgency"), t("case.urgency.urgent" if view.urgent else "case.urgency.normal")),
        (t("case.fact.time"), local_time(view.created_at)),
        (t("case.fact.status"), t(f"case.status.{view.status}")),
        (t("case.fact.handler"), handler),
    ]
    if view.follow_ups:
        shown = ", ".join(view.follow_ups[:FOLLOW_UPS_SHOWN])
        more = len(view.follow_ups) - FOLLOW_UPS_SHOWN
        cases = shown if more <= 0 else t("case.follow_ups.more", cases=shown, count=more)
        facts.append((t("case.fact.follow_ups"), t("case.follow_ups", cases=cases)))
    if view.follows:
        facts.append((t("case.fact.follows"), t("case.follows", case=view.follows)))
    counted = (("notes", view.notes), ("questions", view.questions), ("answers", view.answers))
    counts = [tn(f"case.count.{what}", count) for what, count in counted if count]
    if counts:
        facts.append((t("case.fact.log"), ", ".join(counts)))
    return facts


def _reporter(details: CaseDetails) -> str:
    if details.anonymous:
        return t("case.details.anonymous")
    if details.reporter_name:
        return t("case.details.known", name=literal(details.reporter_name, 80))
    return t("case.details.known_no_name")


def _screenshot(shot: Screenshot, view: CaseView) -> list[Json]:
    caption = t("case.details.screenshot", number=shot.number, total=shot.total)
    items: list[Json] = [
        text_block(caption, weight="Bolder", size="Small"),
        {"type": "Image", "url": shot.data_uri, "altText": caption, "size": "Stretch"},
    ]
    if shot.total > 1:
        following = shot.number % shot.total  # the next one, 0-based, back to the first after the last
        press = execute(
            t("case.button.next_shot", number=following + 1, total=shot.total),
            Verb.CASE_DETAILS,
            {**case_data(view), "shot": following},
            associatedInputs="none",
        )
        items.append(action_set([press], spacing="Small"))
    return items


def _message(message: ReportedMessage) -> list[Json]:
    """The reported message as Teams gave it (the description is what the reporter made of it)."""
    empty = t("case.details.empty")
    sent = local_time(message.sent_at) if message.sent_at else empty
    items: list[Json] = [
        text_block(t("case.details.message"), weight="Bolder", size="Small"),
        fact_set(
            [
                (t("case.details.message_author"), literal(message.author, 200) if message.author else empty),
                (t("case.details.message_sent"), sent),
            ]
        ),
        container([text_block(literal(message.text, MESSAGE_SHOWN) or empty)], style="emphasis"),
    ]
    longer = message.cut or len(message.text) > MESSAGE_SHOWN
    notes = [t("case.details.message_cut")] if longer else []
    if message.images:
        notes.append(tn("case.details.message_images", message.images))
    items.extend(text_block(note, isSubtle=True, size="Small", spacing="Small") for note in notes)
    return items


def _details(details: CaseDetails, view: CaseView) -> list[Json]:
    empty = t("case.details.empty")

    def optional(value: str | None) -> str:
        return literal(value, 300) if value else empty

    reporter = _reporter(details)
    items: list[Json] = [
        text_block(t("case.details.heading"), weight="Bolder", separator=True, spacing="Medium"),
        text_block(t("case.details.description"), weight="Bolder", size="Small"),
        text_block(literal(details.description, DETAIL_MAX)),
        fact_set(
            [
                (t("case.details.platform"), optional(details.platform)),
                (t("case.details.happened"), optional(details.happened)),
                (t("case.details.involved"), optional(details.involved)),
                (
                    t("case.details.in_danger"),
                    t("case.details.yes" if details.in_danger else "case.details.no"),
                ),
                (t("case.details.reporter"), reporter),
            ]
        ),
    ]
    if details.message is not None:
        items.extend(_message(details.message))
    items.append(text_block(t("case.details.log"), weight="Bolder", size="Small"))
    if not details.log:
        items.append(text_block(t("case.details.no_log"), isSubtle=True))
    for line in details.log:
        title = t(
            f"case.entry.{line.kind}",
            author=literal(line.author, 80),
            time=local_time(line.at),
            measure=line.measure,
        )
        items.append(text_block(title, weight="Bolder", size="Small", spacing="Small"))
        items.append(text_block(literal(line.text, 2000), spacing="None"))
    if details.screenshot is not None:
        items.extend(_screenshot(details.screenshot, view))
    return items
