"""`python -m bot db upgrade`: migrate the database to Alembic's head without starting the bot (the bot
also does it at start); `db current` prints the revision it is at."""

from __future__ import annotations

import argparse
import asyncio
import os
from typing import Any

from bot.storage.sql import migrate
from bot.storage.sql.database import Database

DEFAULT_DATABASE_URL = "sqlite:///./data/magdit.sqlite3"


def add_commands(commands: Any) -> None:
    database = commands.add_parser("db", help="the database schema (Alembic)")
    actions = database.add_subparsers(required=True, metavar="ACTION")
    upgrade = actions.add_parser("upgrade", help="migrate the schema to the latest revision")
    upgrade.set_defaults(handler=lambda args: _run(args, upgrade=True))
    current = actions.add_parser("current", help="print the schema's revision")
    current.set_defaults(handler=lambda args: _run(args, upgrade=False))
    for parser in (upgrade, current):
        parser.add_argument("--database-url", help=f"default: DATABASE_URL, else {DEFAULT_DATABASE_URL}")


def _run(args: argparse.Namespace, *, upgrade: bool) -> int:
    url = args.database_url or os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL

    async def main() -> int:
        password = None
        if os.environ.get("DATABASE_AUTH") == "entra":
            from bot.storage.pg_auth import EntraPassword

            password = EntraPassword()
        database = await Database.open(url, password=password, pool_size=1)
        try:
            revision = await database.run(migrate.upgrade if upgrade else migrate.current, write=upgrade)
        finally:
            await database.close()
        print(f"schema revision: {revision or 'none'} (head: {migrate.head()})")
        return 0 if revision == migrate.head() else 1

    return asyncio.run(main())
