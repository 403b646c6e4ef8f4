"""Turns: `overzicht` — numbers for the channel, the list only for the presser, every refusal audited."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

from bot.leadership.model import CaseEntryDraft
from bot.reports.model import Action, Category, Report
from cards.ids import Verb
from tests.fakes.store import audit_rows
from tests.leadership.conftest import (
    CHANNEL,
    HOSTILE,
    LEADER,
    Desk,
    card_data,
    mention,
    press,
    submit,
)
from tests.leadership.test_case_flow import assert_literal, strings

WEEK = timedelta(days=7)  # always five school days, whatever day the test runs


def facts(card: dict[str, Any]) -> dict[str, str]:
    found: dict[str, str] = {}

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("type") == "FactSet":
                found.update({fact["title"]: fact["value"] for fact in node["facts"]})
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(card)
    return found


async def three_cases(desk: Desk) -> tuple[Report, Report, Report]:
    """A new case nobody touched, one picked up, one waiting for the reporter's answer."""
    await desk.conversation.handle(mention("meldingen hier"))
    untouched = await submit(desk.store, reporter="pupil-1", key="f1")
    taken = await submit(desk.store, reporter="pupil-2", key="f2", category=Category.NEPACCOUNT)
    asked = await submit(desk.store, reporter="pupil-3", key="f3", category=Category.CYBERPESTEN)
    await desk.store.reports.apply(taken.id, Action.OPPAKKEN, LEADER, taken.version)
    question = CaseEntryDraft(
        report_id=asked.id, kind="vraag", author_key=LEADER, text="Wie?", token="t" * 20
    )
    await desk.store.leadership.add_entry(question, [])
    await desk.deliver()
    return untouched, taken, asked


def later(desk: Desk, report: Report, by: timedelta) -> None:
    assert desk.conversation._services.leadership is not None
    desk.conversation._services.leadership.clock = lambda: report.created_at + by


async def audit(desk: Desk) -> list[tuple[str, str, object]]:
    rows = await audit_rows(desk.store)  # refusals naming no case too
    return [(e.action, e.actor_key, e.detail) for e in rows if not e.accepted]


async def test_the_channel_sees_numbers_and_only_the_presser_sees_the_list(desk: Desk) -> None:
    untouched, taken, asked = await three_cases(desk)
    later(desk, untouched, WEEK)
    threads_before, sends_before = len(desk.sender.threads), len(desk.sender.sends)

    result = await desk.conversation.handle(mention("overzicht"))
    [reply] = result.replies
    numbers = reply.card  # type: ignore[union-attr]
    assert facts(numbers) == {
        "Nieuw": "1",
        "In behandeling": "1",
        "Wacht op de melder": "1",
        "Ligt langer dan 2 schooldagen stil": "1",
    }
    shown = json.dumps(numbers, ensure_ascii=False)
    assert "M-" not in shown and "Bedreiging" not in shown  # no case numbers, no categories for the channel
    assert reply.summary == "Overzicht van de open meldingen"  # type: ignore[union-attr]

    listed = await desk.conversation.handle(
        press(Verb.OVERVIEW, thread="act-9", **card_data(numbers, Verb.OVERVIEW))
    )
    assert listed.replies == () and listed.updated_card is not None
    text = "\n".join(strings(listed.updated_card))
    for report in (untouched, taken, asked):
        assert report.case_number in text
    assert "De lijst (alleen jij ziet dit)" in text
    assert "Nieuw (1)" in text and "In behandeling (1)" in text and "Wacht op de melder (1)" in text
    assert "Mw. De Vries" in text and "Nog niemand" in text and "⚠️ Dringend" in text
    assert text.count("⏰ Ligt stil sinds") == 1 and "7 dagen geleden" in text
    assert "Klik hier" not in text and "Jan" not in text and "gisteren" not in text  # no text, no names
    assert_literal(listed.updated_card)
    # Nothing was posted for others: the list is only the invoke response.
    assert (len(desk.sender.threads), len(desk.sender.sends)) == (threads_before, sends_before)
    assert await desk.deliver() == 0

    hidden = await desk.conversation.handle(
        press(Verb.OVERVIEW, **card_data(listed.updated_card, Verb.OVERVIEW) | {"show_list": False})
    )
    assert hidden.updated_card is not None and "M-" not in json.dumps(hidden.updated_card)


async def test_a_case_is_overdue_only_after_the_response_time_in_school_days(desk: Desk) -> None:
    untouched, _, _ = await three_cases(desk)
    later(desk, untouched, timedelta(hours=1))
    result = await desk.conversation.handle(mention("overzicht"))
    assert facts(result.replies[0].card)["Ligt langer dan 2 schooldagen stil"] == "0"  # type: ignore[union-attr]
    # Any leader action stops the clock: a note on the untouched case.
    later(desk, untouched, WEEK)
    note = CaseEntryDraft(report_id=untouched.id, kind="notitie", author_key=LEADER, text="Gebeld.")
    await desk.store.leadership.add_entry(note, [])
    result = await desk.conversation.handle(mention("overzicht"))
    assert facts(result.replies[0].card)["Ligt langer dan 2 schooldagen stil"] == "0"  # type: ignore[union-attr]


async def test_in_a_personal_chat_a_leader_gets_the_list_at_once(desk: Desk) -> None:
    untouched, _, _ = await three_cases(desk)
    result = await desk.conversation.handle(mention("overzicht", kind="personal", conversation_id="a:chat"))
    [reply] = result.replies
    assert untouched.case_number in json.dumps(reply.card)  # type: ignore[union-attr]


async def test_a_pupil_a_teacher_and_other_channels_are_refused_and_audited(desk: Desk) -> None:
    await three_cases(desk)
    teacher = await desk.conversation.handle(mention("overzicht", aad="aad-teacher"))
    assert teacher.replies[0].text == "Alleen de schoolleiding kan het overzicht en de inzichten zien."  # type: ignore[union-attr]
    pupil = await desk.conversation.handle(
        mention("overzicht", aad="pupil-1", kind="personal", conversation_id="a:chat")
    )
    assert "Alleen de schoolleiding" in pupil.replies[0].text  # type: ignore[union-attr]
    other = await desk.conversation.handle(mention("overzicht", conversation_id="19:algemeen@thread.tacv2"))
    assert other.replies[0].text.startswith("Dat kan alleen in het meldingenkanaal")  # type: ignore[union-attr]
    group = await desk.conversation.handle(mention("overzicht", kind="groupChat", conversation_id="19:g"))
    assert group.replies[0].text.startswith("Dat kan alleen in het meldingenkanaal")  # type: ignore[union-attr]
    assert await audit(desk) == [
        ("overview", "aad-teacher", {"reason": "not_leader"}),
        ("overview", "pupil-1", {"reason": "not_leader"}),
        ("overview", LEADER, {"reason": "not_report_channel"}),
        ("overview", LEADER, {"reason": "not_report_channel"}),
    ]
    # A message that merely starts with the word is no command: nothing refused, nothing audited.
    asking = await desk.conversation.handle(
        mention("overzicht van de regels over foto's?", aad="pupil-1", kind="personal", conversation_id="a:c")
    )
    assert "Alleen de schoolleiding" not in json.dumps(asking.model_dump(), ensure_ascii=False)
    assert len(await audit(desk)) == 4


async def test_forged_presses_never_show_the_list(desk: Desk) -> None:
    await three_cases(desk)
    data = {"school": "testschool", "show_list": True}
    attempts = [
        press(Verb.OVERVIEW, aad="aad-teacher", **data),  # not a leader
        press(Verb.OVERVIEW, kind="personal", aad="pupil-1", **data),  # a pupil in their own chat
        press(Verb.OVERVIEW, **{**data, "school": "de-breul"}),  # not a school of this tenant
    ]
    for attempt in attempts:
        result = await desk.conversation.handle(attempt)
        assert result.updated_card is None and "M-" not in json.dumps(result.model_dump())
    elsewhere = press(Verb.OVERVIEW, **data).model_copy(
        update={"where": mention("x", conversation_id="19:algemeen@thread.tacv2").where}
    )
    assert (await desk.conversation.handle(elsewhere)).updated_card is None
    assert [(action, actor, detail["reason"]) for action, actor, detail in await audit(desk)] == [  # type: ignore[index]
        ("overview", "aad-teacher", "not_leader"),
        ("overview", "pupil-1", "not_leader"),
        ("overview", LEADER, "not_leader"),
        ("overview", LEADER, "not_report_channel"),
    ]


async def test_an_action_submit_in_the_channel_never_posts_the_list(desk: Desk) -> None:
    from bot.conversation.models import CardSubmitIn

    await three_cases(desk)
    submitted = CardSubmitIn(
        data={"verb": "overview", "school": "testschool", "show_list": True},
        sender=press(Verb.OVERVIEW).sender,
        where=press(Verb.OVERVIEW).where,
        locale="nl-NL",
    )
    result = await desk.conversation.handle(submitted)
    assert [r.text for r in result.replies] == [  # type: ignore[union-attr]
        "Deze lijst laat ik alleen zien in een Teams-versie die dat privé kan tonen. Werk Teams bij en "
        "probeer het opnieuw, of typ **overzicht** in een privéchat met mij."
    ]
    assert (await audit(desk))[-1][2] == {"reason": "list_by_submit", "school": "testschool"}


async def test_hostile_report_text_never_reaches_the_overview(desk: Desk) -> None:
    await desk.conversation.handle(mention("meldingen hier"))
    await submit(desk.store, description=HOSTILE, involved=HOSTILE[:200], platform=HOSTILE[:200])
    result = await desk.conversation.handle(mention("overzicht", kind="personal", conversation_id="a:chat"))
    shown = json.dumps(result.model_dump(), ensure_ascii=False)
    assert "Klik hier" not in shown and "Iedereen" not in shown and CHANNEL not in shown
