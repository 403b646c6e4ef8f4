"""Every button's data parses to its model, by both routes; forged or unknown data is refused."""

from __future__ import annotations

from typing import Any

import pytest

from cards.actions import (
    AskContact,
    AskTopic,
    ChooseRole,
    ChooseSchool,
    Feedback,
    InvalidActionError,
    StartReport,
    parse_action,
)
from cards.ids import INPUT_MEANING, INPUT_SCHOOL, Verb
from tests.cards.structure import actions


def invoke(action: dict[str, Any], inputs: dict[str, Any] | None = None) -> dict[str, Any]:
    """`activity.value` of the adaptiveCard/action invoke Teams sends for an Action.Execute."""
    data = {**action["data"], **(inputs or {})}
    return {"action": {"type": "Action.Execute", "verb": action["verb"], "data": data}, "trigger": "manual"}


def submit(action: dict[str, Any], inputs: dict[str, Any] | None = None) -> dict[str, Any]:
    """`activity.value` of the message an older client sends for the Action.Submit fallback."""
    return {**action["fallback"]["data"], **(inputs or {})}


def test_every_button_parses_the_same_by_execute_and_by_submit(cards: dict[str, dict[str, Any]]) -> None:
    seen: set[Verb] = set()
    for name, card in cards.items():
        for action in actions(card):
            inputs = {
                Verb.CHOOSE_SCHOOL: {INPUT_SCHOOL: "de-breul"},
                Verb.CHOOSE_MEANING: {INPUT_MEANING: "vrienden-medewerker"},
            }.get(Verb(action["verb"]))
            by_execute = parse_action(invoke(action, inputs))
            assert by_execute == parse_action(submit(action, inputs)), name
            assert by_execute.verb == action["verb"]
            seen.add(by_execute.verb)
    assert seen == set(Verb), f"verbs no card uses: {set(Verb) - seen}"


def test_answer_buttons_carry_what_feedback_and_asking_need(cards: dict[str, dict[str, Any]]) -> None:
    up, down = (parse_action(submit(a)) for a in actions(cards["answer-no-nl"]))
    assert isinstance(up, Feedback) and isinstance(down, Feedback)
    assert (up.useful, down.useful) == (True, False)
    assert up.question == "Mag ik een foto delen?" and up.question_token == "q1w2e3r4t5y6"
    assert up.verdict == "no" and up.sources == ("de-breul:A.8",)

    unknown = [parse_action(submit(a)) for a in actions(cards["answer-unknown-nl"])]
    topics = [a for a in unknown if isinstance(a, AskTopic)]
    assert [(a.article_id, a.topic) for a in topics] == [
        ("de-breul:A.8", "foto's van anderen plaatsen"),
        ("de-breul:E.6", "vrienden worden met docenten"),
    ]
    (contact,) = [a for a in unknown if isinstance(a, AskContact)]
    assert contact.question == "Mag ik een drone gebruiken?"
    assert not any(isinstance(a, Feedback) for a in unknown)

    (report,) = [parse_action(submit(a)) for a in actions(cards["answer-report-nl"])]
    assert isinstance(report, StartReport)


def test_a_very_long_question_still_comes_back_parseable(cards: dict[str, dict[str, Any]]) -> None:
    for action in actions(cards["answer-hostile-nl"]):
        parsed = parse_action(submit(action))
        assert isinstance(parsed, Feedback) and len(parsed.question) <= 1000


def test_role_and_school_choices() -> None:
    assert parse_action({"verb": "choose_role", "role": "ouder"}) == ChooseRole(
        verb=Verb.CHOOSE_ROLE, role="ouder"
    )
    chosen = parse_action(
        invoke({"verb": "choose_school", "data": {"verb": "choose_school"}}, {"school": "de-marel"})
    )
    assert chosen == ChooseSchool(verb=Verb.CHOOSE_SCHOOL, school="de-marel")
    assert INPUT_SCHOOL in ChooseSchool.model_fields  # the card's input id is the model's field


FEEDBACK = {
    "verb": "feedback",
    "useful": True,
    "question_token": "q1w2e3r4t5y6",
    "question": "Mag dit?",
    "verdict": "no",
    "sources": ["de-breul:A.8"],
}


@pytest.mark.parametrize(
    "value",
    [
        None,
        [],
        "feedback",
        {},
        {"verb": "delete_everything"},
        {"verb": "Feedback"},
        {"verb": None},
        {"verb": "choose_role"},  # missing input is an error, not a default
        {"verb": "choose_role", "role": "admin"},
        {"verb": "choose_role", "role": "leerling", "tenant": "other"},  # extra field
        {"verb": "choose_school", "school": ""},
        {"verb": "choose_school", "school": "../../etc/passwd"},
        {"verb": "show_help", "<b>": 1},
        {**FEEDBACK, "useful": "yes"},
        {**FEEDBACK, "verdict": "maybe"},
        {**FEEDBACK, "sources": ["A.8"]},
        {**FEEDBACK, "sources": ["de-breul:A.8"] * 11},
        {**FEEDBACK, "question_token": "short"},
        {**FEEDBACK, "question_token": "x" * 65},
        {**FEEDBACK, "question": "   "},
        {**FEEDBACK, "question": "x" * 1001},
        {"verb": "ask_topic", "article_id": "de-breul:A.8", "topic": "x" * 201},
        {"action": {"type": "Action.Execute", "verb": "show_help", "data": {"verb": "change_role"}}},
        {"action": {"type": "Action.Execute", "verb": "show_help"}},
        {"action": {"type": "Action.Execute", "verb": "show_help", "data": "show_help"}},
    ],
)
def test_forged_or_unknown_data_raises_invalid_action(value: Any) -> None:
    with pytest.raises(InvalidActionError):
        parse_action(value)


def test_the_error_names_fields_never_values() -> None:
    secret = "mijn geheime vraag <script>"
    with pytest.raises(InvalidActionError) as caught:
        parse_action({**FEEDBACK, "question": secret * 100, secret: 1})
    assert secret not in str(caught.value) and "script" not in str(caught.value)
    assert caught.value.verb == "feedback"
    assert "question" in str(caught.value) and "unexpected field" in str(caught.value)
    with pytest.raises(InvalidActionError) as unknown:
        parse_action({"verb": secret})
    assert unknown.value.verb is None and secret not in str(unknown.value)
