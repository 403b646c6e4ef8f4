"""Issue 10 on the case card: the known reporter's name (4), screenshots in the audited details (5), in-card
validation for the presser only (7), the outcome shared with the reporter (9), three visible buttons (13)."""

from __future__ import annotations

import io
import json

from PIL import Image

from bot.reporting.model import AttachmentDraft
from cards.ids import Verb
from tests.leadership.conftest import Desk, card_data, card_of, press, submit
from tests.leadership.test_case_flow import register


def png(width: int = 1080, height: int = 2400) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (200, 30, 30)).save(out, format="PNG")
    return out.getvalue()


async def opened(desk: Desk, **changes: object) -> tuple[object, dict[str, object]]:
    await register(desk)
    report = await submit(desk.store, **changes)
    await desk.deliver()
    return report, card_of(desk.sender.threads[-1][1])


async def test_a_known_reporter_is_named_as_teams_gives_the_name(desk: Desk) -> None:
    _, card = await opened(desk, anonymous=False, reporter_name="Lotte de Vries")
    shown = await desk.conversation.handle(press(Verb.CASE_DETAILS, **card_data(card, Verb.CASE_DETAILS)))
    details = json.dumps(shown.updated_card, ensure_ascii=False)
    assert "Lotte de Vries (wil dat de schoolleiding weet wie dit meldt)" in details
    assert "Teams-account" not in details and "pupil-1" not in details


async def test_screenshots_are_shown_one_by_one_to_the_leader_and_each_view_is_audited(desk: Desk) -> None:
    report, card = await opened(desk)
    for _ in range(2):
        await desk.store.reporting.add_attachment(
            AttachmentDraft(
                report_id=report.id,  # type: ignore[attr-defined]
                uploader_key="pupil-1",
                content_type="image/png",
                width=1080,
                height=2400,
                data=png(),
            )
        )
    first = await desk.conversation.handle(press(Verb.CASE_DETAILS, **card_data(card, Verb.CASE_DETAILS)))
    assert first.updated_card is not None and first.replies == ()
    encoded = json.dumps(first.updated_card, ensure_ascii=False)
    assert "Screenshot 1 van 2" in encoded and '"url": "data:image/jpeg;base64,' in encoded
    assert len(encoded.encode()) < 28 * 1024  # a Teams message stays under ~28 KB
    [next_shot] = [
        action
        for element in first.updated_card["body"]
        if element.get("type") == "ActionSet"
        for action in element["actions"]
        if action.get("verb") == Verb.CASE_DETAILS
    ]
    assert next_shot["title"] == "Toon screenshot 2 van 2" and next_shot["data"]["shot"] == 1
    data = {k: v for k, v in next_shot["data"].items() if k != "verb"}
    second = await desk.conversation.handle(press(Verb.CASE_DETAILS, **data))
    assert "Screenshot 2 van 2" in json.dumps(second.updated_card, ensure_ascii=False)
    audit = await desk.store.reports.audit_trail(report.id)  # type: ignore[attr-defined]
    views = [(e.action, e.detail.get("number")) for e in audit if e.action.endswith("_viewed")]
    assert views == [
        ("details_viewed", None),
        ("screenshot_viewed", 1),
        ("details_viewed", None),
        ("screenshot_viewed", 2),
    ]
    assert desk.sender.sends == []  # nothing reached the channel


async def test_closing_without_a_measure_keeps_the_form_for_the_presser_only(desk: Desk) -> None:
    _, card = await opened(desk)
    close = card_data(card, Verb.CASE_CLOSE)
    missing = await desk.conversation.handle(
        press(Verb.CASE_CLOSE, **close, outcome="Gesprek gevoerd", share="true")
    )
    assert missing.replies == ()  # nothing in the thread for everyone
    assert missing.updated_card is not None
    [form] = [e for e in missing.updated_card["body"] if e.get("id") == "case-form-close"]
    assert form["isVisible"] is True
    encoded = json.dumps(form, ensure_ascii=False)
    assert "⚠️ Kies een maatregel." in encoded and '"value": "Gesprek gevoerd"' in encoded
    assert '"value": "true"' in encoded  # the share toggle as it was
    await desk.deliver()
    assert desk.sender.sends == []


async def test_a_shared_outcome_reaches_the_reporter(desk: Desk) -> None:
    report, card = await opened(desk)
    outcome = "We hebben met de klas gepraat. Het stopt nu."
    close = card_data(card, Verb.CASE_CLOSE)
    await desk.conversation.handle(
        press(Verb.CASE_CLOSE, **close, measure="geen", outcome=outcome, share="true")
    )
    await desk.deliver()
    told = desk.sender.sends[-1][1]["text"]
    assert told.startswith(f"Je melding {report.case_number} is afgesloten.")  # type: ignore[attr-defined]
    assert "Dit wil de school je laten weten: We hebben met de klas gepraat. Het stopt nu." in told


async def test_an_outcome_not_shared_stays_with_the_leadership(desk: Desk) -> None:
    _, card = await opened(desk)
    close = card_data(card, Verb.CASE_CLOSE)
    await desk.conversation.handle(press(Verb.CASE_CLOSE, **close, measure="geen", outcome="Intern verhaal"))
    await desk.deliver()
    assert "Intern verhaal" not in desk.sender.sends[-1][1]["text"]


async def test_at_most_three_buttons_are_visible_on_the_case_card(desk: Desk) -> None:
    _, card = await opened(desk)
    actions = card["actions"]
    assert isinstance(actions, list)
    visible = [a["title"] for a in actions if a.get("mode") != "secondary"]
    assert visible == ["Bekijk details", "Ik pak dit op", "Afsluiten"]
    assert [a["title"] for a in actions if a.get("mode") == "secondary"] == ["Vraag aan melder", "Notitie"]
