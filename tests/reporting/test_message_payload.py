"""Reading the message a message action was chosen on (`bot.teams.message_payload`): Teams' HTML as plain
text, the sender and time, images counted and never fetched."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.reports.model import MESSAGE_TEXT_MAX
from bot.teams.message_payload import reported_message
from tests.fakes.activities import message_payload

EMOJI = (
    '<img alt="🙂" itemtype="http://schema.skype.com/Emoji" src="https://statics.teams.cdn.office.net/e.png">'
)


def test_html_lines_entities_mentions_and_emoji_become_plain_text() -> None:
    html = (
        '<div><div><at id="0">Sem de Boer</at>&nbsp; jij  bent\tzielig</div>'
        f"<div>&lt;script&gt; &amp; {EMOJI}</div><br><p></p><ul><li>een</li><li>twee</li></ul></div>"
    )
    message = reported_message(message_payload(html))
    assert message is not None
    assert message.text == "Sem de Boer jij bent zielig\n<script> & 🙂\neen\ntwee"
    assert (message.author, message.images, message.cut) == ("Daan Jansen", 0, False)
    assert message.sent_at == datetime(2026, 11, 21, 13, 5, tzinfo=UTC)


def test_images_are_counted_once_whether_inline_or_attached() -> None:
    url = "https://eu-api.asm.skype.com/v1/objects/0-weu-d1/views/imgo"
    html = f'<p>kijk</p><img src="{url}"><img src="https://graph.microsoft.com/hostedContents/2/$value">'
    attached = [
        {"id": "0", "contentType": "image/png", "contentUrl": url},
        {"id": "9", "contentType": "reference"},
    ]
    message = reported_message(message_payload(html, attachments=attached))
    assert message is not None and (message.text, message.images) == ("kijk", 2)


def test_plain_text_a_long_message_an_app_as_sender_and_an_odd_time() -> None:
    payload = message_payload("", sent="gisteren")
    payload["body"] = {"contentType": "text", "content": "  <b>niet</b> opgemaakt " + "x" * MESSAGE_TEXT_MAX}
    payload["from"] = {"user": None, "application": {"displayName": "  Een\nbot  "}}
    message = reported_message(payload)
    assert message is not None and message.cut and len(message.text) == MESSAGE_TEXT_MAX
    assert message.text.startswith("<b>niet</b> opgemaakt x")
    assert (message.author, message.sent_at) == ("Een bot", None)
    naive = reported_message(message_payload("<p>x</p>", sent="2026-11-21T13:05:00"))
    assert naive is not None and naive.sent_at is None


def test_no_message_when_teams_sent_none_that_can_be_read() -> None:
    assert reported_message(None) is None
    assert reported_message({"body": {"contentType": "html"}}) is None
    assert reported_message({"body": "tekst"}) is None
    nameless = message_payload("<p>hoi</p>")
    nameless["from"] = None
    found = reported_message(nameless)
    assert found is not None and found.author is None
