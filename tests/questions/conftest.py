"""Turn tests for forwarded questions: the real conversation, the in-memory store, a recording Sender
(the leadership fixtures), plus an asker who got an 'unknown' answer card in their own chat."""

from __future__ import annotations

from typing import Any

from bot.conversation.models import CardActionIn, CardReply, CardSubmitIn, MessageIn, TurnResult
from cards.ids import Verb
from tests.leadership.conftest import Desk, desk, person, rule_book, store, where

QUESTION = "Mag mijn hamster mee naar school?"


def chat(user: str) -> dict[str, Any]:
    return {"sender": person(user), "where": where("personal", f"a:chat-{user}"), "locale": "nl-NL"}


def asker_press(data: dict[str, Any], user: str = "pupil-1", kind: str = "personal") -> CardActionIn:
    context = chat(user)
    if kind != "personal":
        context["where"] = where(kind, "19:klas@thread.tacv2;messageid=5")
    return CardActionIn(verb=data["verb"], data=data, **context)


def asker_submit(data: dict[str, Any], user: str = "pupil-1") -> CardSubmitIn:
    return CardSubmitIn(data=data, **chat(user))


async def unknown_card(desk: Desk, user: str = "pupil-1", role: str = "leerling") -> dict[str, Any]:
    """The asker picks a role and asks what the protocol does not cover: the answer card's data of the
    'Leg mijn vraag voor aan school' button (what Teams sends back when it is pressed)."""
    await desk.conversation.handle(
        CardActionIn(verb=Verb.CHOOSE_ROLE, data={"verb": Verb.CHOOSE_ROLE, "role": role}, **chat(user))
    )
    result = await desk.conversation.handle(MessageIn(text=QUESTION, **chat(user)))
    card = next(r.card for r in result.replies if isinstance(r, CardReply))
    return dict(find_action(card, Verb.ASK_CONTACT)["data"])


def find_action(node: Any, verb: str) -> dict[str, Any]:
    found = _walk(node, verb)
    assert found is not None, f"no {verb} button"
    return found


def _walk(node: Any, verb: str) -> dict[str, Any] | None:
    if isinstance(node, dict):
        if node.get("type") == "Action.Execute" and node.get("verb") == verb:
            return node
        for value in node.values():
            if (found := _walk(value, verb)) is not None:
                return found
    elif isinstance(node, list):
        for item in node:
            if (found := _walk(item, verb)) is not None:
                return found
    return None


def said(result: TurnResult) -> str:
    return " ".join(getattr(reply, "text", "") for reply in result.replies)


__all__ = ["desk", "rule_book", "store"]
