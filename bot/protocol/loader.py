"""Read and validate `rules/`: the shared lexicon and one file per school.

A broken file raises `RulesError` naming the file, the article or situation, and the field.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from bot.protocol import parsed_cache
from bot.protocol.lexicon import ConceptMatcher, LexiconError
from bot.protocol.model import Lexicon, RulesFile

LEXICON_FILE = "lexicon.yaml"
PLAIN_WORDS_FILE = "plain-words.txt"


class _YAML_LOADER(yaml.CSafeLoader):  # noqa: N801 - used like the loader class it is
    """libyaml's C parser when present (ten times faster), refusing a key written twice in one mapping:
    YAML would silently keep only the last one, and a school's concept or situation would vanish."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"key {key!r} is written twice", key_node.start_mark
                )
            seen.add(key)
        mapping: dict[Any, Any] = super().construct_mapping(node, deep=deep)
        return mapping


# Concepts the engine itself relies on, so every lexicon must define them.
ENGINE_CONCEPTS = (
    "permission",
    "question_form",
    "victim",
    "hypothetical",
    "perpetrator",
    "campaign",
    "provision_question",
)


class RulesError(ValueError):
    """A rules file that cannot be used; the message says where and why."""

    def __init__(self, path: Path, problems: list[str]) -> None:
        self.path = path
        self.problems = problems
        super().__init__(f"{path}: " + "; ".join(problems))


def read_yaml(path: Path) -> Any:
    try:
        content = path.read_bytes()
    except OSError as exc:
        raise RulesError(path, [f"cannot be read: {exc.strerror}"]) from exc
    try:
        return parsed_cache.parsed(content, _parse_yaml)
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise RulesError(path, [f"not valid YAML: {exc}"]) from exc


def _parse_yaml(content: bytes) -> Any:
    return yaml.load(content.decode("utf-8"), Loader=_YAML_LOADER)  # noqa: S506 - a safe loader


def load_lexicon(path: Path) -> Lexicon:
    raw = read_yaml(path)
    try:
        lexicon = Lexicon.model_validate(raw)
    except ValidationError as exc:
        raise RulesError(path, _describe(exc, raw)) from exc
    plain = path.parent / PLAIN_WORDS_FILE
    if plain.exists():
        words = [w.strip() for w in plain.read_text(encoding="utf-8").splitlines()]
        extra = [w for w in words if w and not w.startswith("#")]
        lexicon = lexicon.model_copy(update={"plain_words": [*lexicon.plain_words, *extra]})
    missing = [name for name in ENGINE_CONCEPTS if name not in lexicon.concepts]
    if missing:
        raise RulesError(path, [f"concepts: missing {', '.join(missing)} (the engine needs them)"])
    return lexicon


def compile_lexicon(lexicon: Lexicon) -> ConceptMatcher:
    return ConceptMatcher(lexicon.concepts, lexicon.plain_words)


def load_school(
    path: Path, lexicon: Lexicon, shared: ConceptMatcher | None = None
) -> tuple[RulesFile, ConceptMatcher]:
    """Validate one school file and compile its concepts (the shared ones plus its own)."""
    raw = read_yaml(path)
    try:
        rules = RulesFile.model_validate(raw)
    except ValidationError as exc:
        raise RulesError(path, _describe(exc, raw)) from exc
    if rules.school.slug != path.stem:
        raise RulesError(path, [f"school.slug: {rules.school.slug!r} does not match the file name"])
    try:
        matcher = (shared or compile_lexicon(lexicon)).extended(rules.concepts)
    except LexiconError as exc:
        raise RulesError(path, [f"concepts: {exc}"]) from exc
    problems = []
    for situation in rules.situations:
        cues = [*situation.match.all, *situation.match.any, *situation.match.none]
        for cue in cues:
            for name in cue.split("|"):
                if name not in matcher.names:
                    problems.append(f"situation {situation.id}: match: unknown concept {name!r}")
        for n, violation in enumerate(situation.violations, start=1):
            for name in violation.when.split("|"):
                if name not in matcher.names:
                    where = f"situation {situation.id}: violations[{n}].when"
                    problems.append(f"{where}: unknown concept {name!r}")
    if problems:
        raise RulesError(path, problems)
    return rules, matcher


def school_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*.yaml") if p.name != LEXICON_FILE)


def _describe(exc: ValidationError, raw: Any) -> list[str]:
    """Pydantic's error locations, with list positions replaced by the ids a person looks for."""
    problems = []
    for error in exc.errors():
        where: list[str] = []
        node = raw
        loc = list(error["loc"])
        for i, part in enumerate(loc):
            name = _named(node, part, loc[i - 1] if i else None)
            node = node[part] if _indexable(node, part) else None
            if name:
                where.append(name)
        place = " ".join(where) if where else "file"
        problems.append(f"{place}: {error['msg']}")
    return problems


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
