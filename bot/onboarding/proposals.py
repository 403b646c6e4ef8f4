"""Which catalogue situations a school's articles appear to cover, with a verdict and a quote to review.

An article covers a catalogue entry when the shared lexicon finds the entry's `found_in` concepts in its
text (denied words count: "geen vrienden met medewerkers" is about befriending). The verdict is read from
the sentence that names those concepts most ("niet toegestaan" → no, "mits" → yes_if, "afgeraden" →
advised_against), and that sentence is the proposed quote. Everything proposed is for a person to review.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.protocol.catalogue import Catalogue, Entry, FoundIn, Wording
from bot.protocol.lexicon import ConceptMatcher
from bot.protocol.model import ROLES, Role, Verdict
from bot.protocol.text import fold, tokens

_MAX_SOURCES = 3
_REQUIRED, _OPTIONAL = 10, 3
_SPREAD = 8  # less for an article whose cues stand in different sentences

# The words that carry a verdict in Dutch protocols, on folded text; the first kind found wins.
_ADVISED_AGAINST = r"afgeraden|af te raden|raden .{0,40}af|niet wenselijk|onwenselijk"
_NO = (
    r"niet toegestaan|niet is toegestaan|mag niet|mogen niet|mag geen|mogen geen|verboden|nooit|"
    r"niet gebruikt|gaan niet|gaat niet|wordt geen|worden geen|word geen|onthouden zich|niet geaccepteerd|"
    r"geen deel uit|zal geen|zullen geen|publiceert geen|plaatst geen|deelt geen|maken geen|maakt geen|"
    r"niet betreden"
)
_YES_IF = (
    r"mits|tenzij|onder voorwaarde|alleen als|alleen wanneer|alleen met|alleen in|alleen bij|uitsluitend|"
    r"zolang|met toestemming|toestemming nodig|indien dit|voor zover|met inachtneming"
)
_YES = r"toegestaan|mag|mogen"
_WITHOUT_CONSENT = re.compile(r"\bzonder\b(?: \w+){0,6} toestemming\b")
_VERDICT_WORDS: tuple[tuple[Verdict, re.Pattern[str]], ...] = (
    ("advised_against", re.compile(rf"\b({_ADVISED_AGAINST})\b")),
    ("no", re.compile(rf"\b({_NO})\b")),
    ("yes_if", re.compile(rf"\b({_YES_IF})\b")),
    ("yes", re.compile(rf"\b({_YES})\b")),
    ("no", re.compile(r"\b(geen|niet)\b")),  # "gaan … geen vriendschap aan": a denial no other words explain
)


@dataclass(frozen=True, slots=True)
class Source:
    article: str  # the article id: "A.3"
    concepts: tuple[str, ...]  # what the lexicon found of the entry in it, for the person reviewing


@dataclass(frozen=True, slots=True)
class Proposal:
    entry: Entry
    sources: tuple[Source, ...]  # most likely first
    verdict: Verdict
    read_from: str  # the words the verdict was read from ("mag niet"), "" when it is the entry's default
    quote: str | None
    wording: Wording
    generic: bool  # the catalogue's plain answer for the verdict: the entry has none of its own

    @property
    def roles(self) -> list[Role]:
        return list(self.entry.roles)


@dataclass(frozen=True, slots=True)
class DraftedArticle:
    id: str
    text: str


def propose(articles: list[DraftedArticle], catalogue: Catalogue, matcher: ConceptMatcher) -> list[Proposal]:
    """The catalogue's entries that some article appears to cover, in the catalogue's order."""
    read = [_Read.of(article, matcher) for article in articles]
    proposals = []
    for entry in catalogue.situations:
        scored = [(*r.score(entry.found_in), r) for r in read]
        scored = [item for item in scored if item[0]]
        if not scored:
            continue
        best = sorted(scored, key=lambda item: -item[0])[:_MAX_SOURCES]
        sources = tuple(Source(r.id, _named(entry.found_in, r.whole)) for _, _, r in best)
        _, sentence, first = best[0]
        proposals.append(_proposal(entry, sources, first, sentence, catalogue.fallback))
    return proposals


@dataclass(frozen=True, slots=True)
class _Read:
    """An article as the lexicon reads it: as a whole and sentence by sentence (clauses after ';' too)."""

    id: str
    text: str
    whole: frozenset[str]
    sentences: tuple[tuple[str, frozenset[str]], ...]

    @classmethod
    def of(cls, article: DraftedArticle, matcher: ConceptMatcher) -> _Read:
        parts = [p.strip() for p in re.split(r"(?<=[.;!?])\s+", article.text) if p.strip()]
        sentences = tuple((part, matcher.find(tokens(part), denied_too=True)) for part in parts)
        return cls(article.id, article.text, matcher.find(tokens(article.text), denied_too=True), sentences)

    def score(self, found_in: FoundIn) -> tuple[int, str]:
        """How likely the article covers the entry, and the sentence that names it best.

        Every `all` cue in one sentence counts in full; spread over the article ("… via Teams. WhatsApp wordt
        niet gebruikt …") it counts less, and only with an `any` cue too: cues far apart are seldom about one
        thing ("leerlingen … de te volgen strategie" is no befriending). No `none` in the article; each `any`
        cue anywhere in it adds.
        """
        if set(found_in.none) & self.whole or not _has_all(found_in, self.whole):
            return 0, ""
        extra = sum(1 for cue in found_in.any if set(cue.split("|")) & self.whole)
        within = [(_hits(found_in, c), sentence) for sentence, c in self.sentences if _has_all(found_in, c)]
        if within:
            most, sentence = max(within, key=lambda item: item[0])
            return _REQUIRED * len(found_in.all) + _OPTIONAL * extra + most, sentence
        if not extra:
            return 0, ""
        core = set(found_in.all[0].split("|"))  # the sentence naming what the entry is about: "WhatsApp …"
        named = [item for item in self.sentences if core & item[1]]
        sentence = max(named, key=lambda item: _hits(found_in, item[1]))[0]
        return _REQUIRED * len(found_in.all) - _SPREAD + _OPTIONAL * extra, sentence


def _has_all(found_in: FoundIn, concepts: frozenset[str]) -> bool:
    return all(set(cue.split("|")) & concepts for cue in found_in.all)


def _hits(found_in: FoundIn, concepts: frozenset[str]) -> int:
    return sum(1 for cue in (*found_in.all, *found_in.any) if set(cue.split("|")) & concepts)


def _named(found_in: FoundIn, concepts: frozenset[str]) -> tuple[str, ...]:
    cues = [name for cue in (*found_in.all, *found_in.any) for name in cue.split("|")]
    return tuple(dict.fromkeys(name for name in cues if name in concepts))


def _proposal(
    entry: Entry, sources: tuple[Source, ...], first: _Read, sentence: str, fallback: dict[Verdict, Wording]
) -> Proposal:
    quote = sentence if len(first.sentences) > 1 else None
    verdict, words = (entry.default, "")
    if entry.read_verdict:
        verdict, words = read_verdict(sentence) or read_verdict(first.text) or (entry.default, "")
    wording, generic = entry.wording_for(verdict, fallback)
    return Proposal(entry, sources, verdict, words, quote, wording, generic)


def read_verdict(text: str) -> tuple[Verdict, str] | None:
    """The verdict a sentence of a protocol states, and the words that state it; None when it states none.

    "Niet toegestaan … zonder toestemming" is a condition: the general question's answer is yes_if.
    """
    folded = fold(text)
    for verdict, pattern in _VERDICT_WORDS:
        found = pattern.search(folded)
        if found:
            condition = _WITHOUT_CONSENT.search(folded) if verdict == "no" else None
            if condition:
                return "yes_if", f"{found.group(0)} … {condition.group(0)}"
            return verdict, found.group(0)
    return None


def article_roles(section_title: str, text: str) -> list[Role]:
    """Whom an article concerns: the group its section is for, else the groups it names, else everyone."""
    title = fold(section_title)
    if "voor alle" in title or "algemeen" in title:
        return list(ROLES)
    for_whom = [role for role, pattern in _ROLE_WORDS if pattern.search(title)]
    if for_whom and re.search(r"\bvoor\b", title):  # "Voor medewerkers", "Sancties voor ouders"
        return for_whom
    named = {role for role, pattern in _ROLE_WORDS if pattern.search(fold(text))} | set(for_whom)
    return [role for role in ROLES if role in named] or list(ROLES)


_ROLE_WORDS: tuple[tuple[Role, re.Pattern[str]], ...] = (
    ("medewerker", re.compile(r"\b(medewerker|personeel|werknemer|leerkracht|docent|leraar|leraren)")),
    ("leerling", re.compile(r"\b(leerling|kinderen|kind\b)")),
    ("ouder", re.compile(r"\b(ouder|verzorger)")),
)
