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
    CHANGE_SCHOOL = "change_school"
    ASK_TOPIC = "ask_topic"
    CHOOSE_MEANING = "choose_meaning"  # an ask-back's option ("Bedoel je …?")
    ASK_CONTACT = "ask_contact"
    FEEDBACK = "feedback"
    SUBMIT_REPORT = "submit_report"
    MY_REPORTS = "my_reports"
    # The escalation card in the leadership channel, and the reporter's answer to a leader's question.
    CASE_DETAILS = "case_details"
    CASE_HIDE = "case_hide"
    CASE_TAKE = "case_take"
    CASE_ASK = "case_ask"
    CASE_NOTE = "case_note"
    CASE_CLOSE = "case_close"
    CASE_REOPEN = "case_reopen"
    CASE_ANSWER = "case_answer"
    # A question forwarded to the school: a leader's answer from the card in the leadership channel.
    QUESTION_ANSWER = "question_answer"
    # The leaders' overview and the protocol insights: numbers in the channel, the list privately.
    OVERVIEW = "overview"
    INSIGHTS = "insights"


# Ids of input elements; a card's input values arrive in `data` under these names.
INPUT_SCHOOL: Final = "school"
INPUT_MEANING: Final = "situation"  # an ask-back's chosen meaning (`cards.answer`, `ChooseMeaning.situation`)
# The report card's inputs (`cards.report`, `cards.actions.SubmitReport`) and the token the bot put in it.
FORM_TOKEN: Final = "form_token"  # noqa: S105 - an input id, not a secret
INPUT_CATEGORY: Final = "category"
INPUT_DESCRIPTION: Final = "description"
INPUT_PLATFORM: Final = "platform"
INPUT_HAPPENED: Final = "happened"
INPUT_INVOLVED: Final = "involved"
INPUT_IN_DANGER: Final = "in_danger"
INPUT_SHOW_NAME: Final = "show_name"
REPORT_INPUTS: Final = (
    INPUT_CATEGORY,
    INPUT_DESCRIPTION,
    INPUT_PLATFORM,
    INPUT_HAPPENED,
    INPUT_INVOLVED,
    INPUT_IN_DANGER,
    INPUT_SHOW_NAME,
)
INPUT_CASE_QUESTION: Final = "question"
INPUT_CASE_NOTE: Final = "note"
INPUT_CASE_OUTCOME: Final = "outcome"
INPUT_CASE_MEASURE: Final = "measure"
INPUT_CASE_SHARE: Final = "share"  # closing: send the outcome to the reporter too
INPUT_CASE_ANSWER: Final = "answer"
INPUT_QUESTION_ANSWER: Final = "question_answer_text"

# Ids of elements that Action.ToggleVisibility shows and hides (unique within one card).
ARTICLE_FULL: Final = "article-{index}-full"
ARTICLE_SHOW: Final = "article-{index}-show"
ARTICLE_HIDE: Final = "article-{index}-hide"
SECTION_ARTICLES: Final = "section-{index}-articles"
SECTION_SHOW: Final = "section-{index}-show"
SECTION_HIDE: Final = "section-{index}-hide"
