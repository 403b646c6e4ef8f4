"""Two instances started at the same moment on an empty PostgreSQL database migrate it safely: the real start
command (`python app.py`), each process waiting on the migration lock until both wait, then both at once."""

from __future__ import annotations

import asyncio
import collections
import json
from pathlib import Path

import aiohttp
import asyncpg
import pytest

from bot.storage.sql.migrate import MIGRATION_LOCK, head, history
from tests.fakes.activities import TENANT
from tests.fakes.rules import SCHOOL
from tests.fakes.rules import test_rules_dir as rules_folder
from tests.instances.flows import eventually_true
from tests.instances.processes import APP, Instance, bot_environment

pytestmark = pytest.mark.postgres


async def test_instances_starting_together_on_an_empty_database_migrate_once(
    postgres_database: str, session: aiohttp.ClientSession, tmp_path: Path
) -> None:
    """`python app.py` twice at the same moment: both wait on the migration lock (held by the test until
    both are waiting), then race; the schema ends at Alembic's head, each revision applied once."""

    rules_dir = rules_folder(tmp_path / "rules")
    env = bot_environment(
        DANGEROUSLY_ALLOW_UNAUTHENTICATED_LOCAL_DEV="true",
        ALLOWED_TENANT_IDS=TENANT,
        TENANT_SCHOOLS=json.dumps({TENANT: [SCHOOL]}),
        DATABASE_URL=postgres_database,
        RULES_DIR=str(rules_dir),
        LOG_FORMAT="json",
    )
    instances = [Instance(name, env, tmp_path, script=APP) for name in ("first", "second")]
    admin = await asyncpg.connect(postgres_database)
    try:
        await admin.execute("SELECT pg_advisory_lock($1)", MIGRATION_LOCK)
        await asyncio.gather(*(instance.start(tmp_path) for instance in instances))

        async def both_waiting() -> bool:
            waiting = await admin.fetchval(
                "SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"
                " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"
            )
            return int(waiting) == len(instances)

        await eventually_true(both_waiting, 30, "both instances wait for the migration lock", step=0.05)
        await admin.execute("SELECT pg_advisory_unlock($1)", MIGRATION_LOCK)
        await asyncio.gather(*(instance.wait_ready(session) for instance in instances))

        versions = [
            row["version_num"] for row in await admin.fetch("SELECT version_num FROM alembic_version")
        ]
        assert versions == [head()]
        applied = collections.Counter(
            json.loads(line)["message"]
            for instance in instances
            for line in instance.tail(10_000).splitlines()
            if "database schema migrated to revision" in line
        )
        assert applied == {f"database schema migrated to revision {v}": 1 for v in history()}
        for instance in instances:
            text = instance.tail(10_000)
            assert "Traceback" not in text and '"level": "ERROR"' not in text, text
    finally:
        for instance in instances:
            await instance.stop()
        await admin.close()
