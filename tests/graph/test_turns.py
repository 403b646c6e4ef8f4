"""Turns through the conversation with the Graph role directory: a known pupil or teacher is answered
straight away, anyone Graph cannot place gets the role card."""

from __future__ import annotations

import json
import time
from collections.abc import AsyncIterator

import pytest

from bot.conversation.dispatcher import Conversation
from bot.conversation.models import CardActionIn, CardReply, MessageIn, Sender, TextReply, TurnResult, Where
from bot.conversation.rate_limit import RateLimiter
from bot.conversation.services import Services
from bot.graph import EducationRoleDirectory
from bot.protocol.engine import RuleBook
from bot.storage import Store
from cards.ids import Verb
from tests.fakes import rules as fake_rules
from tests.fakes.activities import TENANT
from tests.fakes.store import throwaway_store
from tests.graph.conftest import PARENT, STUDENT, TEACHER
from tests.graph.fakes import FakeGraph

QUESTION = "Mag ik leerlingen appen via WhatsApp?"


@pytest.fixture(scope="module")
def rule_book(tmp_path_factory: pytest.TempPathFactory) -> RuleBook:
    return fake_rules.test_rule_book(tmp_path_factory.mktemp("rules"))


@pytest.fixture
async def store() -> AsyncIterator[Store]:
    async with throwaway_store() as opened:
        yield opened


@pytest.fixture
def conversation(store: Store, rule_book: RuleBook, directory: EducationRoleDirectory) -> Conversation:
    services = Services(
        store=store,
        rules=rule_book,
        schools_for=lambda tenant: (fake_rules.SCHOOL,) if tenant == TENANT else (),
        roles=directory,
    )
    return Conversation(services, RateLimiter(limit=50, window_seconds=60))


def message(text: str, user: str) -> MessageIn:
    return MessageIn(
        text=text,
        activity_id="a1",
        sender=Sender(teams_id=f"29:{user}", aad_object_id=user),
        where=Where(conversation_id=f"c-{user}", kind="personal", tenant_id=TENANT),
        locale="nl-NL",
    )


def rendered(result: TurnResult) -> str:
    return " ".join(
        r.text if isinstance(r, TextReply) else json.dumps(r.card, ensure_ascii=False) for r in result.replies
    )


def asks_role(result: TurnResult) -> bool:
    return Verb.CHOOSE_ROLE.value in rendered(result) and "Wie ben je?" in rendered(result)


@pytest.mark.parametrize(("user", "role"), [(STUDENT, "leerling"), (TEACHER, "medewerker")])
async def test_the_first_question_is_answered_without_asking_the_role(
    conversation: Conversation, store: Store, user: str, role: str
) -> None:
    result = await conversation.handle(message(QUESTION, user))

    assert not asks_role(result)
    assert isinstance(result.replies[0], CardReply)
    assert "testschool:A.1" in rendered(result)
    profile = await store.profiles.get_profile(user)
    assert profile is not None and (profile.role, profile.role_source) == (role, "graph")


async def test_graph_is_asked_once_the_role_is_then_stored(
    conversation: Conversation, graph: FakeGraph
) -> None:
    for _ in range(3):
        await conversation.handle(message(QUESTION, STUDENT))
    assert len(graph.calls) == 1


async def test_someone_graph_does_not_know_gets_the_role_card(
    conversation: Conversation, store: Store
) -> None:
    result = await conversation.handle(message(QUESTION, PARENT))

    assert asks_role(result)
    profile = await store.profiles.get_profile(PARENT)
    assert profile is None or profile.role is None


async def test_a_graph_that_hangs_costs_at_most_the_lookup_budget_then_the_role_card(
    conversation: Conversation, graph: FakeGraph
) -> None:
    graph.delay_seconds = 10.0

    started = time.perf_counter()
    result = await conversation.handle(message(QUESTION, STUDENT))
    elapsed = time.perf_counter() - started

    assert asks_role(result)
    assert elapsed < 5.0, f"turn took {elapsed:.2f}s"  # budget 1 s, Graph would take 10 s


async def test_a_pupil_known_to_graph_cannot_make_themselves_staff(
    conversation: Conversation, store: Store
) -> None:
    await conversation.handle(message(QUESTION, STUDENT))

    typed = await conversation.handle(message("rol", STUDENT))
    base = message("", STUDENT)
    forged = await conversation.handle(
        CardActionIn(
            sender=base.sender,
            where=base.where,
            verb="choose_role",
            data={"verb": "choose_role", "role": "medewerker"},
        )
    )

    for result in (typed, forged):
        assert "gegevens van school" in rendered(result)
        assert not asks_role(result)
    profile = await store.profiles.get_profile(STUDENT)
    assert profile is not None and (profile.role, profile.role_source) == ("leerling", "graph")
