"""The schema of a school's rules file (`rules/<slug>.yaml`) and of the shared lexicon.

Everything the answer engine knows about a school is data validated here: the articles as written,
the contact points, and the situations that map a question to a verdict and its articles. A file
that breaks the schema stops the start with the file, article or situation and field named.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator

from bot.protocol.problems import Problem, article_todo, contact_todo, fail

Role = Literal["medewerker", "leerling", "ouder"]
BROKEN = "-broken-"  # a situation answered by one of its violations: `<id>-broken-<n>`
ROLES: tuple[Role, ...] = ("medewerker", "leerling", "ouder")
Verdict = Literal["yes", "yes_if", "no", "advised_against", "unknown"]
Intent = Literal["question", "report"]
SchoolKind = Literal["vo", "po", "po-kc"]

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
ArticleId = Annotated[str, StringConstraints(pattern=r"^[A-Z0-9]{1,3}\.[0-9a-z]{1,2}$")]
SectionId = Annotated[str, StringConstraints(pattern=r"^[A-Z0-9]{1,3}$")]
ConceptName = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]

# A cue names a concept, or several alternatives separated by "|": `photo|video`.
Cue = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*(\|[a-z][a-z0-9_]*)*$")]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Contact(_Strict):
    """Someone the protocol names for doubts or reports (leidinggevende, FG, mentor, ...)."""

    key: Slug
    name: Text  # as used in a sentence: "je leidinggevende", "de functionaris gegevensbescherming"
    email: str | None = None
    phone: str | None = None
    hours: str | None = None
    url: str | None = None


class School(_Strict):
    slug: Slug
    name: Text
    kind: SchoolKind
    protocol_title: Text
    contacts: list[Contact]
    external: list[Contact] = []
    channels: list[Text] = Field(description="the school's own channels: Teams, Parro, Social Schools, ...")
    ask: dict[Role, list[Slug]] = Field(description="whom to ask, per role, when the protocol is silent")
    report_to: dict[Role, list[Slug]] = Field(description="whom a report goes to, per role")
    report_article: dict[Role, str] = Field(
        default_factory=dict,
        description="the article that says how someone of this role reports (its id, 'E.9'): quoted on the "
        "report's confirmation and cited when no report situation fits; leave a role out where the protocol "
        "says nothing about reporting",
    )

    @model_validator(mode="after")
    def _contact_keys_exist(self) -> School:
        keys = [c.key for c in [*self.contacts, *self.external]]
        problems = [
            Problem(f"school: contacts: key {key!r} is used twice", "geef elk contact een eigen key")
            for key in sorted({k for k in keys if keys.count(k) > 1})
        ]
        for field in ("ask", "report_to"):
            mapping: dict[Role, list[str]] = getattr(self, field)
            for role in ROLES:
                if not mapping.get(role):
                    todo = f"noem onder school.{field}.{role} de key van een contact (school.contacts)"
                    problems.append(Problem(f"school: {field}: no contact for role {role!r}", todo))
                for key in mapping.get(role, []):
                    if key not in keys:
                        todo = contact_todo(key, keys)
                        problems.append(Problem(f"school: {field}.{role}: unknown contact {key!r}", todo))
        if problems:
            fail(problems)
        return self

    def contact(self, key: str) -> Contact:
        return next(c for c in [*self.contacts, *self.external] if c.key == key)


class Article(_Strict):
    id: ArticleId
    text: Text
    roles: list[Role] = Field(min_length=1, description="the roles this article concerns")


class Section(_Strict):
    id: SectionId
    title: Text
    summary: Text = Field(description="one Dutch sentence: what this section is about (for `protocol`)")
    articles: list[Article] = Field(min_length=1)

    @model_validator(mode="after")
    def _ids_in_section(self) -> Section:
        problems = [
            Problem(
                f"article {article.id}: id does not start with section {self.id}",
                f"noem het {self.id}.<nummer>, of zet het artikel onder sectie {article.id.split('.')[0]}",
            )
            for article in self.articles
            if article.id.split(".")[0] != self.id
        ]
        if problems:
            fail(problems)
        return self


class Match(_Strict):
    """When a situation applies: every `all` cue present, no `none` concept present.

    `any` cues add to the score, so that the most specific situation wins.
    """

    all: list[Cue] = Field(min_length=1)
    any: list[Cue] = []
    none: list[ConceptName] = []


class Translation(_Strict):
    answer: Text
    advice: Text | None = None
    topic: Text | None = None


class Violation(_Strict):
    """A condition of a `yes_if` situation that the question itself says is broken.

    "Mag ik de toetsvragen op insta zetten?" matches "posting about school, if not confidential", but
    says the condition is broken: the answer is the article's "no" side, with a headline saying why.
    """

    when: Cue = Field(description="the concept(s) naming the breach, affirmed in the question")
    verdict: Verdict = "no"
    answer: Text = Field(description="the verdict in one Dutch sentence, saying which condition is broken")
    sources: list[ArticleId] = Field(default=[], description="default: the situation's sources")
    quote: Text | None = None
    advice: Text | None = None
    en: Translation | None = None

    @field_validator("verdict")
    @classmethod
    def _answers(cls, v: Verdict) -> Verdict:
        if v in ("unknown", "yes"):
            raise ValueError("a broken condition answers 'no', 'advised_against' or 'yes_if'")
        return v


class Situation(_Strict):
    """One answerable situation: the cues that recognise it, the verdict and the articles."""

    id: Slug
    intent: Intent = "question"
    topic: Text = Field(description="short Dutch label, used in 'Bedoel je misschien …'")
    roles: list[Role] = Field(default=list(ROLES), min_length=1)
    match: Match
    verdict: Verdict
    sources: list[ArticleId] = Field(min_length=1, description="article ids, most relevant first")
    answer: Text = Field(description="the verdict in one Dutch sentence")
    quote: Text | None = Field(default=None, description="the relevant part of the first source, verbatim")
    advice: Text | None = Field(default=None, description="what to do: ask consent, use Teams, ...")
    en: Translation | None = None
    violations: list[Violation] = Field(
        default=[], description="conditions the question can say are broken, each with its own verdict"
    )

    @field_validator("verdict")
    @classmethod
    def _not_unknown(cls, v: Verdict) -> Verdict:
        if v == "unknown":
            raise ValueError("a situation answers; 'unknown' is what the engine says when none matches")
        return v

    def topic_in(self, lang: str) -> str:
        """The short label offered in "Bedoel je misschien …": the English one for an English answer."""
        if lang == "en" and self.en and self.en.topic:
            return self.en.topic
        return self.topic

    def broken(self, concepts: frozenset[str]) -> Situation:
        """This situation as answered when the question affirms a violation of its condition; else itself.

        The first violation whose `when` cue is present wins (list the most specific first).
        """
        for n, violation in enumerate(self.violations, start=1):
            if set(violation.when.split("|")) & concepts:
                return self.violated(n)
        return self

    def violated(self, n: int) -> Situation:
        """This situation answered by its n-th violation (1-based), with the id `<id>-broken-<n>`."""
        violation = self.violations[n - 1]
        return self.model_copy(
            update={
                "id": f"{self.id}{BROKEN}{n}",
                "verdict": violation.verdict,
                "answer": violation.answer,
                "sources": violation.sources or self.sources,
                "quote": violation.quote if violation.sources else (violation.quote or self.quote),
                "advice": violation.advice,
                "en": violation.en,
                "violations": [],
            }
        )


class RulesFile(_Strict):
    """The whole of `rules/<slug>.yaml`."""

    school: School
    sections: list[Section] = Field(min_length=1)
    concepts: dict[ConceptName, list[Text]] = Field(
        default_factory=dict, description="school-specific concepts, added to the shared lexicon"
    )
    masks: dict[ConceptName, list[Text]] = Field(
        default_factory=dict,
        description="phrases in which a concept's words say something else (as in the lexicon's masks)",
    )
    situations: list[Situation] = Field(min_length=1)

    @model_validator(mode="after")
    def _references_resolve(self) -> RulesFile:
        problems: list[Problem] = []
        seen_sections: set[str] = set()
        articles: dict[str, str] = {}
        for section in self.sections:
            if section.id in seen_sections:
                todo = "geef elke sectie een eigen id"
                problems.append(Problem(f"section {section.id}: duplicate section id", todo))
            seen_sections.add(section.id)
            for article in section.articles:
                if article.id in articles:
                    todo = "geef elk artikel een eigen id (het nummer in het protocol)"
                    problems.append(Problem(f"article {article.id}: duplicate article id", todo))
                articles[article.id] = article.text
        seen_situations: set[str] = set()
        for situation in self.situations:
            if situation.id in seen_situations:
                todo = "geef elke situatie een eigen id"
                problems.append(Problem(f"situation {situation.id}: duplicate situation id", todo))
            seen_situations.add(situation.id)
            problems += _reference_problems(situation, articles)
        for role, article_id in self.school.report_article.items():
            if article_id not in articles:
                where = f"school: report_article: {role}: unknown article {article_id}"
                problems.append(Problem(where, article_todo(article_id, list(articles))))
        if problems:
            fail(problems)
        return self


def _reference_problems(situation: Situation, articles: dict[str, str]) -> list[Problem]:
    """The articles a situation (and each of its broken conditions) cites and quotes, checked."""
    where = f"situation {situation.id}"
    ids = list(articles)
    problems = [
        Problem(f"{where}: sources: unknown article {source}", article_todo(source, ids))
        for source in situation.sources
        if source not in articles
    ]
    first = situation.sources[0]
    quote = situation.quote
    if quote is not None and first in articles and not is_verbatim(quote, articles[first]):
        problems.append(_not_verbatim(f"{where}: quote", first))
    for n, violation in enumerate(situation.violations, start=1):
        sources = violation.sources or situation.sources
        problems += [
            Problem(f"{where}: violations[{n}].sources: unknown article {source}", article_todo(source, ids))
            for source in violation.sources
            if source not in articles
        ]
        quoted = violation.quote
        if quoted is not None and sources[0] in articles and not is_verbatim(quoted, articles[sources[0]]):
            problems.append(_not_verbatim(f"{where}: violations[{n}].quote", sources[0]))
    return problems


def _not_verbatim(where: str, article: str) -> Problem:
    return Problem(
        f"{where}: not a verbatim part of article {article}",
        f"neem de woorden letterlijk over uit artikel {article} (… voor wat je weglaat), of laat quote weg",
    )


class Lexicon(_Strict):
    """`rules/lexicon.yaml`: concepts shared by all schools, and words never corrected as typos."""

    concepts: dict[ConceptName, list[Text]]
    plain_words: list[Text] = []
    # Phrases that use a concept's words for something else ("toevoegen aan de groepsapp" is no befriending).
    masks: dict[ConceptName, list[Text]] = {}


def is_verbatim(quote: str, article_text: str) -> bool:
    """True when every part of `quote` between ellipses stands in the article, in order.

    White space, quote style and letter case are ignored, so a quote may span the scan's line breaks.
    """
    haystack = _squash(article_text)
    position = 0
    for part in re.split(r"…|\.\.\.", quote):
        needle = _squash(part).strip(" .,;:")
        if not needle:
            continue
        found = haystack.find(needle, position)
        if found < 0:
            return False
        position = found + len(needle)
    return True


def _squash(text: str) -> str:
    for fancy, plain in (("’", "'"), ("‘", "'"), ("“", '"'), ("”", '"')):
        text = text.replace(fancy, plain)
    return re.sub(r"\s+", " ", text).strip().lower()
