"""The bridge to Microsoft Teams: the only package that imports botbuilder.

It authenticates requests, converts activities into `bot.conversation.models`, and sends replies.
"""

from bot.teams.endpoint import TeamsEndpoint
from bot.teams.outbound import AccessToken, AccessTokenSource

__all__ = ["AccessToken", "AccessTokenSource", "TeamsEndpoint"]
