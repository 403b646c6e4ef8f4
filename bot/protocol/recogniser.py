"""A second opinion on which article a question is about, learned from the questions examiners labelled.

The situations in a school's rules decide every answer; this recogniser only checks them. It is a linear
classifier per school (an averaged perceptron) over the same features as the safety detector (words, word
pairs, letter 4-grams), trained on the labelled questions of the eval sets used for fixing and the case
files, each with every article a careful reader accepts ("none" where the protocol does not cover it).
When it is clearly surer of another article than of every article the engine's answer cites, the two
readings disagree; on questions nobody had seen such answers were wrong more often than right, so the
engine asks back instead of answering (`RuleBook.answer`, verdict `clarify`). A school without labelled
questions has no recogniser: the engine answers alone. Deterministic (seeded orders, averaged) and
explainable (`Guess.scores`, shown by `ask --explain`). `scripts/article_model.py` rebuilds
`rules/articles-model.json`; a test fails when it is out of date.
"""

from __future__ import annotations

import json
import math
import random
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from bot.safety.learned import features

MODEL_FILE = "articles-model.json"
NONE = "none"  # the class of questions the protocol does not cover
_MIN_DOCUMENTS = 3  # a feature seen in fewer labelled questions says nothing reliable
_EPOCHS = 12
_ORDERS = 8  # runs over the examples in different (seeded) orders, averaged
_DIGITS = 2
_MIN_WEIGHT = 0.25


class _AveragedPerceptron:
    """Weights per feature and article, and their running sums for the average (updated lazily)."""

    def __init__(self, classes: Sequence[str]) -> None:
        self.classes = tuple(classes)
        self.weights: dict[str, dict[str, float]] = defaultdict(dict)
        self._totals: dict[tuple[str, str], float] = {}
        self._stamps: dict[tuple[str, str], int] = {}
        self.step = 0

    def scores(self, found: Sequence[str]) -> dict[str, float]:
        scores = dict.fromkeys(self.classes, 0.0)
        for f in found:
            for label, w in self.weights.get(f, {}).items():
                scores[label] += w
        return scores

    def learn(self, found: Sequence[str], labels: Sequence[str]) -> None:
        """One example: when the best article is not acceptable, promote the best acceptable one."""
        self.step += 1
        scores = self.scores(found)
        guess = max(self.classes, key=lambda c: (scores[c], c))
        if guess in labels:
            return
        right = max(labels, key=lambda c: (scores[c], c))
        for f in found:
            self._bump(f, right, 1.0)
            self._bump(f, guess, -1.0)

    def _bump(self, f: str, label: str, by: float) -> None:
        key = (f, label)
        w = self.weights[f].get(label, 0.0)
        self._totals[key] = self._totals.get(key, 0.0) + w * (self.step - self._stamps.get(key, 0))
        self._stamps[key] = self.step
        self.weights[f][label] = w + by

    def averaged(self) -> dict[str, dict[str, float]]:
        """The weights averaged over every step, per feature and article (unrounded)."""
        end = self.step + 1
        means: dict[str, dict[str, float]] = {}
        for f, by in self.weights.items():
            for label, w in by.items():
                key = (f, label)
                total = self._totals.get(key, 0.0) + w * (end - self._stamps.get(key, 0))
                means.setdefault(f, {})[label] = total / end
        return means


def _kept(runs: Sequence[dict[str, dict[str, float]]]) -> dict[str, dict[str, float]]:
    """The mean of several runs' weights, rounded, without the ones too small to matter."""
    total: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for run in runs:
        for f, by in run.items():
            for label, w in by.items():
                total[f][label] += w
    kept: dict[str, dict[str, float]] = {}
    for f in sorted(total):
        means = {label: round(w / len(runs), _DIGITS) for label, w in sorted(total[f].items())}
        means = {label: w for label, w in means.items() if abs(w) >= _MIN_WEIGHT}
        if means:
            kept[f] = means
    return kept


def train(examples: Iterable[tuple[str, str, Sequence[str]]]) -> dict[str, object]:
    """Per school, weights per feature and article from (school, text, acceptable articles) examples, and
    which articles examiners accepted together for one question.

    A multi-label averaged perceptron. One run depends on the order it visits the examples in (a few more
    examples could move a guess far), so it is run `_ORDERS` times, each in an order of its own seed, and the
    runs averaged: the same examples give the same model on every machine, and a few more move it a little.
    """
    by_school: dict[str, list[tuple[list[str], tuple[str, ...]]]] = defaultdict(list)
    for school, text, articles in examples:
        by_school[school].append((sorted(features(text)), tuple(articles)))
    model: dict[str, object] = {}
    for school, docs in sorted(by_school.items()):
        spread = Counter(f for found, _ in docs for f in set(found))
        rows = [([f for f in found if spread[f] >= _MIN_DOCUMENTS], labels) for found, labels in docs]
        classes = sorted({label for _, labels in rows for label in labels})
        runs = []
        for seed in range(_ORDERS):
            perceptron = _AveragedPerceptron(classes)
            order = random.Random(seed)  # noqa: S311 - a reproducible order, not a secret
            visit = list(rows)
            for _ in range(_EPOCHS):
                order.shuffle(visit)
                for found, labels in visit:
                    perceptron.learn(found, labels)
            runs.append(perceptron.averaged())
        alike: dict[str, set[str]] = defaultdict(set)
        for _, labels in rows:
            for label in labels:
                alike[label].update(other for other in labels if other != label)
        model[school] = {
            "classes": classes,
            "alike": {label: sorted(others) for label, others in sorted(alike.items()) if others},
            "weights": _kept(runs),
        }
    return model


@dataclass(frozen=True, slots=True)
class Guess:
    article: str  # the most likely: a local article id ("A.8"), or NONE
    scores: dict[str, float]  # score per article the recogniser knows
    alike: dict[str, list[str]]  # articles examiners accepted together for one question

    def score(self, article: str) -> float:
        """The recogniser's score for an article; minus infinity for one it does not know."""
        return self.scores.get(article, -math.inf)

    def lead_over(self, articles: Sequence[str]) -> float:
        """How much surer the recogniser is of its best guess than of the likeliest of `articles` or of an
        article examiners accepted as the same answer; minus infinity (no opinion) when it knows none."""
        same = {*articles, *(other for a in articles for other in self.alike.get(a, ()))}
        if self.article in same:
            return 0.0
        known = [self.scores[a] for a in same if a in self.scores]
        return self.scores[self.article] - max(known) if known else -math.inf


class _SchoolModel:
    """One school's weights. A feature's weights are kept as (class index, weight) pairs once first used:
    summing into a list by index is about twice as fast as into a dict by name, and converting every
    feature at load would cost the start ~30 ms for features most messages never name."""

    __slots__ = ("_index", "_indexed", "alike", "classes", "weights")

    def __init__(
        self, classes: tuple[str, ...], alike: dict[str, list[str]], weights: dict[str, dict[str, float]]
    ) -> None:
        self.classes = classes
        self.alike = alike
        self.weights = weights
        self._index = {label: i for i, label in enumerate(classes)}
        self._indexed: dict[str, tuple[tuple[int, float], ...]] = {}

    def _remember(self, feature: str) -> tuple[tuple[int, float], ...]:
        """A feature of the model as (class index, weight) pairs, kept from now on."""
        pairs = tuple((self._index[label], w) for label, w in self.weights[feature].items())
        self._indexed[feature] = pairs
        return pairs

    def guess(self, text: str) -> Guess | None:
        if len(self.classes) < 2:
            return None
        weights, indexed = self.weights, self._indexed
        sums = [0.0] * len(self.classes)
        found = False
        # Each class's sum is taken over the features in their sorted order, as before: the same last bits.
        for feature in features(text):
            pairs = indexed.get(feature)
            if pairs is None:
                if feature not in weights:
                    continue  # not remembered: a message's unknown features (typos, names) are endless
                pairs = self._remember(feature)
            found = True
            for i, w in pairs:
                sums[i] += w
        if not found:
            return None
        scores = dict(zip(self.classes, sums, strict=True))
        best = max(scores, key=scores.__getitem__)  # the first of equals in the model's order: reproducible
        return Guess(best, scores, self.alike)


class ArticleRecogniser:
    def __init__(self, schools: dict[str, _SchoolModel]) -> None:
        self._schools = schools

    @classmethod
    def load(cls, rules_dir: Path) -> ArticleRecogniser:
        path = rules_dir / MODEL_FILE
        if not path.exists():
            return cls({})
        raw = json.loads(path.read_text(encoding="utf-8"))
        return cls(
            {
                school: _SchoolModel(tuple(model["classes"]), model["alike"], model["weights"])
                for school, model in raw.items()
            }
        )

    def guess(self, school: str, text: str) -> Guess | None:
        model = self._schools.get(school)
        return model.guess(text) if model else None
