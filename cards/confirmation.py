"""What a reporter sees right after sending a report: written for a 12-year-old.

Short sentences: the case number, what happens now, who can help. An urgent report says the school was
alerted with urgency and offers 112 and the vertrouwensinspecteur as buttons that call (`tel:`); it
never asks "are you in danger?" of someone who just said so. The protocol's own words sit behind a
button. Contacts the protocol names for privacy questions are not offered as people to talk to. A report
that waits to reach the school (no report channel yet, Teams unreachable) says so honestly. A report made
from a message ("Meld dit bericht") says the message was kept, and what became of an image in it.
"""

from __future__ import annotations

import re
from typing import Final, Literal

from bot.protocol import wording
from bot.protocol.engine import ReportRoute
from bot.reports.model import Category, Report
from bot.texts import Lang, t
from cards.elements import Json, card, container, execute, heading, text_block, toggle
from cards.ids import Verb
from cards.literal import literal

PROTOCOL_QUOTE: Final = "confirm-protocol"
EMERGENCY: Final = "112"
KINDERTELEFOON: Final = "0800-0432"
# Contacts for privacy questions (the FG, an e-mail address) are not whom a pupil talks to about bullying.
_NOT_TO_TALK_TO: Final = re.compile(r"gegevensbescherming|privacy|@", re.IGNORECASE)
_PHONE: Final = re.compile(r"\b0[0-9]{2,3}-?[0-9]{6,7}\b")


def people_to_talk_to(contacts: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(contact for contact in contacts if not _NOT_TO_TALK_TO.search(contact))


def inspector_phone(external: tuple[str, ...]) -> str | None:
    """The vertrouwensinspecteur's number as the school's rules give it (`0900-1113111`), if they do."""
    for contact in external:
        if "vertrouwensinspecteur" in contact.lower() and (found := _PHONE.search(contact)):
            return found.group(0)
    return None


def call(title: str, number: str) -> Json:
    """A button that calls `number` on a phone (and offers to on a computer)."""
    return {"type": "Action.OpenUrl", "title": title, "url": "tel:" + number.replace("-", "")}


def confirmation_card(
    report: Report,
    route: ReportRoute,
    lang: Lang,
    *,
    kindertelefoon: bool,
    waiting: Literal["no_channel", "teams"] | None = None,
) -> Json:
    """After submitting (and for every repeat of that submission). `waiting`: the report is stored but waits
    to reach the school (no report channel yet, Teams unreachable), so the card says so and does not claim
    the school already knows."""
    urgent = report.urgent
    body: list[Json] = [heading(t("confirm.title_urgent" if urgent else "confirm.title", lang))]
    if urgent:
        known = "confirm.urgent" if waiting is None else "confirm.urgent_waiting"
        alerted = [text_block(t(known, lang), weight="Bolder")]
        if report.in_danger:
            alerted.append(text_block(t("confirm.in_danger", lang)))
        body.append(container(alerted, style="attention"))
    body.append(text_block(t("confirm.case", lang, case=report.case_number), spacing="Medium"))
    if waiting is not None:
        body.append(container([text_block(t(f"confirm.waiting.{waiting}", lang))], style="warning"))
    body.append(text_block(t("confirm.next", lang), weight="Bolder", spacing="Medium"))
    body.append(text_block(t("confirm.what_now_urgent" if urgent else "confirm.what_now", lang)))
    body.append(text_block(t("confirm.updates", lang)))
    body.append(text_block(t("confirm.who_helps", lang), weight="Bolder", spacing="Medium"))
    people = people_to_talk_to(route.contacts)
    if people and lang == "nl":
        body.append(text_block(t("confirm.talk_to", lang, people=literal(wording.join(people, lang)))))
    else:
        body.append(text_block(t("confirm.talk_to_someone", lang)))
    if kindertelefoon:
        body.append(text_block(t("confirm.kindertelefoon", lang)))
    if not report.in_danger:
        body.append(text_block(t("confirm.danger_plain", lang), weight="Bolder"))
    body.extend(_evidence(report, lang))
    if route.quotes:
        body.append(_protocol_quote(route, lang))
    return card(
        body,
        lang,
        _actions(route, lang, urgent=urgent, kindertelefoon=kindertelefoon, quote=bool(route.quotes)),
        summary=t("confirm.summary_urgent" if urgent else "confirm.summary", lang, case=report.case_number),
    )


def _evidence(report: Report, lang: Lang) -> list[Json]:
    """What happens with evidence: the reported message kept; screenshots welcome, except for sexting."""
    parts: list[Json] = []
    message = report.message
    if message is not None:
        parts.append(text_block(t("confirm.message_kept", lang), spacing="Medium"))
    if report.category == Category.SEXTING:
        if message is not None and message.images:
            parts.append(text_block(t("confirm.message_images_sexting", lang)))
        parts.append(text_block(t("confirm.no_nude_images", lang), weight="Bolder", spacing="Medium"))
    elif message is not None and message.images:
        parts.append(text_block(t("confirm.message_images", lang)))
    else:
        parts.append(text_block(t("confirm.screenshots", lang), spacing="Medium"))
    return parts


def _protocol_quote(route: ReportRoute, lang: Lang) -> Json:
    quote = route.quotes[0]
    article = quote.article_id.split(":", 1)[-1]
    items = [
        text_block(t("confirm.protocol_source", lang, article=article), isSubtle=True, size="Small"),
        text_block(f"“{literal(quote.quoted.rstrip(' ;:'))}”"),
    ]
    return container(items, id=PROTOCOL_QUOTE, isVisible=False, style="emphasis", spacing="Medium")


def _actions(
    route: ReportRoute, lang: Lang, *, urgent: bool, kindertelefoon: bool, quote: bool
) -> list[Json]:
    """Calling first when it is urgent; at most three buttons in view, the rest in the overflow menu."""
    actions: list[Json] = []
    if urgent:
        actions.append(call(t("confirm.call_112", lang), EMERGENCY))
        phone = inspector_phone(route.external)
        if phone is not None:
            actions.append(call(t("confirm.call_inspector", lang), phone))
    actions.append(execute(t("confirm.my_reports", lang), Verb.MY_REPORTS))
    if quote:
        actions.append(toggle(t("confirm.show_protocol", lang), [PROTOCOL_QUOTE]))
    if kindertelefoon:
        actions.append(call(t("confirm.call_kindertelefoon", lang), KINDERTELEFOON))
    return [action if index < 3 else {**action, "mode": "secondary"} for index, action in enumerate(actions)]
