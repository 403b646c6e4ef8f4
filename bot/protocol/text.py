"""Text normalisation shared by the lexicon and the engine: the way people write, made comparable."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_APOSTROPHES = re.compile(r"['’‘`´]")
_NON_WORD = re.compile(r"[^a-z0-9]+")
# Where one message holds several questions: sentence ends and a new "mag/kan/moet …" after "en/of".
_CLAUSE_BREAK = re.compile(
    r"[?!;\n]+|\.(?:\s|$)+|\s(?:en|of|maar|ook)\s(?=(?:mag|mogen|kan|kun|moet|is het)\b)"
)


# Letter forms and greetings around the question ("Geachte heer/mevrouw, …", "hoi", "Met vriendelijke
# groet, …"): they say nothing about the question and their words ("mevrouw", "vriendelijk") would
# otherwise be read as concepts (staff, decency).
_SALUTATION = re.compile(
    r"^\s*(?:(?:geachte|beste|lieve|dag|hallo|hoi|hey|hee|hi)\s[^,:\n!?]{1,40}[,:\n!]"
    r"|(?:geachte\s+heer\s*/?\s*mevrouw|geachte\s+mevrouw\s*/?\s*heer|geachte\s+\w+)\b)",
    re.IGNORECASE,
)
_GREETING = re.compile(
    r"^\s*(?:hoi|hallo|hai|hey|hee|heey|hi|hoii|yo|dag|goedemorgen|goedemiddag|goedenavond|goeiemorgen|"
    r"goeiemiddag|goeienavond|goedendag)\b[\s,.!:]*(?:allemaal\b[\s,.!:]*)?",
    re.IGNORECASE,
)
_SIGN_OFF = re.compile(
    r"(?:^|[\s,.!?])(?:met\s+)?(?:vriendelijke|hartelijke|beste|lieve)\s+groet(?:en)?\b.*$"
    r"|(?:^|[\s,.!?])(?:mvg|m\.v\.g\.?|groetjes|groeten|alvast\s+bedankt|bij\s+voorbaat\s+dank)\b.*$",
    re.IGNORECASE | re.DOTALL,
)


# Words in quotation marks are what someone else wrote or said ("hij schreef 'mijn zoon heeft …'"): an opening
# mark not inside a word, a closing one not followed by a letter ("foto's", "zo'n" are no quotes).
_QUOTED = re.compile(r"(?<!\w)['‘\"“«]([^'‘’\"“”«»\n]{2,300}?)['’\"”»](?!\w)")


def without_quoted(text: str) -> str:
    """The message without what it quotes: the asker's own words."""
    return _QUOTED.sub(" ", text)


@lru_cache(maxsize=64)
def without_courtesies(text: str) -> str:
    """The message without its salutation, greeting and sign-off; the message itself when nothing is left.

    Cached for the last few messages, like `tokens`: the engine and the learned features both strip them."""
    core = _SIGN_OFF.sub("", text)
    core = _SALUTATION.sub("", core, count=1)
    core = _GREETING.sub("", core, count=1)
    return core if fold(core) else text


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


# Fixed phrases whose words would otherwise be read on their own: the "plaats" of "in plaats van" is not
# placing a post ("mijn eigen laptop in plaats van die van school").
# "Lijkt me handig" is an opinion, not something done to "me".
_FIXED_PHRASES: dict[tuple[str, ...], str] = {
    ("in", "plaats", "van"): "ipv",
    ("lijkt", "me"): "lijktme",
    ("lijkt", "mij"): "lijktme",
}


def tokens(text: str) -> list[str]:
    """The words of `text`, folded, with chat short forms written out (`mn` → `mijn`)."""
    return list(_tokens(text))


@lru_cache(maxsize=64)
def _tokens(text: str) -> tuple[str, ...]:
    """`tokens`, cached for the last few messages: the engine, the safety check and the learned features
    each read the same message (a copy is handed out, so a caller may change its list)."""
    words: list[str] = []
    for word in fold(text).split():
        words.extend(SHORT_FORMS.get(word, (word,)))
    for phrase, short in _FIXED_PHRASES.items():
        if phrase[0] not in words:
            continue
        n = len(phrase)
        i = 0
        while i + n <= len(words):
            if tuple(words[i : i + n]) == phrase:
                words[i : i + n] = [short]
            i += 1
    return tuple(words)


def clauses(text: str) -> list[str]:
    """The parts of a message that can each be a question of their own."""
    parts = (part.strip() for part in _CLAUSE_BREAK.split(text))
    return [part for part in parts if part and fold(part)]
