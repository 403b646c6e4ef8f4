"""A valid, signed Teams activity is answered; the answer reaches the (fake) Bot Connector."""

from __future__ import annotations

from cards.ids import Verb
from tests.fakes.activities import execute_action, teams_message
from tests.fakes.outbound import OUTBOUND_TOKEN
from tests.http.conftest import Bot
from tests.leadership.test_http import eventually


async def choose_role(bot: Bot, role: str = "medewerker") -> None:
    response = await bot.post(execute_action(Verb.CHOOSE_ROLE, {"role": role}, service_url=bot.connector.url))
    assert response.status == 200


async def test_valid_token_question_gets_a_real_answer(bot: Bot) -> None:
    await choose_role(bot)
    bot.connector.sent.clear()

    response = await bot.post(
        teams_message("Mag ik leerlingen appen via WhatsApp?", service_url=bot.connector.url)
    )

    assert response.status == 201
    types = [sent.body.get("type") for sent in bot.connector.sent]
    assert types[0] == "typing"
    [answer] = bot.connector.messages()
    card = answer["attachments"][0]
    assert card["contentType"] == "application/vnd.microsoft.card.adaptive"
    rendered = str(card["content"])
    assert "Nee" in rendered and "A.1" in rendered
    assert all(sent.authorization == f"Bearer {OUTBOUND_TOKEN}-1" for sent in bot.connector.sent)


async def test_role_choice_is_stored_and_answered_with_an_updated_card(bot: Bot) -> None:
    response = await bot.post(
        execute_action(Verb.CHOOSE_ROLE, {"role": "leerling"}, service_url=bot.connector.url)
    )

    body = await response.json()
    assert response.status == 200
    assert body["statusCode"] == 200 and body["type"] == "application/vnd.microsoft.card.adaptive"
    profile = await bot.store.profiles.get_profile("aad-user-1")
    assert profile is not None and profile.role == "leerling" and profile.school == "testschool"


async def test_outbound_token_is_fetched_once_for_many_turns(bot: Bot) -> None:
    await choose_role(bot)
    for _ in range(3):
        response = await bot.post(teams_message("help", service_url=bot.connector.url))
        assert response.status == 201

    assert bot.tokens.fetches == 1
    assert len(bot.connector.messages()) >= 3


async def test_connector_throttling_is_retried(bot: Bot) -> None:
    bot.connector.fail_next = [429, 502]

    response = await bot.post(teams_message("help", service_url=bot.connector.url))

    assert response.status == 201
    statuses_then_success = [s.body.get("type") for s in bot.connector.sent]
    assert statuses_then_success.count("typing") == 3  # two failures, then delivered
    assert len(bot.connector.messages()) == 1


async def test_health_and_readiness(bot: Bot) -> None:
    assert (await bot.client.get("/healthz")).status == 200
    ready = await bot.client.get("/readyz")
    assert ready.status == 200
    assert (await ready.json())["schools"] == 1
    await bot.store.close()

    async def not_ready() -> bool:
        return (await bot.client.get("/readyz")).status == 503

    await eventually(not_ready)


async def test_msrest_retry_policy_is_unchanged_by_the_speed_up(bot: Bot) -> None:
    from msrest.universal_http.requests import ClientRetryPolicy

    forcelist = ClientRetryPolicy().policy.status_forcelist
    assert 408 in forcelist and 500 in forcelist and 502 in forcelist
    assert 200 not in forcelist and 404 not in forcelist and 501 not in forcelist
