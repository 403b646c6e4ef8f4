"""Suspected scan slips in a protocol's text: `vitsluitend` for `uitsluitend`, `sociale medis`, a footnote
mark read as `?`. The draft flags them with a comment; a person corrects the article (nothing else)."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Slips seen in the protocols the team transcribed, with what the scan meant.
KNOWN_SLIPS: dict[str, str] = {
    "vitsluitend": "uitsluitend",
    "sociale medis": "sociale media",
    "medisg": "media",
    "uits/uitend": "uitsluitend",
    " bjj ": " bij ",
    "requliere": "reguliere",
    "officiéle": "officiële",
    "**": "",
}


@dataclass(frozen=True, slots=True)
class Slip:
    """What the text says, and what it probably means."""

    found: str
    meant: str

    def comment(self) -> str:
        meant = f'"{self.meant.strip()}"' if self.meant.strip() else "weg"
        return f'OCR? "{self.found.strip()}" → {meant}'


# A pattern of scan slips and how to repair what it found.
_PATTERNS: tuple[tuple[re.Pattern[str], str, str], ...] = (
    # "uit" read as "vit" (vitlatingen, vit te dragen); real vit-words are left alone.
    (re.compile(r"\bvit(?!amin|aal|ale|ali|rine|ten\b|tig)[a-z]*", re.IGNORECASE), "vit", "uit"),
    (re.compile(r"\b\w*jj\w*"), "jj", "ij"),  # "bjj": a doubled j is no Dutch
    (re.compile(r"\b\w*q(?!u)\w+"), "q", "g"),  # "requliere": a q without u is a g
    (re.compile(r"\b\w+ié(?=le|len\b)\w*"), "ié", "ië"),  # "officiéle"
)
# A footnote mark read as "?" in the middle of a sentence: "persoonsgegevens? betreft".
_STRAY_QUESTION_MARK = re.compile(r"\b(\w+)\?(?= [a-z])")


def slips(text: str) -> list[Slip]:
    """The suspected slips in one article's text, in order of appearance, each once."""
    found: list[tuple[int, Slip]] = []
    for known, meant in KNOWN_SLIPS.items():
        at = text.find(known)
        if at >= 0:
            found.append((at, Slip(known, meant)))
    for pattern, wrong, right in _PATTERNS:
        for match in pattern.finditer(text):
            word = match.group(0)
            found.append((match.start(), Slip(word, word.replace(wrong, right, 1))))
    for match in _STRAY_QUESTION_MARK.finditer(text):
        found.append((match.start(), Slip(match.group(0), match.group(1))))
    seen: set[str] = set()
    result: list[Slip] = []
    for _, slip in sorted(found, key=lambda item: item[0]):
        word = slip.found.strip()
        if not any(word in earlier for earlier in seen):
            seen.add(word)
            result.append(slip)
    return result
