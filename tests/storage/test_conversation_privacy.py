"""Privacy covers the answers the bot issued and questions waiting for a role, on every backend: the daily
purge deletes them after their expiry, `erase --user` and `export --user` include them."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.cli import main
from bot.reporting import privacy
from bot.storage import Store, open_store
from bot.storage.models import IssuedAnswer, PendingQuestion

SECRET = "mag ik mijn vriendin filmen in de gymzaal?"
NOW = datetime.now(UTC)


def issued(token: str, user: str = "pupil-1", at: datetime = NOW) -> IssuedAnswer:
    return IssuedAnswer(
        token=token,
        user_key=user,
        school="de-breul",
        role="leerling",
        question=SECRET,
        sources=("de-breul:E.7",),
        verdict="no",
        issued_at=at,
    )


async def test_the_daily_purge_deletes_issued_answers_and_waiting_questions_after_their_expiry(
    store: Store,
) -> None:
    await store.conversation.issue_answer(issued("old", at=NOW - timedelta(days=8)))
    await store.conversation.issue_answer(issued("new"))
    await store.conversation.remember_question(
        PendingQuestion(user_key="pupil-2", question=SECRET, asked_at=NOW - timedelta(days=2))
    )
    purged = await privacy.purge(store, lambda school: 24)
    assert purged.other_rows == 2
    assert await store.conversation.issued_answer("old") is None
    assert await store.conversation.issued_answer("new") is not None
    assert await store.conversation.of_user("pupil-2") == ([], None)


async def test_erase_and_export_of_a_person_include_what_the_bot_answered_them(store: Store) -> None:
    await store.conversation.issue_answer(issued("mine"))
    await store.conversation.issue_answer(issued("theirs", user="pupil-2"))
    await store.conversation.remember_question(
        PendingQuestion(user_key="pupil-1", question=SECRET, asked_at=NOW)
    )

    exported = await privacy.export_person(store, "pupil-1")
    assert [a["question"] for a in exported["answers_issued"]] == [SECRET]
    assert "token" not in exported["answers_issued"][0]  # the card's token stays a secret of the card
    assert exported["question_waiting_for_role"]["question"] == SECRET
    assert exported["cases"] == [] and exported["questions"] == []

    await privacy.erase_person(store, "pupil-1")
    assert await store.conversation.of_user("pupil-1") == ([], None)
    assert await store.conversation.issued_answer("theirs") is not None


def test_the_command_line_exports_and_erases_one_person(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'magdit.sqlite3'}"

    async def fill() -> None:
        store = await open_store(url)
        try:
            await store.conversation.issue_answer(issued("mine"))
        finally:
            await store.close()

    asyncio.run(fill())
    assert main(["export", "--user", "pupil-1", "--database-url", url]) == 0
    assert json.loads(capsys.readouterr().out)["answers_issued"][0]["question"] == SECRET
    assert main(["erase", "--user", "pupil-1", "--database-url", url]) == 0
    capsys.readouterr()
    assert main(["export", "--user", "pupil-1", "--database-url", url]) == 0
    assert json.loads(capsys.readouterr().out)["answers_issued"] == []
