"""Text from a user or a rules file, made safe to show literally in a TextBlock.

Teams renders a subset of Markdown in TextBlocks (emphasis, links, lists), decodes HTML entities and
shows `<at>` mentions; a bidirectional override (U+202E) can make text read backwards; and it evaluates
the card functions `{{DATE(…)}}` and `{{TIME(…)}}`, so a typed one would show a date the sender chose
in the reader's format. `literal()` neutralises all of that, so what someone typed is shown as typed
and cannot pose as a link, a date or the bot's own formatting.
"""

from __future__ import annotations

import re

_AT_TAG = re.compile(r"</?\s*at\b[^>]*>", re.IGNORECASE)
# C0/C1 controls except newline, bidi embeddings/overrides/isolates and marks, BOM, line/para separators.
_INVISIBLE = re.compile(
    r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff\u2028\u2029]"
)
# Characters that start emphasis, code, links, HTML, autolinks or entities anywhere in a line.
_INLINE = re.compile(r"([\\`*_~\[\]<>&|])")
# Line starts that make a heading, list item, rule or quote: `# `, `- `, `+ `, `=`, `1. `, `1) `.
_LINE_MARK = re.compile(r"^([ \t]*)([#+=-])", re.MULTILINE)
_ORDERED = re.compile(r"^([ \t]*\d{1,9})([.)])", re.MULTILINE)
_BLANK_LINES = re.compile(r"\n{3,}")
# `{{` starts a card function (`{{DATE(…)}}`, `{{TIME(…)}}`); a word joiner (invisible, no line
# break) after every brace followed by another one keeps the text as typed but never a function.
_FUNCTION_START = re.compile(r"\{(?=\{)")
WORD_JOINER = "\u2060"


def _no_card_functions(text: str) -> str:
    return _FUNCTION_START.sub("{" + WORD_JOINER, text)


def literal(text: str, max_chars: int | None = None) -> str:
    """`text` escaped for a TextBlock: shown exactly as written, never as Markdown, HTML or a mention.

    With `max_chars`, longer text is cut at a word boundary and ends in an ellipsis (before escaping,
    so an escape sequence is never cut in half).
    """
    plain = _AT_TAG.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    plain = _INVISIBLE.sub(lambda m: " " if m.group() == "\t" else "", plain)
    plain = _BLANK_LINES.sub("\n\n", plain).strip()
    if max_chars is not None and len(plain) > max_chars:
        cut = plain[: max_chars - 1]
        space = cut.rfind(" ")
        plain = (cut[:space] if space > max_chars // 2 else cut).rstrip() + "…"
    escaped = _INLINE.sub(r"\\\1", plain)
    escaped = _LINE_MARK.sub(r"\1\\\2", escaped)
    return _no_card_functions(_ORDERED.sub(r"\1\\\2", escaped))


def plain(text: str, max_chars: int | None = None) -> str:
    """`text` for places Teams shows as plain text (button titles, choice titles, fallback text):
    mentions, control and bidi characters removed, white space collapsed, card functions neutralised,
    no Markdown escaping."""
    flat = _INVISIBLE.sub(" ", _AT_TAG.sub("", text))
    flat = " ".join(flat.split())
    if max_chars is not None and len(flat) > max_chars:
        flat = flat[: max_chars - 1].rstrip() + "…"
    return _no_card_functions(flat)
