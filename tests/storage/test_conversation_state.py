"""Contract: issued answers and waiting questions behave the same on SQLite and PostgreSQL — shared
by every instance on the store, an answer's one vote cast and changed, a waiting question taken once, erased
with the person and purged after their expiry."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from bot.storage import Store
from bot.storage.models import IssuedAnswer, PendingQuestion, Vote

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


async def test_an_issued_answer_is_found_by_token_and_left_in_place(store: Store) -> None:
    await store.conversation.issue_answer(answer())
    assert await store.conversation.issued_answer("tok-1") == answer()
    assert await store.conversation.issued_answer("tok-1") == answer()
    assert await store.conversation.issued_answer("tok-2") is None


async def test_an_answer_has_one_vote_that_its_user_can_change(store: Store) -> None:
    await store.conversation.issue_answer(answer())
    await store.conversation.issue_answer(answer("tok-2", user="pupil-2"))
    assert await store.conversation.vote("tok-1", "intruder", True, NOW) is None
    assert await store.conversation.vote("tok-9", "pupil-1", True, NOW) is None
    assert await store.feedback.feedback_counts("de-breul") == []

    assert await store.conversation.vote("tok-1", "pupil-1", True, NOW) is Vote.CAST
    assert await store.conversation.vote("tok-2", "pupil-2", True, NOW) is Vote.CAST
    assert await store.conversation.vote("tok-1", "pupil-1", False, NOW) is Vote.CHANGED
    assert await store.feedback.feedback_counts("de-breul") == [
        ("de-breul:A.1", 1, 1),
        ("de-breul:E.7", 1, 1),
    ]
    assert await store.conversation.vote("tok-1", "pupil-1", False, NOW) is Vote.CHANGED  # the same again
    assert await store.feedback.feedback_counts("de-breul") == [
        ("de-breul:A.1", 1, 1),
        ("de-breul:E.7", 1, 1),
    ]
    assert await store.conversation.issued_answer("tok-1") == answer()  # still there for 'ask the school'


async def test_two_votes_at_once_are_one_vote(store: Store) -> None:
    await store.conversation.issue_answer(answer())
    votes = await asyncio.gather(
        *(store.conversation.vote("tok-1", "pupil-1", useful, NOW) for useful in (True, False, True))
    )
    assert sorted(votes) == [Vote.CAST, Vote.CHANGED, Vote.CHANGED]
    [(_, useful, not_useful), _] = await store.feedback.feedback_counts("de-breul")
    assert useful + not_useful == 1


async def test_a_vote_stays_when_its_answer_is_erased_or_purged(store: Store) -> None:
    await store.conversation.issue_answer(answer())
    await store.conversation.issue_answer(answer("old", at=NOW - timedelta(days=8)))
    await store.conversation.vote("old", "pupil-1", False, NOW)
    await store.conversation.vote("tok-1", "pupil-1", True, NOW)
    await store.conversation.purge(NOW - timedelta(days=7), NOW - timedelta(days=1))
    assert await store.conversation.erase_user("pupil-1") == 1
    assert await store.conversation.vote("tok-1", "pupil-1", False, NOW) is None  # the button has expired
    assert await store.feedback.feedback_counts("de-breul") == [
        ("de-breul:A.1", 1, 1),
        ("de-breul:E.7", 1, 1),
    ]


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
