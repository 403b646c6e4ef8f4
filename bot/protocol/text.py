"""Text normalisation shared by the lexicon and the engine: the way people write, made comparable."""

from __future__ import annotations

import re
import unicodedata

_APOSTROPHES = re.compile(r"['’‘`´]")
_NON_WORD = re.compile(r"[^a-z0-9]+")
# Where one message holds several questions: sentence ends and a new "mag/kan/moet …" after "en/of".
_CLAUSE_BREAK = re.compile(
    r"[?!;\n]+|\.(?:\s|$)+|\s(?:en|of|maar|ook)\s(?=(?:mag|mogen|kan|kun|moet|is het)\b)"
)


def fold(text: str) -> str:
    """Lower case, accents removed, apostrophes dropped (`foto's` → `fotos`), punctuation as spaces."""
    plain = text.lower()
    if not plain.isascii():
        decomposed = unicodedata.normalize("NFKD", plain)
        plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    plain = _APOSTROPHES.sub("", plain)
    return _NON_WORD.sub(" ", plain).strip()


# Chat short forms, written out before matching so that the lexicon only needs the full words.
SHORT_FORMS: dict[str, tuple[str, ...]] = {
    "mn": ("mijn",),
    "zn": ("zijn",),
    "dr": ("haar",),
    "vd": ("van", "de"),
    "ff": ("even",),
    "efkes": ("even",),
    "gwn": ("gewoon",),
    "wss": ("waarschijnlijk",),
    "idd": ("inderdaad",),
    "ipv": ("in", "plaats", "van"),
    "tt": ("tiktok",),
    "tok": ("tiktok",),
    "ig": ("instagram",),
    "fb": ("facebook",),
    "yt": ("youtube",),
    "ss": ("screenshot",),
    "pb": ("privebericht",),
    "dm": ("privebericht",),
    "dms": ("privebericht",),
    "dmen": ("privebericht", "sturen"),
    "lln": ("leerlingen",),
    "mevr": ("mevrouw",),
    "dhr": ("meneer",),
    "ll": ("leerling",),
    "docs": ("docenten",),
    "k": ("ik",),
    "t": ("het",),
    "ut": ("het",),
    "da": ("dat",),
    "nie": ("niet",),
    "wa": ("whatsapp",),
}


def tokens(text: str) -> list[str]:
    """The words of `text`, folded, with chat short forms written out (`mn` → `mijn`)."""
    words: list[str] = []
    for word in fold(text).split():
        words.extend(SHORT_FORMS.get(word, (word,)))
    return words


def clauses(text: str) -> list[str]:
    """The parts of a message that can each be a question of their own."""
    parts = (part.strip() for part in _CLAUSE_BREAK.split(text))
    return [part for part in parts if part and fold(part)]
