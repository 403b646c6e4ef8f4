"""What a user experiences, turn by turn."""

from __future__ import annotations

import json

from bot.conversation.dispatcher import Conversation
from bot.conversation.models import CardReply, TextReply, TurnResult
from bot.conversation.rate_limit import RateLimiter
from bot.conversation.services import Services
from bot.storage import Store
from cards.ids import Verb
from tests.turns.conftest import action, message


def texts(result: TurnResult) -> str:
    return " ".join(
        r.text if isinstance(r, TextReply) else json.dumps(r.card, ensure_ascii=False) for r in result.replies
    )


async def test_role_is_asked_once_then_the_pending_question_is_answered(
    conversation: Conversation, store: Store
) -> None:
    first = await conversation.handle(message("Mag ik leerlingen appen via WhatsApp?"))
    assert "Wie ben je?" in texts(first)

    chosen = await conversation.handle(action(Verb.CHOOSE_ROLE, role="medewerker"))

    assert chosen.updated_card is not None
    assert "Medewerker" in texts(chosen)
    assert "testschool:A.1" in texts(chosen)  # the question asked before is answered now
    profile = await store.profiles.get_profile("aad-u1")
    assert profile is not None and (profile.role, profile.role_source) == ("medewerker", "asked")

    again = await conversation.handle(message("Mag ik WhatsApp gebruiken met de klas?"))
    assert "Wie ben je?" not in texts(again)
    assert isinstance(again.replies[0], CardReply)


async def test_rol_command_shows_the_role_card_with_the_current_role(conversation: Conversation) -> None:
    await conversation.handle(action(Verb.CHOOSE_ROLE, role="ouder"))
    result = await conversation.handle(message("rol"))
    assert "Nu gekozen: Ouder of verzorger" in texts(result)


async def test_feedback_is_stored_from_server_state_once(conversation: Conversation, store: Store) -> None:
    await conversation.handle(action(Verb.CHOOSE_ROLE, role="medewerker"))
    answer = await conversation.handle(message("Mag ik via WhatsApp appen met leerlingen?"))
    card = answer.replies[0]
    assert isinstance(card, CardReply)
    thumbs_up = next(a for a in card.card["actions"] if a["data"].get("useful") is True)
    data = {**thumbs_up["data"], "question": "vervalst", "sources": ["testschool:B.1"]}

    await conversation.handle(action(**data))
    await conversation.handle(action(**data))  # a resend is harmless

    assert await store.feedback.feedback_counts("testschool") == [("testschool:A.1", 1, 0)]


async def test_feedback_with_a_token_issued_to_someone_else_is_not_stored(
    conversation: Conversation, store: Store
) -> None:
    await conversation.handle(action(Verb.CHOOSE_ROLE, role="medewerker"))
    answer = await conversation.handle(message("Mag ik via WhatsApp appen met leerlingen?"))
    card = answer.replies[0]
    assert isinstance(card, CardReply)
    data = next(a for a in card.card["actions"] if a["data"].get("useful") is False)["data"]

    result = await conversation.handle(action(user="intruder", **data))

    assert await store.feedback.feedback_counts("testschool") == []
    assert "Jammer" in texts(result)


async def test_channel_only_when_mentioned_and_never_report_details(conversation: Conversation) -> None:
    await conversation.handle(action(Verb.CHOOSE_ROLE, role="leerling"))
    assert (await conversation.handle(message("Mag ik appen?", kind="channel"))).replies == ()

    answered = await conversation.handle(
        message("Mag ik WhatsApp gebruiken?", kind="channel", mentioned=True)
    )
    assert "testschool:A.1" in texts(answered)

    report = await conversation.handle(message("Ik word gepest op Instagram", kind="channel", mentioned=True))
    assert "privéchat" in texts(report)
    meld = await conversation.handle(message("meld", kind="groupChat", mentioned=True))
    assert "privéchat" in texts(meld)


async def test_incident_in_personal_chat_gets_a_caring_reply(conversation: Conversation) -> None:
    await conversation.handle(action(Verb.CHOOSE_ROLE, role="leerling"))
    result = await conversation.handle(message("Ik word gepest op Instagram"))
    assert "Wat vervelend" in texts(result)


async def test_commands(conversation: Conversation) -> None:
    await conversation.handle(action(Verb.CHOOSE_ROLE, role="leerling"))
    assert "Zo werkt Mag dit?" in texts(await conversation.handle(message("help")))
    assert "Contact met leerlingen" in texts(await conversation.handle(message("protocol")))
    assert "Wat ik bewaar" in texts(await conversation.handle(message("privacy")))
    assert "Meld wat er is gebeurd" in texts(await conversation.handle(message("meld")))  # the report card


async def test_school_choice_must_be_one_of_the_tenants(conversation: Conversation, store: Store) -> None:
    result = await conversation.handle(action(Verb.CHOOSE_SCHOOL, school="de-breul"))
    assert "werkt niet meer" in texts(result)
    profile = await store.profiles.get_profile("aad-u1")
    assert profile is None or profile.school == "testschool"


async def test_forged_card_data_is_refused_politely(conversation: Conversation) -> None:
    result = await conversation.handle(action(Verb.CHOOSE_ROLE, role="directeur"))
    assert "werkt niet meer" in texts(result)


async def test_rate_limit_tells_once_then_stays_silent(services: Services) -> None:
    conversation = Conversation(services, RateLimiter(limit=2, window_seconds=60))
    results = [await conversation.handle(message("help")) for _ in range(4)]
    assert "Rustig aan" in texts(results[2])
    assert results[3].replies == ()
    other_user = await conversation.handle(message("help", user="u2"))
    assert "Zo werkt" in texts(other_user)


async def test_english_locale_gets_english(conversation: Conversation) -> None:
    incoming = message("help").model_copy(update={"locale": "en-GB"})
    assert "How" in texts(await conversation.handle(incoming))
