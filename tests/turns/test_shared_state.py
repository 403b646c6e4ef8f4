"""Two bot instances (two conversation layers) on one store, or a new process after a restart: a vote (and
changing it), a question waiting for the role and 'ask the school' work wherever the press lands."""

from __future__ import annotations

from typing import Any

from bot.conversation.dispatcher import Conversation
from bot.conversation.models import CardReply
from bot.conversation.rate_limit import RateLimiter
from bot.conversation.services import Services
from bot.protocol.engine import RuleBook
from bot.storage import Store
from cards.ids import Verb
from tests.fakes.activities import TENANT
from tests.fakes.rules import SCHOOL
from tests.turns.conftest import action, message
from tests.turns.test_conversation import texts


def instance(store: Store, rule_book: RuleBook) -> Conversation:
    """One bot process: its own services and memory, the shared store."""
    services = Services(
        store=store, rules=rule_book, schools_for=lambda tenant: (SCHOOL,) if tenant == TENANT else ()
    )
    return Conversation(services, RateLimiter(limit=50, window_seconds=60))


async def _thumbs_up_on_an_answer(conversation: Conversation) -> dict[str, Any]:
    """A medewerker asks on this instance; the 👍 button's data of the answer card."""
    await conversation.handle(action(Verb.CHOOSE_ROLE, role="medewerker"))
    answer = await conversation.handle(message("Mag ik via WhatsApp appen met leerlingen?"))
    card = answer.replies[0]
    assert isinstance(card, CardReply)
    data: dict[str, Any] = next(x for x in card.card["actions"] if x["data"].get("useful") is True)["data"]
    return data


async def test_a_vote_pressed_on_the_other_instance_is_stored_once(store: Store, rule_book: RuleBook) -> None:
    a, b = instance(store, rule_book), instance(store, rule_book)
    thumbs_up = await _thumbs_up_on_an_answer(a)

    await b.handle(action(**thumbs_up))
    assert await store.feedback.feedback_counts("testschool") == [("testschool:A.1", 1, 0)]
    await a.handle(action(**thumbs_up))  # the same press again, on the first instance: counted once
    assert await store.feedback.feedback_counts("testschool") == [("testschool:A.1", 1, 0)]


async def test_a_vote_changed_on_the_other_instance_or_after_a_restart_is_still_one_vote(
    store: Store, rule_book: RuleBook
) -> None:
    a, b = instance(store, rule_book), instance(store, rule_book)
    thumbs_up = await _thumbs_up_on_an_answer(a)

    voted = await a.handle(action(**thumbs_up))
    assert voted.updated_card is not None
    [change] = voted.updated_card["actions"]  # "Toch niet 👎" on the thanks
    await b.handle(action(**change["data"]))
    assert await store.feedback.feedback_counts("testschool") == [("testschool:A.1", 0, 1)]
    restarted = instance(store, rule_book)
    await restarted.handle(action(**thumbs_up))
    assert await store.feedback.feedback_counts("testschool") == [("testschool:A.1", 1, 0)]


async def test_a_question_asked_before_the_role_is_answered_by_the_instance_that_gets_the_role(
    store: Store, rule_book: RuleBook
) -> None:
    a = instance(store, rule_book)
    first = await a.handle(message("Mag ik leerlingen appen via WhatsApp?"))
    assert "Wie ben je?" in texts(first)
    restarted = instance(store, rule_book)  # a deploy, or the load balancer's other instance

    chosen = await restarted.handle(action(Verb.CHOOSE_ROLE, role="medewerker"))

    assert "testschool:A.1" in texts(chosen)
    again = await a.handle(action(Verb.CHOOSE_ROLE, role="medewerker"))
    assert "testschool:A.1" not in texts(again)  # answered once
