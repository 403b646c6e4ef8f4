"""One school's rules compiled for matching: the situations per role, scored on a question's concepts,
the articles and contacts the answers quote. The engine asks it; the answers are worded from it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import get_args

from bot.protocol import concepts as c
from bot.protocol import wording
from bot.protocol.answer import Quote, Suggestion
from bot.protocol.lexicon import ConceptMatcher
from bot.protocol.model import BROKEN, ROLES, Article, Intent, Role, RulesFile, Section, Situation

_MAX_SUGGESTIONS = 3
# A question about consequences prefers the situations that are about consequences: more than an optional
# cue, less than a required one.
_SANCTION_CUES = frozenset({c.SANCTION, c.SANCTION_QUESTION})
# The scoring weights: a situation's score is REQUIRED_WEIGHT per required cue present (all must be),
# OPTIONAL_WEIGHT per optional one, and SANCTION_BONUS for a sanctions situation when a sanction is asked.
# The highest score wins; a tie goes to the situation whose required cues the question meets with telling
# words rather than only broad ones (`concepts.BROAD`), then to the one written first in the school's file.
REQUIRED_WEIGHT = 10
OPTIONAL_WEIGHT = 3
SANCTION_BONUS = 6


@dataclass(frozen=True, slots=True)
class _Rule:
    """A situation compiled for matching: each required cue as a set of alternatives."""

    situation: Situation
    order: int
    required: tuple[frozenset[str], ...]
    optional: tuple[frozenset[str], ...]
    excluded: frozenset[str]
    about_sanctions: bool  # a required cue names a sanction: the rule answers "welke straf krijg ik?"

    @classmethod
    def compile(cls, situation: Situation, order: int) -> _Rule:
        required = tuple(frozenset(cue.split("|")) for cue in situation.match.all)
        return cls(
            situation=situation,
            order=order,
            required=required,
            optional=tuple(frozenset(cue.split("|")) for cue in situation.match.any),
            excluded=frozenset(situation.match.none),
            about_sanctions=any(cue & _SANCTION_CUES for cue in required),
        )

    def fits(self, concepts: frozenset[str]) -> bool:
        """Every required cue present and no excluded concept: `score` counts. Stops at the first miss, as
        most rules miss on their first cue (matching runs over every rule of a role for each message)."""
        return not any(map(concepts.isdisjoint, self.required)) and self.excluded.isdisjoint(concepts)

    def score(self, concepts: frozenset[str]) -> tuple[int, int]:
        """(required cues present, score): the score counts only when every required cue is present."""
        if not self.excluded.isdisjoint(concepts):
            return 0, 0
        # The cues present are those not disjoint from the concepts (counted in C: this runs for every rule).
        hits = len(self.required) - sum(map(concepts.isdisjoint, self.required))
        extra = len(self.optional) - sum(map(concepts.isdisjoint, self.optional))
        # "Kun je geschorst worden voor een meme?" asks about the sanctions, not about the meme.
        answers_sanctions = self.about_sanctions and c.SANCTION_QUESTION in concepts
        bonus = SANCTION_BONUS if answers_sanctions else 0
        return hits, REQUIRED_WEIGHT * hits + OPTIONAL_WEIGHT * extra + bonus


@dataclass(frozen=True, slots=True)
class _Match:
    rule: _Rule
    score: int


def _broad_cues(rule: _Rule, concepts: frozenset[str]) -> int:
    """How many of the rule's required cues the question meets only with broad concepts ("school")."""
    return sum(1 for cue in rule.required if not (cue & concepts) - c.BROAD)


def names_concept(rule: _Rule, concept: str) -> bool:
    return any(concept in cue for cue in (*rule.required, *rule.optional))


def about_staff(rule: _Rule) -> bool:
    """Whether a situation's required cues name members of staff, or the school's own act ("de juf heeft een
    foto van mijn zoon gezet": what a member of staff did, asked by the one it is about)."""
    return any(cue & (c.STAFF_PEOPLE | {c.SCHOOL_DID}) for cue in rule.required)


def asks_for_a_contact_not_covered(concepts: frozenset[str], rule: _Rule) -> bool:
    """A question for whom to contact, matched to a situation that does not name a contact.

    Situations that name one say so with the cue `contact_question`; the doubt articles ("bij twijfel
    overleg je met …") name one by nature.
    """
    if c.CONTACT_QUESTION not in concepts or c.INCIDENT in concepts:
        return False
    cues = (*rule.required, *rule.optional)
    return not any(cue & {c.CONTACT_QUESTION, c.DOUBT} for cue in cues)


class SchoolBook:
    """One school's rules, compiled once at load."""

    def __init__(self, rules: RulesFile, matcher: ConceptMatcher) -> None:
        self.rules = rules
        self.matcher = matcher
        self.articles: dict[str, tuple[Article, Section]] = {
            article.id: (article, section) for section in rules.sections for article in section.articles
        }
        compiled = [_Rule.compile(s, i) for i, s in enumerate(rules.situations)]
        self._by_role: dict[Role, list[_Rule]] = {
            role: [r for r in compiled if role in r.situation.roles] for role in ROLES
        }
        self._by_intent: dict[tuple[Role, Intent], list[_Rule]] = {
            (role, intent): [r for r in rules if r.situation.intent == intent]
            for role, rules in self._by_role.items()
            for intent in get_args(Intent)
        }

    def best(
        self, concepts: frozenset[str], role: Role, intent: Intent, naming_a_contact: bool = False
    ) -> _Match | None:
        best: _Match | None = None
        for rule in self._by_intent[role, intent]:
            if not rule.fits(concepts):
                continue
            if naming_a_contact and asks_for_a_contact_not_covered(concepts, rule):
                continue
            score = rule.score(concepts)[1]
            if (
                best is None
                or score > best.score
                or (score == best.score and _broad_cues(rule, concepts) < _broad_cues(best.rule, concepts))
            ):
                best = _Match(rule, score)
        return best

    def fits_partly(self, situation: Situation, role: Role, concepts: frozenset[str]) -> bool:
        """Whether the question names at least one of the situation's required cues (and none it excludes)."""
        rule = next(r for r in self._by_role[role] if r.situation.id == situation.id)
        return rule.score(concepts)[0] > 0

    def tied(self, concepts: frozenset[str], role: Role, situation_id: str) -> list[Situation]:
        """The question situations that fit `concepts` exactly as well as `situation_id` does, itself too."""
        fits = [
            (rule.score(concepts)[1], rule.situation)
            for rule in self._by_intent[role, "question"]
            if rule.fits(concepts)
        ]
        top = next((score for score, s in fits if s.id == situation_id), None)
        return [s for score, s in fits if score == top]

    def consequences(self, concepts: frozenset[str], role: Role) -> Situation | None:
        """The situation that says what happens to someone of `role` who breaks the protocol (the sanctions
        for pupils, for parents, for staff), best fitting the question; None where the school has none."""
        # The people it was done to are not whom the sanctions are for: "een nepfilmpje van de juf" asks
        # about the pupil's sanctions, not a teacher's.
        others = frozenset() if role == "medewerker" else c.STAFF_PEOPLE
        asked = (concepts - others) | {c.SANCTION}
        best: tuple[int, int, Situation] | None = None
        for rule in self._by_intent[role, "question"]:
            if not any(c.SANCTION in cue for cue in rule.required) or not rule.fits(asked):
                continue
            score = rule.score(asked)[1]
            if best is None or score > best[0]:
                best = (score, -rule.order, rule.situation)
        return best[2] if best else None

    def rules_for(self, role: Role) -> list[_Rule]:
        return self._by_role[role]

    def situation(self, situation_id: str, role: Role) -> Situation | None:
        """A question situation of this school for `role` by id (`<id>-broken-<n>`: its n-th violation)."""
        base, _, broken = situation_id.partition(BROKEN)
        rule = next((r for r in self._by_role[role] if r.situation.id == base), None)
        if rule is None or rule.situation.intent != "question":
            return None
        if not broken:
            return rule.situation
        n = int(broken) if broken.isdigit() else 0
        return rule.situation.violated(n) if 1 <= n <= len(rule.situation.violations) else None

    def citing(self, article: str, role: Role, concepts: frozenset[str]) -> Situation | None:
        """The question situation for `role` that best fits the concepts, of those citing `article` first."""
        citing = [
            r
            for r in self._by_role[role]
            if r.situation.intent == "question" and r.situation.sources[0] == article
        ]
        if not citing:
            return None
        return max(citing, key=lambda r: (r.score(concepts)[1], -r.order)).situation

    def near(self, concepts: frozenset[str], role: Role, lang: str = "nl") -> list[Suggestion]:
        """Situations that half fit: offered, never answered, under their topic in `lang`."""
        telling = concepts - c.GENERIC
        ranked: list[tuple[float, int, Situation]] = []
        for rule in self._by_role[role]:
            # Only offer what the question itself is about: "school" or "mag ik" alone says nothing.
            if all(map(telling.isdisjoint, rule.required)):
                continue
            hits, score = rule.score(concepts)
            if hits and hits * 2 >= len(rule.required):
                ranked.append((hits / len(rule.required), score, rule.situation))
        ranked.sort(key=lambda item: (-item[0], -item[1]))
        seen: set[str] = set()
        suggestions = []
        for _, _, situation in ranked:
            article_id = situation.sources[0]
            if article_id in seen:
                continue
            seen.add(article_id)
            suggestions.append(
                Suggestion(
                    article_id=self.full_id(article_id), topic=situation.topic_in(lang), asks=situation.topic
                )
            )
            if len(suggestions) == _MAX_SUGGESTIONS:
                break
        return suggestions

    def full_id(self, article_id: str) -> str:
        return f"{self.rules.school.slug}:{article_id}"

    def quote(self, article_id: str, quoted: str | None = None) -> Quote:
        article, section = self.articles[article_id]
        return Quote(
            article_id=self.full_id(article_id),
            section_title=section.title,
            quoted=quoted or article.text,
            full_text=article.text,
        )

    def contacts(self, keys: Sequence[str]) -> tuple[str, ...]:
        school = self.rules.school
        return tuple(wording.contact_phrase(school.contact(key)) for key in keys)
