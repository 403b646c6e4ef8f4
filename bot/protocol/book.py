"""One school's rules compiled for matching: the situations per role, scored on a question's concepts,
the articles and contacts the answers quote. The engine asks it; the answers are worded from it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.protocol import wording
from bot.protocol.answer import Quote, Suggestion
from bot.protocol.lexicon import ConceptMatcher
from bot.protocol.model import ROLES, Article, Role, RulesFile, Section, Situation

_MAX_SUGGESTIONS = 3
# A question about consequences prefers the situations that are about consequences: more than an optional
# cue, less than a required one.
_SANCTION_CUES = frozenset({"sanction", "sanction_question"})
_SANCTION_BONUS = 6
# Concepts nearly every question has: they never make a situation worth suggesting on their own.
_GENERIC = frozenset(
    {
        "school",
        "self",
        "permission",
        "question_form",
        "duty_question",
        "hypothetical",
        "victim",
        "obliged",
        "staff",
        "pupil",
        "parent",
        "class",
        "colleague",
        "message",
        "make",
        "use",
        "report_action",
    }
)


@dataclass(frozen=True, slots=True)
class _Rule:
    """A situation compiled for matching: each required cue as a set of alternatives."""

    situation: Situation
    order: int
    required: tuple[frozenset[str], ...]
    optional: tuple[frozenset[str], ...]
    excluded: frozenset[str]

    @classmethod
    def compile(cls, situation: Situation, order: int) -> _Rule:
        return cls(
            situation=situation,
            order=order,
            required=tuple(frozenset(cue.split("|")) for cue in situation.match.all),
            optional=tuple(frozenset(cue.split("|")) for cue in situation.match.any),
            excluded=frozenset(situation.match.none),
        )

    def score(self, concepts: frozenset[str]) -> tuple[int, int]:
        """(required cues present, score): the score counts only when every required cue is present."""
        if self.excluded & concepts:
            return 0, 0
        hits = sum(1 for cue in self.required if cue & concepts)
        extra = sum(1 for cue in self.optional if cue & concepts)
        # "Kun je geschorst worden voor een meme?" asks about the sanctions, not about the meme.
        answers_sanctions = "sanction_question" in concepts and any(
            cue & _SANCTION_CUES for cue in self.required
        )
        return hits, 10 * hits + 3 * extra + (_SANCTION_BONUS if answers_sanctions else 0)


@dataclass(frozen=True, slots=True)
class _Match:
    rule: _Rule
    score: int


def names_concept(rule: _Rule, concept: str) -> bool:
    return any(concept in cue for cue in (*rule.required, *rule.optional))


def asks_for_a_contact_not_covered(concepts: frozenset[str], rule: _Rule) -> bool:
    """A question for whom to contact, matched to a situation that does not name a contact.

    Situations that name one say so with the cue `contact_question`; the doubt articles ("bij twijfel
    overleg je met …") name one by nature.
    """
    if "contact_question" not in concepts or "incident" in concepts:
        return False
    cues = (*rule.required, *rule.optional)
    return not any(cue & {"contact_question", "doubt"} for cue in cues)


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

    def best(
        self, concepts: frozenset[str], role: Role, intent: str, naming_a_contact: bool = False
    ) -> _Match | None:
        best: _Match | None = None
        for rule in self._by_role[role]:
            if rule.situation.intent != intent:
                continue
            if naming_a_contact and asks_for_a_contact_not_covered(concepts, rule):
                continue
            hits, score = rule.score(concepts)
            if hits < len(rule.required):
                continue
            if best is None or score > best.score:
                best = _Match(rule, score)
        return best

    def rules_for(self, role: Role) -> list[_Rule]:
        return self._by_role[role]

    def near(self, concepts: frozenset[str], role: Role, lang: str = "nl") -> list[Suggestion]:
        """Situations that half fit: offered, never answered, under their topic in `lang`."""
        telling = concepts - _GENERIC
        ranked: list[tuple[float, int, Situation]] = []
        for rule in self._by_role[role]:
            hits, score = rule.score(concepts)
            # Only offer what the question itself is about: "school" or "mag ik" alone says nothing.
            if not any(cue & telling for cue in rule.required):
                continue
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
