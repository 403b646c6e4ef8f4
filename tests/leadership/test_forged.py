"""Forged and stale presses: refused, nothing changes, every refusal audited."""

from __future__ import annotations

from typing import Any
from uuid import uuid4

from bot.reports.model import Report, Status
from cards.ids import Verb
from tests.fakes.store import audit_rows
from tests.leadership.conftest import CHANNEL, LEADER, Desk, card_data, card_of, mention, press, submit


async def escalated(desk: Desk, **changes: Any) -> tuple[Report, dict[str, Any]]:
    await desk.conversation.handle(mention("meldingen hier"))
    report = await submit(desk.store, **changes)
    await desk.deliver()
    return report, card_of(desk.sender.threads[-1][1])


async def unchanged(desk: Desk, report: Report) -> None:
    stored = await desk.store.reports.get(report.id)
    assert stored is not None and (stored.status, stored.version) == (report.status, report.version)


async def refusals(desk: Desk, report: Report) -> list[tuple[str, str, object]]:
    trail = await desk.store.reports.audit_trail(report.id)
    return [(e.action, e.actor_key, e.detail.get("reason")) for e in trail if not e.accepted]


async def test_a_pupil_closing_from_their_own_chat_is_refused(desk: Desk) -> None:
    report, card = await escalated(desk)
    data = card_data(card, Verb.CASE_CLOSE)
    result = await desk.conversation.handle(
        press(Verb.CASE_CLOSE, aad="pupil-1", kind="personal", **data, measure="geen", outcome="klaar")
    )
    assert result.replies[0].text == "Dit kan alleen de schoolleiding van deze school."  # type: ignore[union-attr]
    assert result.updated_card is None
    await unchanged(desk, report)
    assert await refusals(desk, report) == [("case_close", "pupil-1", "not_leader")]
    assert await desk.deliver() == 0


async def test_a_non_leader_pressing_in_the_channel_is_refused(desk: Desk) -> None:
    report, card = await escalated(desk)
    for verb in (Verb.CASE_TAKE, Verb.CASE_DETAILS):
        result = await desk.conversation.handle(press(verb, aad="aad-teacher", **card_data(card, verb)))
        assert result.updated_card is None  # no details, not even the card
    await unchanged(desk, report)
    assert await refusals(desk, report) == [
        ("case_take", "aad-teacher", "not_leader"),
        ("case_details", "aad-teacher", "not_leader"),
    ]


async def test_a_leader_pressing_outside_the_case_thread_is_refused(desk: Desk) -> None:
    report, card = await escalated(desk)
    from_chat = press(Verb.CASE_DETAILS, kind="personal", **card_data(card, Verb.CASE_DETAILS))
    assert (await desk.conversation.handle(from_chat)).updated_card is None
    assert await refusals(desk, report) == [("case_details", LEADER, "not_in_thread")]


async def test_an_unknown_verb_is_refused_and_audited(desk: Desk) -> None:
    report, card = await escalated(desk)
    forged = press("case_delete", **card_data(card, Verb.CASE_TAKE))
    result = await desk.conversation.handle(forged)
    assert result.replies[0].text == "Die knop werkt niet meer. Typ je vraag gewoon opnieuw."  # type: ignore[union-attr]
    await unchanged(desk, report)
    audit = await audit_rows(desk.store)  # refusals without a case too
    assert [(e.action, e.accepted, e.detail) for e in audit if e.action == "invalid_action"] == [
        ("invalid_action", False, {"reason": "unknown verb", "verb": None})
    ]


async def test_a_changed_case_id_is_refused(desk: Desk) -> None:
    report, card = await escalated(desk)
    other = await submit(desk.store, reporter="pupil-2", key="form-2")
    await desk.deliver()
    data = card_data(card, Verb.CASE_TAKE)
    to_other = await desk.conversation.handle(press(Verb.CASE_TAKE, **{**data, "report_id": str(other.id)}))
    assert "niet meer actueel" in to_other.replies[0].text  # type: ignore[union-attr]
    to_nothing = await desk.conversation.handle(press(Verb.CASE_TAKE, **{**data, "report_id": str(uuid4())}))
    assert to_nothing.replies[0].text == "Deze melding ken ik niet (meer)."  # type: ignore[union-attr]
    await unchanged(desk, report)
    await unchanged(desk, other)
    assert await refusals(desk, other) == [("case_take", LEADER, "stale_token")]


async def test_a_replayed_token_is_refused(desk: Desk) -> None:
    report, card = await escalated(desk)
    take = card_data(card, Verb.CASE_TAKE)
    assert "opgepakt" in (await desk.conversation.handle(press(Verb.CASE_TAKE, **take))).replies[0].text  # type: ignore[union-attr]
    replay = await desk.conversation.handle(
        press(Verb.CASE_CLOSE, **take, measure="geen", outcome="weg ermee")
    )
    assert "niet meer actueel" in replay.replies[0].text  # type: ignore[union-attr]
    assert replay.updated_card is not None and "In behandeling" in str(replay.updated_card)
    stored = await desk.store.reports.get(report.id)
    assert stored is not None and (stored.status, stored.version) == (Status.OPGEPAKT, 2)
    assert await refusals(desk, report) == [("case_close", LEADER, "stale_token")]


async def test_a_concurrent_double_press_changes_the_case_once(desk: Desk) -> None:
    import asyncio

    report, card = await escalated(desk)
    take = press(Verb.CASE_TAKE, **card_data(card, Verb.CASE_TAKE))
    results = await asyncio.gather(*(desk.conversation.handle(take) for _ in range(3)))
    accepted = [r for r in results if "is opgepakt door" in r.replies[0].text]  # type: ignore[union-attr]
    assert len(accepted) == 1
    stored = await desk.store.reports.get(report.id)
    assert stored is not None and stored.version == 2
    assert len(await refusals(desk, report)) == 2


async def test_an_answer_from_another_account_or_with_a_wrong_token_is_refused(desk: Desk) -> None:
    report, card = await escalated(desk)
    await desk.conversation.handle(
        press(Verb.CASE_ASK, **card_data(card, Verb.CASE_ASK), question="Wanneer?")
    )
    await desk.deliver()
    data = card_data(card_of(desk.sender.sends[-1][1]), Verb.CASE_ANSWER)
    someone_else = press(Verb.CASE_ANSWER, aad="pupil-9", kind="personal", **data, answer="ik ben het niet")
    wrong_token = press(
        Verb.CASE_ANSWER,
        aad="pupil-1",
        kind="personal",
        **{**data, "question_token": "forged-token-1"},
        answer="x",
    )
    in_channel = press(Verb.CASE_ANSWER, aad="pupil-1", **data, answer="x")
    for forged in (someone_else, wrong_token, in_channel):
        result = await desk.conversation.handle(forged)
        assert result.replies[0].text == "Deze vraag is al beantwoord of bestaat niet meer."  # type: ignore[union-attr]
    assert [e.kind for e in await desk.store.leadership.entries(report.id)] == ["vraag"]
    assert await refusals(desk, report) == [
        ("case_answer", "pupil-9", "not_reporter"),
        ("case_answer", "pupil-1", "stale_question"),
        ("case_answer", "pupil-1", "not_reporter"),
    ]


async def test_only_a_leader_registers_a_channel_and_never_a_shared_one(desk: Desk) -> None:
    refused = await desk.conversation.handle(mention("meldingen hier", aad="aad-teacher"))
    assert refused.replies[0].text.startswith("Alleen de schoolleiding kan een kanaal instellen")  # type: ignore[union-attr]
    shared = await desk.conversation.handle(mention("meldingen hier", shared_channel=True))
    assert shared.replies[0].text.startswith("Dit is een gedeeld kanaal")  # type: ignore[union-attr]
    personal = await desk.conversation.handle(
        mention("meldingen hier", kind="personal", conversation_id="a:chat")
    )
    assert "teamkanaal" in personal.replies[0].text  # type: ignore[union-attr]
    assert await desk.store.leadership.channels() == []
    audit = await audit_rows(desk.store)
    assert [(e.action, e.actor_key, e.detail) for e in audit] == [
        ("meldingen_hier", "aad-teacher", {"reason": "not_leader"}),
        ("meldingen_hier", LEADER, {"reason": "shared_channel"}),
        ("meldingen_hier", LEADER, {"reason": "not_a_channel"}),
    ]
    await desk.conversation.handle(mention("meldingen hier"))
    [registered] = await desk.store.leadership.channels()
    assert registered.conversation["conversation_id"] == CHANNEL and registered.registered_by == LEADER
