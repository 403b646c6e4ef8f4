"""The bot's own exceptions. Each is mapped to a status or a reply in one place, never by message text.

HTTP-facing errors are mapped in `bot.teams.endpoint`; conversation errors in `bot.conversation.dispatcher`.
"""

from __future__ import annotations


class MagDitError(Exception):
    """Base class for every error the bot raises on purpose."""


class NotAuthenticatedError(MagDitError):
    """The request's token is missing or invalid (HTTP 401). The message is for logs: no token content."""


class AuthMetadataUnavailableError(MagDitError):
    """The Bot Framework signing keys could not be fetched and none are cached (HTTP 503)."""


class TenantNotAllowedError(MagDitError):
    """The activity comes from a tenant that may not use this bot, or its tenant ids disagree (HTTP 403)."""


class BadActivityError(MagDitError):
    """The request body is not an activity we accept (HTTP 400)."""


class InvalidSubmissionError(MagDitError):
    """A card submission is missing input or names an action we do not know."""


class UnknownSchoolError(MagDitError):
    """A configured school slug has no rules file."""
