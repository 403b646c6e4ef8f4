"""Contract: unanswered questions and 👎 votes for the protocol review, on SQLite and PostgreSQL —
read per school and period, linked to a person only through an answer still issued to them, purged."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.insights.model import UnansweredQuestion, month_start
from bot.storage import Store
from bot.storage.models import IssuedAnswer

QUESTION = "mag ik met een drone boven het schoolplein filmen?"
NOW = datetime.now(UTC)


def unanswered(month: str, school: str = "de-breul", text: str = QUESTION) -> UnansweredQuestion:
    return UnansweredQuestion(school=school, role="leerling", question=text, month=month)


def issued(
    token: str, user: str = "pupil-1", verdict: str = "unknown", school: str = "de-breul"
) -> IssuedAnswer:
    return IssuedAnswer(
        token=token,
        user_key=user,
        school=school,
        role="leerling",
        question=f"{QUESTION} ({token})",
        sources=() if verdict == "unknown" else ("de-breul:E.7",),
        verdict=verdict,
        issued_at=NOW,
    )


async def test_unanswered_questions_are_read_per_school_and_month(store: Store) -> None:
    await store.insights.record_unanswered(unanswered("2026-01"))
    await store.insights.record_unanswered(unanswered("2026-03", text="tweede"))
    await store.insights.record_unanswered(unanswered("2026-02", text="derde"))
    await store.insights.record_unanswered(unanswered("2026-03", school="het-baken"))
    found = await store.insights.unanswered("de-breul", "2026-02", "2026-03")
    assert [(q.month, q.question) for q in found] == [("2026-02", "derde"), ("2026-03", "tweede")]
    assert await store.insights.unanswered("de-breul", "2025-01", "2025-12") == []


async def test_votes_down_are_the_schools_thumbs_down_in_the_period(store: Store) -> None:
    for token, useful in (("up", True), ("down", False), ("changed", True)):
        await store.conversation.issue_answer(issued(token, verdict="no"))
        await store.conversation.vote(token, "pupil-1", useful, NOW)
    await store.conversation.vote("changed", "pupil-1", False, NOW)  # changed its mind: now 👎
    await store.conversation.issue_answer(issued("elsewhere", verdict="no", school="het-baken"))
    await store.conversation.vote("elsewhere", "pupil-1", False, NOW)

    votes = await store.insights.votes_down("de-breul", month_start("2000-01"), month_start("2100-01"))
    assert [v.question for v in votes] == [f"{QUESTION} (down)", f"{QUESTION} (changed)"]
    assert {(v.useful, tuple(v.sources)) for v in votes} == {(False, ("de-breul:E.7",))}
    assert await store.insights.votes_down("de-breul", month_start("2000-01"), month_start("2000-02")) == []


async def test_what_links_to_a_person_is_exported_and_erased_and_nothing_else(store: Store) -> None:
    await store.conversation.issue_answer(issued("mine"))
    await store.insights.record_unanswered(unanswered("2026-03", text="mijn vraag"), "mine")
    await store.conversation.issue_answer(issued("voted", verdict="no"))
    await store.conversation.vote("voted", "pupil-1", False, NOW)
    await store.conversation.issue_answer(issued("theirs", user="pupil-2"))
    await store.insights.record_unanswered(unanswered("2026-03", text="hun vraag"), "theirs")
    await store.insights.record_unanswered(unanswered("2026-03", text="niet meer te koppelen"))
    await store.insights.record_unanswered(unanswered("2026-03", text="verlopen"), "expired-token")

    questions, votes = await store.insights.of_user("pupil-1")
    assert [q.question for q in questions] == ["mijn vraag"]
    assert [v.question for v in votes] == [f"{QUESTION} (voted)"]
    assert await store.insights.erase_user("pupil-1") == 2
    assert await store.insights.of_user("pupil-1") == ([], [])
    left = await store.insights.unanswered("de-breul", "2026-03", "2026-03")
    assert [q.question for q in left] == ["hun vraag", "niet meer te koppelen", "verlopen"]
    assert await store.insights.votes_down("de-breul", month_start("2000-01"), month_start("2100-01")) == []
    # Once the issued answers are gone (their week is over), nothing links to the person any more.
    await store.conversation.erase_user("pupil-2")
    assert await store.insights.of_user("pupil-2") == ([], [])
    assert len(await store.insights.unanswered("de-breul", "2026-03", "2026-03")) == 3


async def test_the_purge_deletes_questions_of_old_months_and_old_votes(store: Store) -> None:
    for month in ("2025-02", "2025-03", "2026-03"):
        await store.insights.record_unanswered(unanswered(month, text=month))
    await store.conversation.issue_answer(issued("old", verdict="no"))
    await store.conversation.vote("old", "pupil-1", False, datetime(2025, 2, 28, 22, 30, tzinfo=UTC))
    await store.conversation.issue_answer(issued("kept", verdict="no"))
    await store.conversation.vote("kept", "pupil-1", False, datetime(2025, 2, 28, 23, 30, tzinfo=UTC))

    assert await store.insights.purge("2025-03", month_start("2025-03")) == 2  # 1 March 00:00 Amsterdam
    left = await store.insights.unanswered("de-breul", "2000-01", "2100-12")
    assert [q.question for q in left] == ["2025-03", "2026-03"]
    votes = await store.insights.votes_down("de-breul", month_start("2000-01"), month_start("2100-01"))
    assert [v.question for v in votes] == [f"{QUESTION} (kept)"]
