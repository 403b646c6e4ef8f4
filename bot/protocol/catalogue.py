"""The shared catalogue of situations (`rules/catalogue/situations.yaml`): what most Dutch protocols cover.

Each entry says how a question about it is recognised (`match`, concepts of the shared lexicon), how an
article that covers it reads (`found_in`), and its answer per verdict in Dutch and English. `python -m bot
school new` proposes entries for a new school from its articles, and a school's situation may refer to an
entry (`from: <id>`) to inherit what it does not write itself: `inherit` resolves that at load time, so the
engine only ever sees complete situations.
"""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any, TypeGuard

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

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
from bot.protocol.problems import CONCEPTS_DOC, Problem

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


FROM = "from"  # in a school's situation: the catalogue entry it refers to
_WORDED = ("yes", "yes_if", "no", "advised_against")
_PAIRS = ("answer", "advice")  # written in Dutch and English together: both from the school or both inherited


def uses_catalogue(situations: Any) -> TypeGuard[list[Any]]:
    """True when some situation of a school refers to a catalogue entry (`from:`)."""
    return isinstance(situations, list) and any(isinstance(s, dict) and FROM in s for s in situations)


def inherit(situations: list[Any], catalogue: Catalogue) -> tuple[list[Any], list[Problem]]:
    """A school's situations (as read from YAML) with every `from:` resolved, and what stops that.

    A situation referring to an entry takes from it what it does not write itself: its id, intent, topic,
    English topic, roles and match, and the entry's wording for the situation's verdict (answer and advice
    with their English, and its broken conditions). Everything the school writes wins.
    """
    entries = {entry.id: entry for entry in catalogue.situations}
    resolved: list[Any] = []
    problems: list[Problem] = []
    for raw in situations:
        if isinstance(raw, dict) and FROM in raw:
            situation, found = _inherited(raw, entries)
            resolved.append(situation)
            problems += found
        else:
            resolved.append(raw)
    return resolved, problems


def _inherited(raw: dict[str, Any], entries: dict[str, Entry]) -> tuple[dict[str, Any], list[Problem]]:
    own = dict(raw)
    ref = own.pop(FROM)
    where = f"situation {own.get('id', ref)}"
    entry = entries.get(ref) if isinstance(ref, str) else None
    if entry is None:
        return own, [
            Problem(f"{where}: from: unknown catalogue situation {ref!r}", _entry_todo(ref, entries))
        ]
    own.setdefault("id", entry.id)
    own.setdefault("intent", entry.intent)
    own.setdefault("topic", entry.topic)
    own.setdefault("roles", list(entry.roles))
    own.setdefault("match", entry.match.model_dump())
    en = own.get("en") or {}
    if not isinstance(en, dict):
        return own, []  # the schema names what is wrong with it
    en = {"topic": entry.topic_en, **en}
    verdict = own.get("verdict")
    wording = next((w for worded, w in entry.wording.items() if worded == verdict), None)
    problems: list[Problem] = []
    for field in _PAIRS:
        if field in own or field in en:
            if bool(own.get(field)) != bool(en.get(field)):
                todo = (
                    f"schrijf {field} én en.{field} zelf, of laat ze allebei weg: dan komen ze uit de "
                    f"catalogus ({entry.id})"
                )
                problems.append(Problem(f"{where}: {field}: written in one language only", todo))
        elif wording is not None and getattr(wording, field):
            own[field] = getattr(wording, field)
            en[field] = getattr(wording.en, field)
        elif field == "answer" and verdict in _WORDED:
            worded = ", ".join(entry.wording)
            todo = f"schrijf answer en en.answer zelf, of kies een oordeel dat de catalogus kent: {worded}"
            problems.append(
                Problem(
                    f"{where}: from {entry.id}: the catalogue has no answer for verdict {verdict!r}", todo
                )
            )
    if "violations" not in own and wording is not None and wording.violations:
        own["violations"] = [v.model_dump(mode="json", exclude_defaults=True) for v in wording.violations]
    own["en"] = en
    return own, problems


def _entry_todo(ref: object, entries: dict[str, Entry]) -> str:
    close = difflib.get_close_matches(str(ref), sorted(entries), n=2, cutoff=0.6)
    hint = f"bedoel je {' of '.join(close)}? " if close else ""
    return (
        f"{hint}Noem een situatie uit rules/catalogue/situations.yaml (lijst in {CONCEPTS_DOC}), "
        "of laat `from:` weg en schrijf de situatie helemaal zelf"
    )
