"""Turns: the asker puts a question the protocol does not cover to the school, a leader answers it from
the channel card, the answer comes back in the asker's chat — and every forged or stale press is refused."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from bot.conversation.dispatcher import Conversation
from bot.conversation.models import CardActionIn, CardSubmitIn
from bot.conversation.rate_limit import RateLimiter
from bot.conversation.services import Services
from bot.delivery.ports import NotDeliverableYet
from bot.leadership.desk import LeadershipDesk
from bot.leadership.outbox_handler import LeadershipOutbox
from bot.protocol.engine import RuleBook
from bot.questions.model import ForwardedQuestion, QuestionDraft
from bot.storage import Store
from bot.storage.models import ANSWER_TTL
from cards.ids import INPUT_QUESTION_ANSWER, Verb
from tests.leadership.conftest import (
    CHANNEL,
    HOSTILE,
    LEADER,
    Desk,
    RecordingSender,
    card_of,
    mention,
    person,
    settings,
    where,
)
from tests.questions.conftest import QUESTION, asker_press, asker_submit, find_action, said, unknown_card

YEAR = datetime.now(UTC).year
NUMBER = f"V-{YEAR}-0001"


async def register(desk: Desk) -> None:
    result = await desk.conversation.handle(mention("meldingen hier"))
    assert "ontvangt vanaf nu de meldingen" in said(result)


async def forwarded(desk: Desk, user: str = "pupil-1") -> ForwardedQuestion:
    data = await unknown_card(desk, user)
    result = await desk.conversation.handle(asker_press(data, user))
    assert f"({NUMBER})" in said(result) or "doorgegeven" in said(result)
    [question] = await desk.store.questions.for_asker(user)
    return question


def leader_press(
    question: ForwardedQuestion,
    answer: Any = None,
    aad: str = LEADER,
    thread: str = "act-1",
    **where_changes: Any,
) -> CardActionIn:
    data: dict[str, Any] = {
        "verb": Verb.QUESTION_ANSWER,
        "question_id": str(question.id),
        "card_token": question.card_token,
    }
    if answer is not None:
        data[INPUT_QUESTION_ANSWER] = answer
    kind = where_changes.pop("kind", "channel")
    conversation = f"{CHANNEL};messageid={thread}" if kind == "channel" else f"a:chat-{aad}"
    return CardActionIn(
        verb=Verb.QUESTION_ANSWER,
        data=data,
        sender=person(aad),
        where=where(kind, conversation),
        locale="nl-NL",
    )


async def test_forward_stores_one_question_and_posts_a_minimal_card_to_the_channel(desk: Desk) -> None:
    await register(desk)
    data = await unknown_card(desk)
    result = await desk.conversation.handle(asker_press({**data, "question": "vervalst"}))

    assert said(result) == (
        f"Ik heb je vraag doorgegeven aan de schoolleiding ({NUMBER}). Je krijgt het antwoord hier in deze "
        "chat. Zij zien je vraag en dat je leerling bent, niet je naam."
    )
    [question] = await desk.store.questions.for_asker("pupil-1")
    assert (question.question, question.role, question.school, question.status) == (
        QUESTION,  # from the answer the bot issued, never from the card
        "leerling",
        "testschool",
        "open",
    )
    assert question.asker_conversation["conversation_id"] == "a:chat-pupil-1"

    assert await desk.deliver() == 1
    [(channel, activity)] = desk.sender.threads
    assert channel.conversation_id == CHANNEL
    card = card_of(activity)
    encoded = json.dumps(activity, ensure_ascii=False)
    assert f"Vraag {NUMBER}" in encoded and "Leerling" in encoded and QUESTION in encoded
    assert "Het protocol geeft hier geen antwoord op" in encoded
    assert "Iemand" not in encoded and "pupil-1" not in encoded  # never the asker's name or account
    assert activity["summary"] == f"Vraag {NUMBER} van een leerling"  # the notification: no question text
    button = find_action(card, Verb.QUESTION_ANSWER)
    assert button["fallback"]["type"] == "Action.Submit" and "refresh" not in card
    [field] = [e for e in card["body"] if e.get("id") == INPUT_QUESTION_ANSWER]
    assert field["isRequired"] and field["isMultiline"] and field["maxLength"] == 2000
    stored = await desk.store.questions.get(question.id)
    assert stored is not None and stored.thread_activity_id == "act-1"


async def test_a_double_press_or_redelivery_gives_one_question_and_the_same_confirmation(desk: Desk) -> None:
    await register(desk)
    data = await unknown_card(desk)
    first = await desk.conversation.handle(asker_press(data))
    second = await desk.conversation.handle(asker_press(data))
    by_submit = await desk.conversation.handle(asker_submit(data))
    assert said(first) == said(second) == said(by_submit) and NUMBER in said(first)
    assert len(await desk.store.questions.for_asker("pupil-1")) == 1
    assert await desk.deliver() == 1 and len(desk.sender.threads) == 1


async def test_after_a_restart_the_button_still_forwards_the_question(
    desk: Desk, rule_book: RuleBook
) -> None:
    await register(desk)
    sent = await unknown_card(desk)
    await desk.conversation.handle(asker_press(sent))
    not_sent = await unknown_card(desk)
    restarted = restart(desk, rule_book)  # same database, a new process: nothing kept in memory

    again = await restarted.conversation.handle(asker_press(sent))
    assert NUMBER in said(again)  # already forwarded: found by its token
    later = await restarted.conversation.handle(asker_press(not_sent))
    assert f"V-{YEAR}-0002" in said(later)  # the answer it issued before the restart is in the store
    assert len(await desk.store.questions.for_asker("pupil-1")) == 2


async def test_a_button_older_than_its_expiry_says_honestly_to_ask_again(desk: Desk) -> None:
    await register(desk)
    data = await unknown_card(desk)
    issued = await desk.store.conversation.issued_answer(data["question_token"])
    assert issued is not None
    old = issued.issued_at - ANSWER_TTL - timedelta(minutes=1)
    await desk.store.conversation.erase_user("pupil-1")
    await desk.store.conversation.issue_answer(issued.model_copy(update={"issued_at": old}))

    lost = await desk.conversation.handle(asker_press(data))
    assert "niet meer doorgeven" in said(lost) and "Stel je vraag nog een keer" in said(lost)
    assert await desk.store.questions.for_asker("pupil-1") == []


@pytest.mark.parametrize("who", ["intruder", "unknown-token"])
async def test_a_foreign_or_unknown_token_is_refused_and_nothing_is_stored(desk: Desk, who: str) -> None:
    data = await unknown_card(desk)
    if who == "unknown-token":
        data = {**data, "question_token": "n0tIssuedT0ken123"}
        result = await desk.conversation.handle(asker_press(data))
    else:
        await unknown_card(desk, user="intruder")
        result = await desk.conversation.handle(asker_press(data, user="intruder"))
    assert "niet meer doorgeven" in said(result)
    assert await desk.store.questions.for_asker("pupil-1") == []
    assert await desk.store.questions.for_asker("intruder") == []
    assert await desk.store.outbox.messages("leadership:testschool") == []


async def test_in_a_channel_the_asker_is_sent_to_the_private_chat(desk: Desk) -> None:
    data = await unknown_card(desk)
    result = await desk.conversation.handle(asker_press(data, kind="channel"))
    assert "privéchat" in said(result)
    assert await desk.store.questions.for_asker("pupil-1") == []


async def test_without_a_registered_channel_the_question_waits(desk: Desk) -> None:
    question = await forwarded(desk)
    [message] = await desk.store.outbox.claim_due(10, datetime.now(UTC))
    with pytest.raises(NotDeliverableYet, match="no leadership channel for school testschool"):
        await desk.handler.deliver(message, desk.sender)
    assert desk.sender.threads == [] and await desk.store.questions.get(question.id) is not None


async def test_a_leader_answers_and_both_the_asker_and_the_channel_see_it(desk: Desk) -> None:
    await register(desk)
    question = await forwarded(desk)
    await desk.deliver()

    result = await desk.conversation.handle(leader_press(question, "  Ja, als je juf het goed vindt.  "))

    assert result.updated_card is not None
    assert said(result) == f"✅ Vraag {NUMBER} is beantwoord door Mw. De Vries."  # the thread hears it
    shown = json.dumps(result.updated_card, ensure_ascii=False)
    assert "Beantwoord door Mw. De Vries op" in shown and "Ja, als je juf het goed vindt." in shown
    assert INPUT_QUESTION_ANSWER not in shown and Verb.QUESTION_ANSWER.value not in shown
    stored = await desk.store.questions.get(question.id)
    assert stored is not None and stored.status == "answered" and stored.answered_by == LEADER
    assert stored.answer == "Ja, als je juf het goed vindt."

    assert await desk.deliver() == 2
    [(thread, activity_id, update)] = desk.sender.updates
    assert (thread.conversation_id, activity_id) == (f"{CHANNEL};messageid=act-1", "act-1")
    assert "Beantwoord door Mw. De Vries" in json.dumps(update, ensure_ascii=False)
    [(chat, to_asker)] = desk.sender.sends
    assert chat.conversation_id == "a:chat-pupil-1"
    text = json.dumps(to_asker, ensure_ascii=False)
    assert f"Antwoord van de schoolleiding op je vraag {NUMBER}" in text
    assert QUESTION in text and "Ja, als je juf het goed vindt." in text and "De Vries" not in text
    actions = [(e.action, e.accepted) for e in await desk.store.questions.audit_trail(question.id)]
    assert actions == [("vraag_doorgeven", True), ("vraag_beantwoorden", True)]

    # The same (now stale) card pressed again: refused politely with the card as it is now.
    again = await desk.conversation.handle(leader_press(question, "Nog een antwoord", aad="aad-second"))
    assert "al beantwoord" in said(again)
    assert again.updated_card is not None and "Beantwoord door Mw. De Vries" in json.dumps(again.updated_card)
    assert (await desk.store.questions.get(question.id)).answer == stored.answer  # type: ignore[union-attr]
    assert await desk.deliver() == 0


async def test_hostile_answers_are_shown_literally(desk: Desk) -> None:
    await register(desk)
    question = await forwarded(desk)
    await desk.deliver()
    await desk.conversation.handle(leader_press(question, HOSTILE))
    await desk.deliver()
    from tests.leadership.test_case_flow import assert_literal

    assert_literal(card_of(desk.sender.updates[0][2]))
    assert_literal(card_of(desk.sender.sends[0][1]))


@pytest.mark.parametrize("typed", [None, "", "   \n "])
async def test_an_empty_answer_gets_the_form_again_with_a_message(desk: Desk, typed: str | None) -> None:
    await register(desk)
    question = await forwarded(desk)
    await desk.deliver()
    result = await desk.conversation.handle(leader_press(question, typed))
    assert result.replies == () and result.updated_card is not None
    shown = json.dumps(result.updated_card, ensure_ascii=False)
    assert "⚠️ Typ eerst je antwoord." in shown and Verb.QUESTION_ANSWER.value in shown
    stored = await desk.store.questions.get(question.id)
    assert stored is not None and stored.status == "open"


async def test_a_too_long_answer_keeps_the_typed_text(desk: Desk) -> None:
    await register(desk)
    question = await forwarded(desk)
    await desk.deliver()
    typed = "Lang antwoord. " * 150
    result = await desk.conversation.handle(leader_press(question, typed))
    assert result.updated_card is not None
    [field] = [e for e in result.updated_card["body"] if e.get("id") == INPUT_QUESTION_ANSWER]
    assert field["value"] == typed
    assert "te lang: maximaal 2000 tekens" in json.dumps(result.updated_card, ensure_ascii=False)
    assert (await desk.store.questions.get(question.id)).status == "open"  # type: ignore[union-attr]


async def test_an_empty_answer_by_submit_only_says_so(desk: Desk) -> None:
    await register(desk)
    question = await forwarded(desk)
    await desk.deliver()
    press = leader_press(question, "")
    result = await desk.conversation.handle(
        CardSubmitIn(data=press.data, sender=press.sender, where=press.where, locale="nl-NL")
    )
    assert said(result) == "Typ eerst je antwoord." and result.updated_card is None


REFUSALS = {
    "not a leader": ({"aad": "aad-stranger"}, "not_leader"),
    "leader of another school": ({"aad": "aad-elders"}, "not_leader"),
    "another thread": ({"thread": "act-99"}, "not_in_thread"),
    "a chat, not the thread": ({"kind": "personal"}, "not_in_thread"),
    "a stale card token": ({"token": "st4leCardT0ken"}, "stale_token"),
}


@pytest.mark.parametrize("case", REFUSALS)
async def test_forged_presses_change_nothing_and_are_audited(
    rule_book: RuleBook, store: Store, case: str
) -> None:
    desk = leadership_desk(rule_book, store)
    await register(desk)
    question = await forwarded(desk)
    await desk.deliver()
    changes, reason = REFUSALS[case]
    if "token" in changes:
        question = question.model_copy(update={"card_token": changes.pop("token")})
    result = await desk.conversation.handle(leader_press(question, "Een antwoord", **changes))

    assert said(result)
    stored = await desk.store.questions.get(question.id)
    assert stored is not None and stored.status == "open" and stored.answer is None
    refusals = [e for e in await desk.store.questions.audit_trail(question.id) if not e.accepted]
    assert [(e.action, e.detail) for e in refusals] == [("question_answer", {"reason": reason})]
    assert await desk.deliver() == 0 and desk.sender.updates == [] and desk.sender.sends == []


async def test_a_store_failure_says_not_sent_and_leaves_nothing(rule_book: RuleBook, store: Store) -> None:
    desk = leadership_desk(rule_book, failing_forward(store))
    data = await unknown_card(desk)
    result = await desk.conversation.handle(asker_press(data))
    assert said(result) == "Je vraag is niet verzonden — probeer het opnieuw."
    assert await desk.store.questions.for_asker("pupil-1") == []
    assert await desk.store.outbox.messages("leadership:testschool") == []
    desk.store.questions.failing = False  # type: ignore[attr-defined]
    retried = await desk.conversation.handle(asker_press(data))  # the button still works
    assert NUMBER in said(retried)


class FailingQuestions:
    """A QuestionStore whose `forward` fails like a lost database connection, until told otherwise."""

    def __init__(self, inner: Any) -> None:
        self._inner = inner
        self.failing = True

    async def forward(self, draft: QuestionDraft, idempotency_key: str) -> tuple[ForwardedQuestion, bool]:
        if self.failing:
            raise ConnectionError("database gone")
        result: tuple[ForwardedQuestion, bool] = await self._inner.forward(draft, idempotency_key)
        return result

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)


def failing_forward(store: Store) -> Store:
    """The store with its question area failing to forward (`FailingQuestions`)."""
    store.questions = FailingQuestions(store.questions)  # type: ignore[assignment]
    return store


def leadership_desk(rule_book: RuleBook, store: Store) -> Desk:
    leaders = {"testschool": {LEADER: "Mw. De Vries"}, "andere-school": {"aad-elders": "Dhr. Elders"}}
    config = settings(leaders=json.dumps(leaders))
    services = Services(store=store, rules=rule_book, schools_for=config.schools_for)
    services.leadership = LeadershipDesk(store, config, rule_book)
    conversation = Conversation(services, RateLimiter(limit=100, window_seconds=60))
    return Desk(store, conversation, LeadershipOutbox(store, config, rule_book), RecordingSender())


def restart(desk: Desk, rule_book: RuleBook) -> Desk:
    """A new bot process on the same database."""
    config = settings()
    services = Services(store=desk.store, rules=rule_book, schools_for=config.schools_for)
    services.leadership = LeadershipDesk(desk.store, config, rule_book)
    conversation = Conversation(services, RateLimiter(limit=100, window_seconds=60))
    return Desk(desk.store, conversation, desk.handler, desk.sender)


async def test_the_pressed_card_shows_the_number_instead_of_the_button(desk: Desk) -> None:
    await register(desk)
    data = await unknown_card(desk)
    result = await desk.conversation.handle(asker_press(data))

    assert result.updated_card is not None  # Action.Execute: Teams replaces the card in place
    encoded = json.dumps(result.updated_card, ensure_ascii=False)
    assert f"Doorgegeven aan de schoolleiding als {NUMBER}" in encoded
    assert Verb.ASK_CONTACT not in encoded  # pressed once is enough
    again = await desk.conversation.handle(asker_press(data))  # a stale copy of the card elsewhere
    assert again.updated_card == result.updated_card
