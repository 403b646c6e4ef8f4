"""Small builders for Adaptive Card 1.5 JSON, so every card gets the same shape and the same safety.

Text passed to `text_block` must already be safe: our own texts as they are, anything a user or a
rules file wrote through `cards.literal.literal`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

from bot.texts import Lang
from cards.ids import Verb

Json = dict[str, Any]
Color = Literal["Default", "Good", "Warning", "Attention", "Accent"]
Style = Literal["default", "emphasis", "good", "warning", "attention", "accent"]

SCHEMA_URL = "http://adaptivecards.io/schemas/adaptive-card.json"
VERSION = "1.5"


def card(body: list[Json], lang: Lang, actions: list[Json] | None = None, *, summary: str) -> Json:
    """The card itself; `summary` is the plain fallback text for clients that cannot render cards.

    No card-level `lang`: Teams does not use it, and the adaptivecards parser rejects every second value.
    """
    content: Json = {
        "type": "AdaptiveCard",
        "$schema": SCHEMA_URL,
        "version": VERSION,
        "fallbackText": summary,
        "body": body,
    }
    if actions:
        content["actions"] = actions
    return content


def text_block(text: str, **props: Any) -> Json:
    """A TextBlock that always wraps (Teams cuts unwrapped text after one line)."""
    return {"type": "TextBlock", "text": text, "wrap": True, **props}


def heading(text: str) -> Json:
    return text_block(text, size="Medium", weight="Bolder", style="heading")


def container(items: list[Json], **props: Any) -> Json:
    return {"type": "Container", "items": items, **props}


def column_set(columns: list[Json], **props: Any) -> Json:
    return {"type": "ColumnSet", "columns": columns, **props}


def column(items: list[Json], width: str = "stretch", **props: Any) -> Json:
    return {"type": "Column", "width": width, "items": items, **props}


def fact_set(facts: list[tuple[str, str]]) -> Json:
    return {"type": "FactSet", "facts": [{"title": title, "value": value} for title, value in facts]}


def action_set(actions: list[Json], **props: Any) -> Json:
    return {"type": "ActionSet", "actions": actions, **props}


def execute(title: str, verb: Verb, data: Mapping[str, Any] | None = None, **props: Any) -> Json:
    """A button that sends `verb` back: Action.Execute (Universal Actions) with an Action.Submit
    fallback carrying the same data, so clients without Universal Actions still work.

    `data` always contains the verb too, so both paths parse to the same model.
    """
    payload = {"verb": verb.value, **(data or {})}
    fallback = {"type": "Action.Submit", "title": title, "data": dict(payload), **props}
    return {
        "type": "Action.Execute",
        "title": title,
        "verb": verb.value,
        "data": payload,
        "fallback": fallback,
        **props,
    }


def submit_button(title: str, verb: Verb, data: Mapping[str, Any] | None = None, **props: Any) -> Json:
    """An Action.Submit only, for a card in a dialog (where Action.Execute does not apply); the data carries
    the verb like `execute`'s, so it parses to the same model."""
    return {"type": "Action.Submit", "title": title, "data": {"verb": verb.value, **(data or {})}, **props}


def toggle(title: str, targets: list[str], **props: Any) -> Json:
    """A button that shows or hides the elements with these ids, without a round trip to the bot."""
    return {"type": "Action.ToggleVisibility", "title": title, "targetElements": targets, **props}
