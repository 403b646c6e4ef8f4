"""Contract: issued answers and waiting questions behave the same on memory, SQLite and PostgreSQL — shared
by every instance on the store, taken once, erased with the person and purged after their expiry."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from bot.storage import Store
from bot.storage.conversation import IssuedAnswer, PendingQuestion

NOW = datetime.now(UTC).replace(microsecond=0)


def answer(token: str = "tok-1", user: str = "pupil-1", at: datetime = NOW) -> IssuedAnswer:  # noqa: S107
    return IssuedAnswer(
        token=token,
        user_key=user,
        school="de-breul",
        role="leerling",
        question="mag ik een foto van de klas op insta zetten?",
        sources=("de-breul:E.7", "de-breul:A.1"),
        verdict="no",
        issued_at=at,
    )


async def test_an_issued_answer_is_found_by_token_and_taken_once_by_its_user(store: Store) -> None:
    await store.conversation.issue_answer(answer())
    assert await store.conversation.issued_answer("tok-1") == answer()
    assert await store.conversation.issued_answer("tok-1") == answer()  # get leaves it in place
    assert await store.conversation.take_answer("tok-1", "intruder") is None
    assert await store.conversation.take_answer("tok-1", "pupil-1") == answer()
    assert await store.conversation.take_answer("tok-1", "pupil-1") is None
    assert await store.conversation.issued_answer("tok-1") is None


async def test_two_takes_at_once_give_the_answer_to_one(store: Store) -> None:
    await store.conversation.issue_answer(answer())
    taken = await asyncio.gather(*(store.conversation.take_answer("tok-1", "pupil-1") for _ in range(5)))
    assert [t for t in taken if t is not None] == [answer()]


async def test_a_waiting_question_is_replaced_and_taken_once(store: Store) -> None:
    first = PendingQuestion(user_key="pupil-1", question="eerste vraag", asked_at=NOW)
    second = PendingQuestion(user_key="pupil-1", question="tweede vraag", asked_at=NOW + timedelta(seconds=1))
    await store.conversation.remember_question(first)
    await store.conversation.remember_question(second)
    assert await store.conversation.take_question("pupil-2") is None
    assert await store.conversation.take_question("pupil-1") == second
    assert await store.conversation.take_question("pupil-1") is None


async def test_a_person_is_exported_and_erased_without_touching_others(store: Store) -> None:
    await store.conversation.issue_answer(answer("tok-2", at=NOW + timedelta(seconds=1)))
    await store.conversation.issue_answer(answer("tok-1"))
    await store.conversation.issue_answer(answer("tok-3", user="pupil-2"))
    waiting = PendingQuestion(user_key="pupil-1", question="wacht op rol", asked_at=NOW)
    await store.conversation.remember_question(waiting)

    answers, pending = await store.conversation.of_user("pupil-1")
    assert [a.token for a in answers] == ["tok-1", "tok-2"] and pending == waiting
    assert await store.conversation.erase_user("pupil-1") == 3
    assert await store.conversation.of_user("pupil-1") == ([], None)
    assert await store.conversation.issued_answer("tok-3") == answer("tok-3", user="pupil-2")


async def test_purge_deletes_what_is_older_than_the_cutoffs(store: Store) -> None:
    old, recent = NOW - timedelta(days=8), NOW - timedelta(days=6)
    await store.conversation.issue_answer(answer("old", at=old))
    await store.conversation.issue_answer(answer("recent", at=recent))
    await store.conversation.remember_question(
        PendingQuestion(user_key="pupil-1", question="oud", asked_at=NOW - timedelta(days=2))
    )
    await store.conversation.remember_question(
        PendingQuestion(user_key="pupil-2", question="nieuw", asked_at=NOW - timedelta(hours=1))
    )
    assert await store.conversation.purge(NOW - timedelta(days=7), NOW - timedelta(days=1)) == 2
    assert await store.conversation.issued_answer("old") is None
    assert await store.conversation.issued_answer("recent") is not None
    assert await store.conversation.take_question("pupil-1") is None
    assert await store.conversation.take_question("pupil-2") is not None
