"""One bot instance for the two-instance test, run as its own process: `python tests/instances/launch.py`.

The real `create_app` on the real store (`open_store`, so migrations run at start, as `python app.py`
does), the real outbox worker and `LeadershipOutbox`, settings from the environment. Two test-only
differences, both outside the code under test:
- outbound tokens come from a local fake token source (there is no Entra ID on a test machine);
- the outbox lease is MAGDIT_TEST_LEASE_SECONDS instead of a minute, so the messages a killed instance
  had claimed are taken over within the test's time box (the mechanism is the same, only shorter).
"""

from __future__ import annotations

import os
import sys
from datetime import datetime, timedelta
from pathlib import Path

from aiohttp import web

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from app import create_app  # noqa: E402
from bot.leadership.outbox_handler import LeadershipOutbox  # noqa: E402
from bot.observability import configure_logging  # noqa: E402
from bot.protocol.engine import RuleBook  # noqa: E402
from bot.reports.model import OutboxDraft, OutboxMessage  # noqa: E402
from bot.settings import Settings  # noqa: E402
from bot.storage import open_store  # noqa: E402
from bot.storage.base import CLAIM_LEASE, OutboxStore  # noqa: E402
from tests.fakes.outbound import CountingTokenSource  # noqa: E402


class ShortLeaseOutbox:
    """The store's own `OutboxStore`, claiming with a shorter lease; everything else passes through."""

    def __init__(self, inner: OutboxStore, lease: timedelta) -> None:
        self._inner = inner
        self._lease = lease

    async def enqueue(self, drafts: list[OutboxDraft]) -> None:
        await self._inner.enqueue(drafts)

    async def claim_due(
        self, limit: int, now: datetime, lease: timedelta = CLAIM_LEASE
    ) -> list[OutboxMessage]:
        return await self._inner.claim_due(limit, now, min(lease, self._lease))

    async def mark_sent(self, message_id: int) -> None:
        await self._inner.mark_sent(message_id)

    async def retry_later(self, message_id: int, next_attempt_at: datetime, error: str) -> None:
        await self._inner.retry_later(message_id, next_attempt_at, error)

    async def mark_dead(self, message_id: int, error: str) -> None:
        await self._inner.mark_dead(message_id, error)

    async def dead_count(self) -> int:
        return await self._inner.dead_count()

    async def messages(self, conversation_key: str) -> list[OutboxMessage]:
        return await self._inner.messages(conversation_key)


def main() -> None:
    settings = Settings(_env_file=None)
    configure_logging(settings.log_level, settings.log_format)
    lease = timedelta(seconds=float(os.environ.get("MAGDIT_TEST_LEASE_SECONDS", "5")))
    book = RuleBook.load(settings.rules_dir)

    async def build() -> web.Application:
        store = await open_store(settings.database_url)
        store.outbox = ShortLeaseOutbox(store.outbox, lease)
        app = create_app(
            settings,
            rules=book,
            store=store,
            token_source=CountingTokenSource(),
            outbox_handler=lambda opened: LeadershipOutbox(opened, settings, book),
        )

        async def close_store(_: web.Application) -> None:
            await store.close()

        app.on_cleanup.append(close_store)
        return app

    web.run_app(build(), host=settings.host, port=settings.port, access_log=None, print=None)


if __name__ == "__main__":
    main()
