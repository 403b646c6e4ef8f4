"""The ask-back in Teams, through the conversation layer with the real rules: a question read two ways gets a
card with the meanings to choose from and one button; choosing answers that meaning, for that user's own
question only; a vote on the chosen answer keeps showing it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bot.conversation.dispatcher import Conversation
from bot.conversation.models import CardReply, TurnResult
from bot.conversation.rate_limit import RateLimiter
from bot.conversation.services import Services
from bot.protocol.engine import RuleBook
from bot.storage import Store
from cards.ids import INPUT_MEANING, Verb
from tests.cards.structure import actions
from tests.fakes.activities import TENANT
from tests.turns.conftest import action, message
from tests.turns.test_conversation import texts

RULES = Path(__file__).resolve().parents[2] / "rules"
SCHOOL = "willem-van-oranje"
DOUBTFUL = "mag ik met een app een nepfilmpje van onze mentor maken voor de eindmusical?"


@pytest.fixture(scope="module")
def real_rules() -> RuleBook:
    return RuleBook.load(RULES)


@pytest.fixture
def conversation(real_rules: RuleBook, store: Store) -> Conversation:
    services = Services(
        store=store,
        rules=real_rules,
        schools_for=lambda tenant: (SCHOOL,) if tenant == TENANT else (),
    )
    return Conversation(services, RateLimiter(limit=20, window_seconds=60))


def _card(result: TurnResult) -> dict[str, Any]:
    card = result.replies[0]
    assert isinstance(card, CardReply)
    return card.card


def _buttons(card: dict[str, Any], verb: Verb) -> list[dict[str, Any]]:
    """The data of each button with this verb, as it comes back (without the verb itself)."""
    found = [a["data"] for a in actions(card) if a.get("verb") == verb.value]
    return [{k: v for k, v in data.items() if k != "verb"} for data in found]


def _meanings(card: dict[str, Any]) -> list[dict[str, Any]]:
    """What choosing each meaning and pressing the button sends back: the choice's value under its input id,
    and the button's data."""
    (button,) = _buttons(card, Verb.CHOOSE_MEANING)
    (choice_set,) = [e for e in _elements(card) if e.get("id") == INPUT_MEANING]
    return [{**button, INPUT_MEANING: choice["value"]} for choice in choice_set["choices"]]


def _elements(node: Any) -> list[dict[str, Any]]:
    if isinstance(node, dict):
        return [node, *(e for value in node.values() for e in _elements(value))]
    if isinstance(node, list):
        return [e for value in node for e in _elements(value)]
    return []


async def _asked_back(conversation: Conversation, user: str = "u1") -> dict[str, Any]:
    await conversation.handle(action(Verb.CHOOSE_ROLE, user=user, role="leerling"))
    card = _card(await conversation.handle(message(DOUBTFUL, user=user)))
    assert "Wat bedoel je precies?" in str(card)
    return card


async def test_a_press_on_a_meaning_gives_its_answer_and_a_vote_keeps_it(conversation: Conversation) -> None:
    card = await _asked_back(conversation)
    options = _meanings(card)
    assert options, "the meanings to choose from"
    assert not _buttons(card, Verb.FEEDBACK), "no verdict, so nothing to vote on yet"
    assert _buttons(card, Verb.ASK_CONTACT), "none fits: put the question to the school"

    answered = _card(await conversation.handle(action(Verb.CHOOSE_MEANING, **options[0])))
    votes = _buttons(answered, Verb.FEEDBACK)
    assert votes and votes[0]["verdict"] in ("yes", "yes_if", "no", "advised_against")
    assert votes[0]["question"] == DOUBTFUL  # the answer stays tied to what was asked

    voted = await conversation.handle(action(Verb.FEEDBACK, **votes[0]))
    assert voted.updated_card is not None
    assert "Wat bedoel je precies?" not in str(voted.updated_card)
    assert votes[0]["sources"][0].split(":")[1] in str(voted.updated_card)


async def test_another_users_question_cannot_be_answered_through_its_token(
    conversation: Conversation,
) -> None:
    options = _meanings(await _asked_back(conversation, user="u1"))
    result = await conversation.handle(action(Verb.CHOOSE_MEANING, user="u2", **options[0]))
    assert "te lang geleden" in texts(result)
    assert not any(isinstance(reply, CardReply) for reply in result.replies)


async def test_a_forged_meaning_of_another_school_is_refused(conversation: Conversation) -> None:
    options = _meanings(await _asked_back(conversation))
    forged = {**options[0], "situation": "geen-bestaande-situatie"}
    result = await conversation.handle(action(Verb.CHOOSE_MEANING, **forged))
    assert "werkt niet meer" in texts(result)
