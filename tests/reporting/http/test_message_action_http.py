"""'Meld dit bericht' over HTTP with signed tokens: the message action's dialog (`composeExtension/fetchTask`)
comes back with the form filled in from the message; its submission (`composeExtension/submitAction`) stores
one case (idempotent), escalates with the minimal channel card, closes the dialog with the case number and
sends the confirmation to the reporter's own chat; forged tenants, schools and forms are refused; sexting
keeps no image; no word of the message reaches a log line."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from aiohttp.test_utils import TestClient, TestServer

from app import create_app
from bot.leadership.outbox_handler import LeadershipOutbox
from bot.protocol.engine import RuleBook
from bot.storage import Store
from bot.texts import t
from cards.ids import FORM_TOKEN, Verb
from tests.fakes.activities import (
    OTHER_TENANT,
    dialog_submit,
    message_action,
    message_payload,
    teams_message,
)
from tests.fakes.outbound import CountingTokenSource
from tests.fakes.rules import SCHOOL
from tests.fakes.servers import FakeConnector, OpenIdServer
from tests.fakes.store import memory_store, payload
from tests.fakes.tokens import TestSigner
from tests.http.conftest import Bot, make_settings

HTML = (
    "<div><p>Je bent zo <b>dom</b>,&nbsp;niemand wil jou.</p><p>Oprotten &amp; wegwezen "
    '<img alt="😡" itemtype="http://schema.skype.com/Emoji" src="https://statics.teams.cdn.office.net/x.png">'
    "</p></div>"
)
TEXT = "Je bent zo dom, niemand wil jou.\nOprotten & wegwezen 😡"
FILLED = {
    "category": "nare_berichten",
    "description": "Daan stuurde dit in de klassenchat. " + TEXT,
    "platform": "Teams",
    "happened": "21-11-2026 om 14:05",
    "involved": "Daan Jansen",
    "in_danger": "nee",
    "show_name": "false",
}
LEADERS = json.dumps({SCHOOL: {"aad-leader": "Mw. De Vries"}})


@pytest.fixture
async def bot(
    openid: OpenIdServer, connector: FakeConnector, signer: TestSigner, rule_book: RuleBook
) -> AsyncIterator[Bot]:
    """The app with its outbox worker, so escalation and confirmation really go out."""
    store = await memory_store()
    settings = make_settings(openid.metadata_url, leaders=LEADERS)
    tokens = CountingTokenSource()
    app = create_app(
        settings,
        rules=rule_book,
        store=store,
        token_source=tokens,
        outbox_handler=lambda opened: LeadershipOutbox(opened, settings, rule_book),
    )
    client = TestClient(TestServer(app, host="127.0.0.1"))
    await client.start_server()
    yield Bot(client, store, connector, signer, tokens)
    await client.close()
    await store.close()


async def eventually(check: Callable[[], bool], seconds: float = 6.0) -> None:
    async with asyncio.timeout(seconds):
        while not check():  # noqa: ASYNC110 - the fake connector has no event per kind of call
            await asyncio.sleep(0.02)


async def forms_stored(store: Store) -> int:
    """How many report forms were issued and not used (purged here to count them)."""
    return await store.reporting.purge_stale(
        datetime.now(UTC) + timedelta(days=1), datetime(2000, 1, 1, tzinfo=UTC)
    )


def inputs(card: dict[str, Any]) -> dict[str, Any]:
    return {e["id"]: e.get("value") for e in card["body"] if str(e.get("type", "")).startswith("Input.")}


async def open_dialog(bot: Bot, html: str = HTML, **kwargs: Any) -> dict[str, Any]:
    """Choose "Meld dit bericht" on a message in a group chat: the dialog's task."""
    payload = message_payload(html, attachments=kwargs.pop("attachments", None))
    response = await bot.post(message_action(payload, service_url=bot.connector.url, **kwargs))
    assert response.status == 200
    task: dict[str, Any] = (await response.json())["task"]
    return task


async def send_form(bot: Bot, token: str, user: str = "user-1", **typed: Any) -> dict[str, Any]:
    """Press "Verstuur melding" in the dialog (as `user`): the answer's task."""
    data = {"verb": Verb.SUBMIT_REPORT.value, FORM_TOKEN: token, **FILLED, **typed}
    response = await bot.post(dialog_submit(data, service_url=bot.connector.url, user=user))
    assert response.status == 200
    task: dict[str, Any] = (await response.json())["task"]
    return task


def token_of(task: dict[str, Any]) -> str:
    [button] = task["value"]["card"]["content"]["actions"]
    return str(button["data"][FORM_TOKEN])


async def test_the_dialog_opens_with_the_form_filled_in_from_the_message(bot: Bot) -> None:
    task = await open_dialog(bot)
    assert task["type"] == "continue" and task["value"]["title"] == "Meld dit bericht"
    attachment = task["value"]["card"]
    assert attachment["contentType"] == "application/vnd.microsoft.card.adaptive"
    card = attachment["content"]
    assert inputs(card) | {"category": None} == {
        "category": None,  # the reporter chooses what happened
        "description": TEXT,
        "platform": "Teams",
        "happened": "21-11-2026 om 14:05",  # Europe/Amsterdam
        "involved": "Daan Jansen",
        "in_danger": "nee",
        "show_name": "false",
    }
    assert t("dialog.from_message") in json.dumps(card, ensure_ascii=False)
    [button] = card["actions"]
    assert button["type"] == "Action.Submit" and button["data"]["verb"] == Verb.SUBMIT_REPORT
    form = await bot.store.reporting.form(token_of(task))
    assert form is not None and form.school == SCHOOL and form.user_key == "aad-user-1"
    assert form.message is not None and (form.message.text, form.message.author) == (TEXT, "Daan Jansen")
    assert bot.connector.sent == []  # nothing is said in the group chat the message is in


async def test_sending_stores_one_case_escalates_and_confirms_in_the_reporters_chat(bot: Bot) -> None:
    register = teams_message(
        "meldingen hier", service_url=bot.connector.url, user="leader", conversation_type="channel",
        mention_bot=True,
    )  # fmt: skip
    assert (await bot.post(register)).status == 201
    token = token_of(await open_dialog(bot))
    closing = await send_form(bot, token)
    [report] = await bot.store.reports.for_reporter("aad-user-1")
    assert closing == {"type": "message", "value": closing["value"]}
    assert closing["value"].startswith(f"✅ Je melding {report.case_number} is ontvangen.")
    assert t("dialog.see_chat") in closing["value"]
    assert report.description == FILLED["description"] and report.message is not None
    assert report.message.text == TEXT  # the message as Teams gave it, not as the reporter edited it
    assert report.reporter_conversation["user_id"] == "29:user-1"

    again = await send_form(bot, token)  # a re-delivery or a second press: the same case
    assert again == closing
    assert len(await bot.store.reports.for_reporter("aad-user-1")) == 1
    assert [payload(m)["kind"] for m in await bot.store.outbox.messages(f"leadership:{SCHOOL}")] == [
        "escalate"
    ]

    def confirmed() -> bool:
        return any(s.conversation_id == "a:chat-29:user-1" for s in bot.connector.sent)

    await eventually(confirmed)
    [opened] = [s for s in bot.connector.sent if s.path == "/v3/conversations" and s.body.get("members")]
    assert opened.body["members"] == [{"id": "29:user-1"}] and opened.body["bot"] == {"id": "28:test-bot"}
    [chat] = [s for s in bot.connector.sent if s.conversation_id == "a:chat-29:user-1"]
    shown = json.dumps(chat.body, ensure_ascii=False)
    assert report.case_number in shown and t("confirm.message_kept") in shown
    await eventually(lambda: any(s.body.get("isGroup") is True for s in bot.connector.sent))
    [thread] = [s for s in bot.connector.sent if s.body.get("isGroup") is True]
    channel_card = json.dumps(thread.body, ensure_ascii=False)
    assert report.case_number in channel_card
    for private in ("dom", "Daan", "Oprotten", "klassenchat"):
        assert private not in channel_card  # the channel card stays minimal


async def test_a_form_sent_with_mistakes_comes_back_in_the_dialog(bot: Bot) -> None:
    token = token_of(await open_dialog(bot))
    task = await send_form(bot, token, category="", description="")
    assert task["type"] == "continue" and token_of(task) == token
    shown = json.dumps(task["value"]["card"], ensure_ascii=False)
    assert t("form.category.required") in shown and t("form.description.required") in shown
    assert inputs(task["value"]["card"]["content"])["involved"] == "Daan Jansen"
    assert await bot.store.reports.for_reporter("aad-user-1") == []


async def test_a_forged_tenant_is_refused_before_anything_is_stored(bot: Bot) -> None:
    payload = message_payload(HTML)
    for forged in (
        message_action(payload, service_url=bot.connector.url, tenant=OTHER_TENANT),
        message_action(payload, service_url=bot.connector.url, data_tenant=OTHER_TENANT),
        dialog_submit(
            {"verb": "submit_report", FORM_TOKEN: "x" * 32, **FILLED},
            service_url=bot.connector.url,
            tenant=OTHER_TENANT,
        ),
    ):
        assert (await bot.post(forged)).status == 403
    assert await forms_stored(bot.store) == 0 and await bot.store.reports.for_reporter("aad-user-1") == []


async def test_a_forged_school_or_someone_elses_form_makes_no_case(bot: Bot) -> None:
    token = token_of(await open_dialog(bot))
    forged = await send_form(bot, token, school="een-andere-school")  # the school is never the card's
    assert forged == {"type": "message", "value": t("reply.invalid_action")}
    theirs = await send_form(bot, token, user="user-2")  # user-1's form, sent by user-2
    assert theirs["type"] == "continue" and token_of(theirs) != token
    assert t("form.expired") in json.dumps(theirs, ensure_ascii=False)
    assert t("dialog.from_message") not in json.dumps(
        theirs, ensure_ascii=False
    )  # the new form has no message
    assert await bot.store.reports.for_reporter("aad-user-1") == []
    assert await bot.store.reports.for_reporter("aad-user-2") == []


async def test_sexting_with_an_image_in_the_message_keeps_the_text_and_no_image(bot: Bot) -> None:
    image_url = f"{bot.connector.url}/v3/attachments/0-weu-d1/views/original"
    html = f'<p>Stuur je er nog een?</p><p><img src="{image_url}" alt="image"></p>'
    task = await open_dialog(
        bot, html, attachments=[{"id": "1", "contentType": "image/png", "contentUrl": image_url}]
    )
    assert t("dialog.message_images") in json.dumps(task, ensure_ascii=False)
    closing = await send_form(bot, token_of(task), category="sexting", description="Hij vraagt om foto's.")
    assert t("dialog.images_sexting") in closing["value"]
    [report] = await bot.store.reports.for_reporter("aad-user-1")
    assert report.message is not None and (report.message.text, report.message.images) == (
        "Stuur je er nog een?",
        1,
    )
    assert await bot.store.reporting.attachments(report.id) == []
    assert not [s for s in bot.connector.sent if "attachments" in s.path]  # never fetched
    refusals = [e for e in await bot.store.reports.audit_trail(report.id) if e.action == "screenshot"]
    assert [(e.accepted, e.detail) for e in refusals] == [(False, {"reason": "sexting", "count": 1})]
    await send_form(bot, token_of(task), category="sexting", description="Hij vraagt om foto's.")
    assert len([e for e in await bot.store.reports.audit_trail(report.id) if e.action == "screenshot"]) == 1


async def test_other_commands_and_unreadable_messages_get_a_plain_answer(bot: Bot) -> None:
    other = await open_dialog(bot, command_id="somethingElse")
    assert other == {"type": "message", "value": t("dialog.unknown_command")}
    response = await bot.post(message_action(None, service_url=bot.connector.url))
    assert (await response.json())["task"] == {"type": "message", "value": t("dialog.no_message")}
    composed = await open_dialog(bot, context="compose")  # not chosen on a message
    assert composed == {"type": "message", "value": t("dialog.no_message")}
    assert await forms_stored(bot.store) == 0


async def test_no_word_of_the_message_or_a_name_in_any_log_line(
    bot: Bot, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    token = token_of(await open_dialog(bot))
    await send_form(bot, token)
    await send_form(bot, token, user="user-2")
    assert caplog.records
    for record in caplog.records:
        line = record.getMessage() + (record.exc_text or "")
        for private in ("dom", "Oprotten", "Daan", "Jansen", "klassenchat", "Test Gebruiker"):
            assert private not in line, line


async def test_a_failing_store_closes_the_dialog_with_an_honest_line(
    bot: Bot, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def broken(*_: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(bot.store.reporting, "issue_form", broken)
    assert await open_dialog(bot) == {"type": "message", "value": t("reply.error")}


async def test_opening_many_dialogs_counts_as_asking_to_report(bot: Bot) -> None:
    """Past the report requests budget (20 a minute) the dialog says how to report anyway, in plain text."""
    for _ in range(20):
        assert (await open_dialog(bot))["type"] == "continue"
    refused = await open_dialog(bot)
    assert (
        refused["type"] == "message" and "Verstuur melding" in refused["value"] and "112" in refused["value"]
    )
    assert "**" not in refused["value"]
