"""Purge, export, erasure and statistics on SQLite, through `python -m bot` as an admin runs them."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.cli import main
from bot.leadership.model import CaseEntryDraft
from bot.reporting import privacy
from bot.reporting.model import AttachmentDraft, ReportForm
from bot.reports.model import Action, Category, ReportDraft, ReportedMessage
from bot.storage import Store, open_store
from tests.fakes.store import read_sql

SECRET = "Beschrijving met de naam Jan Jansen"


def draft(category: Category = Category.CYBERPESTEN, **changes: object) -> ReportDraft:
    values: dict[str, object] = {
        "school": "de-breul",
        "category": category,
        "description": SECRET,
        "involved": "Jan Jansen",
        "reporter_key": "aad-pupil",
        "reporter_conversation": {"conversation_id": "a:1", "service_url": "https://smba.example/"},
    }
    return ReportDraft.model_validate(values | changes)


async def filled(url: str) -> Store:
    store = await open_store(url)
    closed, _ = await store.reports.submit(draft(), "k1")
    await store.reporting.add_attachment(
        AttachmentDraft(
            report_id=closed.id,
            uploader_key="aad-pupil",
            content_type="image/png",
            width=1,
            height=1,
            data=b"PNGDATA",
        )
    )
    await store.leadership.add_entry(
        CaseEntryDraft(
            report_id=closed.id,
            kind="afsluiting",
            author_key="leader",
            text="Gesprek gevoerd",
            code="gesprek_ouders",
        ),
        [],
    )
    await store.reports.apply(closed.id, Action.AFSLUITEN, "leader", 1)
    await store.reports.submit(draft(Category.BEDREIGING, in_danger=True), "k2")
    await store.reports.submit(draft(Category.SEXTING, school="de-marel"), "k3")
    return store


@pytest.fixture
def url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'magdit.sqlite3'}"


async def test_purge_deletes_only_closed_cases_past_their_schools_retention(url: str) -> None:
    store = await filled(url)
    try:
        kept = await privacy.purge(store, lambda school: 24)
        assert kept.cases == 0
        [closed] = [
            r
            for r in await store.reporting.find_cases("M-" + str(datetime.now(UTC).year) + "-0001")
            if r.school == "de-breul"
        ]
        later = datetime.now(UTC) + timedelta(days=2 * 366)
        gone = await privacy.purge(store, lambda school: 24, now=later)
        assert gone.cases == 1
        assert await store.reports.get(closed.id) is None
        assert await store.reports.audit_trail(closed.id) == []
        assert await store.reporting.attachments(closed.id) == []
        assert await store.leadership.entries(closed.id) == []
        assert (
            len(await store.reporting.reports_between("de-breul", later - timedelta(days=3000), later)) == 1
        )
        assert await read_sql(store, "SELECT COUNT(*) FROM report_attachment") == [(0,)]
    finally:
        await store.close()


def test_cli_stats_export_erase_purge(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    import asyncio

    asyncio.run(_fill_and_close(url))
    year = datetime.now(UTC).year
    today = datetime.now(UTC).date().isoformat()
    assert (
        main(
            ["stats", "--school", "de-breul", "--from", f"{year}-01-01", "--to", today, "--database-url", url]
        )
        == 0
    )
    stats = json.loads(capsys.readouterr().out)
    assert (
        stats["total"] == 2
        and stats["per_category"]["bedreiging"] == 1
        and stats["per_category"]["cyberpesten"] == 1
    )
    assert stats["urgent"] == 1 and stats["per_outcome"] == {"gesprek_ouders": 1}
    assert stats["per_status"] == {"nieuw": 1, "opgepakt": 0, "afgesloten": 1}
    assert "Jan" not in json.dumps(stats) and "M-" not in json.dumps(stats)

    case = f"M-{year}-0001"
    assert main(["export", "--case", case, "--database-url", url]) == 1  # two schools have this number
    capsys.readouterr()
    assert main(["export", "--case", case, "--school", "de-breul", "--database-url", url]) == 0
    exported = json.loads(capsys.readouterr().out)
    assert exported["report"]["description"] == SECRET
    assert [e["action"] for e in exported["audit"]][:1] == ["submit"]
    assert exported["case_log"][0]["code"] == "gesprek_ouders"
    assert exported["screenshots"][0]["data_base64"] == "UE5HREFUQQ=="

    assert main(["erase", "--case", case, "--school", "de-breul", "--database-url", url]) == 0
    assert "verwijderd" in capsys.readouterr().out
    assert main(["export", "--case", case, "--school", "de-breul", "--database-url", url]) == 1
    assert main(["purge", "--months", "24", "--database-url", url]) == 0
    assert "0 meldingen, 0 vragen en" in capsys.readouterr().out


async def _fill_and_close(url: str) -> None:
    store = await filled(url)
    await store.close()


async def test_a_reported_message_is_exported_and_erased_with_its_case_and_an_unused_dialog_goes_in_a_day(
    url: str,
) -> None:
    store = await open_store(url)
    try:
        message = ReportedMessage(
            text="Oprotten, Jan.",
            author="Daan Jansen",
            sent_at=datetime(2026, 11, 21, 13, 5, tzinfo=UTC),
            images=1,
        )
        report, _ = await store.reports.submit(draft(message=message), "k-message")
        exported = await privacy.export_case(store, report.case_number, "de-breul")
        assert exported["report"]["message"] == {
            "text": "Oprotten, Jan.",
            "cut": False,
            "author": "Daan Jansen",
            "sent_at": "2026-11-21T13:05:00Z",
            "images": 1,
        }
        await privacy.erase_case(store, report.case_number, "de-breul")
        assert await store.reports.get(report.id) is None
        opened = datetime.now(UTC) - timedelta(hours=30)
        await store.reporting.issue_form(
            ReportForm(
                token="dialog-1", user_key="aad-pupil", school="de-breul", created_at=opened, message=message
            )
        )
        await store.reporting.issue_form(
            ReportForm(token="chat-1", user_key="aad-pupil", school="de-breul", created_at=opened)
        )
        await privacy.purge(store, lambda school: 24)
        assert (
            await store.reporting.form("dialog-1") is None
            and await store.reporting.form("chat-1") is not None
        )
    finally:
        await store.close()
