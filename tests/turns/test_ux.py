"""Issue 10 in the pupil's chat: small talk (6), a vote that turns into thanks and can change (10), the
school picker that gives way and can be opened again, the channel's own help (11), no slashes (12)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.conversation.dispatcher import Conversation
from bot.conversation.models import CardReply, TurnResult
from bot.conversation.rate_limit import RateLimiter
from bot.conversation.services import Services
from bot.protocol.engine import RuleBook
from bot.storage import Store
from bot.texts import en, nl
from cards.ids import Verb
from tests.fakes.activities import TENANT
from tests.turns.conftest import action, message

ROOT = Path(__file__).resolve().parents[2]


def shown(result: TurnResult) -> str:
    parts = [
        json.dumps(r.card, ensure_ascii=False) if isinstance(r, CardReply) else r.text for r in result.replies
    ]
    if result.updated_card is not None:
        parts.append(json.dumps(result.updated_card, ensure_ascii=False))
    return "\n".join(parts)


@pytest.fixture
def chat(services: Services) -> Conversation:
    return Conversation(services, RateLimiter(limit=100, window_seconds=60))


@pytest.mark.parametrize("said", ["hoi", "Hallo!", "dank je", "Bedankt 🙏", "asdfgh", "ok"])
async def test_small_talk_gets_a_short_reply_never_the_forward_button(chat: Conversation, said: str) -> None:
    await chat.handle(action(Verb.CHOOSE_ROLE, role="leerling"))
    result = await chat.handle(message(said))
    text = shown(result)
    assert "Staat niet in het protocol" not in text and Verb.ASK_CONTACT.value not in text
    assert result.replies and all(not isinstance(r, CardReply) for r in result.replies)
    assert any(word in text for word in ("Hoi!", "Graag gedaan", "snap ik niet"))


async def test_a_real_question_the_protocol_does_not_cover_can_still_be_forwarded(chat: Conversation) -> None:
    await chat.handle(action(Verb.CHOOSE_ROLE, role="leerling"))
    text = shown(await chat.handle(message("Mag ik een drone boven het schoolplein laten vliegen?")))
    assert Verb.ASK_CONTACT.value in text


async def test_a_vote_becomes_thanks_and_can_be_changed(chat: Conversation, store: Store) -> None:
    await chat.handle(action(Verb.CHOOSE_ROLE, role="medewerker"))
    answer = await chat.handle(message("Mag ik via WhatsApp appen met leerlingen?"))
    card = answer.replies[0]
    assert isinstance(card, CardReply)
    up = next(a for a in card.card["actions"] if a["data"].get("useful") is True)
    voted = await chat.handle(action(**up["data"]))
    assert voted.replies == () and voted.updated_card is not None
    text = json.dumps(voted.updated_card, ensure_ascii=False)
    assert "Bedankt! Fijn dat je hier iets aan had." in text and "👍 Ja" not in text
    [change] = voted.updated_card["actions"]
    assert change["title"] == "Toch niet 👎" and change["data"]["useful"] is False
    assert await store.feedback.feedback_counts("testschool") == [("testschool:A.1", 1, 0)]
    changed = await chat.handle(action(**change["data"]))
    assert "Jammer dat dit je niet hielp" in json.dumps(changed.updated_card, ensure_ascii=False)
    assert await store.feedback.feedback_counts("testschool") == [("testschool:A.1", 0, 1)]


async def test_the_school_picker_gives_way_and_school_opens_it_again(fresh_store: Store) -> None:
    rules = RuleBook.load(ROOT / "rules")
    services = Services(
        store=fresh_store,
        rules=rules,
        schools_for=lambda t: ("de-breul", "de-marel") if t == TENANT else (),
    )
    chat = Conversation(services, RateLimiter(limit=100, window_seconds=60))
    chosen = await chat.handle(action(Verb.CHOOSE_SCHOOL, school="de-marel"))
    assert chosen.updated_card is not None  # the picker is replaced: no empty dropdown stays
    picked = json.dumps(chosen.updated_card, ensure_ascii=False)
    assert "Je school: Kindcentrum De Marel" in picked or "Je school:" in picked
    assert "Input.ChoiceSet" not in picked and Verb.CHANGE_SCHOOL.value in picked
    again = await chat.handle(message("school"))
    assert "Op welke school zit je?" in shown(again)
    also = await chat.handle(action(Verb.CHANGE_SCHOOL))
    assert "Op welke school zit je?" in shown(also)


async def test_help_in_a_channel_lists_what_works_there(chat: Conversation) -> None:
    await chat.handle(action(Verb.CHOOSE_ROLE, role="medewerker"))
    text = shown(await chat.handle(message("help", kind="channel", mentioned=True)))
    assert "meldingen hier" in text
    assert '"title": "meld"' not in text and '"title": "mijn meldingen"' not in text
    personal = shown(await chat.handle(message("help")))
    assert '"title": "meld"' in personal and '"title": "mijn meldingen"' in personal


def test_the_reporter_and_the_channel_use_the_same_word_for_a_case_being_handled() -> None:
    assert nl.TEXTS["status.opgepakt"] == nl.TEXTS["case.status.opgepakt"] == "In behandeling"


def test_no_slashes_in_our_sentences_or_the_manifest() -> None:
    for texts in (nl.TEXTS, en.TEXTS):
        for key, text in texts.items():
            assert "/" not in text.replace("https://", "").replace("kindertelefoon.nl", ""), key
    for name in ("manifest.template.json", "en-us.json"):
        manifest = (ROOT / "deployment" / "appPackage" / name).read_text(encoding="utf-8")
        assert "verzorger/" not in manifest and "/verzorger" not in manifest and "/carer" not in manifest
