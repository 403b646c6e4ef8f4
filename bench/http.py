"""HTTP turns under load: Mag dit? against a bare botbuilder echo bot (the floor), side by side.

    python -m bench.http [--conversations 50] [--turns 40] [--store sqlite|memory] [--profile]

Each bot runs in its own process (`bench.bot_server`) on 127.0.0.1. This process plays Teams: a
local OpenID server publishes a test key, every POST to /api/messages carries a token signed with it
(checked by botbuilder in both bots), and a fake Bot Connector on loopback receives the replies.
N conversations each send their turns one after another; a turn's latency runs from the POST to
the reply message arriving at the connector. Prints figures; never fails on a timing.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import os
import pstats
import random
import ssl
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import aiohttp
from aiohttp import web

from bench.bot_server import APP_ID
from bench.figures import cpu_seconds_of, median, memory_of, mib, ms, percentile, table
from bench.workload import ROLES, ROOT, case_questions, school_slugs
from cards.ids import Verb
from tests.fakes.activities import execute_action, teams_message
from tests.fakes.servers import FakeConnector, OpenIdServer
from tests.fakes.tokens import TestSigner, channel_claims

TARGET_RATIO = 1.3
TURN_TIMEOUT = 15.0
START_TIMEOUT = 60.0


class TimingConnector(FakeConnector):
    """The fake Bot Connector, noting when each reply message arrives (keyed by the activity answered)."""

    def __init__(self, ssl_context: ssl.SSLContext | None = None) -> None:
        super().__init__(ssl_context=ssl_context)
        self.waiting: dict[str, asyncio.Future[float]] = {}
        self.calls = 0
        self._reply_ids = itertools.count(1)

    def expect(self, activity_id: str) -> asyncio.Future[float]:
        waiter: asyncio.Future[float] = asyncio.get_running_loop().create_future()
        self.waiting[activity_id] = waiter
        return waiter

    async def _record(self, request: web.Request) -> web.Response:
        body = await request.json() if request.can_read_body else {}
        arrived = time.perf_counter()
        self.calls += 1
        if body.get("type") == "message":
            answered = body.get("replyToId") or request.path.rsplit("/", 1)[-1]
            waiter = self.waiting.pop(answered, None)
            if waiter is not None and not waiter.done():
                waiter.set_result(arrived)
        return web.json_response({"id": f"reply-{next(self._reply_ids)}"})


@dataclass
class Run:
    bot: str
    latencies: list[float] = field(default_factory=list)  # POST → reply at the connector
    http_times: list[float] = field(default_factory=list)  # POST → HTTP response
    failures: dict[str, int] = field(default_factory=dict)
    wall: float = 0.0
    cpu: float = 0.0
    connector_calls: int = 0
    memory: dict[str, int] = field(default_factory=dict)

    def fail(self, why: str) -> None:
        self.failures[why] = self.failures.get(why, 0) + 1


@dataclass(frozen=True)
class User:
    name: str
    tenant: str
    school: str
    role: str
    questions: tuple[str, ...]


class Harness:
    """The Teams side: OpenID server, signer, connector, an HTTP client; starts and stops bots."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.signer = TestSigner()
        self.connector = TimingConnector()
        self.openid = OpenIdServer(self.signer.jwks())
        self.session: aiohttp.ClientSession | None = None
        self.token = ""
        schools = school_slugs()
        self.tenants = {f"{i:08d}-bench-4000-8000-{i:012d}": slug for i, slug in enumerate(schools, 1)}

    async def __aenter__(self) -> Harness:
        await self.openid.start()
        await self.connector.start()
        # One token for every turn, as the channel reuses its token until it expires.
        self.token = self.signer.sign(channel_claims(APP_ID, self.connector.url))
        limit = aiohttp.TCPConnector(limit=self.args.conversations * 2)
        self.session = aiohttp.ClientSession(connector=limit, timeout=aiohttp.ClientTimeout(TURN_TIMEOUT))
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self.session is not None:
            await self.session.close()
        await self.connector.stop()
        await self.openid.stop()

    def users(self, bot: str) -> list[User]:
        questions = case_questions()
        rng = random.Random(3)
        tenants = list(self.tenants.items())
        found = []
        for i in range(self.args.conversations):
            tenant, school = tenants[i % len(tenants)]
            asked = list(questions.get(school) or [q for qs in questions.values() for q in qs])
            rng.shuffle(asked)
            found.append(User(f"{bot}-{i}", tenant, school, ROLES[i % len(ROLES)], tuple(asked)))
        return found

    async def post(self, url: str, activity: dict[str, Any]) -> int:
        assert self.session is not None  # noqa: S101 entered
        headers = {"Authorization": f"Bearer {self.token}"}
        async with self.session.post(url, json=activity, headers=headers) as response:
            await response.read()
            return response.status

    async def turn(self, url: str, user: User, text: str, run: Run | None) -> None:
        activity = teams_message(text, service_url=self.connector.url, user=user.name, tenant=user.tenant)
        if random.random() < 0.1:
            activity["locale"] = "en-US"
        waiter = self.connector.expect(activity["id"])
        start = time.perf_counter()
        try:
            status = await self.post(url, activity)
            answered = time.perf_counter()
            arrived = await asyncio.wait_for(waiter, TURN_TIMEOUT)
        except (TimeoutError, aiohttp.ClientError) as error:
            self.connector.waiting.pop(activity["id"], None)
            if run is not None:
                run.fail(type(error).__name__)
            return
        if run is None:
            return
        if status not in (200, 201):
            run.fail(f"HTTP {status}")
            return
        run.latencies.append(arrived - start)
        run.http_times.append(answered - start)

    async def conversation(self, url: str, user: User, bot: str, run: Run | None, turns: int) -> None:
        for number in range(turns):
            await self.turn(url, user, user.questions[number % len(user.questions)], run)

    async def measure(self, bot: str, profile: str | None = None) -> Run:
        """Start `bot` in its own process, warm it up, run the load, read its CPU and memory, stop it."""
        command = [
            sys.executable,
            "-m",
            "bench.bot_server",
            bot,
            "--openid-url",
            self.openid.metadata_url,
            "--tenants",
            _json(self.tenants),
            "--store",
            self.args.store,
            "--max-seconds",
            str(self.args.max_seconds),
        ]
        if profile:
            command += ["--profile", profile]
        if bot == "magdit" and self.args.patch_msrest_retry:
            command += ["--patch-msrest-retry"]
        process = await asyncio.create_subprocess_exec(
            *command, cwd=ROOT, stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE
        )
        try:
            assert process.stdout is not None  # noqa: S101 piped
            line = await asyncio.wait_for(process.stdout.readline(), START_TIMEOUT)
            if not line.startswith(b"PORT "):
                raise RuntimeError(f"{bot} bot did not start (exit {process.returncode})")
            url = f"http://127.0.0.1:{int(line.split()[1])}/api/messages"
            users = self.users(bot)
            if bot == "magdit":  # the role, chosen once on the card, before the first question
                await asyncio.gather(*(self._choose_role(url, user) for user in users))
            await asyncio.gather(*(self.conversation(url, u, bot, None, self.args.warmup) for u in users))
            run = Run(bot)
            cpu_before = cpu_seconds_of(process.pid)
            calls_before = self.connector.calls
            started = time.perf_counter()
            await asyncio.gather(*(self.conversation(url, u, bot, run, self.args.turns) for u in users))
            run.wall = time.perf_counter() - started
            run.cpu = cpu_seconds_of(process.pid) - cpu_before
            run.connector_calls = self.connector.calls - calls_before
            run.memory = memory_of(process.pid)
            return run
        finally:
            if process.stdin is not None:
                process.stdin.close()
            try:
                await asyncio.wait_for(process.wait(), 20)
            except TimeoutError:
                process.kill()
                await process.wait()

    async def _choose_role(self, url: str, user: User) -> None:
        action = execute_action(
            Verb.CHOOSE_ROLE,
            {"role": user.role},
            service_url=self.connector.url,
            user=user.name,
            tenant=user.tenant,
        )
        status = await self.post(url, action)
        if status != 200:
            raise RuntimeError(f"choosing a role failed with HTTP {status}")


def _json(value: object) -> str:
    import json

    return json.dumps(value)


def report(runs: Sequence[Run], args: argparse.Namespace) -> str:
    header = ["", *(r.bot for r in runs), "ratio"]

    def row(label: str, values: Sequence[float], fmt: Any = ms, ratio: bool = True) -> list[str]:
        cells = [fmt(v) for v in values]
        share = f"{values[0] / values[1]:.2f}x" if ratio and values[1] else ""
        return [label, *cells, share]

    p50 = [median(r.latencies) if r.latencies else float("nan") for r in runs]
    rows = [
        row("turn latency p50 (POST -> reply at connector)", p50),
        row("turn latency p90", [percentile(r.latencies, 0.90) for r in runs]),
        row("turn latency p99", [percentile(r.latencies, 0.99) for r in runs]),
        row("turn latency max", [max(r.latencies) for r in runs]),
        row("HTTP response p50 (POST -> 201)", [median(r.http_times) for r in runs]),
        row("throughput (turns/s)", [len(r.latencies) / r.wall for r in runs], lambda v: f"{v:.0f}"),
        row("bot CPU per turn", [r.cpu / max(1, len(r.latencies)) for r in runs]),
        row(
            "connector calls per turn",
            [r.connector_calls / max(1, len(r.latencies)) for r in runs],
            lambda v: f"{v:.1f}",
            ratio=False,
        ),
        row("bot RSS after the run", [r.memory.get("VmRSS", 0) for r in runs], mib),
        row("bot peak RSS (VmHWM)", [r.memory.get("VmHWM", 0) for r in runs], mib),
        ["turns measured / failed", *(f"{len(r.latencies)} / {sum(r.failures.values())}" for r in runs), ""],
    ]
    ratio = p50[0] / p50[1]
    lines = [
        f"HTTP benchmark: {args.conversations} concurrent conversations x {args.turns} turns "
        f"(after {args.warmup} warm-up turns each), store {args.store}, {os.cpu_count()} CPUs, "
        f"load average {os.getloadavg()[0]:.2f}",
        "magdit = create_app() with the real rules and token checks; echo = a bare CloudAdapter echo bot"
        + ("; EXPERIMENT: magdit with msrest's retry-list fix" if args.patch_msrest_retry else ""),
        "",
        table(rows, header),
        "",
        f"p50 ratio magdit/echo: {ratio:.2f}x (target <= {TARGET_RATIO}x: "
        f"{'ok' if ratio <= TARGET_RATIO else 'ABOVE TARGET'})",
    ]
    for r in runs:
        if r.failures:
            lines.append(f"{r.bot} failures: {r.failures}")
    return "\n".join(lines)


async def run(args: argparse.Namespace) -> int:
    async with Harness(args) as harness:
        magdit = await harness.measure("magdit")
        echo = await harness.measure("echo")
        print(report([magdit, echo], args), flush=True)
        if args.profile:
            with tempfile.TemporaryDirectory(prefix="magdit-bench-") as folder:
                path = f"{folder}/magdit.prof"
                await harness.measure("magdit", profile=path)
                print(
                    f"\ncProfile of the magdit bot process during a profiled run (top {args.profile_lines}):"
                )
                stats = pstats.Stats(path, stream=sys.stdout)
                stats.sort_stats("cumulative").print_stats(args.profile_lines)
                stats.sort_stats("tottime").print_stats(args.profile_lines)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--conversations", type=int, default=50)
    parser.add_argument("--turns", type=int, default=40, help="measured turns per conversation")
    parser.add_argument("--warmup", type=int, default=3, help="unmeasured turns per conversation first")
    parser.add_argument("--store", choices=("sqlite", "memory"), default="sqlite")
    parser.add_argument("--profile", action="store_true", help="then profile the magdit bot (cProfile)")
    parser.add_argument(
        "--patch-msrest-retry",
        action="store_true",
        help="experiment: the magdit process gets the fix in bench.bot_server.patch_msrest_retry",
    )
    parser.add_argument("--profile-lines", type=int, default=30)
    parser.add_argument("--max-seconds", type=float, default=900.0, help="a bot process stops after this")
    return asyncio.run(run(parser.parse_args(argv)))


if __name__ == "__main__":
    sys.exit(main())
