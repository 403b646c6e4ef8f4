"""One bot under load, in its own process: `python -m bench.bot_server magdit|echo ...`.

Prints `PORT <n>` once listening on 127.0.0.1, serves until its stdin closes (the benchmark ends or
dies) or `--max-seconds` pass, then stops. With `--profile FILE` it runs under cProfile and writes
the stats to FILE when it stops.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import json
import logging
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from aiohttp import web

APP_ID = "00000000-bbbb-cccc-dddd-000000000001"


def magdit_app(args: argparse.Namespace, data_dir: Path) -> web.Application:
    from app import create_app
    from bot.settings import Settings
    from tests.fakes.outbound import CountingTokenSource

    tenants: dict[str, str] = json.loads(args.tenants)
    database_url = (
        "sqlite:///:memory:" if args.store == "memory" else f"sqlite:///{data_dir / 'bench.sqlite3'}"
    )
    settings = Settings(
        _env_file=None,
        app_id=APP_ID,
        app_password="bench-secret",  # noqa: S106 never used: the token source is a fake
        app_tenant_id=next(iter(tenants)),
        allowed_tenant_ids=tuple(tenants),
        tenant_schools={tenant: (school,) for tenant, school in tenants.items()},
        database_url=database_url,
        openid_metadata_url=args.openid_url,
        rate_limit_messages=1_000_000,  # one benchmark user asks far more than a person may
        log_level="WARNING",
    )
    return create_app(settings, token_source=CountingTokenSource())


def patch_msrest_retry() -> None:
    """Experiment: msrest builds its retry status list with ~500k list look-ups for every client
    botbuilder creates (two per turn, ~5 ms CPU each); a frozenset gives the same list at once."""
    from msrest.universal_http.requests import ClientRetryPolicy

    ClientRetryPolicy.safe_codes = frozenset(ClientRetryPolicy.safe_codes)  # type: ignore[assignment]


async def serve(args: argparse.Namespace) -> None:
    with tempfile.TemporaryDirectory(prefix="magdit-bench-") as data:
        if args.patch_msrest_retry:
            patch_msrest_retry()
        if args.bot == "magdit":
            app = magdit_app(args, Path(data))
        else:
            from bench.echo_bot import create_echo_app

            tenant = next(iter(json.loads(args.tenants)))
            app = create_echo_app(APP_ID, tenant, args.openid_url)
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        port = runner.addresses[0][1]
        profile = cProfile.Profile() if args.profile else None
        if profile is not None:
            profile.enable()
        print(f"PORT {port}", flush=True)
        try:
            await asyncio.wait_for(_stdin_closed(), timeout=args.max_seconds)
        except TimeoutError:
            print("bot_server: --max-seconds reached, stopping", file=sys.stderr)
        finally:
            if profile is not None:
                profile.disable()
                profile.dump_stats(args.profile)
            await runner.cleanup()


async def _stdin_closed() -> None:
    loop = asyncio.get_running_loop()
    reader = asyncio.StreamReader()
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
    while await reader.read(1024):
        pass


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("bot", choices=("magdit", "echo"))
    parser.add_argument("--openid-url", required=True)
    parser.add_argument("--tenants", required=True, help='JSON {"<tenant id>": "<school slug>"}')
    parser.add_argument("--store", choices=("sqlite", "memory"), default="sqlite")
    parser.add_argument("--profile", default=None)
    parser.add_argument("--patch-msrest-retry", action="store_true", help="an experiment")
    parser.add_argument("--max-seconds", type=float, default=900.0)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s %(message)s")
    asyncio.run(serve(args))
    return 0


if __name__ == "__main__":
    sys.exit(main())
