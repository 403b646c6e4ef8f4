"""Recognise concepts (`whatsapp`, `photo`, `befriend`, …) in a question, the way people write it.

A concept is a list of terms:
- `word`       the token itself; with five letters or more a typo of one letter is forgiven
               (insert, delete, swap or change: `whatsap`, `instagarm`), unless the token is a
               plain word of its own (listed in the lexicon's `plain_words`);
- `word*`      a token starting with it (`foto*` → `fotos`, `fotootje`), `*word` one ending in it
               (`*app` → `klassenapp`), `*word*` one containing it;
- `two words`  a phrase of consecutive tokens, each word as above (`buiten werk*`);
- `@concept`   every term of another concept.

A concept may be *masked* by phrases that use its words for something else ("toevoegen aan de groepsapp"
is no befriending, "ik kan niet meer inloggen" no despair): it counts only if still found with every
occurrence of those phrases taken out. Mask phrases use the same wildcards, without typo forgiveness.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import chain

from rapidfuzz.distance import OSA

from bot.protocol.text import fold, tokens

_FUZZY_MIN_LENGTH = 5
_CACHE_LIMIT = 50_000


class LexiconError(ValueError):
    """A concept refers to a concept that does not exist, or a term is empty."""


@dataclass(frozen=True, slots=True)
class _Pattern:
    kind: str  # exact | prefix | suffix | infix
    text: str

    @staticmethod
    def parse(word: str) -> _Pattern:
        core = word.strip("*")
        if not core:
            raise LexiconError(f"term {word!r} has no letters")
        if word.startswith("*") and word.endswith("*") and len(word) > 1:
            return _Pattern("infix", core)
        if word.endswith("*"):
            return _Pattern("prefix", core)
        if word.startswith("*"):
            return _Pattern("suffix", core)
        return _Pattern("exact", core)

    def matches(self, token: str) -> bool:
        if self.kind == "exact":
            return token == self.text
        if self.kind == "prefix":
            return token.startswith(self.text)
        if self.kind == "suffix":
            return token.endswith(self.text)
        return self.text in token


Phrase = tuple[tuple[_Pattern, ...], str]
# A phrase whose first words already matched: the patterns still to match after them, and its concept.
_Rest = tuple[tuple[_Pattern, ...], str]


@dataclass(frozen=True, slots=True)
class _Continuations:
    """What may follow the words of a phrase matched so far, as a tree over the next exact words: the
    concepts whose phrase ends here, the continuations by the next word, and those whose next word is a
    wildcard (checked word by word). A message walks it as far as its words go, instead of trying every
    phrase that starts the same ("in de …" starts some twenty)."""

    ends: list[str]
    by_next: dict[str, _Continuations]
    wildcards: list[_Rest]

    @classmethod
    def of(cls, rests: Iterable[_Rest]) -> _Continuations:
        root = cls([], {}, [])
        for patterns, concept in rests:
            node = root
            for i, pattern in enumerate(patterns):
                if pattern.kind != "exact":
                    node.wildcards.append((patterns[i:], concept))
                    break
                node = node.by_next.setdefault(pattern.text, cls([], {}, []))
            else:
                node.ends.append(concept)
        return root


_NO_CONTINUATIONS = _Continuations([], {}, [])


@dataclass(frozen=True, slots=True)
class _PhraseIndex:
    """Phrases by the pattern of their first word: `find` tries only those that can start at a token."""

    exact: dict[str, list[Phrase]]
    prefix: dict[str, list[Phrase]]
    suffix: dict[str, list[Phrase]]
    infix: list[Phrase]

    @classmethod
    def of(cls, phrases: Iterable[Phrase]) -> _PhraseIndex:
        index = cls(defaultdict(list), defaultdict(list), defaultdict(list), [])
        for phrase in phrases:
            first = phrase[0][0]
            if first.kind == "infix":
                index.infix.append(phrase)
            else:
                {"exact": index.exact, "prefix": index.prefix, "suffix": index.suffix}[first.kind][
                    first.text
                ].append(phrase)
        return index

    def starting_with(self, token: str) -> list[Phrase]:
        found = list(self.exact.get(token, ()))
        for end in range(1, len(token) + 1):
            found += self.prefix.get(token[:end], ())
        for start in range(len(token)):
            found += self.suffix.get(token[start:], ())
        found += [phrase for phrase in self.infix if phrase[0][0].text in token]
        return found


_NEGATIONS = frozenset({"geen", "zonder"})
_JOINS = frozenset({"of", "en", "noch"})
_ARTICLES = frozenset({"de", "het", "een", "hun", "zijn", "haar", "mijn", "jouw", "van"})


def _affirmed(tokens: Sequence[str]) -> list[str]:
    """The tokens without what is denied: in "zonder namen of foto's" neither names nor photos are there.

    A negation denies the next word (articles in between are passed over) and every word joined to it
    by "of"/"en". Phrases are matched on all tokens, so "zonder toestemming van mij" stays a phrase.
    """
    kept: list[str] = []
    denying = False  # the next content word is denied
    just_denied = False  # a word was denied: "of"/"en" next denies the one after it too
    for token in tokens:
        if token in _NEGATIONS:
            kept.append(token)
            denying, just_denied = True, False
        elif denying and token in _ARTICLES:
            continue
        elif denying:
            denying, just_denied = False, True
        elif just_denied and token in _JOINS:
            denying, just_denied = True, False
        else:
            kept.append(token)
            just_denied = False
    return kept


@cache
def _term_words(term: str) -> tuple[str, ...]:
    """A lexicon term as the words it matches: folded, short forms written out, wildcards kept.

    Memoised: the same terms recur in every school's compiled lexicon.
    """
    words: list[str] = []
    for raw in term.split():
        parts = tokens(raw.strip("*")) if raw.strip("*") else []
        if not parts:
            raise LexiconError(f"term {term!r} has no letters")
        if raw.startswith("*"):
            parts[0] = "*" + parts[0]
        if raw.endswith("*"):
            parts[-1] += "*"
        words.extend(parts)
    return tuple(words)


@cache
def _parse(word: str) -> _Pattern:
    return _Pattern.parse(word)


def _deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


@dataclass(frozen=True, slots=True)
class _Mask:
    """The phrases that mask one concept, those starting with an exact word found by that word."""

    by_first: dict[str, tuple[tuple[_Pattern, ...], ...]]
    others: tuple[tuple[_Pattern, ...], ...]

    @staticmethod
    def of(terms: Iterable[str]) -> _Mask:
        by_first: dict[str, list[tuple[_Pattern, ...]]] = defaultdict(list)
        others: list[tuple[_Pattern, ...]] = []
        for term in terms:
            phrase = tuple(_parse(word) for word in _term_words(term))
            if phrase[0].kind == "exact":
                by_first[phrase[0].text].append(phrase)
            else:
                others.append(phrase)
        return _Mask({first: tuple(found) for first, found in by_first.items()}, tuple(others))

    def without(self, tokens: Sequence[str]) -> list[str]:
        """`tokens` with every occurrence of the phrases taken out."""
        kept: list[str] = []
        i = 0
        while i < len(tokens):
            hit = next(
                (
                    len(phrase)
                    for phrase in chain(self.by_first.get(tokens[i], ()), self.others)
                    if _follows(phrase, tokens, i)
                ),
                0,
            )
            if hit:
                i += hit
            else:
                kept.append(tokens[i])
                i += 1
        return kept


class ConceptMatcher:
    """Compiled from concept definitions once at load; `find()` is then a few dict look-ups a token."""

    def __init__(
        self,
        concepts: Mapping[str, Sequence[str]],
        plain_words: Iterable[str] = (),
        masks: Mapping[str, Sequence[str]] | None = None,
    ) -> None:
        self.names = frozenset(concepts)
        self._mask_terms = {name: list(terms) for name, terms in (masks or {}).items()}
        self._masks = {name: _Mask.of(terms) for name, terms in self._mask_terms.items()}
        self._definitions = {name: list(terms) for name, terms in concepts.items()}
        self._exact: dict[str, set[str]] = defaultdict(set)
        self._prefix: dict[str, set[str]] = defaultdict(set)
        self._suffix: dict[str, set[str]] = defaultdict(set)
        self._infix: list[tuple[str, str]] = []
        self._phrases: list[Phrase] = []
        self._phrase_index: _PhraseIndex | None = None
        self._plain = {fold(word) for word in plain_words}
        self._near: dict[str, set[str]] = defaultdict(set)
        self._cache: dict[str, frozenset[str]] = {}
        self._phrase_cache: dict[str, _Continuations] = {}
        for name in concepts:
            for term in self._expand(name, concepts, ()):
                self._add(term, name)

    def terms(self, name: str) -> list[str]:
        """Every term of a concept, those of the concepts it includes (`@other`) written out."""
        if name not in self._definitions:
            return []
        return self._expand(name, self._definitions, ())

    def extended(
        self, extra: Mapping[str, Sequence[str]], masks: Mapping[str, Sequence[str]] | None = None
    ) -> ConceptMatcher:
        """A copy with more concepts or more terms for existing ones (a school's own words), and more
        masking phrases (a school's own: "de naam van school" is nobody's personal data).

        Compiling the shared lexicon once and extending it per school keeps loading fast.
        """
        definitions = {name: list(terms) for name, terms in self._definitions.items()}
        for name, terms in extra.items():
            definitions.setdefault(name, []).extend(terms)
        clone = ConceptMatcher.__new__(ConceptMatcher)
        clone.names = frozenset(definitions)
        clone._definitions = definitions
        clone._exact = defaultdict(set, {word: set(c) for word, c in self._exact.items()})
        clone._prefix = defaultdict(set, {word: set(c) for word, c in self._prefix.items()})
        clone._suffix = defaultdict(set, {word: set(c) for word, c in self._suffix.items()})
        clone._infix = list(self._infix)
        clone._phrases = list(self._phrases)
        clone._phrase_index = None
        clone._plain = self._plain
        clone._mask_terms = {name: list(terms) for name, terms in self._mask_terms.items()}
        for name, terms in (masks or {}).items():
            clone._mask_terms.setdefault(name, []).extend(terms)
        clone._masks = {
            name: self._masks[name] if name not in (masks or {}) else _Mask.of(terms)
            for name, terms in clone._mask_terms.items()
        }
        clone._near = defaultdict(set, {key: set(words) for key, words in self._near.items()})
        clone._cache = {}
        clone._phrase_cache = {}
        includers = clone._includers()
        for name, terms in extra.items():
            for term in terms:
                own_terms = clone._expand_terms(name, [term], definitions, ())
                for concept in includers.get(name, {name}):
                    for own in own_terms:
                        clone._add(own, concept)
        return clone

    def _includers(self) -> dict[str, set[str]]:
        """For each concept, every concept that includes it (directly or through others), and itself."""
        result: dict[str, set[str]] = {name: {name} for name in self._definitions}
        changed = True
        while changed:
            changed = False
            for name, terms in self._definitions.items():
                for term in terms:
                    if term.startswith("@") and term[1:] in result:
                        before = len(result[term[1:]])
                        result[term[1:]] |= result[name]
                        changed |= len(result[term[1:]]) != before
        return result

    def _expand(self, name: str, concepts: Mapping[str, Sequence[str]], trail: tuple[str, ...]) -> list[str]:
        return self._expand_terms(name, concepts[name], concepts, trail)

    def _expand_terms(
        self, name: str, terms: Sequence[str], concepts: Mapping[str, Sequence[str]], trail: tuple[str, ...]
    ) -> list[str]:
        if name in trail:
            raise LexiconError(f"concept {name!r} includes itself via {' → '.join(trail)}")
        expanded: list[str] = []
        for term in terms:
            if term.startswith("@"):
                ref = term[1:]
                if ref not in concepts:
                    raise LexiconError(f"concept {name!r}: unknown concept {term!r}")
                expanded.extend(self._expand(ref, concepts, (*trail, name)))
            else:
                expanded.append(term)
        return expanded

    def _add(self, term: str, concept: str) -> None:
        try:
            words = _term_words(term)
        except LexiconError as exc:
            raise LexiconError(f"concept {concept!r}: {exc}") from None
        if len(words) > 1:
            self._phrases.append((tuple(_parse(w) for w in words), concept))
            self._phrase_index = None
            self._phrase_cache.clear()
            return
        pattern = _parse(words[0])
        if pattern.kind == "exact":
            if pattern.text not in self._exact and len(pattern.text) >= _FUZZY_MIN_LENGTH:
                for key in {pattern.text} | _deletes(pattern.text):
                    self._near[key].add(pattern.text)
            self._exact[pattern.text].add(concept)
        elif pattern.kind == "prefix":
            self._prefix[pattern.text].add(concept)
        elif pattern.kind == "suffix":
            self._suffix[pattern.text].add(concept)
        else:
            self._infix.append((pattern.text, concept))

    def find(self, tokens: Sequence[str], denied_too: bool = False) -> frozenset[str]:
        """Every concept named by the tokens (already folded) or by a phrase in them.

        A question's denied words ("zonder namen") name nothing; a protocol's article ("geen vrienden met
        medewerkers") is about what it denies too: `denied_too`.
        """
        found = self._find(tokens, denied_too)
        for name, mask in self._masks.items():
            if name in found and name not in self._find(mask.without(tokens), denied_too):
                found -= {name}
        return found

    def _find(self, tokens: Sequence[str], denied_too: bool) -> frozenset[str]:
        found: set[str] = set()
        for token in tokens if denied_too else _affirmed(tokens):
            found |= self._token(token)
        end = len(tokens)
        for start in range(end - 1):  # a phrase has two words or more
            node = self._phrases_from(tokens[start])
            at = start + 1
            while True:
                for rest, concept in node.wildcards:
                    if concept not in found and _follows(rest, tokens, at):
                        found.add(concept)
                if at == end:
                    break
                next_node = node.by_next.get(tokens[at])
                if next_node is None:
                    break
                node = next_node
                found.update(node.ends)
                at += 1
        return frozenset(found)

    def _phrases_from(self, token: str) -> _Continuations:
        """The rest of the phrases whose first word `token` matches (cached per token, like `_token`)."""
        cached = self._phrase_cache.get(token)
        if cached is not None:
            return cached
        if self._phrase_index is None:
            self._phrase_index = _PhraseIndex.of(self._phrases)
        starting = self._phrase_index.starting_with(token)
        found = (
            _Continuations.of((patterns[1:], concept) for patterns, concept in starting)
            if starting
            else _NO_CONTINUATIONS
        )
        if len(self._phrase_cache) < _CACHE_LIMIT:
            self._phrase_cache[token] = found
        return found

    def _token(self, token: str) -> frozenset[str]:
        cached = self._cache.get(token)
        if cached is not None:
            return cached
        found = set(self._exact.get(token, ()))
        for end in range(2, len(token) + 1):
            found |= self._prefix.get(token[:end], set())
        for start in range(len(token) - 1):
            found |= self._suffix.get(token[start:], set())
        for part, concept in self._infix:
            if part in token:
                found.add(concept)
        if not found and token not in self._plain:
            for word in self.typo_of(token):
                found |= self._exact[word]
        result = frozenset(found)
        if len(self._cache) < _CACHE_LIMIT:
            self._cache[token] = result
        return result

    def typo_of(self, token: str) -> set[str]:
        """The lexicon words that `token` is one typo away from (none for short tokens)."""
        if len(token) < _FUZZY_MIN_LENGTH or token in self._exact:
            return set()
        near = set()
        for key in {token} | _deletes(token):
            for word in self._near.get(key, ()):
                if OSA.distance(token, word, score_cutoff=1) <= 1:
                    near.add(word)
        return near


def _follows(patterns: tuple[_Pattern, ...], tokens: Sequence[str], at: int) -> bool:
    """The tokens from `at` on match `patterns`, one by one."""
    end = at + len(patterns)
    return end <= len(tokens) and all(map(_Pattern.matches, patterns, tokens[at:end]))
