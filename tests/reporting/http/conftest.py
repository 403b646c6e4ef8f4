"""The real HTTP path (`create_app`, signed tokens, the fake Bot Connector) from tests/http."""

from tests.http.conftest import bot, connector, openid, rule_book, signer

__all__ = ["bot", "connector", "openid", "rule_book", "signer"]
