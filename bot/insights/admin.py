"""`python -m bot insights --school … [--from YYYY-MM --to YYYY-MM]`: the protocol insights as JSON, for the
school's yearly protocol review — unanswered questions and 👎 votes per topic and month, with counts and
every question text, never who asked. Default period: the current month and the eleven before it."""

from __future__ import annotations

import argparse
import json
import re
import sys
from datetime import UTC, datetime
from typing import Any

from bot.insights import report
from bot.storage import Store

MONTH = re.compile(r"^(?P<month>[0-9]{4}-(0[1-9]|1[0-2]))(-[0-9]{2})?$")


def month(value: str) -> str:
    """`2026-03` (a date such as `2026-03-15` names its month)."""
    found = MONTH.match(value)
    if found is None:
        raise argparse.ArgumentTypeError(f"not a month (YYYY-MM): {value!r}")
    return found.group("month")


def add_commands(commands: Any) -> None:
    """Add `insights` to `python -m bot`'s subparsers."""
    from bot.reporting.admin import DEFAULT_DATABASE_URL, _run

    insights = commands.add_parser(
        "insights", help="unanswered questions and 👎 answers per topic and month (no one who asked)"
    )
    insights.add_argument("--school", required=True)
    insights.add_argument("--from", dest="start", type=month, help="first month, YYYY-MM (default: 11 back)")
    insights.add_argument("--to", dest="end", type=month, help="last month, YYYY-MM (default: this month)")
    insights.add_argument("--database-url", help=f"default: DATABASE_URL, else {DEFAULT_DATABASE_URL}")
    insights.set_defaults(handler=lambda args: _run(args, _insights))


async def _insights(store: Store, args: argparse.Namespace) -> int:
    first, last = report.last_twelve_months(datetime.now(UTC))
    first, last = args.start or first, args.end or last
    if first > last:
        print(f"--from {first} komt na --to {last}", file=sys.stderr)
        return 2
    found = await report.load(store, args.school, first, last)
    print(json.dumps(report.as_json(found), ensure_ascii=False, indent=2))
    return 0
