"""Turns: the daily reminder in the thread of a case that lies still longer than the response time — once a
school day, through the outbox, silent at night and at the weekend, stopped by any leader action."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from bot.leadership.model import CaseEntryDraft
from bot.leadership.overview import AMSTERDAM
from bot.leadership.reminders import remind_untouched
from bot.reports.model import Action, Report
from cards.ids import Verb
from tests.leadership.conftest import (
    CHANNEL,
    LEADER,
    Desk,
    card_data,
    card_of,
    mention,
    press,
    settings,
    submit,
)


def school_morning(after: datetime, weekday: int = 0, hour: int = 10) -> datetime:
    """The first `weekday` (0: Monday) at `hour` in Amsterdam at least a week after `after`."""
    day = (after + timedelta(days=7)).astimezone(AMSTERDAM).date()
    while day.weekday() != weekday:
        day += timedelta(days=1)
    return datetime.combine(day, time(hour), tzinfo=AMSTERDAM)


def days(school: str) -> int:
    return settings().response_days(school)


async def escalated(desk: Desk, **changes: object) -> Report:
    await desk.conversation.handle(mention("meldingen hier"))
    report = await submit(desk.store, **changes)
    await desk.deliver()
    return report


def reminders(desk: Desk) -> list[str]:
    return [
        a["text"] for c, a in desk.sender.sends if c.conversation_id.startswith(CHANNEL) and "⏰" in a["text"]
    ]


async def test_an_untouched_case_is_reminded_in_its_thread_once_a_school_day(desk: Desk) -> None:
    report = await escalated(desk)
    monday = school_morning(report.created_at)
    assert await remind_untouched(desk.store, days, monday) == 1
    assert await remind_untouched(desk.store, days, monday + timedelta(hours=5)) == 0  # once a day
    await desk.deliver()
    [text] = reminders(desk)
    [(conversation, _)] = [(c, a) for c, a in desk.sender.sends if "⏰" in a["text"]]
    assert conversation.conversation_id == f"{CHANNEL};messageid=act-1"  # in the case's own thread
    assert text.startswith(f"⏰ {report.case_number} ligt al sinds ")
    assert "langer dan de reactietermijn van 2 schooldagen" in text and "dan stopt deze herinnering" in text
    assert "Klik hier" not in text and "Jan" not in text  # no report text, no names
    trail = [(e.action, e.actor_key) for e in await desk.store.reports.audit_trail(report.id)]
    assert trail[-1] == ("herinnering", "magdit")

    assert await remind_untouched(desk.store, days, monday + timedelta(days=1)) == 1  # Tuesday: again
    await desk.deliver()
    assert len(reminders(desk)) == 2


async def test_no_reminder_at_night_at_the_weekend_or_within_the_response_time(desk: Desk) -> None:
    report = await escalated(desk)
    monday = school_morning(report.created_at)
    assert await remind_untouched(desk.store, days, monday.replace(hour=7)) == 0
    assert await remind_untouched(desk.store, days, monday - timedelta(days=2)) == 0  # Saturday
    assert await remind_untouched(desk.store, days, report.created_at + timedelta(hours=1)) == 0
    assert await desk.deliver() == 0


async def test_any_leader_action_stops_the_reminders(desk: Desk) -> None:
    report = await escalated(desk)
    monday = school_morning(report.created_at)
    card = card_of(desk.sender.threads[0][1])
    await desk.conversation.handle(press(Verb.CASE_NOTE, **card_data(card, Verb.CASE_NOTE), note="Gebeld."))
    await desk.deliver()
    assert await remind_untouched(desk.store, days, monday) == 0
    assert reminders(desk) == []


async def test_a_reminder_queued_before_a_leader_acts_is_not_sent(desk: Desk) -> None:
    report = await escalated(desk)
    assert await remind_untouched(desk.store, days, school_morning(report.created_at)) == 1
    await desk.store.reports.apply(report.id, Action.OPPAKKEN, LEADER, report.version)
    await desk.deliver()
    assert reminders(desk) == []


async def test_a_case_waiting_for_the_reporter_is_not_reminded_until_they_answer(desk: Desk) -> None:
    report = await escalated(desk)
    question = CaseEntryDraft(
        report_id=report.id, kind="vraag", author_key=LEADER, text="Wie?", token="t" * 20
    )
    asked = await desk.store.leadership.add_entry(question, [])
    monday = school_morning(report.created_at)
    assert await remind_untouched(desk.store, days, monday) == 0
    answer = CaseEntryDraft(
        report_id=report.id, kind="antwoord", author_key="pupil-1", text="Jan", reply_to=asked.id
    )
    answered = await desk.store.leadership.add_entry(answer, [])
    # The answer asks something of the school again: reminded once it lies still beyond the response time.
    assert await remind_untouched(desk.store, days, school_morning(answered.at, weekday=4)) == 1
