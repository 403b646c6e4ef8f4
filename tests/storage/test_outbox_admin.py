"""Contract: the outbox's claim heartbeat, backlog figures, listing and requeueing behave the same on
SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import timedelta

from bot.storage import Store
from tests.storage.test_outbox import drafts, later

LEASE = timedelta(seconds=15)


async def test_a_renewed_claim_stays_hidden_and_a_lost_one_cannot_be_renewed(store: Store) -> None:
    await store.outbox.enqueue(drafts("a", 1))
    [claimed] = await store.outbox.claim_due(1, later(1), LEASE, owner="worker-a")
    assert claimed.claimed_by == "worker-a"
    assert await store.outbox.renew(claimed.id, "worker-a", later(31)) is True
    assert await store.outbox.claim_due(1, later(20), LEASE, owner="worker-b") == []  # renewed: still a's
    assert await store.outbox.renew(claimed.id, "worker-b", later(60)) is False  # not b's claim

    [taken] = await store.outbox.claim_due(1, later(32), LEASE, owner="worker-b")  # a stopped renewing
    assert (taken.id, taken.claimed_by, taken.attempts) == (claimed.id, "worker-b", 2)
    assert await store.outbox.renew(claimed.id, "worker-a", later(60)) is False  # a lost it
    await store.outbox.mark_sent(taken.id)
    assert await store.outbox.renew(taken.id, "worker-b", later(60)) is False  # done: nothing to keep
    [sent] = await store.outbox.messages("a")
    assert (sent.status, sent.claimed_by) == ("sent", None)


async def test_a_crashed_instances_claim_is_taken_over_after_the_default_lease(store: Store) -> None:
    await store.outbox.enqueue(drafts("a", 1))
    now = later(1)
    [claimed] = await store.outbox.claim_due(1, now, owner="crashed")  # the default lease, never renewed
    [again] = await store.outbox.claim_due(1, now + timedelta(seconds=16), owner="survivor")
    assert again.id == claimed.id  # no minute of waiting after a crash


async def test_backlog_counts_pending_and_dead_and_dates_the_oldest_pending(store: Store) -> None:
    empty = await store.outbox.backlog()
    assert (empty.pending, empty.oldest_pending_at, empty.dead) == (0, None, 0)
    await store.outbox.enqueue(drafts("a", 2))
    await store.outbox.enqueue(drafts("b", 1))
    [a0, b0] = await store.outbox.claim_due(10, later(1))
    await store.outbox.mark_dead(a0.id, "HTTP 403")
    await store.outbox.mark_sent(b0.id)
    [_, second] = await store.outbox.messages("a")

    backlog = await store.outbox.backlog()
    assert (backlog.pending, backlog.dead) == (1, 1)
    assert backlog.oldest_pending_at == second.created_at
    assert backlog.oldest_age_seconds(second.created_at + timedelta(seconds=90)) == 90


async def test_listing_and_one_message(store: Store) -> None:
    await store.outbox.enqueue(drafts("a", 2) + drafts("b", 1))
    [a0, b0] = await store.outbox.claim_due(10, later(1))
    await store.outbox.mark_dead(a0.id, "HTTP 404")
    await store.outbox.mark_sent(b0.id)
    assert [m.id for m in await store.outbox.listing(["dead"])] == [a0.id]
    assert [m.status for m in await store.outbox.listing(["pending", "dead"])] == ["dead", "pending"]
    assert len(await store.outbox.listing(["pending", "dead", "sent"], limit=2)) == 2
    found = await store.outbox.message(a0.id)
    assert found is not None and (found.status, found.last_error) == ("dead", "HTTP 404")
    assert await store.outbox.message(9999) is None


async def test_requeue_revives_a_conversations_dead_messages_first_in_line(store: Store) -> None:
    await store.outbox.enqueue(drafts("leadership:de-breul", 2) + drafts("reporter:u1", 1))
    heads = await store.outbox.claim_due(10, later(1))
    for message in heads:
        await store.outbox.mark_dead(message.id, "HTTP 403")
    [dead_escalation, dead_notice] = heads

    now = later(2)
    requeued = await store.outbox.requeue(now, conversation_key="leadership:de-breul")
    assert requeued == [dead_escalation.id]  # the other conversation's dead message stays dead
    revived = await store.outbox.message(dead_escalation.id)
    assert revived is not None and (revived.status, revived.attempts) == ("pending", 0)
    assert revived.last_error == "HTTP 403"  # kept, to explain
    [claimed] = [
        m for m in await store.outbox.claim_due(10, later(3)) if m.conversation_key.startswith("lead")
    ]
    assert claimed.id == dead_escalation.id  # FIFO: the revived message goes before the ones after it
    assert (await store.outbox.backlog()).dead == 1

    assert await store.outbox.requeue(later(4), ids=[dead_notice.id]) == [dead_notice.id]
    assert (await store.outbox.backlog()).dead == 0


async def test_requeue_makes_waiting_messages_due_but_leaves_claimed_ones_alone(store: Store) -> None:
    await store.outbox.enqueue(drafts("a", 1) + drafts("b", 1))
    [a0, b0] = await store.outbox.claim_due(10, later(1), owner="worker")
    await store.outbox.retry_later(a0.id, later(60), "not deliverable: no leadership channel")
    assert await store.outbox.requeue(later(2)) == [a0.id]  # b is being sent now: not touched
    [due] = await store.outbox.claim_due(10, later(3))
    assert due.id == a0.id
    assert await store.outbox.requeue(later(4), ids=[b0.id]) == []
