"""One bot instance for the two-instance test, run as its own process: `python tests/instances/launch.py`.

The real `create_app` on the real store (`open_store`, so migrations run at start, as `python app.py`
does), the real outbox worker and `LeadershipOutbox`, settings from the environment. One test-only
difference, outside the code under test: outbound tokens come from a local fake token source (there is
no Entra ID on a test machine); the outbox lease comes from OUTBOX_LEASE_SECONDS like every other setting.
"""

from __future__ import annotations

import sys
from pathlib import Path

from aiohttp import web

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from app import create_app  # noqa: E402
from bot.leadership.outbox_handler import LeadershipOutbox  # noqa: E402
from bot.observability import configure_logging  # noqa: E402
from bot.protocol.engine import RuleBook  # noqa: E402
from bot.settings import Settings  # noqa: E402
from bot.storage import open_store  # noqa: E402
from tests.fakes.outbound import CountingTokenSource  # noqa: E402


def main() -> None:
    settings = Settings(_env_file=None)
    configure_logging(settings.log_level, settings.log_format)
    book = RuleBook.load(settings.rules_dir)

    async def build() -> web.Application:
        store = await open_store(settings.database_url)
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
