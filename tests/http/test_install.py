"""Installing the bot greets once, however many signals Teams sends for that install."""

from __future__ import annotations

from tests.fakes.activities import BOT_ID, teams_message
from tests.http.conftest import Bot


def _install_signals(service_url: str) -> list[dict[str, object]]:
    installation = teams_message("", service_url=service_url, activity_type="installationUpdate")
    installation["action"] = "add"
    update = teams_message("", service_url=service_url, activity_type="conversationUpdate")
    update["membersAdded"] = [{"id": BOT_ID}]
    return [installation, update]


async def test_install_greets_exactly_once(bot: Bot) -> None:
    for activity in _install_signals(bot.connector.url):
        response = await bot.post(activity)
        assert response.status in (200, 201)

    [welcome] = bot.connector.messages()
    content = str(welcome["attachments"][0]["content"])
    assert "Stel een vraag" in content and "Meld iets" in content


async def test_uninstall_sends_nothing(bot: Bot) -> None:
    removal = teams_message("", service_url=bot.connector.url, activity_type="installationUpdate")
    removal["action"] = "remove"
    response = await bot.post(removal)
    assert response.status in (200, 201)
    assert bot.connector.messages() == []
