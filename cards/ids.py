"""Action verbs and input ids: the contract between the cards and the submission models."""

from __future__ import annotations

from enum import StrEnum
from typing import Final


class Verb(StrEnum):
    """Every action a card can send back; the `verb` of Action.Execute and inside every `data`."""

    START_QUESTION = "start_question"
    START_REPORT = "start_report"
    SHOW_HELP = "show_help"
    SHOW_PROTOCOL = "show_protocol"
    SHOW_PRIVACY = "show_privacy"
    CHANGE_ROLE = "change_role"
    CHOOSE_ROLE = "choose_role"
    CHOOSE_SCHOOL = "choose_school"
    ASK_TOPIC = "ask_topic"
    ASK_CONTACT = "ask_contact"
    FEEDBACK = "feedback"


# Ids of input elements; a card's input values arrive in `data` under these names.
INPUT_SCHOOL: Final = "school"

# Ids of elements that Action.ToggleVisibility shows and hides (unique within one card).
ARTICLE_FULL: Final = "article-{index}-full"
ARTICLE_SHOW: Final = "article-{index}-show"
ARTICLE_HIDE: Final = "article-{index}-hide"
SECTION_ARTICLES: Final = "section-{index}-articles"
SECTION_SHOW: Final = "section-{index}-show"
SECTION_HIDE: Final = "section-{index}-hide"
