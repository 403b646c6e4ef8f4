"""Contract: the outbox delivers FIFO per conversation, with leases, retries and dead letters."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from bot.reports.model import OutboxDraft
from bot.storage import Store
from tests.fakes.store import payload


def drafts(conversation: str, count: int) -> list[OutboxDraft]:
    return [
        OutboxDraft(conversation_key=conversation, message={"kind": "test", "n": n}) for n in range(count)
    ]


def later(seconds: float = 0) -> datetime:
    return datetime.now(UTC) + timedelta(seconds=seconds)


async def test_claims_one_head_per_conversation_in_order(store: Store) -> None:
    await store.outbox.enqueue(drafts("a", 3))
    await store.outbox.enqueue(drafts("b", 2))
    claimed = await store.outbox.claim_due(10, later(1))
    assert [(m.conversation_key, payload(m)["n"], m.attempts) for m in claimed] == [("a", 0, 1), ("b", 0, 1)]
    assert await store.outbox.claim_due(10, later(1)) == []  # heads are leased, followers wait


async def test_fifo_after_sending(store: Store) -> None:
    await store.outbox.enqueue(drafts("a", 3))
    seen = []
    for _ in range(3):
        [message] = await store.outbox.claim_due(10, later(1))
        seen.append(payload(message)["n"])
        await store.outbox.mark_sent(message.id)
    assert seen == [0, 1, 2]
    assert await store.outbox.claim_due(10, later(1)) == []
    assert [m.status for m in await store.outbox.messages("a")] == ["sent", "sent", "sent"]


async def test_limit(store: Store) -> None:
    for conversation in "abc":
        await store.outbox.enqueue(drafts(conversation, 1))
    assert [m.conversation_key for m in await store.outbox.claim_due(2, later(1))] == ["a", "b"]


async def test_lease_expiry_hands_message_out_again(store: Store) -> None:
    await store.outbox.enqueue(drafts("a", 1))
    [first] = await store.outbox.claim_due(1, later(1), lease=timedelta(seconds=30))
    assert await store.outbox.claim_due(1, later(20)) == []
    [again] = await store.outbox.claim_due(1, later(40))
    assert (again.id, again.attempts) == (first.id, 2)


async def test_retry_later_blocks_the_conversation_until_due(store: Store) -> None:
    await store.outbox.enqueue(drafts("a", 2))
    [head] = await store.outbox.claim_due(1, later(1))
    await store.outbox.retry_later(head.id, later(120), "HTTP 429")
    assert await store.outbox.claim_due(10, later(60)) == []
    [retried] = await store.outbox.claim_due(10, later(121))
    assert (retried.id, retried.attempts, retried.last_error) == (head.id, 2, "HTTP 429")


async def test_dead_messages_are_kept_and_counted(store: Store) -> None:
    await store.outbox.enqueue(drafts("a", 2))
    [head] = await store.outbox.claim_due(1, later(1))
    await store.outbox.mark_dead(head.id, "HTTP 403")
    assert (await store.outbox.backlog()).dead == 1
    [following] = await store.outbox.claim_due(1, later(1))
    assert payload(following) == {"kind": "test", "n": 1}
    kept = (await store.outbox.messages("a"))[0]
    assert (kept.status, kept.last_error) == ("dead", "HTTP 403")


async def test_concurrent_claims_hand_each_message_out_once(store: Store) -> None:
    for conversation in range(20):
        await store.outbox.enqueue(drafts(f"c{conversation}", 1))
    batches = await asyncio.gather(*(store.outbox.claim_due(5, later(1)) for _ in range(8)))
    ids = [m.id for batch in batches for m in batch]
    assert len(ids) == len(set(ids)) == 20
