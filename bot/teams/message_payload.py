"""The message a message action was chosen on (`value.messagePayload` of `composeExtension/fetchTask`), read
into a `ReportedMessage`: plain text from Teams' HTML body, the sender's name, the time, images counted.

Images are never fetched: inline images are hosted content behind Microsoft Graph, not the Bot Connector,
and for sexting the bot would not keep them anyway. Emoji (Teams sends them as small `<img>` tags) become
their character; an `<at>` mention keeps the name it shows.
"""

from __future__ import annotations

import re
from datetime import datetime
from html.parser import HTMLParser
from typing import Any, Final

from bot.reports.model import MESSAGE_TEXT_MAX, SHORT_TEXT_MAX, ReportedMessage

HTML_MAX: Final = 200_000  # far above any Teams message; the request body is capped lower still
_BLOCKS: Final = frozenset(
    {
        "p",
        "div",
        "br",
        "li",
        "ul",
        "ol",
        "tr",
        "table",
        "blockquote",
        "pre",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
    }
)
_SPACES: Final = re.compile(r"[ \t\f\v\u00a0]+")
_LINE_BREAKS: Final = re.compile(r"\n{2,}")  # Teams wraps every line in its own <p>


class _PlainText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.images: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "img":
            found = dict(attrs)
            if "emoji" in (found.get("itemtype") or "").lower():
                self.parts.append(found.get("alt") or "")
            else:
                self.images.add(found.get("src") or f"img-{len(self.images)}")
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)

    def text(self) -> str:
        lines = (_SPACES.sub(" ", line).strip() for line in "".join(self.parts).splitlines())
        return _LINE_BREAKS.sub("\n", "\n".join(lines)).strip()


def reported_message(payload: Any) -> ReportedMessage | None:
    """The message as kept for a report; None when the payload is not a message Teams describes."""
    if not isinstance(payload, dict):
        return None
    body = payload.get("body")
    if not isinstance(body, dict) or not isinstance(body.get("content"), str):
        return None
    content = body["content"][:HTML_MAX]
    reader = _PlainText()
    if str(body.get("contentType", "html")).lower() == "html":
        reader.feed(content)
        reader.close()
        text = reader.text()
    else:
        text = content.strip()
    images = reader.images | _image_attachments(payload.get("attachments"))
    return ReportedMessage(
        text=text[:MESSAGE_TEXT_MAX],
        cut=len(text) > MESSAGE_TEXT_MAX,
        author=_author(payload.get("from")),
        sent_at=_moment(payload.get("createdDateTime")),
        images=len(images),
    )


def _image_attachments(attachments: Any) -> set[str]:
    if not isinstance(attachments, list):
        return set()
    found = set()
    for index, attachment in enumerate(attachments[:50]):
        if isinstance(attachment, dict) and str(attachment.get("contentType", "")).startswith("image/"):
            found.add(str(attachment.get("contentUrl") or attachment.get("id") or f"attachment-{index}"))
    return found


def _author(sender: Any) -> str | None:
    """`from.user.displayName`, or the app's name for a message an app sent."""
    if not isinstance(sender, dict):
        return None
    for kind in ("user", "application"):
        identity = sender.get(kind)
        if isinstance(identity, dict) and isinstance(identity.get("displayName"), str):
            name = " ".join(identity["displayName"].split())[:SHORT_TEXT_MAX]
            if name:
                return name
    return None


def _moment(value: Any) -> datetime | None:
    """`createdDateTime` (ISO 8601, UTC); None when absent, unreadable or without a time zone."""
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None
