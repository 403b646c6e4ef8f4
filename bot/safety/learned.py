"""A learned incident detector beside the signal lexicon: logistic regression over the labelled questions.

The lexicon names harms (and so the care a message gets); this detector recognises how people tell that
something is wrong, in words nobody listed: it is trained on every question our examiners labelled
(eval sets used for fixing, the case files) and scores a message by the log-odds of its features —
folded words, word pairs and letter 4-grams (so children's spelling and slang still match).
Deterministic and explainable: `top_features()` names what weighed most. `scripts/safety_model.py`
rebuilds `rules/safety/model.json`; a test fails when it is out of date.
"""

from __future__ import annotations

import json
import math
import random
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise, repeat
from pathlib import Path

from bot.protocol.text import tokens, without_courtesies

MODEL_FILE = Path("safety") / "model.json"
_MIN_DOCUMENTS = 2  # a feature seen in fewer labelled questions says nothing reliable
_MIN_WEIGHT = 0.02  # features that barely lean either way are left out of the file
_DIGITS = 3
_EPOCHS = 15
_RATE = 0.1
_L2 = 1e-4
_ORDERS = 8  # runs in different orders, averaged


@lru_cache(maxsize=64)
def features(text: str) -> tuple[str, ...]:
    """Words, word pairs and the letter 4-grams of each word (`#<pes`, `#pest`, …) of the message, each once.

    In sorted order: a set's order changes with every process (hash randomisation), and so would the last
    bits of a sum of weights over it — enough to tip a score that sits on a threshold, so two instances of
    the bot answered the same message differently. Cached for the last few messages: the article
    recogniser reads the same message as this detector."""
    words = tokens(without_courtesies(text))
    found = set(words)
    found.update(map("_".join, pairwise(words)))
    for word in words:
        found.update(_letter_grams(word))
    return tuple(sorted(found))


@lru_cache(maxsize=4096)
def _letter_grams(word: str) -> tuple[str, ...]:
    """The letter 4-grams of one word, marked at its ends; kept for the words seen most recently (most of a
    message's words recur in the next)."""
    marked = f"<{word}>"
    return tuple("#" + marked[i : i + 4] for i in range(len(marked) - 3))


def train(examples: Iterable[tuple[str, bool]]) -> dict[str, object]:
    """Logistic regression over the features of labelled (message, is an incident) examples.

    Plain stochastic gradient descent, incidents weighed up to balance the classes, a little L2; run once per
    seeded order and averaged (`_ORDERS`), so that a few more examples move the model a little, not the
    order of all of them: the same examples give the same model on every machine.
    """
    data = [(features(text), incident) for text, incident in examples]
    documents = Counter(f for found, _ in data for f in found)
    rows = [
        ([f for f in sorted(found) if documents[f] >= _MIN_DOCUMENTS], incident) for found, incident in data
    ]
    incidents = sum(incident for _, incident in rows)
    total: Counter[str] = Counter()
    total_bias = 0.0
    for seed in range(_ORDERS):
        weights, bias = _descend(rows, incidents, seed)
        total.update(weights)
        total_bias += bias
    kept = {
        f: round(w / _ORDERS, _DIGITS) for f, w in sorted(total.items()) if abs(w / _ORDERS) >= _MIN_WEIGHT
    }
    return {
        "incidents": incidents,
        "questions": len(rows) - incidents,
        "bias": round(total_bias / _ORDERS, _DIGITS),
        "weights": kept,
    }


def _descend(rows: list[tuple[list[str], bool]], incidents: int, seed: int) -> tuple[dict[str, float], float]:
    """One run of gradient descent over `rows` in the order of `seed`."""
    balance = (len(rows) - incidents) / max(incidents, 1)
    weights: dict[str, float] = {}
    bias = 0.0
    order = list(range(len(rows)))
    shuffle = random.Random(seed)  # noqa: S311 - a reproducible order, not a secret
    for _ in range(_EPOCHS):
        shuffle.shuffle(order)
        for index in order:
            found, incident = rows[index]
            z = bias + sum(weights.get(f, 0.0) for f in found)
            p = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
            gradient = (p - incident) * (balance if incident else 1.0)
            for f in found:
                w = weights.get(f, 0.0)
                weights[f] = w - _RATE * (gradient + _L2 * w)
            bias -= _RATE * gradient
    return weights, bias


@dataclass(frozen=True, slots=True)
class LearnedDetector:
    bias: float
    weights: dict[str, float]

    @classmethod
    def load(cls, rules_dir: Path) -> LearnedDetector:
        model = json.loads((rules_dir / MODEL_FILE).read_text(encoding="utf-8"))
        return cls(bias=float(model["bias"]), weights={k: float(v) for k, v in model["weights"].items()})

    def score(self, text: str) -> float:
        """Log-odds that the message tells of an incident (above 0: more like the incidents we saw)."""
        found = features(text)
        return self.bias + sum(map(self.weights.get, found, repeat(0.0, len(found))))

    def top_features(self, text: str, count: int = 8) -> list[tuple[str, float]]:
        weighed = [(f, self.weights[f]) for f in features(text) if f in self.weights]
        return sorted(weighed, key=lambda item: -abs(item[1]))[:count]
