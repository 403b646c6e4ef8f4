"""Screenshots after a report: attached to the open case, cleaned, capped, refused for sexting, and the bot's
token only ever sent to the activity's own service host."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from bot.conversation.dispatcher import Conversation
from bot.reporting.download import DownloadError, checked_url
from bot.reporting.images import NotAnImageError, clean_image, sniff
from bot.storage import Store
from cards.ids import Verb
from tests.reporting.conftest import (
    SERVICE_URL,
    FakeFiles,
    execute,
    form_token,
    image_message,
    jpeg_with_gps,
    png,
)
from tests.reporting.test_report_turns import VALID, set_up, text_of

SHOT = SERVICE_URL + "v3/attachments/abc/views/original"


async def report(conversation: Conversation, category: str = "cyberpesten") -> None:
    token = form_token(await set_up(conversation))
    await conversation.handle(
        execute(Verb.SUBMIT_REPORT, form_token=token, **{**VALID, "category": category})
    )


async def test_a_screenshot_is_cleaned_and_attached_to_the_open_case(
    conversation: Conversation, store: Store, files: FakeFiles
) -> None:
    await report(conversation)
    files.files[SHOT] = png(text_chunk="Lotte, Dorpsstraat 1")
    files.files[SHOT + "2"] = jpeg_with_gps()
    result = await conversation.handle(image_message(SHOT, SHOT + "2"))
    [case] = await store.reports.for_reporter("aad-u1")
    assert f"Toegevoegd aan je melding {case.case_number}" in text_of(result)
    stored = await store.reporting.attachments(case.id)
    assert [(a.content_type, a.width, a.height) for a in stored] == [
        ("image/png", 40, 30),
        ("image/jpeg", 32, 24),
    ]
    first = await store.reporting.attachment_data(stored[0].id)
    second = await store.reporting.attachment_data(stored[1].id)
    assert first is not None and second is not None
    assert b"Dorpsstraat" not in first and b"Comment" not in first  # the text chunk is gone
    assert b"Exif" not in second and b"PhoneMaker" not in second  # EXIF and GPS are gone
    assert Image.open(io.BytesIO(second)).getexif() == {}
    assert files.fetched == [(SHOT, True), (SHOT + "2", True)]


async def test_sexting_refuses_images_without_downloading_them(
    conversation: Conversation, store: Store, files: FakeFiles
) -> None:
    await report(conversation, "sexting")
    files.files[SHOT] = png()
    result = await conversation.handle(image_message(SHOT))
    assert "240b" in text_of(result) and "Beschrijf in woorden" in text_of(result)
    assert files.fetched == []
    [case] = await store.reports.for_reporter("aad-u1")
    assert await store.reporting.attachments(case.id) == []
    refusal = (await store.reports.audit_trail(case.id))[-1]
    assert (refusal.action, refusal.accepted, refusal.detail["reason"]) == ("screenshot", False, "sexting")


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"%PDF-1.7 not an image", "kan ik niet toevoegen"),
        (b"\x89PNG\r\n\x1a\n" + b"garbage" * 10, "kan ik niet toevoegen"),  # right magic, broken image
        (b"<svg xmlns='http://www.w3.org/2000/svg'/>", "kan ik niet toevoegen"),
        (png(600, 600) + b"\x00" * 250_000, "te groot"),
    ],
)
async def test_wrong_or_oversized_files_are_refused(
    conversation: Conversation, store: Store, files: FakeFiles, data: bytes, expected: str
) -> None:
    await report(conversation)
    files.files[SHOT] = data
    result = await conversation.handle(image_message(SHOT))
    assert expected in text_of(result)
    [case] = await store.reports.for_reporter("aad-u1")
    assert await store.reporting.attachments(case.id) == []


async def test_without_an_open_case_nothing_is_kept(conversation: Conversation, files: FakeFiles) -> None:
    files.files[SHOT] = png()
    result = await conversation.handle(image_message(SHOT))
    assert "alleen bij een melding" in text_of(result)
    assert files.fetched == []


async def test_an_image_url_on_another_host_is_never_fetched_with_the_token(
    conversation: Conversation, store: Store, files: FakeFiles
) -> None:
    await report(conversation)
    result = await conversation.handle(image_message("https://attacker.example/v3/attachments/x"))
    assert "lukte niet" in text_of(result)
    assert files.fetched == []


def test_the_token_goes_only_to_the_service_host() -> None:
    assert checked_url(SHOT, SERVICE_URL).host == "smba.trafficmanager.net"
    for url in (
        "https://attacker.example/v3/attachments/x",
        "http://smba.trafficmanager.net/emea/v3/attachments/x",  # not https
        "https://smba.trafficmanager.net:8443/v3/attachments/x",  # another port
        "https://user:pw@smba.trafficmanager.net/emea/x",
    ):
        with pytest.raises(DownloadError):
            checked_url(url, SERVICE_URL)
    assert checked_url("https://tenant.sharepoint.com/file.png", None).host == "tenant.sharepoint.com"
    with pytest.raises(DownloadError):
        checked_url("file:///etc/passwd", None)


def test_magic_bytes_decide_and_bombs_are_refused() -> None:
    assert sniff(png()) == "PNG" and sniff(jpeg_with_gps()) == "JPEG"
    assert sniff(b"GIF89a....") == "GIF" and sniff(b"RIFF\x00\x00\x00\x00WEBPVP8 ") == "WEBP"
    assert sniff(b"BM....") is None  # BMP is not accepted
    gif = io.BytesIO()
    Image.new("P", (8, 8)).save(gif, format="GIF")
    assert clean_image(gif.getvalue()).content_type == "image/png"
    webp = io.BytesIO()
    Image.new("RGBA", (8, 8)).save(webp, format="WEBP")
    assert clean_image(webp.getvalue()).content_type == "image/png"
    huge = io.BytesIO()
    Image.new("1", (9000, 9000)).save(huge, format="PNG")  # 81 megapixels, a few KB
    with pytest.raises(NotAnImageError):
        clean_image(huge.getvalue())
