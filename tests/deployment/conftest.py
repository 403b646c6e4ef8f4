"""The HTTP tier's fixtures (create_app on loopback, signed tokens, a fake Bot Connector), reused here."""

from __future__ import annotations

from tests.http.conftest import bot, connector, openid, rule_book, signer

__all__ = ["bot", "connector", "openid", "rule_book", "signer"]
