"""Every sentence a person reads, Dutch first; `t()` falls back to Dutch where no English exists."""

from __future__ import annotations

from typing import Final, Literal

from bot.texts import en, nl

Lang = Literal["nl", "en"]
LANGS: Final[tuple[Lang, ...]] = ("nl", "en")

_TEXTS: Final[dict[Lang, dict[str, str]]] = {"nl": nl.TEXTS, "en": en.TEXTS}


class UnknownTextError(KeyError):
    """A text key that Dutch does not have: a programming error, never user input."""


def t(key: str, lang: Lang = "nl", /, **values: object) -> str:
    """The text `key` in `lang` (Dutch when there is no translation), with `{name}` fields filled in.

    Values are inserted as given: callers escape anything a user or a rules file wrote.
    """
    try:
        dutch = nl.TEXTS[key]
    except KeyError:
        raise UnknownTextError(key) from None
    template = _TEXTS.get(lang, nl.TEXTS).get(key, dutch)
    return template.format(**values)


def tn(key: str, count: int, lang: Lang = "nl", /) -> str:
    """`count` with the word in `key.one` or `key.other` ("1 notitie", "2 notities"): no "notitie(s)"."""
    return t(f"{key}.one" if count == 1 else f"{key}.other", lang, n=count)


def lang_for_locale(locale: str | None) -> Lang:
    """Teams' `locale` (`en-GB`, `nl-NL`, ...) as one of our languages: English for en-*, else Dutch."""
    if locale and locale.strip().lower().split("-")[0] == "en":
        return "en"
    return "nl"
