"""Turns: the report card, submission (valid, invalid, hostile, repeated, concurrent, forged, failed
write), the confirmation and `mijn meldingen`, through the real conversation layer."""

from __future__ import annotations

import asyncio
import json
import logging
from typing import Any

import pytest

from bot.conversation.dispatcher import Conversation
from bot.conversation.models import CardReply, TextReply, TurnResult
from bot.conversation.rate_limit import RateLimiter
from bot.protocol.engine import RuleBook
from bot.reports.model import Category, Status
from bot.storage import Store
from cards.ids import Verb
from tests.fakes.store import payload, read_sql, write_sql
from tests.reporting.conftest import (
    FakeFiles,
    execute,
    form_token,
    make_services,
    message,
    submit_fallback,
)

HOSTILE = (
    "[Klik hier](https://evil.example/login) **vet** <at>Iedereen</at> <b>html</b> "
    "<img src=x onerror=alert(1)> &amp; \u202egnp.exe\u202c\n- lijst"
)


def text_of(result: TurnResult) -> str:
    parts = [
        r.text if isinstance(r, TextReply) else json.dumps(r.card, ensure_ascii=False) for r in result.replies
    ]
    if result.updated_card:
        parts.append(json.dumps(result.updated_card, ensure_ascii=False))
    return "\n".join(parts)


def inputs(card: dict[str, Any]) -> dict[str, Any]:
    return {node["id"]: node for node in card["body"] if str(node.get("type", "")).startswith("Input.")}


def errors_below(card: dict[str, Any]) -> dict[str, str]:
    """The message right below each input, by input id."""
    found: dict[str, str] = {}
    body = card["body"]
    for index, node in enumerate(body[:-1]):
        after = body[index + 1]
        if str(node.get("type", "")).startswith("Input.") and after.get("text", "").startswith("⚠️"):
            found[node["id"]] = after["text"]
    return found


async def set_up(conversation: Conversation, user: str = "u1", role: str = "leerling") -> dict[str, Any]:
    await conversation.handle(execute(Verb.CHOOSE_ROLE, user, role=role))
    result = await conversation.handle(message("meld", user))
    [reply] = result.replies
    assert isinstance(reply, CardReply)
    return reply.card


VALID = {
    "category": "cyberpesten",
    "description": "Ze zetten nare dingen over mij in de klassengroep.",
    "platform": "WhatsApp",
    "happened": "gisteren na school",
    "involved": "twee jongens uit 2B",
    "in_danger": "nee",
    "show_name": "false",
}


async def test_meld_opens_the_form_in_a_personal_chat_only(conversation: Conversation, store: Store) -> None:
    card = await set_up(conversation)
    token = form_token(card)
    form = await store.reporting.form(token)
    assert form is not None and (form.user_key, form.school) == ("aad-u1", "de-breul")
    fields = inputs(card)
    assert [c["value"] for c in fields["category"]["choices"]] == [c.value for c in Category]
    assert fields["description"]["isRequired"] and fields["description"]["maxLength"] == 4000
    assert fields["show_name"]["value"] == "false"  # a pupil is anonymous by default
    assert "ik weet met welk Teams-account je meldt" in text_of(TurnResult(replies=(CardReply(card=card),)))
    channel = await conversation.handle(message("meld", kind="channel"))
    assert "privéchat" in text_of(channel)


async def test_staff_may_be_named_by_default(conversation: Conversation) -> None:
    card = await set_up(conversation, "t1", role="medewerker")
    assert inputs(card)["show_name"]["value"] == "true"


async def test_submit_stores_one_case_and_confirms_with_the_protocol_route(
    conversation: Conversation, store: Store
) -> None:
    token = form_token(await set_up(conversation))
    result = await conversation.handle(execute(Verb.SUBMIT_REPORT, form_token=token, **VALID))
    [report] = await store.reports.for_reporter("aad-u1")
    assert report.description == VALID["description"] and report.anonymous is True
    assert report.reporter_conversation["conversation_id"] == "a:chat-u1"
    shown = text_of(result)
    assert result.updated_card is not None and not result.replies  # the form is replaced in place
    assert report.case_number in shown
    assert "artikel E.9" in shown and "teamleider" in shown  # the article that says where reports go
    assert "112" in shown and "0800-0432" in shown and "tel:08000432" in shown
    # Written for a 12-year-old: no privacy officer to talk to, no e-mail address, no office hours.
    assert "privacyvragen@" not in shown and "werkdagen" not in shown
    assert "Ben je in gevaar?" not in shown
    assert "screenshots" in shown
    assert VALID["description"] not in shown  # no report text on the confirmation
    escalations = await store.outbox.messages("leadership:de-breul")
    assert [payload(m)["case_number"] for m in escalations] == [report.case_number]
    assert (await store.reporting.form(token)).report_id == report.id  # type: ignore[union-attr]


async def test_the_same_submission_again_gives_the_same_case_and_confirmation(
    conversation: Conversation, store: Store
) -> None:
    token = form_token(await set_up(conversation))
    press = execute(Verb.SUBMIT_REPORT, form_token=token, **VALID)
    first = await conversation.handle(press)
    again = await conversation.handle(press.model_copy(update={"activity_id": "redelivered-new-id"}))
    by_submit = await conversation.handle(submit_fallback(form_token=token, **VALID))
    assert again.updated_card == first.updated_card
    assert isinstance(by_submit.replies[-1], CardReply) and by_submit.replies[-1].card == first.updated_card
    assert len(await store.reports.for_reporter("aad-u1")) == 1
    assert len(await store.outbox.messages("leadership:de-breul")) == 1


async def test_concurrent_submissions_give_one_case(conversation: Conversation, store: Store) -> None:
    token = form_token(await set_up(conversation))
    press = execute(Verb.SUBMIT_REPORT, form_token=token, **VALID)
    results = await asyncio.gather(*(conversation.handle(press) for _ in range(10)))
    assert len({json.dumps(r.updated_card) for r in results}) == 1
    assert len(await store.reports.for_reporter("aad-u1")) == 1


async def test_invalid_input_returns_the_same_card_with_messages_and_values(
    conversation: Conversation, store: Store
) -> None:
    token = form_token(await set_up(conversation))
    typed = {**VALID, "category": "", "description": "   ", "platform": "MySpace", "happened": "x" * 300}
    result = await conversation.handle(execute(Verb.SUBMIT_REPORT, form_token=token, **typed))
    card = result.updated_card
    assert card is not None and form_token(card) == token  # the same form, the same token
    assert set(errors_below(card)) == {"category", "description", "platform", "happened"}
    assert "Kies wat er is gebeurd" in errors_below(card)["category"]
    fields = inputs(card)
    assert fields["involved"]["value"] == VALID["involved"] and fields["happened"]["value"] == "x" * 300
    assert fields["platform"]["value"] == "MySpace"
    assert await store.reports.for_reporter("aad-u1") == []
    by_submit = await conversation.handle(submit_fallback(form_token=token, **typed))
    assert isinstance(by_submit.replies[-1], CardReply)  # Action.Submit: the card comes as a new message
    assert errors_below(by_submit.replies[-1].card) == errors_below(card)


async def test_a_20000_character_description_gets_a_message_and_is_kept(
    conversation: Conversation, store: Store
) -> None:
    token = form_token(await set_up(conversation))
    long = ("Ze blijven maar sturen. " * 1000)[:20_000]
    result = await conversation.handle(
        execute(Verb.SUBMIT_REPORT, form_token=token, **{**VALID, "description": long})
    )
    assert result.updated_card is not None
    message_at_field = errors_below(result.updated_card)["description"]
    assert f"maximaal 4000 tekens (nu {len(long.strip())})" in message_at_field
    assert inputs(result.updated_card)["description"]["value"] == long[:8000]
    assert len(json.dumps(result.updated_card).encode()) < 40_000
    assert await store.reports.for_reporter("aad-u1") == []


async def test_hostile_text_is_stored_literally(conversation: Conversation, store: Store) -> None:
    token = form_token(await set_up(conversation))
    typed = {**VALID, "description": HOSTILE, "involved": "<at>Jan</at> [x](https://e.example)"}
    result = await conversation.handle(execute(Verb.SUBMIT_REPORT, form_token=token, **typed))
    [report] = await store.reports.for_reporter("aad-u1")
    assert report.description == HOSTILE.strip() and report.involved == typed["involved"]
    assert "evil.example" not in text_of(result) and "<at>" not in text_of(result)


async def test_a_form_token_of_someone_else_stores_nothing(conversation: Conversation, store: Store) -> None:
    token = form_token(await set_up(conversation, "u1"))
    await conversation.handle(execute(Verb.CHOOSE_ROLE, "u2", role="leerling"))
    result = await conversation.handle(execute(Verb.SUBMIT_REPORT, "u2", form_token=token, **VALID))
    assert result.updated_card is not None and form_token(result.updated_card) != token
    assert "niet van jou" in text_of(result)
    assert inputs(result.updated_card)["description"]["value"] == VALID["description"]
    assert await store.reports.for_reporter("aad-u2") == []
    unknown = await conversation.handle(execute(Verb.SUBMIT_REPORT, form_token="never-issued-123", **VALID))
    assert "niet van jou" in text_of(unknown)
    assert await store.reports.for_reporter("aad-u1") == []


async def test_submitting_in_a_channel_stores_nothing(conversation: Conversation, store: Store) -> None:
    token = form_token(await set_up(conversation))
    result = await conversation.handle(execute(Verb.SUBMIT_REPORT, kind="channel", form_token=token, **VALID))
    assert "privéchat" in text_of(result)
    assert await store.reports.for_reporter("aad-u1") == []


async def test_a_failed_write_stores_nothing_and_the_retry_works(
    sqlite_store: Store, book: RuleBook, files: FakeFiles
) -> None:
    conversation = Conversation(make_services(sqlite_store, book, files), RateLimiter(1000, 60))
    token = form_token(await set_up(conversation))
    await write_sql(sqlite_store, "ALTER TABLE outbox RENAME TO outbox_away")  # the third write then fails
    press = execute(Verb.SUBMIT_REPORT, form_token=token, **VALID)
    failed = await conversation.handle(press)
    assert failed.updated_card is not None
    assert "Niet verzonden — probeer het zo opnieuw" in text_of(failed)
    assert inputs(failed.updated_card)["description"]["value"] == VALID["description"]
    assert form_token(failed.updated_card) == token
    assert await sqlite_store.reports.for_reporter("aad-u1") == []  # no half-written report
    assert await read_sql(sqlite_store, "SELECT COUNT(*) FROM audit WHERE action = 'submit'") == [(0,)]
    await write_sql(sqlite_store, "ALTER TABLE outbox_away RENAME TO outbox")
    retried = await conversation.handle(press)
    [report] = await sqlite_store.reports.for_reporter("aad-u1")
    assert report.case_number in text_of(retried)
    assert len(await sqlite_store.outbox.messages("leadership:de-breul")) == 1


async def test_mijn_meldingen_lists_only_my_cases_and_nothing_else(
    conversation: Conversation, store: Store
) -> None:
    for user in ("u1", "u2"):
        token = form_token(await set_up(conversation, user))
        await conversation.handle(execute(Verb.SUBMIT_REPORT, user, form_token=token, **VALID))
    [mine] = await store.reports.for_reporter("aad-u1")
    await store.reports.apply(
        mine.id, __import__("bot.reports.model", fromlist=["Action"]).Action.OPPAKKEN, "l", 1
    )
    shown = text_of(await conversation.handle(message("mijn meldingen")))
    assert mine.case_number in shown and "Pesten of cyberpesten" in shown and "In behandeling" in shown
    assert shown.count("M-20") == 1  # the other pupil's case is not listed
    assert VALID["description"] not in shown and VALID["involved"] not in shown
    by_button = text_of(await conversation.handle(execute(Verb.MY_REPORTS)))
    assert mine.case_number in by_button
    assert "privéchat" in text_of(await conversation.handle(message("mijn meldingen", kind="channel")))


async def test_no_report_text_in_any_log_line(
    conversation: Conversation, store: Store, caplog: pytest.LogCaptureFixture
) -> None:
    secret = "Mijn geheime beschrijving over Jan Jansen"
    caplog.set_level(logging.DEBUG)
    token = form_token(await set_up(conversation))
    await conversation.handle(
        execute(
            Verb.SUBMIT_REPORT, form_token=token, **{**VALID, "description": secret, "involved": "Jan Jansen"}
        )
    )
    await conversation.handle(
        execute(Verb.SUBMIT_REPORT, form_token=token, **{**VALID, "description": secret})
    )
    await conversation.handle(execute(Verb.SUBMIT_REPORT, form_token=token, **{**VALID, "description": ""}))
    assert (await store.reports.for_reporter("aad-u1"))[0].status == Status.NIEUW
    assert caplog.records  # the submission was logged ...
    for record in caplog.records:
        line = record.getMessage()
        assert "geheime" not in line and "Jan Jansen" not in line and "Lotte" not in line, line
        assert token not in line


async def test_privacy_says_what_is_kept_who_sees_it_and_how_long(conversation: Conversation) -> None:
    await conversation.handle(execute(Verb.CHOOSE_ROLE, role="leerling"))
    shown = text_of(await conversation.handle(message("privacy")))
    assert "tekst van je vraag" in shown  # 👍/👎 keeps the question text
    assert "screenshots" in shown and "alleen zaaknummer, soort en status" in shown
    assert "nooit helemaal anoniem" in shown
