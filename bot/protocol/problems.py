"""What is wrong in a rules file, where, and what a person does about it.

`python -m bot rules check` prints each problem with the file, the section, article or situation and the
field, and a line saying what to do; the bot's start refuses the file with the same words.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

from pydantic import ValidationError
from pydantic_core import PydanticCustomError

TODO = "TODO"
REVIEW = "# REVIEW"  # a proposal of a draft no person has looked at yet: a comment, it never changes answers
_REVIEW_MARK = re.compile(rf"{REVIEW}\b")
CONCEPTS_DOC = "docs/concepts.md"
_PROBLEMS = "rules_problems"  # the error type of the schema's own checks: its context holds the Problems


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong: `text` says where and what ("situation x: sources: unknown article E.99"), `todo`
    what to do about it, in Dutch, for the school's coordinator."""

    text: str
    todo: str = ""

    def __str__(self) -> str:
        return f"{self.text} → {self.todo}" if self.todo else self.text


def fail(problems: Sequence[Problem]) -> NoReturn:
    """Raise the schema's own problems as one pydantic error that keeps each of them (see `described`)."""
    summary = "; ".join(str(p) for p in problems)
    raise PydanticCustomError(_PROBLEMS, "{summary}", {"summary": summary, "problems": list(problems)})


def described(exc: ValidationError, raw: Any) -> list[Problem]:
    """Pydantic's errors with list positions replaced by the ids a person looks for, and what to do."""
    problems: list[Problem] = []
    for error in exc.errors():
        context = error.get("ctx") or {}
        if error["type"] == _PROBLEMS:
            problems.extend(context["problems"])
            continue
        where: list[str] = []
        node = raw
        loc = list(error["loc"])
        for i, part in enumerate(loc):
            name = _named(node, part, loc[i - 1] if i else None)
            node = node[part] if _indexable(node, part) else None
            if name.startswith("[") and where:  # a plain list: `roles[1]`, counted from one
                where[-1] += f"[{int(part) + 1}]"
            elif name:
                where.append(name)
        place = _place(where) or "file"
        fields = [str(p) for p in loc if isinstance(p, str) and not p.startswith("function")]
        field = fields[-1] if fields else ""
        message = error["msg"].removeprefix("Value error, ")
        problems.append(Problem(f"{place}: {message}", _todo(error["type"], field, error.get("input"))))
    return problems


def todos(raw: Any) -> list[Problem]:
    """Every value still reading TODO (a draft of `python -m bot school new`), named as a person finds it."""
    if not _any_todo(raw):
        return []  # naming every value costs a third of loading the rules; a finished file has no TODO
    return [
        Problem(f"{where}: still {TODO}", "vul dit in (docs/nieuwe-school.md zegt hoe)")
        for where, value in _values(raw, ())
        if isinstance(value, str) and value.strip().startswith(TODO)
    ]


def _any_todo(raw: Any) -> bool:
    stack = [raw]
    while stack:
        node = stack.pop()
        if isinstance(node, str):
            if node.strip().startswith(TODO):
                return True
        elif isinstance(node, dict):
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return False


def review_marks(path: Path) -> list[int]:
    """The lines of a rules file still marked `# REVIEW`: proposals of the draft no person has looked at."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [n for n, line in enumerate(lines, start=1) if _REVIEW_MARK.search(line)]


def concept_todo(name: str, known: Iterable[str], meaning: Sequence[str] = ()) -> str:
    """What to do about an unknown concept: the closest names, and the concepts that know it as a word
    (`meaning`, most specific first)."""
    close = difflib.get_close_matches(name, sorted(known), n=3, cutoff=0.75)
    parts = []
    if close:
        parts.append(f"Bedoel je {' of '.join(close)}?")
    if meaning:
        parts.append(f"'{name}' is een woord van {', '.join(meaning[:3])}.")
    parts.append(f"Of voeg het begrip toe onder `concepts:` van dit bestand. Alle begrippen: {CONCEPTS_DOC}")
    return " ".join(parts)


def article_todo(article: str, articles: Sequence[str]) -> str:
    close = difflib.get_close_matches(article, articles, n=2, cutoff=0.5)
    hint = f"bedoel je {' of '.join(close)}? " if close else ""
    return f"{hint}Noem een artikel van dit bestand: {_ranges(articles)}"


def contact_todo(key: str, keys: Sequence[str]) -> str:
    close = difflib.get_close_matches(key, keys, n=1, cutoff=0.6)
    hint = f"bedoel je {close[0]}? " if close else ""
    return f"{hint}Voeg contact {key} toe onder school.contacts, of kies uit: {', '.join(keys)}"


def _ranges(ids: Sequence[str]) -> str:
    """`A.1–A.7, B.1–B.5` for a person scanning the articles of a file."""
    by_section: dict[str, list[str]] = {}
    for article in ids:
        by_section.setdefault(article.split(".")[0], []).append(article)
    return ", ".join(f"{g[0]}–{g[-1]}" if len(g) > 1 else g[0] for g in by_section.values())


_FIELD_TODO = {
    "verdict": 'kies yes, yes_if, no of advised_against (zet "no" tussen aanhalingstekens)',
    "kind": "kies vo, po of po-kc",
    "roles": "kies uit medewerker, leerling en ouder",
    "intent": "kies question, of report als het bericht een incident vertelt",
    "sources": "noem de artikelen waarop het antwoord rust, meest relevante eerst, bv. [A.1, A.3]",
    "id": "situaties: kleine letters met streepjes (whatsapp-medewerker); artikelen: <sectie>.<nummer> (A.1)",
    "slug": "kleine letters, cijfers en streepjes, gelijk aan de bestandsnaam",
    "all": "noem minstens één begrip, of alternatieven met | (photo|video); alle begrippen: " + CONCEPTS_DOC,
    "any": "begrippen in kleine letters, alternatieven met | (photo|video)",
    "none": "begrippen in kleine letters, zonder |",
    "when": "een begrip (of alternatieven met |) dat zegt welke voorwaarde gebroken is",
}


def _todo(kind: str, field: str, value: Any) -> str:
    if kind == "missing":
        return f"voeg `{field}:` toe (rules/README.md beschrijft elk veld)"
    if kind == "extra_forbidden":
        return f"dit veld bestaat niet: verwijder `{field}` of controleer de spelling (rules/README.md)"
    if isinstance(value, str) and value.strip().startswith(TODO):
        return "vul dit in"
    return _FIELD_TODO.get(field, "zie rules/README.md voor wat hier hoort")


def _values(node: Any, where: tuple[str, ...]) -> Iterator[tuple[str, Any]]:
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _values(value, (*where, str(key)))
    elif isinstance(node, list):
        parent = where[-1] if where else None
        for i, item in enumerate(node):
            name = _named(node, i, parent)
            if name.startswith("["):  # a plain list: `ask.medewerker[1]`, counted from one
                yield from _values(item, (*where[:-1], f"{parent}[{i + 1}]"))
            else:  # `sections` → `section A`: the id a person looks for
                yield from _values(item, (*where[:-1], name))
    else:
        yield _place(where), node


_PLACES = ("section ", "article ", "situation ")


def _place(parts: Sequence[str]) -> str:
    """`article A.1: roles`, `situation x: match.all[1]`, `school.ask.medewerker[1]`."""
    place = ""
    fields: list[str] = []
    for part in parts:
        if part.startswith(_PLACES):
            place, fields = part, []
        else:
            fields.append(part)
    dotted = ".".join(fields)
    return f"{place}: {dotted}" if place and dotted else place or dotted


def _indexable(node: Any, part: Any) -> bool:
    if isinstance(node, dict):
        return part in node
    return isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)


def _named(node: Any, part: Any, parent: Any) -> str:
    if isinstance(part, int):
        item = node[part] if _indexable(node, part) else None
        ident = item.get("id") if isinstance(item, dict) else None
        kind = {"sections": "section", "articles": "article", "situations": "situation"}.get(str(parent))
        if kind and ident:
            return f"{kind} {ident}"
        return f"[{part}]"
    if part in ("sections", "articles", "situations"):
        return ""
    return str(part) if not str(part).startswith("function-") else ""
