"""Every card: Adaptive Card 1.5, under 28 KB, our Teams conventions, and accepted by Microsoft's parser."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.cards.structure import MAX_BYTES, problems

ROOT = Path(__file__).resolve().parents[2]
VALIDATOR = Path(__file__).with_name("validate_cards.cjs")
RENDERER = ROOT / "node_modules" / "adaptivecards" / "dist" / "adaptivecards.js"


def test_every_card_is_json_of_version_1_5_and_small(cards: dict[str, dict[str, Any]]) -> None:
    for name, card in cards.items():
        encoded = json.dumps(card, ensure_ascii=False).encode()
        assert json.loads(encoded) == card, name
        assert card["type"] == "AdaptiveCard" and card["version"] == "1.5", name
        assert len(encoded) < MAX_BYTES, f"{name}: {len(encoded)} bytes"


def test_every_card_follows_our_conventions(cards: dict[str, dict[str, Any]]) -> None:
    found = {name: problems(card) for name, card in cards.items()}
    assert {name: p for name, p in found.items() if p} == {}


def test_the_checks_catch_a_broken_card() -> None:
    broken = {
        "type": "AdaptiveCard",
        "version": "1.6",
        "body": [
            {"type": "TextBlock", "text": "x", "color": "#ff0000", "wrap": True},
            {"type": "TextBlock", "text": "no wrap", "id": "a"},
            {"type": "Image", "url": "https://example.com/x.png", "id": "a"},
        ],
        "actions": [
            {"type": "Action.OpenUrl", "url": "https://example.com"},
            {"type": "Action.ToggleVisibility", "targetElements": ["nope"]},
            {"type": "Action.Execute", "verb": "feedback", "data": {"verb": "other"}},
            {"type": "Action.ToggleVisibility", "targetElements": ["a"]},
        ],
    }
    found = " | ".join(problems(broken))
    for expected in ("1.5", "colour", "without wrap", "images", "duplicate ids", "Action.OpenUrl",
                     "toggle targets missing", "data.verb differs", "no Action.Submit fallback",
                     "4 visible actions"):  # fmt: skip
        assert expected in found


def _renderer_problems(cards: list[dict[str, Any]]) -> list[list[str]]:
    node = shutil.which("node")
    if node is None or not RENDERER.exists():
        if os.environ.get("CI"):
            pytest.fail("npm `adaptivecards` missing in CI: `make unit` runs `npm ci` first")
        pytest.skip("Microsoft's Adaptive Cards parser (npm `adaptivecards`) not installed: run `npm ci`")
    result = subprocess.run(  # noqa: S603 - fixed script, our own cards on stdin
        [node, str(VALIDATOR)], input=json.dumps(cards), capture_output=True, text=True, cwd=ROOT,
        timeout=60, check=True,
    )  # fmt: skip
    parsed: list[list[str]] = json.loads(result.stdout)
    return parsed


def test_microsofts_parser_accepts_every_card_at_version_1_5(cards: dict[str, dict[str, Any]]) -> None:
    names = list(cards)
    found = _renderer_problems([cards[name] for name in names])
    assert {name: p for name, p in zip(names, found, strict=True) if p} == {}


def test_microsofts_parser_rejects_what_1_5_does_not_know() -> None:
    bad = {
        "type": "AdaptiveCard",
        "version": "1.5",
        "body": [{"type": "Carousel", "pages": []}, {"type": "TextBlock", "text": "x", "color": "Pink"}],
    }
    (found,) = _renderer_problems([bad])
    assert any("Carousel" in p for p in found) and any("Pink" in p for p in found)
