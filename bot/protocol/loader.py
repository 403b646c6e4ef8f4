"""Read and validate `rules/`: the shared lexicon, the catalogue of situations and one file per school.

A broken file raises `RulesError` naming the file, the article or situation, and the field. A school's
situation that refers to a catalogue entry (`from:`) is completed from it here, before validation.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from bot.protocol import concepts, parsed_cache
from bot.protocol.catalogue import CATALOGUE_FILE, Catalogue, inherit, uses_catalogue
from bot.protocol.lexicon import ConceptMatcher, LexiconError
from bot.protocol.model import Lexicon, RulesFile
from bot.protocol.problems import Problem, concept_todo, described, todos
from bot.protocol.text import tokens

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
ENGINE_CONCEPTS = tuple(sorted(concepts.REQUIRED))  # bot/protocol/concepts.py


class RulesError(ValueError):
    """A rules file that cannot be used; the message says where and why, and what to do."""

    def __init__(self, path: Path, problems: Sequence[Problem | str]) -> None:
        self.path = path
        self.details = [p if isinstance(p, Problem) else Problem(p) for p in problems]
        self.problems = [str(p) for p in self.details]
        super().__init__(f"{path}: " + "; ".join(self.problems))


def read_yaml(path: Path) -> Any:
    try:
        content = path.read_bytes()
    except OSError as exc:
        raise RulesError(path, [f"cannot be read: {exc.strerror}"]) from exc
    try:
        return parsed_cache.parsed(content, _parse_yaml)
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        todo = (
            "kijk op de genoemde regel: inspringen met spaties (geen tabs), elke sleutel één keer, "
            "en tekst met ': ' of ' #' erin tussen aanhalingstekens"
        )
        raise RulesError(path, [Problem(f"not valid YAML: {exc}", todo)]) from exc


def _parse_yaml(content: bytes) -> Any:
    return yaml.load(content.decode("utf-8"), Loader=_YAML_LOADER)  # noqa: S506 - a safe loader


def load_lexicon(path: Path) -> Lexicon:
    raw = read_yaml(path)
    try:
        lexicon = Lexicon.model_validate(raw)
    except ValidationError as exc:
        raise RulesError(path, described(exc, raw)) from exc
    plain = path.parent / PLAIN_WORDS_FILE
    if plain.exists():
        words = [w.strip() for w in plain.read_text(encoding="utf-8").splitlines()]
        extra = [w for w in words if w and not w.startswith("#")]
        lexicon = lexicon.model_copy(update={"plain_words": [*lexicon.plain_words, *extra]})
    missing = [name for name in ENGINE_CONCEPTS if name not in lexicon.concepts]
    if missing:
        raise RulesError(path, [f"concepts: missing {', '.join(missing)} (the engine needs them)"])
    unknown = [name for name in lexicon.masks if name not in lexicon.concepts]
    if unknown:
        raise RulesError(path, [f"masks: {', '.join(unknown)} is no concept of the lexicon"])
    return lexicon


def compile_lexicon(lexicon: Lexicon) -> ConceptMatcher:
    return ConceptMatcher(lexicon.concepts, lexicon.plain_words, lexicon.masks)


def load_catalogue(rules: Path, matcher: ConceptMatcher | None = None) -> Catalogue:
    """The shared catalogue of `rules/`; with a matcher, every concept it names is checked against it."""
    path = rules / CATALOGUE_FILE
    raw = read_yaml(path)
    try:
        catalogue = Catalogue.model_validate(raw)
    except ValidationError as exc:
        raise RulesError(path, described(exc, raw)) from exc
    problems = [
        Problem(f"entry {entry.id}: unknown concept {name!r}", concept_todo(name, matcher.names))
        for entry in catalogue.situations
        for name in dict.fromkeys(entry.cues())
        if matcher is not None and name not in matcher.names
    ]
    if problems:
        raise RulesError(path, problems)
    return catalogue


def load_school(
    path: Path, lexicon: Lexicon, shared: ConceptMatcher | None = None, folder: Path | None = None
) -> tuple[RulesFile, ConceptMatcher]:
    """Validate one school file and compile its concepts (the shared ones plus its own).

    A draft (`python -m bot school new`) still holding a TODO is refused: an unfinished school never answers.
    Situations referring to the catalogue (`from:`) are completed from the catalogue of `folder`, the rules
    folder that holds the lexicon (default: the school file's own folder).
    """
    raw = read_yaml(path)
    unfinished = todos(raw)
    if unfinished:
        last = Problem(f"{len(unfinished)} TODO(s) left", "vul ze in en controleer opnieuw voor de rest")
        raise RulesError(path, [*unfinished, last])
    raw = _completed(path, raw, folder or path.parent)
    try:
        rules = RulesFile.model_validate(raw)
    except ValidationError as exc:
        raise RulesError(path, described(exc, raw)) from exc
    if rules.school.slug != path.stem:
        todo = f"noem het bestand {rules.school.slug}.yaml, of zet school.slug op {path.stem}"
        mismatch = f"school.slug: {rules.school.slug!r} does not match the file name"
        raise RulesError(path, [Problem(mismatch, todo)])
    try:
        matcher = (shared or compile_lexicon(lexicon)).extended(rules.concepts, rules.masks)
    except LexiconError as exc:
        raise RulesError(path, [f"concepts: {exc}"]) from exc
    unknown = [name for name in rules.masks if name not in matcher.names]
    if unknown:
        raise RulesError(path, [f"masks: {', '.join(unknown)} is no concept of the lexicon or this school"])
    problems = []
    for situation in rules.situations:
        cues = [*situation.match.all, *situation.match.any, *situation.match.none]
        for cue in cues:
            for name in cue.split("|"):
                if name not in matcher.names:
                    where = f"situation {situation.id}: match"
                    problems.append(_unknown_concept(where, name, matcher))
        for n, violation in enumerate(situation.violations, start=1):
            for name in violation.when.split("|"):
                if name not in matcher.names:
                    where = f"situation {situation.id}: violations[{n}].when"
                    problems.append(_unknown_concept(where, name, matcher))
    if problems:
        raise RulesError(path, problems)
    return rules, matcher


def _completed(path: Path, raw: Any, folder: Path) -> Any:
    """The school's file as read, with its situations that refer to the catalogue completed from it."""
    situations = raw.get("situations") if isinstance(raw, dict) else None
    if not uses_catalogue(situations):
        return raw
    try:
        catalogue = load_catalogue(folder)
    except RulesError as exc:
        todo = f"situaties met `from:` nemen over uit {exc.path}: herstel of plaats dat bestand"
        raise RulesError(
            path, [Problem(f"from: catalogue {exc.path}: {d.text}", d.todo or todo) for d in exc.details]
        ) from exc
    resolved, problems = inherit(situations, catalogue)
    if problems:
        raise RulesError(path, problems)
    return {**raw, "situations": resolved}


def _unknown_concept(where: str, name: str, matcher: ConceptMatcher) -> Problem:
    meaning = sorted(matcher.find(tokens(name.replace("_", " "))), key=lambda c: len(matcher.terms(c)))
    todo = concept_todo(name, matcher.names, meaning)
    return Problem(f"{where}: unknown concept {name!r}", todo)


def school_files(folder: Path) -> list[Path]:
    """Every school's rules file: each `*.yaml` of the folder but the lexicon (subfolders are shared data)."""
    return sorted(p for p in folder.glob("*.yaml") if p.name != LEXICON_FILE)


def school_slugs(folder: Path) -> tuple[str, ...]:
    """The schools in `rules/`, from the file names alone: for tests and scripts that must list them all."""
    return tuple(path.stem for path in school_files(folder))
