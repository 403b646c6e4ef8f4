"""A protocol's plain text split into sections and articles with the ids the bot cites (`A.3`, `1.e`).

What a scan or a web page gives: numbered lists (`1.`, `1)`, `- 1.**`), lettered lists (`a.`, `a)`),
decimal items (`3.1`), headings (`A. Voor alle gebruikers`, `Artikel 1. Facebook`, `## Uitgangspunten`, a
short line on its own), lines broken mid-sentence, bullets under an item, footnotes. A section without
numbered items gets one article per paragraph. What cannot be placed is kept as a note for a person.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

from bot.onboarding.blocks import Block, blocks, ends_sentence
from bot.protocol.text import fold

_INTRODUCTIONS = ("inleiding", "voorwoord", "introductie", "inhoud", "aanleiding")
# How the sections the protocols share are called in article ids: first keyword in the title wins.
_SECTION_LETTERS = (
    ("uitgangspunt", "U"),
    ("doelgroep", "R"),
    ("reikwijdte", "R"),
    ("sanctie", "S"),
    ("gevolgen", "S"),
    ("maatregel", "S"),
    ("privacy", "P"),
    ("slotbepaling", "Z"),
    ("algemeen", "A"),
    ("alle ", "A"),
    ("medewerker", "M"),
    ("personeel", "M"),
    ("werknemer", "M"),
    ("ouder", "O"),
    ("verzorger", "O"),
    ("leerling", "L"),
)
_GROUP_LETTERS = (("medewerker", "M"), ("personeel", "M"), ("ouder", "O"), ("leerling", "L"))


@dataclass
class Article:
    label: str  # as numbered in the text: "3", "e"
    text: str
    line: int  # where it starts in the text, counted from one


@dataclass
class Section:
    id: str
    title: str
    line: int
    articles: list[Article] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # for a person: loose text, numbering gaps


@dataclass
class SplitProtocol:
    title: str
    sections: list[Section]
    notes: list[str]  # what was left out: the introduction, footnotes, empty headings


def split(text: str) -> SplitProtocol:
    """The protocol's sections and articles, in the order of the text."""
    notes: list[str] = []
    chunks: list[tuple[Block, list[Block]]] = [(Block("heading", "", 1), [])]
    for block in blocks(text):
        if block.kind == "heading":
            chunks.append((block, []))
        elif block.kind == "footnote":
            notes.append(f"voetnoot (regel {block.line}), geen artikel: {block.text[:80]}")
        else:
            chunks[-1][1].append(block)
    chunks = _lists_before_their_heading(chunks, notes)
    start = _content_start(chunks)
    preamble = [line for heading, body in chunks[:start] for line in (heading.text, *(b.text for b in body))]
    sections: list[Section] = []
    for heading, body in chunks[start:]:
        sections += _close(heading, body, notes)
    _name_sections(sections, [heading for heading, _ in chunks[start:]])
    return SplitProtocol(_title([line for line in preamble if line]), sections, notes)


def _lists_before_their_heading(
    chunks: list[tuple[Block, list[Block]]], notes: list[str]
) -> list[tuple[Block, list[Block]]]:
    """A list that starts again at 1 inside a section (or any list in the introduction) belongs to the next
    heading when that has no list of its own: scans print a list before its heading."""
    result = [(heading, list(body)) for heading, body in chunks]
    for n, (heading, body) in enumerate(result[:-1]):
        items = [i for i, b in enumerate(body) if b.kind == "item"]
        restart = next((i for i in items[1:] if body[i].label in ("1", "a")), None)
        if items and fold(heading.text).startswith(_INTRODUCTIONS):
            restart = items[0]  # an introduction has no articles: its list belongs to the next heading
        following, after = result[n + 1]
        if restart is None or any(b.kind == "item" for b in after):
            continue
        moved = body[restart:]
        del body[restart:]
        dust = [b for b in after if len(b.text) < 3]  # a stray mark of the scan ("o")
        after[:] = moved + [b for b in after if b not in dust]
        notes.append(
            f"de lijst vanaf regel {moved[0].line} begint opnieuw bij 1 en staat vóór de kop "
            f"{following.text!r} (regel {following.line}): onder die kop gezet"
        )
    return result


def _content_start(chunks: list[tuple[Block, list[Block]]]) -> int:
    """Where the protocol proper begins: at its introduction, else after the title page (headings with at
    most a line under them: "PROTOCOL", the school's name)."""
    for n, (heading, _) in enumerate(chunks):
        if fold(heading.text).startswith(_INTRODUCTIONS):
            return n
    for n, (heading, body) in enumerate(chunks):
        if heading.section or any(b.kind == "item" for b in body) or len(body) > 1:
            return n
    return 0


def _close(heading: Block, body: list[Block], notes: list[str]) -> list[Section]:
    """A section from its heading and what follows it: its items, else one article per paragraph."""
    title = heading.text
    items = [b for b in body if b.kind == "item"]
    if not body:
        if title:
            notes.append(f"kop zonder tekst (regel {heading.line}): {title}")
        return []
    if not items and fold(title).startswith(_INTRODUCTIONS):
        notes.append(f"{title} (regel {heading.line}) overgeslagen: geen artikelen")
        return []
    section = Section(heading.section, title or "TODO", heading.line)
    if not items:
        section.articles = [Article(str(n), _with_bullets(b), b.line) for n, b in enumerate(body, start=1)]
        return [section]
    body = _numbered_by_position(body, section.notes)
    items = [b for b in body if b.kind == "item"]
    section.articles = [Article(b.label, _with_bullets(b), b.line) for b in items]
    seen_item = False
    for block in body:
        seen_item = seen_item or block.kind == "item"
        if block.kind != "item":
            where = "losse tekst na een genummerd artikel" if seen_item else "inleiding van de sectie"
            section.notes.append(f"{where} (regel {block.line}), geen artikel: {block.text[:100]}")
    section.notes += _numbering_notes(section.articles)
    return [section]


def _numbered_by_position(body: list[Block], notes: list[str]) -> list[Block]:
    """Paragraphs that fill a gap in the numbering exactly ("4." two paragraphs "7.") are the items that lost
    their numbers in the scan: numbered by their place."""
    result = list(body)
    items = [i for i, b in enumerate(result) if b.kind == "item"]
    for before, after in itertools.pairwise(items):
        lost = _position(result[after].label) - _position(result[before].label) - 1
        between = result[before + 1 : after]
        if lost > 0 and len(between) == lost and all(b.kind == "para" for b in between):
            for k, block in enumerate(between, start=1):
                label = _label(_position(result[before].label) + k, [result[before].label])
                result[before + k] = Block("item", block.text, block.line, label, bullets=block.bullets)
                notes.append(f"artikel {label} (regel {block.line}) had geen nummer: genummerd naar plaats")
    return result


def _with_bullets(block: Block) -> str:
    """An item with the list under it, as the team transcribes it: "…: medewerkers; leerlingen."."""
    if not block.bullets:
        return block.text
    parts = [b.rstrip() for b in block.bullets]
    joined = " ".join(p if p.endswith((",", ";")) else f"{p};" for p in parts[:-1])
    last = parts[-1] if ends_sentence(parts[-1]) else f"{parts[-1]}."
    return f"{block.text} {joined} {last}".replace("  ", " ")


def _numbering_notes(articles: list[Article]) -> list[str]:
    notes = []
    labels = [a.label for a in articles]
    for label in sorted({label for label in labels if labels.count(label) > 1}):
        notes.append(f"nummer {label} staat er meer dan eens: geef elk artikel een eigen nummer")
    numbers = [_position(label) for label in labels]
    for before, after in itertools.pairwise(numbers):
        if after > before + 1:
            notes.append(
                f"de nummering springt van {_label(before, labels)} naar {_label(after, labels)}: "
                "misschien verloor een artikel zijn nummer (het staat dan in de tekst van het vorige)"
            )
    return notes


def _position(label: str) -> int:
    return int(label) if label.isdigit() else ord(label) - ord("a") + 1


def _label(position: int, labels: list[str]) -> str:
    return str(position) if labels[0].isdigit() else chr(ord("a") + position - 1)


def _name_sections(sections: list[Section], headings: list[Block]) -> None:
    """Each section's id: the heading's own letter or number, else the letter the team uses for such a
    section (U, R, S, …); two of a kind are told apart by whom they are for (SM, SO), else by a number."""
    by_line = {h.line: h for h in headings}
    bases = {id(s): s.id or _letter(s.title) for s in sections}
    taken = {s.id for s in sections if s.id}
    alike = {base: sum(1 for b in bases.values() if b == base) for base in bases.values()}
    for section in sections:
        if section.id:
            continue
        base = bases[id(section)]
        shared = alike[base]
        title = fold(by_line[section.line].text if section.line in by_line else section.title) + " "
        group = next((letter for word, letter in _GROUP_LETTERS if word in title and letter != base), "")
        candidates = [base + group] if group and shared > 1 else []
        candidates += [base, *(f"{base}{n}" for n in range(2, 10))]
        section.id = next(c for c in candidates if c not in taken)
        taken.add(section.id)


def _letter(title: str) -> str:
    folded = fold(title) + " "
    letter = next((letter for word, letter in _SECTION_LETTERS if word in folded), "")
    if letter:
        return letter
    words = [w for w in folded.split() if w not in ("voor", "de", "het", "een", "en")]
    return words[0][0].upper() if words and words[0][0].isalpha() else "X"


def _title(preamble: list[str]) -> str:
    """The protocol's title: the first line of the title page that says "protocol"."""
    for n, line in enumerate(preamble):
        if "protocol" in fold(line):
            if fold(line) == "protocol" and n + 1 < len(preamble):
                return f"{line} {preamble[n + 1]}"
            return line
    return preamble[0] if preamble else "TODO"
