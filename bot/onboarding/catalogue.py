"""The shared catalogue of situations (`rules/catalogue/situations.yaml`): what most Dutch protocols cover.

Each entry says how a question about it is recognised (`match`, concepts of the shared lexicon), how an
article that covers it reads (`found_in`), and its answer per verdict in Dutch and English. `python -m bot
school new` proposes entries for a new school from its articles; the five schools' files do not use it and
the bot never loads it: a school file holds its situations in full.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from bot.protocol.lexicon import ConceptMatcher
from bot.protocol.loader import RulesError, read_yaml
from bot.protocol.model import (
    ROLES,
    ConceptName,
    Cue,
    Intent,
    Match,
    Role,
    Slug,
    Text,
    Translation,
    Verdict,
    Violation,
)
from bot.protocol.problems import Problem, concept_todo, described

CATALOGUE_FILE = Path("catalogue") / "situations.yaml"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class FoundIn(_Strict):
    """An article covers the entry when its text names every `all` cue and no `none` concept; each `any` cue
    found makes it a more likely source (the sources are ordered by it)."""

    all: list[Cue] = Field(min_length=1)
    any: list[Cue] = []
    none: list[ConceptName] = []


class Wording(_Strict):
    """The answer for one verdict: general enough for any school, in Dutch and English."""

    answer: Text
    advice: Text | None = None
    en: Translation
    violations: list[Violation] = Field(default=[], description="broken conditions, for yes_if answers")

    @model_validator(mode="after")
    def _fits_any_school(self) -> Wording:
        if bool(self.en.advice) != bool(self.advice):
            raise ValueError("en.advice: give English advice exactly when there is Dutch advice")
        for n, violation in enumerate(self.violations, start=1):
            if violation.sources or violation.quote or violation.en is None:
                raise ValueError(f"violations[{n}]: no sources or quote (a school's own), and an en: answer")
        return self


class Entry(_Strict):
    id: Slug
    topic: Text
    topic_en: Text
    intent: Intent = "question"
    roles: list[Role] = Field(default=list(ROLES), min_length=1)
    match: Match
    found_in: FoundIn
    default: Verdict = Field(description="the verdict proposed when the article's words do not say")
    read_verdict: bool = Field(default=True, description="false: always propose `default`")
    wording: dict[Verdict, Wording] = Field(min_length=1)

    @field_validator("wording")
    @classmethod
    def _answers(cls, value: dict[Verdict, Wording]) -> dict[Verdict, Wording]:
        if "unknown" in value:
            raise ValueError("'unknown' is what the engine says when no situation fits; it has no wording")
        return value

    @model_validator(mode="after")
    def _default_worded(self) -> Entry:
        if self.default not in self.wording:
            raise ValueError(f"default {self.default!r} has no wording")
        return self

    def wording_for(self, verdict: Verdict, fallback: dict[Verdict, Wording]) -> tuple[Wording, bool]:
        """The entry's answer for a verdict, or the catalogue's plain one (then True: generic)."""
        own = self.wording.get(verdict)
        return (own, False) if own else (fallback[verdict], True)

    def cues(self) -> list[str]:
        """Every concept named in the entry: its question match, its article match, its broken conditions."""
        cues = [*self.match.all, *self.match.any, *self.match.none]
        cues += [*self.found_in.all, *self.found_in.any, *self.found_in.none]
        cues += [v.when for w in self.wording.values() for v in w.violations]
        return [name for cue in cues for name in cue.split("|")]


class Catalogue(_Strict):
    fallback: dict[Verdict, Wording] = Field(description="a plain answer per verdict, for any entry")
    situations: list[Entry] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique(self) -> Catalogue:
        if set(self.fallback) != {"yes", "yes_if", "no", "advised_against"}:
            raise ValueError("fallback: give a plain answer for each of yes, yes_if, no and advised_against")
        ids = [e.id for e in self.situations]
        doubles = sorted({i for i in ids if ids.count(i) > 1})
        if doubles:
            raise ValueError(f"entries written twice: {', '.join(doubles)}")
        return self


def load_catalogue(rules: Path, matcher: ConceptMatcher) -> Catalogue:
    """The catalogue, every concept it names checked against the shared lexicon."""
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
        if name not in matcher.names
    ]
    if problems:
        raise RulesError(path, problems)
    return catalogue
