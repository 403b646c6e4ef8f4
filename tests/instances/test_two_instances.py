"""Two bot processes on one real PostgreSQL and one fake Bot Connector, real token validation.

Pupils report and a leader takes and closes the cases over HTTP with signed tokens, each request to
either instance at random. Mid-way instance A is killed with SIGKILL while it has outbox messages in
flight (held at the connector's door, so the connector never handled them) and reports on their way
to it; the pupils retry against B with the same form token, and everything else goes on at B. Then:
every report is stored once, every case has exactly one thread, every leader action exactly one card
update and one reporter notification, every card at the connector is the card of the stored state,
and the outbox has nothing pending or dead. Both instances also start together on the empty database.

Out of scope, by construction: a call the connector has already handled when the instance dies (in
the milliseconds between its answer and the outcome being committed) is sent again by the survivor —
delivery is at least once there, as with any outbox in front of an API without idempotency keys.
MAGDIT_TEST_SEED reuses a run's seed (the order of concurrent requests still varies).
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any
from uuid import UUID

import aiohttp
import pytest

from bot.storage import Store, open_store
from cards.ids import Verb
from tests.fakes.activities import TENANT
from tests.fakes.rules import SCHOOL
from tests.fakes.rules import test_rules_dir as rules_folder
from tests.fakes.servers import OpenIdServer
from tests.fakes.tokens import TestSigner
from tests.http.conftest import make_settings
from tests.instances.checks import assert_exactly_once, outbox_statuses
from tests.instances.connector import GatedConnector
from tests.instances.flows import APP_ID, CLOSE_INPUTS, LEADER, REPORT, Client, Gone, eventually_true
from tests.instances.processes import ROOT, Instance, bot_environment

pytestmark = pytest.mark.postgres

PUPILS = 30
LEASE_SECONDS = 8.0  # above the outbound timeout: a live instance never loses a claim
LEADERS = json.dumps({SCHOOL: {f"aad-{LEADER}": "Mw. De Vries"}})


@pytest.fixture
async def connector() -> AsyncIterator[GatedConnector]:
    server = GatedConnector()
    await server.start()
    yield server
    server.open_gate()
    await server.stop()


def instance_settings(database_url: str, metadata_url: str, rules_dir: Path) -> dict[str, Any]:
    return {
        "MicrosoftAppId": APP_ID,
        "MicrosoftAppPassword": "test-secret",
        "MicrosoftAppTenantId": TENANT,
        "TENANT_SCHOOLS": json.dumps({TENANT: [SCHOOL]}),
        "DATABASE_URL": database_url,
        "OPENID_METADATA_URL": metadata_url,
        "OPENID_TIMEOUT_SECONDS": "2",
        "OUTBOUND_TIMEOUT_SECONDS": "5",
        "LEADERS": LEADERS,
        "RULES_DIR": str(rules_dir),
        "RATE_LIMIT_MESSAGES": "10000",  # one leader acts on 30 cases in seconds
        "LOG_FORMAT": "json",
        "OUTBOX_LEASE_SECONDS": str(LEASE_SECONDS),
    }


class Run:
    """The shared state of one run: who reported what where, the leader's cases."""

    def __init__(self, client: Client, store: Store, instances: list[Instance], rng: random.Random) -> None:
        self.client = client
        self.store = store
        self.instances = instances
        self.rng = rng
        self.cases: dict[str, str] = {}  # pupil -> case number seen on the confirmation
        self.forms: dict[str, str] = {}  # pupil -> form token
        self.submitted_at: dict[str, str] = {}  # pupil -> instance name that confirmed the first submit
        self.leader_tasks: list[asyncio.Task[None]] = []
        self.pending: list[asyncio.Task[str]] = []  # submits on their way to the instance that is killed

    def alive(self) -> list[Instance]:
        """The instances a person can reach now, in random order (the first is where a request goes)."""
        reachable = [instance for instance in self.instances if instance.alive()]
        return self.rng.sample(reachable, len(reachable))

    async def report(self, pupil: str, *, press_twice: bool = False, lead: bool = True) -> None:
        """Open the form on one instance, submit it on one (maybe again on another: same case).
        `lead`: the leader takes and closes the case as soon as its thread is there."""
        self.forms[pupil] = await self.client.open_form(self.alive()[0], pupil)
        await self.submit(pupil, self.alive(), lead=lead)
        if press_twice:
            again = await self.client.submit(self.alive()[0], pupil, self.forms[pupil])
            assert again == self.cases[pupil]

    async def submit(self, pupil: str, order: list[Instance], *, lead: bool = True) -> None:
        for instance in order:
            try:
                number = await self.client.submit(instance, pupil, self.forms[pupil])
            except Gone:
                continue
            assert self.cases.setdefault(pupil, number) == number, (pupil, number)
            self.submitted_at.setdefault(pupil, instance.name)
            if lead:
                self.lead(number)
            return
        raise AssertionError(f"{pupil}: no instance took the report")

    def lead(self, number: str, taken: dict[str, Any] | None = None) -> None:
        self.leader_tasks.append(asyncio.create_task(self.handle(number, taken)))

    async def thread_stored(self, number: str) -> UUID:
        """Wait until the case's thread is in the channel and stored on the case; the case id."""
        report = next(r for r in await self.store.reporting.find_cases(number) if r.school == SCHOOL)

        async def stored() -> bool:
            return bool(await self.store.leadership.escalations(report.id))

        await eventually_true(stored, 40, f"thread of {number}", step=0.1)
        return report.id

    async def handle(self, number: str, taken: dict[str, Any] | None = None) -> None:
        """The leader: take the case from its card in the channel (unless `taken` is the card the take
        returned), then close it."""
        report_id = await self.thread_stored(number)
        if taken is None:
            await asyncio.sleep(self.rng.uniform(0, 0.3))
            taken = await self.client.press(self.alive(), self.client.thread_card(report_id), Verb.CASE_TAKE)
        await asyncio.sleep(self.rng.uniform(0, 0.3))
        await self.client.press(self.alive(), taken, Verb.CASE_CLOSE, **CLOSE_INPUTS)


async def test_two_instances_one_killed_mid_way_deliver_every_report_and_action_exactly_once(
    postgres_database: str,
    openid: OpenIdServer,
    signer: TestSigner,
    connector: GatedConnector,
    session: aiohttp.ClientSession,
    tmp_path: Path,
) -> None:
    started = time.monotonic()
    seed = int(os.environ.get("MAGDIT_TEST_SEED") or random.randrange(1_000_000))
    print(f"\nseed {seed} (MAGDIT_TEST_SEED={seed} replays the random choices)")
    rules_dir = rules_folder(tmp_path / "rules")
    env = bot_environment(**instance_settings(postgres_database, openid.metadata_url, rules_dir))
    a, b = Instance("a", env, tmp_path), Instance("b", env, tmp_path)
    store: Store | None = None
    run: Run | None = None
    try:
        await asyncio.gather(a.start(ROOT), b.start(ROOT))  # together, on an empty database
        ready = await asyncio.gather(a.wait_ready(session), b.wait_ready(session))
        store = await open_store(postgres_database)
        run = Run(Client(session, signer, connector), store, [a, b], random.Random(seed))
        pupils = [f"pupil{n:02d}" for n in range(PUPILS)]

        await run.client.register_channel(run.alive()[0])
        assert any("ontvangt vanaf nu de meldingen" in m.get("text", "") for m in connector.messages())

        # 1. Both instances up: twelve pupils report, a third of them press twice (on either instance).
        await asyncio.gather(*(run.report(p, press_twice=n % 3 == 0) for n, p in enumerate(pupils[:12])))

        # 2. Six more reports, their threads opened. Then the connector stops handling the workers'
        #    calls, and the leader takes those six cases on A: A enqueues and claims the card updates and
        #    notifications, which wait at the connector's door. Three pupils' reports are on their way
        #    to A when it is killed.
        await asyncio.gather(*(run.report(p, lead=False) for p in pupils[12:18]))
        waiting = [await run.thread_stored(run.cases[p]) for p in pupils[12:18]]
        for pupil in pupils[18:21]:
            run.forms[pupil] = await run.client.open_form(run.alive()[0], pupil)
        connector.close_gate()
        taken = [
            await run.client.press([a], run.client.thread_card(case), Verb.CASE_TAKE) for case in waiting
        ]

        def a_calls_in_flight() -> set[int]:
            return {held.peer_port for held in connector.held if a.owns_socket(held.peer_port)}

        async def a_has_calls_in_flight() -> bool:
            return bool(a_calls_in_flight())

        await eventually_true(a_has_calls_in_flight, 15, "instance a holds outbox calls")
        on_the_way = []
        for pupil, lead_time in zip(pupils[18:21], (0.2, 0.02, 0.0), strict=True):
            on_the_way.append(asyncio.create_task(run.client.submit(a, pupil, run.forms[pupil])))
            run.pending.append(on_the_way[-1])
            await asyncio.sleep(run.rng.uniform(lead_time / 2, lead_time))  # answered, stored, or not
        a_ports = a_calls_in_flight()
        await a.kill()
        killed_at = time.monotonic() - started

        async def a_calls_seen_gone() -> bool:
            return all(held.sender_gone for held in connector.held if held.peer_port in a_ports)

        await eventually_true(a_calls_seen_gone, 5, "the connector sees a's connections closed")
        connector.open_gate()

        async def a_calls_dropped() -> bool:
            return not any(held.peer_port in a_ports for held in connector.held)

        await eventually_true(a_calls_dropped, 5, "the connector drops a's calls")
        dropped = [held for held in connector.dropped if held.peer_port in a_ports]
        assert dropped, ("the kill must catch a with outbox calls in flight", a_ports, connector.dropped)

        # 3. Only B: the reports that were on their way to A are sent again with the same form token
        #    (one case each, the same one if A had stored it), some pupils whose report A confirmed
        #    press again on B, and the rest report on B.
        for pupil, card in zip(pupils[12:18], taken, strict=True):
            run.lead(run.cases[pupil], taken=card)  # closed on B
        outcomes = await asyncio.gather(*on_the_way, return_exceptions=True)
        fates: list[str] = []
        for pupil, outcome in zip(pupils[18:21], outcomes, strict=True):
            if isinstance(outcome, str):
                run.cases[pupil] = outcome
                run.submitted_at[pupil] = "a"
                fates.append("confirmed")
            elif not isinstance(outcome, Gone):
                raise outcome
            else:
                stored = await store.reports.for_reporter(f"aad-{pupil}")
                fates.append("stored, answer lost" if stored else "lost")
            await run.submit(pupil, [b])
        for pupil in [p for p in pupils[:18] if run.submitted_at[p] == "a"][:3]:
            assert await run.client.submit(b, pupil, run.forms[pupil]) == run.cases[pupil]
        await asyncio.gather(*(run.report(p) for p in pupils[21:]))

        async with asyncio.timeout(45):
            await asyncio.gather(*run.leader_tasks)

        async def outbox_drained() -> bool:
            assert store is not None
            return await outbox_statuses(store) == {"sent"}

        await eventually_true(outbox_drained, 30, "every outbox message sent", step=0.1)

        settings = make_settings(openid.metadata_url, leaders=LEADERS)  # what the instances run with
        await assert_exactly_once(run.cases, connector, store, settings, rules_dir)
        assert b.alive()
        assert "Traceback" not in b.tail(10_000), b.tail()
        for instance in (a, b):  # ids only in the logs: no report text, no outcome, no names
            logged = instance.tail(100_000)
            assert REPORT["description"] not in logged and CLOSE_INPUTS["outcome"] not in logged
            assert "Mw. De Vries" not in logged and "Test Gebruiker" not in logged
        print(
            f"ready in {max(ready):.1f}s; a killed at {killed_at:.1f}s with {len(dropped)} outbox call(s) "
            f"in flight; reports on their way to a: {fates}; "
            f"requests {run.client.sent_to}; total {time.monotonic() - started:.1f}s"
        )
    finally:
        for task in [*run.leader_tasks, *run.pending] if run is not None else []:
            task.cancel()
        for instance in (a, b):
            await instance.stop()
        if store is not None:
            await store.close()
