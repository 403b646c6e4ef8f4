"""The worker through the real Sender and the fake connector, on SQLite (in memory and a file), fake clock:
minutes of outage run in a fraction of a second, and the schedule is measured exactly."""

from __future__ import annotations

import random
from datetime import timedelta

import pytest

from bot.delivery.backoff import Backoff
from bot.delivery.worker import NOT_DELIVERABLE_RETRY, OutboxWorker
from bot.reports.model import OutboxDraft, OutboxMessage
from bot.storage import Store
from bot.teams.proactive import ConnectorSender
from tests.delivery.conftest import FakeClock, FixedCardHandler, card_text, drive, escalate, notify, update
from tests.fakes.servers import FakeConnector, Sent
from tests.fakes.store import payload

SCHOOL = "de-breul"


def worker_for(
    store: Store, handler: FixedCardHandler, sender: ConnectorSender, clock: FakeClock, seed: int = 1
) -> OutboxWorker:
    return OutboxWorker(store.outbox, handler, sender, clock=clock, backoff=Backoff(rng=random.Random(seed)))


async def all_sent(store: Store, *keys: str) -> bool:
    for key in keys:
        if any(m.status != "sent" for m in await store.outbox.messages(key)):
            return False
    return True


def texts(calls: list[Sent]) -> list[str]:
    return [card_text(c.body.get("activity", c.body)) for c in calls if c.status < 300]


async def only(store: Store, key: str) -> OutboxMessage:
    [message] = await store.outbox.messages(key)
    return message


async def test_connector_down_ten_minutes_then_back_delivers_everything_once_in_order(
    store: Store,
    sender: ConnectorSender,
    connector: FakeConnector,
    handler: FixedCardHandler,
    clock: FakeClock,
) -> None:
    handler.register(SCHOOL)
    await store.outbox.enqueue(
        [
            escalate(SCHOOL, "M-2026-0001"),
            notify("u1", "Je melding is ontvangen"),
            update(SCHOOL, "M-2026-0001", "opgepakt"),
            escalate(SCHOOL, "M-2026-0002"),
            notify("u1", "Je melding is opgepakt"),
        ]
    )
    worker = worker_for(store, handler, sender, clock)
    await connector.down()
    await drive(worker, clock, 600)  # ten minutes of "connection refused", polling every 2 s
    heads = [(await store.outbox.messages(key))[0] for key in (f"leadership:{SCHOOL}", "reporter:u1")]
    assert all(m.status == "pending" for m in heads)
    # Backoff, not a hot loop: ~10 attempts in 10 minutes (300 polls), never more than 12.
    assert all(8 <= m.attempts <= 12 for m in heads), [m.attempts for m in heads]

    await connector.up()
    back = clock.now
    await drive(worker, clock, 900, until=lambda: all_sent(store, f"leadership:{SCHOOL}", "reporter:u1"))
    recovery = (clock.now - back).total_seconds()
    print(f"\noutage 600 s: attempts {[m.attempts for m in heads]}, all sent {recovery:.0f} s after back")
    assert recovery <= 300 + 2  # at most one capped backoff (5 min) plus one poll

    assert [(c.method, c.path) for c in connector.sent if c.conversation_id is None] == [
        ("POST", "/v3/conversations"),
        ("POST", "/v3/conversations"),
    ]
    channel = [c for c in connector.sent if c.conversation_id != "a:chat-u1"]
    assert texts(channel) == ["Melding M-2026-0001", "Melding M-2026-0001: opgepakt", "Melding M-2026-0002"]
    assert texts([c for c in connector.sent if c.conversation_id == "a:chat-u1"]) == [
        "Je melding is ontvangen",
        "Je melding is opgepakt",
    ]
    assert len(connector.sent) == 5  # each message exactly once
    edited = channel[1].path.rsplit("/", 1)[1]  # the card edited in place is the thread's first message
    assert (channel[1].method, channel[1].conversation_id) == (
        "PUT",
        f"19:leiding@thread.tacv2;messageid={edited}",
    )


async def test_429_retry_after_no_request_before_it(
    store: Store,
    sender: ConnectorSender,
    connector: FakeConnector,
    handler: FixedCardHandler,
    clock: FakeClock,
) -> None:
    connector.fail_next = [(429, {"Retry-After": "7"}), (429, {"Retry-After": "30"})]
    await store.outbox.enqueue([notify("u1", "een"), notify("u1", "twee")])
    worker = worker_for(store, handler, sender, clock)
    await drive(worker, clock, 120, step=0.5, until=lambda: all_sent(store, "reporter:u1"))
    first, second, third, fourth = connector.sent
    assert [c.status for c in connector.sent] == [429, 429, 200, 200]
    assert first.at and second.at and third.at
    assert 7.0 <= (second.at - first.at).total_seconds() <= 7.5
    assert 30.0 <= (third.at - second.at).total_seconds() <= 30.5
    assert texts([third, fourth]) == ["een", "twee"]  # the follower waited behind its throttled head


@pytest.mark.parametrize("status", [412, 502, 503, 504, None])
async def test_transient_failures_back_off_with_growing_jittered_delays(
    store: Store,
    sender: ConnectorSender,
    connector: FakeConnector,
    handler: FixedCardHandler,
    clock: FakeClock,
    status: int | None,
) -> None:
    failures = 11
    if status is not None:
        connector.fail_next = [status] * failures
    else:
        await connector.down()  # connection refused
    await store.outbox.enqueue([notify("u1", "hallo")])
    worker = worker_for(store, handler, sender, clock, seed=7)
    backoff = Backoff()
    delays: list[float] = []
    for attempt in range(1, failures + 1):
        assert await worker.run_once() == 1
        message = await only(store, "reporter:u1")
        assert (message.status, message.attempts) == ("pending", attempt)
        assert message.last_error == ("connection error" if status is None else f"HTTP {status}")
        delay = (message.next_attempt_at - clock.now).total_seconds()
        delays.append(delay)
        clock.advance(delay - 0.01)
        assert await worker.run_once() == 0  # nothing before it is due
        clock.advance(0.01)
    ceilings = [backoff.ceiling(n) for n in range(1, failures + 1)]
    assert ceilings == [1, 2, 4, 8, 16, 32, 64, 128, 256, 300, 300]
    assert all(c / 2 <= d <= c for d, c in zip(delays, ceilings, strict=True)), delays
    below_cap = delays[:9]  # ceilings 1 … 256: each delay at least the one before
    assert below_cap == sorted(below_cap)
    assert all(150 <= d <= 300 for d in delays[9:])  # capped at 5 minutes, still jittered
    assert len({round(d / c, 3) for d, c in zip(delays, ceilings, strict=True)}) > 5  # jittered, not fixed
    if status is None:
        await connector.up()
    assert await worker.run_once() == 1
    assert (await only(store, "reporter:u1")).status == "sent"
    assert len([c for c in connector.sent if c.status == 200]) == 1


async def test_two_workers_jitter_apart(
    store: Store, sender: ConnectorSender, handler: FixedCardHandler, clock: FakeClock
) -> None:
    one, other = Backoff(rng=random.Random(1)), Backoff(rng=random.Random(2))
    assert [one.delay(n) for n in range(1, 8)] != [other.delay(n) for n in range(1, 8)]


@pytest.mark.parametrize("status", [403, 404])
async def test_403_404_are_dead_kept_and_not_retried(
    store: Store,
    sender: ConnectorSender,
    connector: FakeConnector,
    handler: FixedCardHandler,
    clock: FakeClock,
    status: int,
) -> None:
    connector.fail_conversation["a:chat-u1"] = [status]
    await store.outbox.enqueue([notify("u1", "een"), notify("u1", "twee"), notify("u2", "drie")])
    worker = worker_for(store, handler, sender, clock)
    await drive(worker, clock, 600)
    dead, following = await store.outbox.messages("reporter:u1")
    assert (dead.status, dead.attempts, dead.last_error) == ("dead", 1, f"HTTP {status}")
    assert payload(dead)["text"] == "een"  # kept as it was
    assert following.status == "sent"  # the conversation is not blocked forever
    assert (await only(store, "reporter:u2")).status == "sent"
    assert (await store.outbox.backlog()).dead == 1
    assert len(connector.sent) == 3  # one attempt each, ten minutes long


async def test_fifo_per_conversation_while_others_proceed(
    store: Store,
    sender: ConnectorSender,
    connector: FakeConnector,
    handler: FixedCardHandler,
    clock: FakeClock,
) -> None:
    connector.fail_conversation["a:chat-u1"] = [503] * 5
    await store.outbox.enqueue([notify(user, f"{user}-{n}") for n in range(3) for user in ("u1", "u2", "u3")])
    worker = worker_for(store, handler, sender, clock)
    await drive(worker, clock, 6, until=lambda: all_sent(store, "reporter:u2", "reporter:u3"))
    assert clock.elapsed() <= 6  # the others finished in three passes
    assert [m.status for m in await store.outbox.messages("reporter:u1")] == ["pending"] * 3
    await drive(worker, clock, 120, until=lambda: all_sent(store, "reporter:u1"))
    u1 = [c for c in connector.sent if c.conversation_id == "a:chat-u1"]
    assert [card_text(c.body) for c in u1] == ["u1-0"] * 6 + ["u1-1", "u1-2"]
    assert [c.status for c in u1] == [503] * 5 + [200] * 3
    for user in ("u2", "u3"):
        sent = [card_text(c.body) for c in connector.sent if c.conversation_id == f"a:chat-{user}"]
        assert sent == [f"{user}-0", f"{user}-1", f"{user}-2"]


async def test_no_channel_yet_waits_a_minute_and_is_listed_then_delivered(
    store: Store,
    sender: ConnectorSender,
    connector: FakeConnector,
    handler: FixedCardHandler,
    clock: FakeClock,
) -> None:
    await store.outbox.enqueue([escalate("de-marel", "M-2026-0007")])
    worker = worker_for(store, handler, sender, clock)
    await worker.run_once()
    assert worker.not_deliverable() == ["no leadership channel for school de-marel"]
    waiting = await only(store, "leadership:de-marel")
    assert waiting.status == "pending"
    assert waiting.next_attempt_at - clock.now == NOT_DELIVERABLE_RETRY
    await drive(worker, clock, NOT_DELIVERABLE_RETRY.total_seconds() - 2)
    assert (await only(store, "leadership:de-marel")).attempts == 1 and connector.sent == []
    handler.register("de-marel")
    await drive(worker, clock, 10, until=lambda: all_sent(store, "leadership:de-marel"))
    assert texts(connector.sent) == ["Melding M-2026-0007"]
    assert worker.not_deliverable() == []


async def test_a_failing_handler_keeps_the_message_and_backs_off(
    store: Store,
    sender: ConnectorSender,
    connector: FakeConnector,
    handler: FixedCardHandler,
    clock: FakeClock,
) -> None:
    await store.outbox.enqueue([OutboxDraft(conversation_key="reporter:u1", message={"kind": "??"})])
    worker = worker_for(store, handler, sender, clock)
    await worker.run_once()
    kept = await only(store, "reporter:u1")
    assert (kept.status, kept.last_error) == ("pending", "ValueError")
    assert timedelta(seconds=0.5) <= kept.next_attempt_at - clock.now <= timedelta(seconds=1)
