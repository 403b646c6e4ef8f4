"""Privacy covers forwarded questions on every backend: retention purge, erasure of one question or of one
person, export for an inzageverzoek — and the command line finds a question by its V-number."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.cli import main
from bot.questions.model import QuestionDraft
from bot.reporting import privacy
from bot.reports.model import Category, ReportDraft
from bot.storage import Store, open_store

CHAT = {"service_url": "https://smba.example/", "conversation_id": "a:1", "tenant_id": "t"}
SECRET = "Mag ik mijn vriendin filmen in de gymzaal?"


def question(asker: str = "pupil-1", school: str = "de-breul") -> QuestionDraft:
    return QuestionDraft(
        school=school, role="leerling", question=SECRET, asker_key=asker, asker_conversation=CHAT
    )


async def test_purge_deletes_questions_after_the_schools_retention(store: Store) -> None:
    old, _ = await store.questions.forward(question(), "k1")
    await store.questions.answer(old.id, old.card_token, "Nee.", "aad-leader")
    other, _ = await store.questions.forward(question(school="de-marel"), "k2")
    months = {"de-breul": 1, "de-marel": 24}
    in_two_months = datetime.now(UTC) + timedelta(days=62)

    purged = await privacy.purge(store, lambda school: months.get(school, 24), now=in_two_months)

    assert purged.questions == 1
    assert await store.questions.get(old.id) is None and await store.questions.audit_trail(old.id) == []
    assert await store.questions.get(other.id) is not None  # de-marel keeps 24 months
    assert [m for m in await store.outbox.messages("asker:pupil-1") if m.message] == []


async def test_erase_one_person_takes_their_reports_and_questions(store: Store) -> None:
    mine, _ = await store.questions.forward(question(), "k1")
    theirs, _ = await store.questions.forward(question(asker="pupil-2"), "k2")
    report, _ = await store.reports.submit(
        ReportDraft(
            school="de-breul",
            category=Category.ANDERS,
            description="iets",
            reporter_key="pupil-1",
            reporter_conversation=CHAT,
        ),
        "form-1",
    )
    cases, questions = await privacy.erase_person(store, "pupil-1")
    assert cases == [report.case_number] and questions == [mine.number]
    assert await store.questions.for_asker("pupil-1") == [] and await store.reports.get(report.id) is None
    assert await store.questions.get(theirs.id) is not None


async def test_export_and_erase_by_number(store: Store) -> None:
    asked, _ = await store.questions.forward(question(), "k1")
    exported = await privacy.export_question(store, asked.number)
    assert exported["question"]["question"] == SECRET and "card_token" not in exported["question"]
    assert [e["action"] for e in exported["audit"]] == ["vraag_doorgeven"]
    erased = await privacy.erase_question(store, asked.number, "de-breul")
    assert erased.id == asked.id and await store.questions.get(asked.id) is None
    with pytest.raises(privacy.CaseNotFoundError):
        await privacy.erase_question(store, asked.number)


def test_the_command_line_takes_question_numbers(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = f"sqlite:///{tmp_path / 'magdit.sqlite3'}"

    async def fill() -> str:
        store = await open_store(url)
        try:
            asked, _ = await store.questions.forward(question(), "k1")
            await store.questions.forward(question(asker="pupil-2"), "k2")
            return asked.number
        finally:
            await store.close()

    number = asyncio.run(fill())
    assert main(["export", "--case", number, "--database-url", url]) == 0
    assert json.loads(capsys.readouterr().out)["question"]["number"] == number
    assert main(["erase", "--case", number, "--database-url", url]) == 0
    assert f"{number} (de-breul) verwijderd" in capsys.readouterr().out
    assert main(["export", "--case", number, "--database-url", url]) == 1
    assert main(["erase", "--user", "pupil-2", "--database-url", url]) == 0
    assert "0 meldingen en 1 vraag verwijderd" in capsys.readouterr().out
    assert main(["purge", "--months", "24", "--database-url", url]) == 0
    assert "0 meldingen, 0 vragen" in capsys.readouterr().out
