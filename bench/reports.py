"""Incident reports under load: N reporters submit at once through HTTP; how long until each escalation
card reaches the leadership channel, and proof that nothing was lost.

    python -m bench.reports [--reporters 50] [--reports 1] [--schools 1] [--store sqlite|postgres]

One bot process (`python -m bench.reports bot ...`: `create_app` with the outbox worker, real signed-token
checks, SQLite in a temporary folder, or a fresh database on the server of MAGDIT_TEST_DATABASE_URL with
`--store postgres`). This process plays Teams: OpenID server, signer and a fake Bot Connector on loopback.
A leader registers each school's channel (`meldingen hier`); every reporter chooses a role and opens its
forms (`meld`, the token the bot put in the card), then all submit at once. Measured per report: the submit
invoke until the confirmation comes back, and the submit until the case reaches the report channel at the
connector: a new thread (POST /v3/conversations), or a reply in the thread of the same reporter's earlier
case that it joined. Afterwards the bot stops and the store is read: one thread per case, exactly that many
reports, nothing pending or dead. Prints figures; fails only if something
was lost or doubled.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import itertools
import json
import logging
import os
import re
import sys
import tempfile
import time
import uuid
from collections import Counter, defaultdict
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import aiohttp
from aiohttp import web

from bench.bot_server import APP_ID
from bench.figures import cpu_seconds_of, memory_of, mib, ms, percentile, table
from bench.workload import ROOT, school_slugs
from bot.reports.model import Category
from cards.ids import FORM_TOKEN, Verb
from cards.report import PLATFORM_APPS
from tests.fakes.activities import execute_action, teams_message
from tests.fakes.servers import FakeConnector, OpenIdServer
from tests.fakes.tokens import TestSigner, channel_claims

CASE = re.compile(r"M-[0-9]{4}-[0-9]{4,}")
LEADER = "leader"  # teams_message gives it the Entra object id "aad-leader"
REQUEST_TIMEOUT = 30.0
START_TIMEOUT = 60.0
CATEGORIES = tuple(Category)
Key = tuple[str, str]  # (tenant, case number): case numbers count per school


class EscalationConnector(FakeConnector):
    """The fake Bot Connector, timestamping each case's arrival in the channel by (tenant, case number): a
    new thread, or a reply in the thread of the reporter's earlier case that it joined (a reporter's reports
    close together share one thread; the reply names both numbers). Keeps the replies to each incoming
    activity (the report form with its token)."""

    def __init__(self) -> None:
        super().__init__()
        self.threads: dict[Key, list[float]] = defaultdict(list)
        self.unreadable_threads = 0
        self._heads: dict[str, Key] = {}  # a thread's conversation id: its first case
        self.replies: dict[str, list[dict[str, Any]]] = defaultdict(list)
        self.changed = asyncio.Event()
        self._numbers = itertools.count(1)

    async def _record(self, request: web.Request) -> web.Response:
        body = await request.json() if request.can_read_body else {}
        arrived = time.perf_counter()
        number = next(self._numbers)
        if request.method == "POST" and request.path == "/v3/conversations":
            tenant = body.get("channelData", {}).get("tenant", {}).get("id", "")
            cases = set(CASE.findall(json.dumps(body.get("activity", {}))))
            channel = body.get("channelData", {}).get("channel", {}).get("id", "")
            thread = f"{channel};messageid=t-{number}"
            if len(cases) == 1:
                key = (tenant, cases.pop())
                self.threads[key].append(arrived)
                self._heads[thread] = key
            else:
                self.unreadable_threads += 1
            self.changed.set()
            return web.json_response({"id": thread, "activityId": f"t-{number}"})
        conversation = request.match_info.get("tail", "").removeprefix("v3/conversations/").split("/")[0]
        if request.method == "POST" and conversation in self._heads:
            tenant, head = self._heads[conversation]
            joined = set(CASE.findall(json.dumps(body))) - {head}
            if len(joined) == 1:  # a case that joined this thread
                self.threads[(tenant, joined.pop())].append(arrived)
                self.changed.set()
        if body.get("type") == "message" and body.get("replyToId"):
            self.replies[body["replyToId"]].append(body)
        return web.json_response({"id": f"sent-{number}"})


@dataclass(frozen=True)
class Reporter:
    name: str
    tenant: str
    school: str


@dataclass
class Submitted:
    school: str
    tenant: str
    case: str
    started: float
    answered: float

    @property
    def key(self) -> Key:
        return (self.tenant, self.case)


@dataclass
class Run:
    warmup: list[Submitted] = field(default_factory=list)
    submitted: list[Submitted] = field(default_factory=list)
    failures: Counter[str] = field(default_factory=Counter)
    wall: float = 0.0
    cpu: float = 0.0
    memory: dict[str, int] = field(default_factory=dict)
    delivered: dict[Key, list[float]] = field(default_factory=dict)
    unreadable_threads: int = 0
    store: list[tuple[str, int, int]] = field(default_factory=list)  # (what, found, expected)

    def cases(self) -> set[Key]:
        return {s.key for s in [*self.warmup, *self.submitted]}


class Teams:
    """The Teams side: OpenID server, signer, the connector and an HTTP client posting signed activities."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.signer = TestSigner()
        self.connector = EscalationConnector()
        self.openid = OpenIdServer(self.signer.jwks())
        slugs = school_slugs()[: max(1, args.schools)]
        self.tenants = {f"{i:08d}-bench-4000-8000-{i:012d}": slug for i, slug in enumerate(slugs, 1)}
        self.session: aiohttp.ClientSession | None = None
        self.url = ""
        self.token = ""

    async def __aenter__(self) -> Teams:
        await self.openid.start()
        await self.connector.start()
        self.token = self.signer.sign(channel_claims(APP_ID, self.connector.url))
        limit = aiohttp.TCPConnector(limit=self.args.reporters * 2)
        self.session = aiohttp.ClientSession(connector=limit, timeout=aiohttp.ClientTimeout(REQUEST_TIMEOUT))
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self.session is not None:
            await self.session.close()
        await self.connector.stop()
        await self.openid.stop()

    async def post(self, activity: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        assert self.session is not None  # noqa: S101 entered
        headers = {"Authorization": f"Bearer {self.token}"}
        async with self.session.post(self.url, json=activity, headers=headers) as response:
            raw = await response.read()
            return response.status, (json.loads(raw) if raw.strip() else {})

    async def register_channel(self, tenant: str) -> None:
        activity = teams_message(
            "meldingen hier",
            service_url=self.connector.url,
            user=LEADER,
            tenant=tenant,
            conversation_type="channel",
            mention_bot=True,
        )
        channel = f"19:bench-{tenant[:8]}@thread.tacv2"
        activity["channelData"]["channel"]["id"] = channel
        activity["conversation"]["id"] = channel
        status, _ = await self.post(activity)
        said = " ".join(r.get("text", "") for r in self.connector.replies.get(activity["id"], []))
        if status != 201 or "ontvangt vanaf nu de meldingen" not in said:
            raise RuntimeError(f"registering the channel of {self.tenants[tenant]} failed (HTTP {status})")

    async def choose_role(self, reporter: Reporter) -> None:
        action = execute_action(
            Verb.CHOOSE_ROLE,
            {"role": "leerling"},
            service_url=self.connector.url,
            user=reporter.name,
            tenant=reporter.tenant,
        )
        status, _ = await self.post(action)
        if status != 200:
            raise RuntimeError(f"choosing a role failed with HTTP {status}")

    async def open_form(self, reporter: Reporter) -> str:
        """`meld`: the form token in the submit button of the card the bot sent back."""
        activity = teams_message(
            "meld", service_url=self.connector.url, user=reporter.name, tenant=reporter.tenant
        )
        status, _ = await self.post(activity)
        for reply in self.connector.replies.pop(activity["id"], []):
            for attachment in reply.get("attachments", []):
                for button in attachment.get("content", {}).get("actions", []):
                    if button.get("verb") == Verb.SUBMIT_REPORT:
                        return str(button["data"][FORM_TOKEN])
        raise RuntimeError(f"no report form came back for `meld` (HTTP {status})")

    async def submit(self, reporter: Reporter, token: str, number: int, run: Run) -> None:
        inputs = {
            FORM_TOKEN: token,
            "category": CATEGORIES[number % len(CATEGORIES)].value,
            "description": f"Benchmarkmelding {number}: iemand stuurt steeds nare berichten in de groepsapp.",
            "platform": PLATFORM_APPS[number % len(PLATFORM_APPS)],
            "happened": "gisteren na school",
            "in_danger": "ja" if number % 10 == 0 else "nee",
            "show_name": "false",
        }
        action = execute_action(
            Verb.SUBMIT_REPORT,
            inputs,
            service_url=self.connector.url,
            user=reporter.name,
            tenant=reporter.tenant,
        )
        started = time.perf_counter()
        try:
            status, body = await self.post(action)
        except (TimeoutError, aiohttp.ClientError) as error:
            run.failures[type(error).__name__] += 1
            return
        answered = time.perf_counter()
        cases = set(CASE.findall(json.dumps(body.get("value", {}))))
        if status != 200 or body.get("type") != "application/vnd.microsoft.card.adaptive" or len(cases) != 1:
            run.failures[f"no confirmation (HTTP {status})"] += 1
            return
        run.submitted.append(Submitted(reporter.school, reporter.tenant, cases.pop(), started, answered))

    async def arrived(self, expected: set[Key], seconds: float) -> bool:
        """Wait (at most `seconds`) until every expected thread reached the connector."""
        try:
            async with asyncio.timeout(seconds):
                while not expected <= self.connector.threads.keys():
                    self.connector.changed.clear()
                    await self.connector.changed.wait()
        except TimeoutError:
            return False
        return True


@asynccontextmanager
async def bot_process(teams: Teams, database_url: str) -> AsyncIterator[asyncio.subprocess.Process]:
    """The bot in its own process on 127.0.0.1; stopped (stdin closed, worker drained) on leaving."""
    command = [
        sys.executable,
        "-m",
        "bench.reports",
        "bot",
        "--openid-url",
        teams.openid.metadata_url,
        "--tenants",
        json.dumps(teams.tenants),
        "--database-url",
        database_url,
        "--max-seconds",
        str(teams.args.max_seconds),
    ]
    process = await asyncio.create_subprocess_exec(
        *command, cwd=ROOT, stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE
    )
    try:
        assert process.stdout is not None  # noqa: S101 piped
        line = await asyncio.wait_for(process.stdout.readline(), START_TIMEOUT)
        if not line.startswith(b"PORT "):
            raise RuntimeError(f"the bot did not start (exit {process.returncode})")
        teams.url = f"http://127.0.0.1:{int(line.split()[1])}/api/messages"
        yield process
    finally:
        if process.stdin is not None:
            process.stdin.close()
        try:
            await asyncio.wait_for(process.wait(), 30)
        except TimeoutError:
            process.kill()
            await process.wait()


async def measure(teams: Teams, database_url: str) -> Run:
    args = teams.args
    tenants = list(teams.tenants.items())
    reporters = [Reporter(f"pupil-{i}", *tenants[i % len(tenants)]) for i in range(args.reporters)]
    warmers = [Reporter(f"warmup-{i}", tenant, school) for i, (tenant, school) in enumerate(tenants)]
    run, warm = Run(), Run()
    async with bot_process(teams, database_url) as process:
        for tenant in teams.tenants:
            await teams.register_channel(tenant)
        await asyncio.gather(*(teams.choose_role(r) for r in [*reporters, *warmers]))
        # One report per school first, not measured: the submit and delivery paths warmed up.
        tokens = await asyncio.gather(*(teams.open_form(r) for r in warmers))
        await asyncio.gather(*(teams.submit(r, t, 0, warm) for r, t in zip(warmers, tokens, strict=True)))
        await teams.arrived(warm.cases(), args.deliver_timeout)
        run.warmup = warm.submitted
        forms = await asyncio.gather(
            *(asyncio.gather(*(teams.open_form(r) for _ in range(args.reports))) for r in reporters)
        )

        async def reporter_submits(index: int, reporter: Reporter) -> None:
            for k, token in enumerate(forms[index]):
                await teams.submit(reporter, token, index * args.reports + k + 1, run)

        cpu_before = cpu_seconds_of(process.pid)
        started = time.perf_counter()
        await asyncio.gather(*(reporter_submits(i, r) for i, r in enumerate(reporters)))
        await teams.arrived(run.cases(), args.deliver_timeout)
        threads = teams.connector.threads
        last = [threads[s.key][0] for s in run.submitted if s.key in threads]
        run.wall = (max(last) if last else time.perf_counter()) - started
        run.cpu = cpu_seconds_of(process.pid) - cpu_before
        run.memory = memory_of(process.pid)
    run.delivered = dict(teams.connector.threads)
    run.unreadable_threads = teams.connector.unreadable_threads
    run.store = await store_checks(database_url, run, teams.tenants)
    return run


async def store_checks(url: str, run: Run, tenants: dict[str, str]) -> list[tuple[str, int, int]]:
    """Read the stopped bot's store: each case through the store's own interface, then whole tables."""
    from bot.reports.states import leadership_key
    from bot.storage import open_store

    cases = run.cases()
    store = await open_store(url)
    try:
        found, one_thread = 0, 0
        for tenant, case in cases:
            if reports := [r for r in await store.reporting.find_cases(case) if r.school == tenants[tenant]]:
                report = reports[0]
                found += 1
                one_thread += len(await store.leadership.escalations(report.id)) == 1
        statuses: Counter[str] = Counter()
        for school in tenants.values():
            statuses.update(message.status for message in await store.outbox.messages(leadership_key(school)))
        dead = (await store.outbox.backlog()).dead
    finally:
        await store.close()
    rows, not_sent = await table_counts(url)
    return [
        ("confirmed cases found in the store", found, len(cases)),
        ("cases with exactly one stored thread", one_thread, len(cases)),
        ("report rows in the store (all)", rows, len(cases)),
        ("escalation outbox messages sent", statuses["sent"], len(cases)),
        ("escalation outbox messages pending", statuses["pending"], 0),
        ("outbox dead (backlog, as /readyz)", dead, 0),
        ("outbox rows not sent (all)", not_sent, 0),
    ]


async def table_counts(url: str) -> tuple[int, int]:
    """Rows in the report table and outbox rows not sent: nothing beyond what the benchmark submitted."""
    reports, not_sent = "SELECT count(*) FROM report", "SELECT count(*) FROM outbox WHERE status <> 'sent'"
    if url.startswith("sqlite:///"):
        import sqlite3

        with contextlib.closing(sqlite3.connect(url.removeprefix("sqlite:///"))) as db:
            return db.execute(reports).fetchone()[0], db.execute(not_sent).fetchone()[0]
    import asyncpg

    connection = await asyncpg.connect(url)
    try:
        return await connection.fetchval(reports), await connection.fetchval(not_sent)
    finally:
        await connection.close()


def losses(run: Run, args: argparse.Namespace) -> list[str]:
    """What went missing or doubled; empty when nothing was lost."""
    expected = args.reporters * args.reports
    confirmed = {s.key for s in run.submitted}
    found = [] if len(confirmed) == expected else [f"{len(confirmed)} distinct cases confirmed of {expected}"]
    problems = {
        "cases that never reached the channel": len(run.cases() - run.delivered.keys()),
        "cases that reached it more than once": sum(len(times) > 1 for times in run.delivered.values()),
        "threads for cases nobody submitted": len(run.delivered.keys() - run.cases()),
        "threads without exactly one case number": run.unreadable_threads,
    }
    found += [f"{count} {what}" for what, count in problems.items() if count]
    found += [f"{what}: {got}, expected {want}" for what, got, want in run.store if got != want]
    return found


def report(run: Run, args: argparse.Namespace, load: tuple[float, ...]) -> str:
    http = [s.answered - s.started for s in run.submitted]
    delivered = [(s, run.delivered.get(s.key)) for s in run.submitted]
    card = [times[0] - s.started for s, times in delivered if times]
    count = len(run.submitted)

    def spread(label: str, values: list[float]) -> list[list[str]]:
        shares = (("p50", 0.5), ("p90", 0.9), ("p99", 0.99), ("max", 1.0))
        return [[f"{label} {name}", ms(percentile(values, q)) if values else "n/a"] for name, q in shares]

    rows = [
        *spread("submit -> confirmation (HTTP)", http),
        *spread("submit -> escalation card at connector", card),
        [
            "throughput (reports/s, first submit -> last card)",
            f"{count / run.wall:.1f}" if run.wall else "n/a",
        ],
        ["bot CPU during the run (total / per report)", f"{run.cpu:.2f} s / {ms(run.cpu / max(1, count))}"],
        ["bot RSS after / peak (VmHWM)", f"{mib(run.memory.get('VmRSS'))} / {mib(run.memory.get('VmHWM'))}"],
        ["reports confirmed / failed", f"{count} / {sum(run.failures.values())}"],
        [
            "cases at connector (new threads and joined / calls)",
            f"{len(run.delivered)} / {sum(map(len, run.delivered.values()))}",
        ],
        *([what, f"{got} (expected {want})"] for what, got, want in run.store),
    ]
    lost = losses(run, args)
    schools = len({s.school for s in run.warmup}) or "?"
    lines = [
        f"Report benchmark: {args.reporters} concurrent reporters x {args.reports} report(s) "
        f"(+{len(run.warmup)} warm-up), {schools} school(s), store {args.store}, {os.cpu_count()} CPUs, "
        f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} before, {os.getloadavg()[0]:.2f} after",
        "create_app() with the outbox worker and real token checks; escalations go FIFO per school channel",
        "",
        table(rows, ["", "value"]),
        "",
        "nothing lost: ok" if not lost else "LOST OR DOUBLED: " + "; ".join(lost),
    ]
    if run.failures:
        lines.append(f"failures: {dict(run.failures)}")
    return "\n".join(lines)


@asynccontextmanager
async def database(store: str) -> AsyncIterator[str]:
    """A fresh, empty store: a SQLite file in a temporary folder, or a new database dropped afterwards."""
    if store == "sqlite":
        with tempfile.TemporaryDirectory(prefix="magdit-bench-") as folder:
            yield f"sqlite:///{Path(folder) / 'reports.sqlite3'}"
        return
    import asyncpg

    server = os.environ.get("MAGDIT_TEST_DATABASE_URL", "")
    if not server:
        raise SystemExit(
            '--store postgres needs MAGDIT_TEST_DATABASE_URL: eval "$(scripts/postgres.sh start)"'
        )
    name = f"magdit_bench_{uuid.uuid4().hex[:12]}"
    admin = await asyncpg.connect(server)
    try:
        await admin.execute(f'CREATE DATABASE "{name}"')
        yield urlunsplit(urlsplit(server)._replace(path=f"/{name}"))
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


async def run(args: argparse.Namespace) -> int:
    load = os.getloadavg()
    async with database(args.store) as url, Teams(args) as teams:
        measured = await measure(teams, url)
    print(report(measured, args, load), flush=True)
    return 1 if losses(measured, args) else 0


# The bot process ------------------------------------------------------------------------------------------


async def serve(args: argparse.Namespace) -> None:
    from app import create_app
    from bot.leadership.outbox_handler import LeadershipOutbox
    from bot.protocol.engine import RuleBook
    from bot.settings import Settings
    from tests.fakes.outbound import CountingTokenSource

    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s %(message)s")
    tenants: dict[str, str] = json.loads(args.tenants)
    settings = Settings(
        _env_file=None,
        app_id=APP_ID,
        app_password="bench-secret",  # noqa: S106 never used: the token source is a fake
        app_tenant_id=next(iter(tenants)),
        allowed_tenant_ids=tuple(tenants),
        tenant_schools={tenant: (school,) for tenant, school in tenants.items()},
        database_url=args.database_url,
        openid_metadata_url=args.openid_url,
        leaders=json.dumps({school: {f"aad-{LEADER}": "Mw. Bench"} for school in tenants.values()}),
        rate_limit_messages=1_000_000,
        log_level="WARNING",
    )
    book = RuleBook.load(settings.rules_dir)
    app = create_app(
        settings,
        rules=book,
        token_source=CountingTokenSource(),
        outbox_handler=lambda store: LeadershipOutbox(store, settings, book),
    )
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    print(f"PORT {runner.addresses[0][1]}", flush=True)
    try:
        loop = asyncio.get_running_loop()
        reader = asyncio.StreamReader()
        await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
        async with asyncio.timeout(args.max_seconds):
            while await reader.read(1024):
                pass
    except TimeoutError:
        print("bench.reports bot: --max-seconds reached, stopping", file=sys.stderr)
    finally:
        await runner.cleanup()  # the outbox worker finishes what it is delivering


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["bot"]:
        bot = argparse.ArgumentParser(prog="bench.reports bot")
        for name in ("--openid-url", "--tenants", "--database-url"):
            bot.add_argument(name, required=True)
        bot.add_argument("--max-seconds", type=float, default=900.0)
        asyncio.run(serve(bot.parse_args(argv[1:])))
        return 0
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--reporters", type=int, default=50, help="concurrent reporters")
    parser.add_argument("--reports", type=int, default=1, help="reports per reporter, one after another")
    parser.add_argument("--schools", type=int, default=1, help="reporters spread over this many schools")
    parser.add_argument("--store", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("--deliver-timeout", type=float, default=180.0, help="wait for the cards at most")
    parser.add_argument("--max-seconds", type=float, default=900.0, help="the bot process stops after this")
    return asyncio.run(run(parser.parse_args(argv)))


if __name__ == "__main__":
    sys.exit(main())
