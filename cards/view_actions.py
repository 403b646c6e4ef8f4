"""What comes back from the leaders' overview and insights cards (part of `cards.actions.CardAction`)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, StrictBool

from bot.protocol.model import Slug
from cards.ids import Verb


class ShowOverview(BaseModel):
    """The leaders' overview of the school's open cases: the list (`show_list`) or only the numbers. Only the
    school comes from the card; who may see what, and where, is decided from settings and stored state."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    verb: Literal[Verb.OVERVIEW]
    school: Slug
    show_list: StrictBool = False


class ShowInsights(BaseModel):
    """The protocol insights (unanswered questions, 👎 votes): the questions (`show_list`) or the numbers."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    verb: Literal[Verb.INSIGHTS]
    school: Slug
    show_list: StrictBool = False


LeaderView = ShowOverview | ShowInsights
