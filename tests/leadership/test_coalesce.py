"""A flood of reports from one reporter is one thread in the leadership channel: the first case's card,
updated to name the others, and the others as replies in that thread, each still its own case."""

from __future__ import annotations

import json
from datetime import timedelta
from uuid import uuid4

from bot.leadership import coalesce
from bot.leadership.model import REPORTS_ROUTE
from bot.reports.model import Category
from cards.ids import Verb
from tests.leadership.conftest import CHANNEL, Desk, card_data, card_of, press, submit
from tests.leadership.test_case_flow import register


async def test_thirteen_reports_of_one_reporter_make_one_thread(desk: Desk) -> None:
    await register(desk)
    reports = [await submit(desk.store, key=f"form-{n}", category=Category.CYBERPESTEN) for n in range(13)]
    await desk.deliver()

    [(channel, opened)] = desk.sender.threads
    assert channel.conversation_id == CHANNEL and reports[0].case_number in json.dumps(opened)
    thread = f"{CHANNEL};messageid=act-1"
    replies = [
        activity for conversation, activity in desk.sender.sends if conversation.conversation_id == thread
    ]
    assert len(replies) == 12
    for report, reply in zip(reports[1:], replies, strict=True):
        shown = json.dumps(card_of(reply), ensure_ascii=False)
        assert report.case_number in shown and reports[0].case_number in shown  # "Hoort bij M-…"
        [stored] = await desk.store.leadership.escalations(report.id)
        assert stored.conversation["conversation_id"] == thread and stored.activity_id != "act-1"

    head_updates = [activity for _, activity_id, activity in desk.sender.updates if activity_id == "act-1"]
    latest = json.dumps(card_of(head_updates[-1]), ensure_ascii=False)
    assert all(report.case_number in latest for report in reports)


async def test_each_case_in_a_shared_thread_is_still_handled_on_its_own(desk: Desk) -> None:
    await register(desk)
    first = await submit(desk.store, key="form-1")
    second = await submit(desk.store, key="form-2")
    await desk.deliver()
    [reply] = [activity for _, activity in desk.sender.sends]
    [stored] = await desk.store.leadership.escalations(second.id)

    taken = await desk.conversation.handle(
        press(Verb.CASE_TAKE, thread="act-1", **card_data(card_of(reply), Verb.CASE_TAKE))
    )
    assert "In behandeling" in json.dumps(taken.updated_card, ensure_ascii=False)
    assert (await desk.store.reports.get(second.id)).status == "opgepakt"  # type: ignore[union-attr]
    assert (await desk.store.reports.get(first.id)).status == "nieuw"  # type: ignore[union-attr]
    desk.sender.updates.clear()
    await desk.deliver()
    assert [activity_id for _, activity_id, _ in desk.sender.updates] == [stored.activity_id]


async def test_other_reporters_and_later_reports_get_threads_of_their_own(desk: Desk) -> None:
    await register(desk)
    mine = await submit(desk.store, reporter="pupil-1", key="form-1")
    await submit(desk.store, reporter="pupil-2", key="form-2")
    await desk.deliver()
    assert len(desk.sender.threads) == 2 and desk.sender.sends == []

    later = mine.model_copy(update={"created_at": mine.created_at + coalesce.WINDOW + timedelta(seconds=1)})
    assert await coalesce.thread_to_join(coalesce.CaseReads(desk.store), later, REPORTS_ROUTE) is None
    soon = mine.model_copy(update={"created_at": mine.created_at + coalesce.WINDOW - timedelta(seconds=1)})
    soon = soon.model_copy(update={"id": uuid4()})
    joined = await coalesce.thread_to_join(coalesce.CaseReads(desk.store), soon, REPORTS_ROUTE)
    assert joined is not None and joined.head.id == mine.id


async def test_a_report_after_the_first_case_was_closed_opens_a_thread_of_its_own(desk: Desk) -> None:
    await register(desk)
    first = await submit(desk.store, key="form-1")
    await desk.deliver()
    close = card_data(card_of(desk.sender.threads[0][1]), Verb.CASE_CLOSE)
    await desk.conversation.handle(press(Verb.CASE_CLOSE, **close, measure="gesprek", outcome="Opgelost"))
    assert (await desk.store.reports.get(first.id)).status == "afgesloten"  # type: ignore[union-attr]

    await submit(desk.store, key="form-2")
    await desk.deliver()

    assert len(desk.sender.threads) == 2  # not a reply under the closed case
