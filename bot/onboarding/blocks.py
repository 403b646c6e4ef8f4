"""A protocol's text as blocks: headings, numbered or lettered items, paragraphs and their bullets, footnotes.

Lines broken mid-sentence by a scan are joined again; a short line standing alone is a heading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_MAX_HEADING = 90
_ITEM = re.compile(r"^\(?(\d{1,2}|[a-z])\s*[.)]\s+(\S.*)$")
_DECIMAL_ITEM = re.compile(r"^(\d{1,2})\.(\d{1,2})\.?\s+(\S.*)$")
_ARTICLE_HEADING = re.compile(r"^(?:artikel|art\.)\s*(\d{1,2})\b[.:]?\s*(.*)$", re.IGNORECASE)
_LETTER_HEADING = re.compile(r"^([A-Z]{1,2})[.)]\s+(\S.*)$")
_FOOTNOTE = re.compile(r"^\d{1,2}\s+\S")
_BULLET = re.compile(r"^[-•*▪◦·–]\s+")
_END_PUNCTUATION = ".;,:!?"


@dataclass
class Block:
    kind: str  # item | para | bullet | heading | footnote
    text: str
    line: int
    label: str = ""
    section: str = ""  # a heading's own id, when it has one ("A", "1")
    bullets: list[str] = field(default_factory=list)
    lines: int = 1


def blocks(text: str) -> list[Block]:
    """The text as headings, items, paragraphs and bullets, lines broken mid-sentence joined again."""
    blocks: list[Block] = []
    blank = False
    for number, raw in enumerate(text.splitlines(), start=1):
        marked_heading = raw.lstrip().startswith("#")
        line = re.sub(r"<sup>.*?</sup>", "", raw.strip().lstrip("#").strip()).replace("**", "").strip()
        if not line:
            blank = True
            continue
        bullet = _BULLET.match(line)
        if bullet:
            line = line[bullet.end() :]
        block = _classify(line, number, marked_heading, bool(bullet))
        last = blocks[-1] if blocks else None
        if last and last.bullets and block.kind == "para" and not blank:
            last.bullets[-1] += f" {line}"  # a bullet broken over two lines
        elif last and _continues(last, block, blank) and not last.bullets:
            last.text = f"{last.text} {line}"
            last.lines += 1
        elif last and block.kind == "bullet" and last.kind in ("item", "para", "bullet"):
            last.bullets.append(line)
        elif last and last.kind == "heading" and block.kind == "para" and line.startswith("("):
            last.text = f"{last.text} {line}"  # "A. Voor alle gebruikers" + "(medewerkers, leerlingen …)"
        else:
            blocks.append(block)
        blank = False
    return [_as_heading(b, blocks[i + 1] if i + 1 < len(blocks) else None) for i, b in enumerate(blocks)]


def _classify(line: str, number: int, marked_heading: bool, bullet: bool) -> Block:
    if found := _ARTICLE_HEADING.match(line):
        return Block("heading", line, number, section=found.group(1))
    if found := _DECIMAL_ITEM.match(line):
        return Block("item", found.group(3), number, label=found.group(2), section=found.group(1))
    if found := _ITEM.match(line):
        if marked_heading and found.group(1).isdigit():  # "## 2. Regels voor iedereen"
            return Block("heading", line, number, section=found.group(1))
        return Block("item", found.group(2), number, label=found.group(1))
    if (found := _LETTER_HEADING.match(line)) and _short(line):
        return Block("heading", line, number, section=found.group(1))
    if marked_heading:
        return Block("heading", line, number)
    if bullet:
        return Block("bullet", line, number)
    if _FOOTNOTE.match(line):
        return Block("footnote", line, number)
    return Block("para", line, number)


def _continues(last: Block, block: Block, blank: bool) -> bool:
    """A line that goes on with the block before: the next line of a paragraph broken by the scan, or after a
    blank line a sentence that resumes in lower case. A short line standing alone before it is a heading."""
    if block.kind != "para" or last.kind not in ("item", "para", "footnote", "bullet"):
        return False
    if blank:
        return block.text[:1].islower() and last.kind != "footnote"
    heading_like = last.kind == "para" and last.lines == 1 and len(last.text) <= 60
    return not (heading_like and _short(last.text) and block.text[:1].isupper())


def _as_heading(block: Block, following: Block | None) -> Block:
    """A short line standing alone, not ending a sentence, is a heading ("Uitgangspunten"); so is "2. Regels"
    followed by "2.1 …" in decimal numbering."""
    if block.kind == "item" and not block.section and following and following.section == block.label:
        return Block("heading", f"{block.label}. {block.text}", block.line, section=block.label)
    if block.kind != "para" or block.bullets or not _short(block.text) or block.lines > 2:
        return block
    if not (block.text[:1].isupper() or block.text[:1].isdigit()) or "@" in block.text:
        return block
    return Block("heading", block.text, block.line)


def _short(line: str) -> bool:
    return len(line) <= _MAX_HEADING and not ends_sentence(line)


def ends_sentence(text: str) -> bool:
    return text.rstrip().endswith(tuple(_END_PUNCTUATION))
