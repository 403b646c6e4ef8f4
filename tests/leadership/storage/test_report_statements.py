"""What one report costs the database, from the pupil's submit to its escalation thread delivered, counted
statement by statement on each backend: a change that adds a read or a write on that path fails here with
the statements listed (issue 11: a report must cost no more than the hand-written store's did). To see
them: `pytest tests/leadership/storage/test_report_statements.py -rP`."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from dataclasses import dataclass

import pytest

from bot.conversation.dispatcher import Conversation
from bot.conversation.models import TurnResult
from bot.conversation.rate_limit import RateLimiter
from bot.conversation.services import Services
from bot.delivery.worker import OutboxWorker
from bot.leadership.desk import LeadershipDesk
from bot.leadership.outbox_handler import LeadershipOutbox
from bot.protocol.engine import RuleBook
from bot.storage import Store, open_store
from cards.ids import FORM_TOKEN, Verb
from tests.fakes.statements import Statements, counting
from tests.instances.flows import REPORT as FORM
from tests.leadership.conftest import RecordingSender, mention, press, settings

# Today's figures: a budget, not a target. Lower them when a change saves a statement.
SUBMIT_STATEMENTS = 8  # profile, form, the report's transaction (5, form marked used too), channel + backlog
DELIVERY_STATEMENTS = 9  # claim, case, channel, threads, case log, card token, reporter's cases, thread, sent
OPERATIONS = 13  # store operations (transactions) of both
POSTGRES_ROUND_TRIPS = 19  # statements, and BEGIN and COMMIT of the one transaction of several statements
# The same pupil's next report, a moment later: a reply in the first one's thread, whose card is updated.
JOINING_DELIVERY_STATEMENTS = 13  # each case and thread read once; the first card's token read back

PUPIL = "aad-pupil"


@dataclass
class Bot:
    store: Store
    counted: Statements
    conversation: Conversation
    worker: OutboxWorker
    sender: RecordingSender


@pytest.fixture
async def bot(store_url: str, rule_book: RuleBook) -> AsyncIterator[Bot]:
    """The conversation and the outbox worker with the real leadership handler, on a store opened while
    counting (its connections carry the counting listeners)."""
    with counting() as counted:
        store = await open_store(store_url)
        try:
            config = settings()
            services = Services(store=store, rules=rule_book, schools_for=config.schools_for)
            services.leadership = LeadershipDesk(store, config, rule_book)
            conversation = Conversation(services, RateLimiter(limit=100, window_seconds=60))
            sender = RecordingSender()
            worker = OutboxWorker(store.outbox, LeadershipOutbox(store, config, rule_book), sender)
            yield Bot(store, counted, conversation, worker, sender)
        finally:
            await store.close()


async def form_token(bot: Bot) -> str:
    """The channel registered, the pupil's role chosen, `meld`: the token of the form the bot sent."""
    await bot.conversation.handle(mention("meldingen hier"))
    await bot.conversation.handle(press(Verb.CHOOSE_ROLE, aad=PUPIL, kind="personal", role="leerling"))
    return await next_form_token(bot)


async def next_form_token(bot: Bot) -> str:
    form = await bot.conversation.handle(mention("meld", aad=PUPIL, kind="personal", conversation_id="a:x"))
    card = form.replies[0].card  # type: ignore[union-attr]
    [button] = [action for action in card["actions"] if action.get("verb") == Verb.SUBMIT_REPORT]
    return str(button["data"][FORM_TOKEN])


async def submit(bot: Bot, token: str) -> TurnResult:
    return await bot.conversation.handle(
        press(Verb.SUBMIT_REPORT, aad=PUPIL, kind="personal", **{FORM_TOKEN: token, **FORM})
    )


async def test_a_report_costs_no_more_statements_than_it_did(bot: Bot, store_url: str) -> None:
    token = await form_token(bot)
    counted = bot.counted
    counted.reset()
    confirmed = await submit(bot, token)
    submitted = len(counted.sql)
    delivered = await bot.worker.run_once()
    total, operations, round_trips = len(counted.sql), counted.operations, counted.round_trips
    shown = f"statements of one report (the first {submitted} in the submit turn):\n{counted.listing()}"
    postgres = not store_url.startswith("sqlite")
    trips = f", {round_trips} round trips" if postgres else ""  # SQLite's are calls, no network
    print(f"{shown}\n{total} statements, {operations} store operations{trips}")

    [report] = await bot.store.reports.for_reporter(PUPIL)
    assert report.case_number in json.dumps(confirmed.updated_card)
    assert delivered == 1 and len(bot.sender.threads) == 1
    assert report.case_number in json.dumps(bot.sender.threads[0][1])
    assert submitted <= SUBMIT_STATEMENTS, shown
    assert total - submitted <= DELIVERY_STATEMENTS, shown
    assert operations <= OPERATIONS, shown
    if postgres:
        assert round_trips <= POSTGRES_ROUND_TRIPS, shown


async def test_a_report_joining_the_thread_of_the_one_before_reads_each_thing_once(
    bot: Bot, store_url: str
) -> None:
    await submit(bot, await form_token(bot))
    await bot.worker.run_once()
    token = await next_form_token(bot)
    await submit(bot, token)
    counted = bot.counted
    counted.reset()
    delivered = await bot.worker.run_once()
    total = len(counted.sql)
    print(f"{counted.listing()}\n{total} statements, {counted.operations} store operations")

    first, second = sorted(await bot.store.reports.for_reporter(PUPIL), key=lambda report: report.created_at)
    [(_, reply)] = bot.sender.sends
    [(_, _, head)] = bot.sender.updates  # the first case's card names the second
    assert delivered == 1 and len(bot.sender.threads) == 1
    assert second.case_number in json.dumps(reply) and first.case_number in json.dumps(reply)
    assert second.case_number in json.dumps(head)
    assert total <= JOINING_DELIVERY_STATEMENTS, counted.listing()
