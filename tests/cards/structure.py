"""Checks every card must pass, beyond the renderer's parser: our Teams conventions and safety rules."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

ELEMENTS_1_5 = {
    "TextBlock", "RichTextBlock", "Image", "Media", "ColumnSet", "Column", "Container", "FactSet",
    "ImageSet", "ActionSet", "Table", "TableRow", "TableCell", "Input.Text", "Input.Number", "Input.Date",
    "Input.Time", "Input.Toggle", "Input.ChoiceSet",
}  # fmt: skip
ACTIONS_ALLOWED = {"Action.Execute", "Action.ToggleVisibility", "Action.OpenUrl"}
COLORS = {"Default", "Good", "Warning", "Attention", "Accent"}
STYLES = {"default", "emphasis", "good", "warning", "attention", "accent"}
MAX_BYTES = 28 * 1024
MAX_PRIMARY_ACTIONS = 3  # Teams cuts a fourth button at its narrow width ("N…"): the rest go to the overflow


def walk(node: Any) -> Iterator[dict[str, Any]]:
    """Every object in the card, depth first (elements, actions, fallbacks, choices, facts)."""
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from walk(value)
    elif isinstance(node, list):
        for item in node:
            yield from walk(item)


def actions(card: dict[str, Any]) -> list[dict[str, Any]]:
    """The buttons a person can press (Action.Execute), not their Action.Submit fallbacks."""
    return [node for node in walk(card) if node.get("type") == "Action.Execute"]


def problems(card: dict[str, Any]) -> list[str]:
    found: list[str] = []
    encoded = json.dumps(card, ensure_ascii=False).encode()
    if len(encoded) >= MAX_BYTES:
        found.append(f"card is {len(encoded)} bytes")
    if card.get("type") != "AdaptiveCard" or card.get("version") != "1.5":
        found.append("not an AdaptiveCard 1.5")
    primary = [a for a in card.get("actions", []) if a.get("mode", "primary") != "secondary"]
    if len(primary) > MAX_PRIMARY_ACTIONS:
        found.append(f"{len(primary)} visible actions: at most {MAX_PRIMARY_ACTIONS}, the rest secondary")
    ids: list[str] = [node["id"] for node in walk(card) if "id" in node and "type" in node]
    if len(ids) != len(set(ids)):
        found.append(f"duplicate ids: {sorted(ids)}")
    for node in walk(card):
        kind = node.get("type")
        if kind is None or kind == "AdaptiveCard":
            continue
        if kind.startswith("Action."):
            found += _action_problems(node, set(ids))
        elif kind not in ELEMENTS_1_5:
            found.append(f"unknown element {kind}")
        if kind == "Image" and not str(node.get("url", "")).startswith("data:image/"):
            found.append("Image: no images from the web, only stored screenshots as data URIs")
        if kind == "Action.OpenUrl" and not str(node.get("url", "")).startswith("tel:"):
            found.append("Action.OpenUrl: only tel: links (calling for help)")
        if kind not in {"Image", "Action.OpenUrl"} and ("url" in node or "backgroundImage" in node):
            found.append(f"{kind}: urls are not used")
        if kind == "TextBlock" and node.get("wrap") is not True:
            found.append(f"TextBlock without wrap: {node.get('text')!r}")
        if "color" in node and node["color"] not in COLORS:
            found.append(f"colour {node['color']}")
        if kind in {"Container", "Column"} and node.get("style", "default") not in STYLES:
            found.append(f"style {node['style']}")
    return found


def _action_problems(action: dict[str, Any], ids: set[str]) -> list[str]:
    kind = action["type"]
    if kind == "Action.Submit":
        return []  # only as a fallback, checked with its Action.Execute
    if kind not in ACTIONS_ALLOWED:
        return [f"action {kind}"]
    if kind == "Action.OpenUrl":
        return []  # checked with the elements: tel: only
    if kind == "Action.ToggleVisibility":
        missing = [t for t in action["targetElements"] if t not in ids]
        return [f"toggle targets missing: {missing}"] if missing else []
    found = []
    if action["data"].get("verb") != action["verb"]:
        found.append("Action.Execute: data.verb differs from verb")
    fallback = action.get("fallback")
    if not (
        isinstance(fallback, dict)
        and fallback.get("type") == "Action.Submit"
        and fallback.get("data") == action["data"]
        and fallback.get("title") == action["title"]
    ):
        found.append(f"Action.Execute {action['verb']}: no Action.Submit fallback with the same data")
    return found
