"""Greetings, thanks and typing that is not a question: a short friendly reply, never a protocol answer.

"hoi", "dank je" or "asdfgh" are not questions for the protocol, so they must not get the "staat niet in
het protocol" card with its offer to put the question to the school: junk never reaches the leadership.
"""

from __future__ import annotations

import re
from typing import Final, Literal

SmallTalk = Literal["greeting", "thanks"]

GREETINGS: Final = frozenset(
    [
        "hoi",
        "hallo",
        "hey",
        "hi",
        "hee",
        "hej",
        "hoihoi",
        "hello",
        "yo",
        "goedemorgen",
        "goedemiddag",
        "goedenavond",
        "morgen",
        "dag",
    ]
) | {"hallo daar", "hoi daar", "good morning", "good afternoon", "goede morgen"}
THANKS: Final = frozenset(
    {
        "dank je",
        "dankje",
        "dank je wel",
        "dankjewel",
        "dank u",
        "dank u wel",
        "bedankt",
        "thanks",
        "thank you",
        "thx",
        "merci",
        "top",
        "ok",
        "oke",
        "oké",
        "okay",
        "prima",
        "fijn",
        "super",
        "cool",
        "doei",
        "dag dag",
        "tot ziens",
        "bye",
        "duidelijk",
        "helder",
        "top bedankt",
        "ok bedankt",
        "oke bedankt",
        "oké bedankt",
        "thanks a lot",
    }
)
# Words that real questions about the protocol almost always contain (Dutch and English).
QUESTION_WORDS: Final = frozenset(
    [
        "mag",
        "mogen",
        "magik",
        "kan",
        "kun",
        "kunnen",
        "moet",
        "moeten",
        "mogen",
        "wil",
        "wat",
        "hoe",
        "waarom",
        "wanneer",
        "wie",
        "waar",
        "welke",
        "is",
        "zijn",
        "ik",
        "je",
        "jij",
        "jullie",
        "we",
        "wij",
        "mijn",
        "onze",
        "de",
        "het",
        "een",
        "op",
        "in",
        "met",
        "van",
        "voor",
        "over",
        "naar",
        "als",
        "of",
        "niet",
        "wel",
        "may",
        "can",
        "could",
        "should",
        "must",
        "what",
        "how",
        "why",
        "when",
        "who",
        "where",
        "which",
        "is",
        "are",
        "do",
        "does",
        "i",
        "you",
        "my",
        "the",
        "a",
        "on",
        "in",
        "with",
        "to",
        "of",
    ]
)
_WORD: Final = re.compile(r"[^\W\d_]+", re.UNICODE)


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def small_talk(text: str) -> SmallTalk | None:
    """`greeting` or `thanks` when the whole message is one (emoji and punctuation aside), else None."""
    said = " ".join(_words(text))
    if said in GREETINGS:
        return "greeting"
    if said in THANKS:
        return "thanks"
    return None


def is_real_question(text: str) -> bool:
    """At least two words, one of them a word questions are made of: worth putting to the school."""
    words = _words(text)
    return len(words) >= 2 and any(word in QUESTION_WORDS for word in words)
