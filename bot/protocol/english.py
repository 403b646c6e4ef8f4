"""English questions understood with the Dutch lexicon: a glossary applied before concepts are found.

Expat parents and staff write in English. Rather than a second lexicon, `rules/english/glossary.yaml` maps
English words and phrases to the Dutch the lexicon knows; it is applied only to a message that reads as
English (`is_english`), so Dutch words that look English ("post", "test") are never touched in Dutch text.
"""

from __future__ import annotations

import re
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from bot.protocol.loader import RulesError, read_yaml
from bot.protocol.text import fold

GLOSSARY_FILE = Path("english") / "glossary.yaml"
# Words frequent in English and rare in Dutch: a message with enough of them is English.
_ENGLISH_WORDS = (
    "the a an is are was were my i can could would should to of for and with what when who how does do "
    "did it this that be been you your our we they their there has have had not if about from which will "
    "also us she he him his her them at or by any some just only please thanks because am"
)
_ENGLISH = frozenset(_ENGLISH_WORDS.split())
_WORD = re.compile(r"[a-z]+")


def is_english(text: str) -> bool:
    words = _WORD.findall(text.lower())
    hits = sum(word in _ENGLISH for word in words)
    return hits >= 3 and hits >= 0.25 * len(words)


class _Glossary(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    words: dict[str, str]


class EnglishGlossary:
    def __init__(self, words: dict[str, str]) -> None:
        self._phrases: dict[tuple[str, ...], tuple[str, ...]] = {
            tuple(fold(key).split()): tuple(fold(value).split()) for key, value in words.items()
        }
        self._longest = max((len(key) for key in self._phrases), default=1)

    @classmethod
    def load(cls, rules_dir: Path) -> EnglishGlossary:
        path = rules_dir / GLOSSARY_FILE
        if not path.exists():
            return cls({})
        try:
            return cls(_Glossary.model_validate(read_yaml(path)).words)
        except ValidationError as exc:
            raise RulesError(path, [str(exc)]) from exc

    def to_dutch(self, text: str) -> str:
        """The message with every glossary phrase replaced, longest first; other words kept as they are."""
        words = fold(text).split()
        out: list[str] = []
        i = 0
        while i < len(words):
            for n in range(min(self._longest, len(words) - i), 0, -1):
                dutch = self._phrases.get(tuple(words[i : i + n]))
                if dutch is not None:
                    out.extend(dutch)
                    i += n
                    break
            else:
                out.append(words[i])
                i += 1
        return " ".join(out)
