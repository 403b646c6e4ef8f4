"""Turns: register the channel, escalate, act on the card, notify the reporter, answer back."""

from __future__ import annotations

import json
import re

import pytest

from bot.delivery.ports import NotDeliverableYet
from bot.leadership.model import CaseEntry
from bot.reports.model import Status
from cards.ids import Verb
from tests.leadership.conftest import (
    CHANNEL,
    HOSTILE,
    LEADER,
    Desk,
    card_data,
    card_of,
    mention,
    press,
    submit,
)

INVISIBLE = ("\u202e", "\u202c")


def strings(node: object) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [text for value in node.values() for text in strings(value)]
    if isinstance(node, list):
        return [text for item in node for text in strings(item)]
    return []


LIVE = (
    re.compile(r"(?<!\\)\]\("),  # a Markdown link
    re.compile(r"(?<!\\)<\s*/?\s*(at|b|img)\b", re.IGNORECASE),  # a mention or HTML
    re.compile(r"(?<!\\)\*\*"),  # emphasis
    re.compile("[\u202a-\u202e\u2066-\u2069]"),  # bidi overrides
)


def assert_literal(card: dict[str, object]) -> None:
    """No text on the card is live: links, mentions, HTML and emphasis are all escaped or removed."""
    for text in strings(card):
        for pattern in LIVE:
            assert not pattern.search(text), (pattern.pattern, text[:200])


async def register(desk: Desk) -> None:
    result = await desk.conversation.handle(mention("meldingen hier"))
    assert "ontvangt vanaf nu de meldingen" in result.replies[0].text  # type: ignore[union-attr]


async def test_without_a_channel_the_escalation_waits(desk: Desk) -> None:
    await submit(desk.store)
    [message] = await desk.store.outbox.claim_due(
        10, __import__("datetime").datetime.now(__import__("datetime").UTC)
    )
    with pytest.raises(NotDeliverableYet, match="no leadership channel for school testschool"):
        await desk.handler.deliver(message, desk.sender)
    assert desk.sender.threads == []


async def test_the_whole_case_from_escalation_to_reopening(desk: Desk) -> None:
    await register(desk)
    report = await submit(desk.store)
    assert await desk.deliver() == 1

    # A new thread in the registered channel with the minimal card; the leaders are @mentioned outside it.
    [(channel, activity)] = desk.sender.threads
    assert (channel.conversation_id, channel.service_url) == (CHANNEL, "https://smba.example/emea/")
    card = card_of(activity)
    encoded = json.dumps(activity, ensure_ascii=False)
    assert report.case_number in encoded and "Bedreiging" in encoded and "Dringend" in encoded
    assert "Klik hier" not in encoded and "Jan" not in encoded and "gisteren" not in encoded
    assert activity["summary"] == f"Dringende melding {report.case_number}: Bedreiging"
    assert activity["text"] == "⚠️ Dringend: <at>Mw. De Vries</at> <at>Dhr. Bakker</at>"
    assert [e["mentioned"]["id"] for e in activity["entities"]] == [LEADER, "aad-second"]
    assert_literal(card)
    [thread] = await desk.store.leadership.escalations(report.id)
    assert (thread.activity_id, thread.conversation["conversation_id"]) == (
        "act-1",
        f"{CHANNEL};messageid=act-1",
    )

    # Bekijk details: the full report, only in the invoke response, everything literal.
    shown = await desk.conversation.handle(press(Verb.CASE_DETAILS, **card_data(card, Verb.CASE_DETAILS)))
    assert shown.replies == () and shown.updated_card is not None
    details = json.dumps(shown.updated_card, ensure_ascii=False)
    assert "\\\\[Klik hier\\\\]" in details and "Details (alleen jij ziet dit)" in details
    assert_literal(shown.updated_card)
    assert desk.sender.sends == [] and desk.sender.updates == []  # nothing posted for others

    # Ik pak dit op: transition, thread reply, card updated for everyone, reporter told.
    taken = await desk.conversation.handle(press(Verb.CASE_TAKE, **card_data(card, Verb.CASE_TAKE)))
    assert [r.text for r in taken.replies] == [f"👍 {report.case_number} is opgepakt door Mw. De Vries."]  # type: ignore[union-attr]
    assert "In behandeling" in json.dumps(taken.updated_card, ensure_ascii=False)
    await desk.deliver()
    [(_, updated_id, update)] = desk.sender.updates
    assert updated_id == "act-1" and "In behandeling" in json.dumps(update, ensure_ascii=False)
    assert "Mw. De Vries" in json.dumps(card_of(update), ensure_ascii=False)
    [(chat, notice)] = desk.sender.sends
    assert chat.conversation_id == "a:chat-pupil-1"
    assert notice["text"].startswith(
        f"Je melding {report.case_number} is nu in behandeling bij de schoolleiding."
    )

    # Vraag aan melder: the question reaches the reporter's chat; the answer comes back to the thread.
    card = card_of(update)
    question = "Wie is <at>Jan</at>? [link](https://x.example)"
    asked = await desk.conversation.handle(
        press(Verb.CASE_ASK, **card_data(card, Verb.CASE_ASK), question=question, note="", outcome="")
    )
    assert "heeft de melder een vraag gesteld" in asked.replies[0].text  # type: ignore[union-attr]
    await desk.deliver()
    question_card = card_of(desk.sender.sends[-1][1])
    assert_literal(question_card)
    assert "Je blijft anoniem voor hen" in json.dumps(question_card, ensure_ascii=False)
    answer = press(
        Verb.CASE_ANSWER,
        aad="pupil-1",
        kind="personal",
        **card_data(question_card, Verb.CASE_ANSWER),
        answer="Jan uit 2B",
    )
    thanks = await desk.conversation.handle(answer)
    assert "Je antwoord over" in json.dumps(thanks.updated_card, ensure_ascii=False)
    again = await desk.conversation.handle(answer)  # the same answer once more: refused
    assert again.replies[0].text == "Deze vraag is al beantwoord of bestaat niet meer."  # type: ignore[union-attr]
    sent_before = len(desk.sender.sends)
    await desk.deliver()
    thread_notes = [a for c, a in desk.sender.sends[sent_before:] if c.conversation_id.startswith(CHANNEL)]
    assert [a["text"] for a in thread_notes] == [
        f"💬 De melder heeft een vraag over {report.case_number} beantwoord. Lees het via Bekijk details."
    ]
    card = card_of(desk.sender.updates[-1][2])
    shown = await desk.conversation.handle(press(Verb.CASE_DETAILS, **card_data(card, Verb.CASE_DETAILS)))
    details = json.dumps(shown.updated_card, ensure_ascii=False)
    assert "Jan uit 2B" in details and "Wie is Jan? \\\\[link\\\\]" in details

    # Notitie, then Afsluiten with one of the protocol's measures, then Heropenen.
    noted = await desk.conversation.handle(
        press(Verb.CASE_NOTE, **card_data(card, Verb.CASE_NOTE), note="Ouders gebeld")
    )
    assert "notitie toegevoegd" in noted.replies[0].text  # type: ignore[union-attr]
    close = card_data(card, Verb.CASE_CLOSE)
    missing = await desk.conversation.handle(press(Verb.CASE_CLOSE, **close, outcome="Gesprek gevoerd"))
    # Nothing posted in the thread; the presser's card keeps the form open, the outcome typed, the message.
    assert missing.replies == () and missing.updated_card is not None
    kept = json.dumps(missing.updated_card, ensure_ascii=False)
    assert "⚠️ Kies een maatregel." in kept and '"value": "Gesprek gevoerd"' in kept
    closed = await desk.conversation.handle(
        press(Verb.CASE_CLOSE, **close, measure="schorsing", outcome="Gesprek gevoerd, een dag geschorst")
    )
    assert "is afgesloten door Mw. De Vries" in closed.replies[0].text  # type: ignore[union-attr]
    await desk.deliver()
    assert desk.sender.sends[-1][1]["text"].startswith(f"Je melding {report.case_number} is afgesloten.")
    card = card_of(desk.sender.updates[-1][2])
    assert "Afgesloten" in json.dumps(card, ensure_ascii=False)
    reopened = await desk.conversation.handle(press(Verb.CASE_REOPEN, **card_data(card, Verb.CASE_REOPEN)))
    assert "is heropend" in reopened.replies[0].text  # type: ignore[union-attr]
    await desk.deliver()
    assert (
        desk.sender.sends[-1][1]["text"]
        == f"Je melding {report.case_number} is weer in behandeling bij de schoolleiding."
    )

    stored = await desk.store.reports.get(report.id)
    assert stored is not None and stored.status == Status.OPGEPAKT and stored.handler_key == LEADER
    audit = await desk.store.reports.audit_trail(report.id)
    viewed = {(e.action, e.actor_key, e.accepted) for e in audit if e.action == "details_viewed"}
    assert viewed == {("details_viewed", LEADER, True)}  # opening the details is audited
    trail = [(e.action, e.actor_key, e.accepted) for e in audit if e.action != "details_viewed"]
    assert trail == [
        ("submit", "pupil-1", True),
        ("oppakken", LEADER, True),
        ("vraag", LEADER, True),
        ("antwoord", "pupil-1", True),
        ("case_answer", "pupil-1", False),
        ("notitie", LEADER, True),
        ("afsluiten", LEADER, True),
        ("afsluiting", LEADER, True),
        ("heropenen", LEADER, True),
    ]
    closing = next(e for e in await desk.store.reports.audit_trail(report.id) if e.action == "afsluiten")
    assert closing.detail == {"measure": "schorsing", "shared": False, "from": "opgepakt", "to": "afgesloten"}


async def test_hostile_text_of_20000_characters_stays_literal_on_every_card(desk: Desk) -> None:
    await register(desk)
    report = await submit(desk.store, description=(HOSTILE * 200)[:4000])
    await desk.deliver()
    card = card_of(desk.sender.threads[0][1])
    huge = (HOSTILE * 200)[:20_000]
    assert len(huge) == 20_000
    rejected = await desk.conversation.handle(
        press(Verb.CASE_NOTE, **card_data(card, Verb.CASE_NOTE), note=huge)
    )
    assert rejected.replies[0].text == "Die knop werkt niet meer. Typ je vraag gewoon opnieuw."  # type: ignore[union-attr]
    assert await desk.store.leadership.entries(report.id) == []
    await desk.conversation.handle(press(Verb.CASE_NOTE, **card_data(card, Verb.CASE_NOTE), note=huge[:2000]))
    shown = await desk.conversation.handle(press(Verb.CASE_DETAILS, **card_data(card, Verb.CASE_DETAILS)))
    assert shown.updated_card is not None
    assert_literal(shown.updated_card)
    assert len(json.dumps(shown.updated_card).encode()) < 80_000


async def test_a_close_that_fails_half_way_leaves_the_case_open(
    desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Measure and outcome go in with the status change: a store failure while writing them closes nothing."""
    await register(desk)
    report = await submit(desk.store)
    await desk.deliver()
    close = card_data(card_of(desk.sender.threads[0][1]), Verb.CASE_CLOSE)
    pressed = press(Verb.CASE_CLOSE, **close, measure="schorsing", outcome="Gesprek gevoerd")

    def broken(self: CaseEntry) -> dict[str, object]:
        raise RuntimeError("store failed while writing the closing entry")

    monkeypatch.setattr(CaseEntry, "audit_detail", broken)
    with pytest.raises(RuntimeError):
        await desk.conversation.handle(pressed)
    monkeypatch.undo()
    stored = await desk.store.reports.get(report.id)
    assert stored is not None and (stored.status, stored.version) == (Status.NIEUW, 1)
    assert await desk.store.leadership.entries(report.id) == []
    assert [e.action for e in await desk.store.reports.audit_trail(report.id)] == ["submit"]

    closed = await desk.conversation.handle(pressed)  # the same card works once the store is back
    assert "is afgesloten door Mw. De Vries" in closed.replies[0].text  # type: ignore[union-attr]
    [entry] = await desk.store.leadership.entries(report.id)
    assert (entry.kind, entry.code, entry.text) == ("afsluiting", "schorsing", "Gesprek gevoerd")
    stored = await desk.store.reports.get(report.id)
    assert stored is not None and stored.status == Status.AFGESLOTEN


async def test_a_press_reads_the_cases_threads_once(desk: Desk, monkeypatch: pytest.MonkeyPatch) -> None:
    """Checking that a press came from the case's thread and drawing the card it returns read the case's
    threads once between them (one CaseReads per press), not once each."""
    await register(desk)
    report = await submit(desk.store)
    await desk.deliver()
    [(_, activity)] = desk.sender.threads
    card = card_of(activity)
    read = desk.store.leadership.escalations
    reads: list[object] = []

    async def counted(report_id: object) -> object:
        reads.append(report_id)
        return await read(report_id)  # type: ignore[arg-type]

    monkeypatch.setattr(desk.store.leadership, "escalations", counted)
    taken = await desk.conversation.handle(press(Verb.CASE_TAKE, **card_data(card, Verb.CASE_TAKE)))
    assert "In behandeling" in json.dumps(taken.updated_card, ensure_ascii=False)
    assert reads.count(report.id) == 1
