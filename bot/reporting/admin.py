"""`python -m bot stats | export | erase | purge`: the privacy tasks from the command line.

`--case` takes a case number (`M-2026-0042`) or a forwarded question's number (`V-2026-0007`);
`export --user <key>` / `erase --user <key>`: everything one person reported or asked, and the answers the
bot gave them.

The database comes from `--database-url`, else DATABASE_URL, else the default SQLite file. Retention comes
from `--months`, else the bot's settings (REPORT_RETENTION_MONTHS per school), else 24 months.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
from collections.abc import Awaitable, Callable
from datetime import UTC, date, datetime, time
from typing import Any

from bot.reporting import privacy
from bot.storage import Store, open_store

DEFAULT_DATABASE_URL = "sqlite:///./data/magdit.sqlite3"
DEFAULT_MONTHS = 24


def add_commands(commands: Any) -> None:
    """Add the subcommands to `python -m bot`'s subparsers."""
    stats = commands.add_parser("stats", help="reports per category, urgency and outcome (no personal data)")
    stats.add_argument("--school", required=True)
    stats.add_argument("--from", dest="start", required=True, type=date.fromisoformat, help="YYYY-MM-DD")
    stats.add_argument(
        "--to", dest="end", required=True, type=date.fromisoformat, help="YYYY-MM-DD (inclusive)"
    )
    stats.set_defaults(handler=lambda args: _run(args, _stats))

    export = commands.add_parser(
        "export", help="one case or forwarded question, or all of one person, as JSON (inzageverzoek)"
    )
    wanted = export.add_mutually_exclusive_group(required=True)
    wanted.add_argument("--case", help="case or question number: M-2026-0042, V-2026-0007")
    wanted.add_argument("--user", help="a person's user key (Entra object id): everything kept about them")
    export.add_argument("--school", help="needed when two schools have this case number")
    export.set_defaults(handler=lambda args: _run(args, _export))

    erase = commands.add_parser(
        "erase", help="delete one case or question for good (report, screenshots, audit, case log)"
    )
    which = erase.add_mutually_exclusive_group(required=True)
    which.add_argument("--case", help="case or question number: M-2026-0042, V-2026-0007")
    which.add_argument("--user", help="a person's user key (Entra object id): all their cases and questions")
    erase.add_argument("--school")
    erase.set_defaults(handler=lambda args: _run(args, _erase))

    purge = commands.add_parser(
        "purge", help="delete closed cases past the retention period (as the daily task)"
    )
    purge.add_argument("--months", type=int, help="retention for every school (default: settings, else 24)")
    purge.set_defaults(handler=lambda args: _run(args, _purge))

    for parser in (stats, export, erase, purge):
        parser.add_argument("--database-url", help=f"default: DATABASE_URL, else {DEFAULT_DATABASE_URL}")


def _run(args: argparse.Namespace, task: Callable[[Store, argparse.Namespace], Awaitable[int]]) -> int:
    async def main() -> int:
        store = await open_store(args.database_url or os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL)
        try:
            return await task(store, args)
        except privacy.CaseNotFoundError as error:
            print(f"geen (unieke) zaak {error}; noem de school met --school", file=sys.stderr)
            return 1
        finally:
            await store.close()

    return asyncio.run(main())


async def _stats(store: Store, args: argparse.Namespace) -> int:
    start = datetime.combine(args.start, time.min, tzinfo=UTC)
    end = datetime.combine(args.end, time.max, tzinfo=UTC)
    print(json.dumps(await privacy.stats(store, args.school, start, end), ensure_ascii=False, indent=2))
    return 0


async def _export(store: Store, args: argparse.Namespace) -> int:
    if args.user:
        exported = await privacy.export_person(store, args.user)
    elif privacy.is_question_number(args.case):
        exported = await privacy.export_question(store, args.case, args.school)
    else:
        exported = await privacy.export_case(store, args.case, args.school)
    print(json.dumps(exported, ensure_ascii=False, indent=2))
    return 0


async def _erase(store: Store, args: argparse.Namespace) -> int:
    if args.user:
        cases, questions = await privacy.erase_person(store, args.user)
        gone = " ".join(cases + questions)
        reports, asked = _count(len(cases), "melding", "meldingen"), _count(len(questions), "vraag", "vragen")
        print(f"{reports} en {asked} verwijderd: {gone}")
        return 0
    if privacy.is_question_number(args.case):
        question = await privacy.erase_question(store, args.case, args.school)
        print(f"{question.number} ({question.school}) verwijderd")
        return 0
    report = await privacy.erase_case(store, args.case, args.school)
    print(f"{report.case_number} ({report.school}) verwijderd")
    return 0


async def _purge(store: Store, args: argparse.Namespace) -> int:
    months = args.months
    retention = (lambda school: months) if months else _retention_from_settings()
    result = await privacy.purge(store, retention)
    print(
        f"{_count(result.cases, 'melding', 'meldingen')}, {_count(result.questions, 'vraag', 'vragen')} en"
        f" {_count(result.other_rows, 'overige rij', 'overige rijen')} verwijderd"
    )
    return 0


def _retention_from_settings() -> Callable[[str], int]:
    try:
        from bot.settings import Settings

        settings = Settings()
    except ValueError:  # no full bot configuration in this shell: the default retention
        return lambda school: DEFAULT_MONTHS
    return settings.retention_months


def _count(n: int, one: str, other: str) -> str:
    return f"{n} {one if n == 1 else other}"
