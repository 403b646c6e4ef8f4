"""Privacy covers the protocol insights on every backend: the daily purge deletes unanswered questions and
👎 votes 12 months after their month; `export --user` and `erase --user` cover what still links to the
person (through an answer issued to them) and say that the rest holds no user id; `python -m bot insights`
prints the questions and counts, never who asked."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.cli import main
from bot.insights.model import UnansweredQuestion, add_months, month_of
from bot.reporting import privacy
from bot.storage import Store, open_store
from bot.storage.models import IssuedAnswer

NOW = datetime.now(UTC)
THIS_MONTH = month_of(NOW)
SECRET = "mag ik de naaktfoto van Sanne uit 2B doorsturen?"


def unanswered(month: str, text: str = SECRET) -> UnansweredQuestion:
    return UnansweredQuestion(school="de-breul", role="leerling", question=text, month=month)


def issued(token: str, user: str = "pupil-1", verdict: str = "unknown") -> IssuedAnswer:
    return IssuedAnswer(
        token=token,
        user_key=user,
        school="de-breul",
        role="leerling",
        question=SECRET,
        sources=() if verdict == "unknown" else ("de-breul:E.7",),
        verdict=verdict,
        issued_at=NOW,
    )


async def test_the_daily_purge_deletes_insights_twelve_months_after_their_month(store: Store) -> None:
    expired, kept = add_months(THIS_MONTH, -13), add_months(THIS_MONTH, -12)
    for month in (expired, kept, THIS_MONTH):
        await store.insights.record_unanswered(unanswered(month, text=month))
    await store.conversation.issue_answer(issued("old", verdict="no"))
    await store.conversation.vote("old", "pupil-1", False, NOW - timedelta(days=430))
    await store.conversation.issue_answer(issued("new", verdict="no"))
    await store.conversation.vote("new", "pupil-1", False, NOW)

    purged = await privacy.purge(store, lambda school: 24, now=NOW)
    assert purged.other_rows == 2
    left = await store.insights.unanswered("de-breul", "2000-01", "2100-12")
    assert [q.question for q in left] == [kept, THIS_MONTH]
    votes = await store.insights.votes_down("de-breul", NOW - timedelta(days=1000), NOW + timedelta(days=1))
    assert [v.at for v in votes] == [NOW]


async def test_export_and_erase_of_a_person_cover_what_still_links_to_them(store: Store) -> None:
    await store.conversation.issue_answer(issued("mine"))
    await store.insights.record_unanswered(unanswered(THIS_MONTH), "mine")
    await store.conversation.issue_answer(issued("voted", verdict="no"))
    await store.conversation.vote("voted", "pupil-1", False, NOW)
    await store.insights.record_unanswered(unanswered(THIS_MONTH, text="van iemand anders"))

    exported = await privacy.export_person(store, "pupil-1")
    insights = exported["protocol_insights"]
    assert [q["question"] for q in insights["unanswered_questions"]] == [SECRET]
    assert [(v["question"], v["useful"]) for v in insights["votes"]] == [(SECRET, False)]
    assert "without a user id" in insights["note"] and "7 days" in insights["note"]

    await privacy.erase_person(store, "pupil-1")
    assert await store.insights.of_user("pupil-1") == ([], [])
    left = await store.insights.unanswered("de-breul", "2000-01", "2100-12")
    assert [q.question for q in left] == ["van iemand anders"]
    assert await store.insights.votes_down("de-breul", NOW - timedelta(days=1), NOW + timedelta(days=1)) == []


def test_the_command_line_prints_questions_and_counts_never_who_asked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'magdit.sqlite3'}"

    async def fill() -> None:
        store = await open_store(url)
        try:
            await store.conversation.issue_answer(issued("mine"))
            await store.insights.record_unanswered(unanswered(THIS_MONTH), "mine")
            await store.insights.record_unanswered(unanswered(THIS_MONTH))
            await store.insights.record_unanswered(unanswered(add_months(THIS_MONTH, -14), text="te oud"))
            await store.conversation.issue_answer(issued("voted", verdict="no"))
            await store.conversation.vote("voted", "pupil-1", False, NOW)
        finally:
            await store.close()

    asyncio.run(fill())
    assert main(["insights", "--school", "de-breul", "--database-url", url]) == 0
    out = capsys.readouterr().out
    found = json.loads(out)
    assert (found["from"], found["to"]) == (add_months(THIS_MONTH, -11), THIS_MONTH)
    assert (found["unanswered"], found["thumbs_down"]) == (2, 1)
    uncovered, article = found["topics"]
    assert uncovered["topic"] == "niet gedekt" and article["topic"] == "de-breul:E.7"
    [month] = uncovered["months"]
    assert month["questions"] == [{"text": SECRET, "kind": "unanswered", "count": 2, "roles": ["leerling"]}]
    assert "pupil-1" not in out and "te oud" not in out

    old = add_months(THIS_MONTH, -14)
    assert (
        main(["insights", "--school", "de-breul", "--from", f"{old}-01", "--to", old, "--database-url", url])
        == 0
    )
    assert "te oud" in capsys.readouterr().out
    assert (
        main(["insights", "--school", "de-breul", "--from", THIS_MONTH, "--to", old, "--database-url", url])
        == 2
    )
