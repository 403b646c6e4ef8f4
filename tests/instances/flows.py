"""What pupils and a leader do over HTTP, with signed tokens, against whichever instance they are sent to:
open the report form and submit it, take and close a case from its card in the channel."""

from __future__ import annotations

import asyncio
import json
import re
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

import aiohttp

from cards.ids import FORM_TOKEN, INPUT_CASE_MEASURE, INPUT_CASE_OUTCOME, Verb
from tests.fakes.activities import execute_action, teams_message
from tests.fakes.tokens import TestSigner, channel_claims
from tests.instances.connector import GatedConnector
from tests.instances.processes import Instance
from tests.leadership.conftest import card_data

APP_ID = "00000000-aaaa-bbbb-cccc-000000000001"
LEADER = "leader"  # Teams user "29:leader", Entra object id "aad-leader"
CASE = re.compile(r"M-\d{4}-\d{4,}")
REPORT = {
    "category": "bedreiging",
    "description": "Iemand stuurt me berichten dat hij me na school opwacht.",
    "platform": "Snapchat",
    "happened": "vanochtend",
    "in_danger": "nee",
    "show_name": "false",
}
ADAPTIVE = "application/vnd.microsoft.card.adaptive"


class Gone(Exception):  # noqa: N818 — a condition, not a failure of the test
    """The instance did not answer: it was killed while the request was on its way."""


@dataclass
class Client:
    session: aiohttp.ClientSession
    signer: TestSigner
    connector: GatedConnector
    sent_to: dict[str, int] = field(default_factory=dict)  # requests per instance name

    async def post(self, instance: Instance, activity: dict[str, Any]) -> tuple[int, Any]:
        token = self.signer.sign(channel_claims(APP_ID, self.connector.url))
        self.sent_to[instance.name] = self.sent_to.get(instance.name, 0) + 1
        try:
            async with self.session.post(
                f"{instance.url}/api/messages",
                json=activity,
                headers={"Authorization": f"Bearer {token}"},
                timeout=aiohttp.ClientTimeout(total=20),
            ) as response:
                body = await response.json(content_type=None) if response.content_length != 0 else None
                return response.status, body
        except (aiohttp.ClientError, ConnectionError) as error:
            raise Gone(instance.name) from error

    # pupils

    async def open_form(self, instance: Instance, pupil: str) -> str:
        """Choose the role, type `meld`: the token of the report card the bot sent to the pupil's chat."""
        url = self.connector.url
        chosen = execute_action(Verb.CHOOSE_ROLE, {"role": "leerling"}, service_url=url, user=pupil)
        status, _ = await self.post(instance, chosen)
        assert status == 200, status
        status, _ = await self.post(instance, teams_message("meld", service_url=url, user=pupil))
        assert status == 201, status
        forms = [
            button["data"][FORM_TOKEN]
            for call in self.connector.sent
            if call.conversation_id == f"conv-{pupil}-personal"
            for attachment in call.body.get("attachments", [])
            for button in attachment.get("content", {}).get("actions", [])
            if button.get("verb") == Verb.SUBMIT_REPORT
        ]
        assert forms, f"no report form for {pupil}"
        return str(forms[-1])

    async def submit(self, instance: Instance, pupil: str, form_token: str) -> str:
        """Press *Versturen*: the case number on the confirmation card."""
        data = {FORM_TOKEN: form_token, **REPORT}
        pressed = execute_action(Verb.SUBMIT_REPORT, data, service_url=self.connector.url, user=pupil)
        status, body = await self.post(instance, pressed)
        assert status == 200 and body["type"] == ADAPTIVE, (status, body)
        [number] = set(CASE.findall(json.dumps(body["value"])))
        return str(number)

    # the leader

    async def register_channel(self, instance: Instance) -> None:
        register = teams_message(
            "meldingen hier",
            service_url=self.connector.url,
            user=LEADER,
            conversation_type="channel",
            mention_bot=True,
        )
        status, _ = await self.post(instance, register)
        assert status == 201, status

    def thread_card(self, report_id: UUID) -> dict[str, Any]:
        """The escalation card of the case as the connector got it with the new thread."""
        for call in self.connector.sent:
            if call.method == "POST" and call.path == "/v3/conversations" and call.status == 200:
                card: dict[str, Any] = call.body["activity"]["attachments"][0]["content"]
                if card_data(card, Verb.CASE_TAKE)["report_id"] == str(report_id):
                    return card
        raise AssertionError(f"no thread for {report_id}")

    async def press(
        self, instances: list[Instance], card: dict[str, Any], verb: Verb, **inputs: str
    ) -> dict[str, Any]:
        """Press a button of the card as the leader, in the channel; a press that got no answer (its
        instance died) is pressed again on the next instance, as Teams lets a person do. The card the
        leader sees afterwards (the invoke response: updated, or the current one with a refusal)."""
        activity = execute_action(
            verb,
            {**card_data(card, verb), **inputs},
            service_url=self.connector.url,
            user=LEADER,
            conversation_type="channel",
        )
        for instance in instances:
            try:
                status, body = await self.post(instance, activity)
            except Gone:
                continue
            assert status == 200 and body["type"] == ADAPTIVE, (status, body)
            return dict(body["value"])
        raise AssertionError("no instance answered")


async def eventually_true(check: Any, seconds: float, what: str, step: float = 0.05) -> None:
    """Wait (bounded) until `await check()` is true."""
    try:
        async with asyncio.timeout(seconds):
            while not await check():  # noqa: ASYNC110 - state in other processes, no event to wait on
                await asyncio.sleep(step)
    except TimeoutError:
        raise AssertionError(f"not within {seconds:.0f}s: {what}") from None


CLOSE_INPUTS = {INPUT_CASE_MEASURE: "geen", INPUT_CASE_OUTCOME: "Gesprek gevoerd met de betrokkenen."}
