"""Write rules/articles-model.json: the article recogniser (bot/protocol/recogniser.py).

Trained on the rule questions of the eval sets used for fixing (the detector's, scripts/safety_model.py, and
the later fixing sets 24–48: 1,800 more labelled questions) and of the case files, never on the sets kept
unseen (eval/README.md). Run it after adding labelled questions or changing articles:
    .venv/bin/python scripts/article_model.py
A test fails when the file is out of date.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.protocol.english import EnglishGlossary, is_english  # noqa: E402
from bot.protocol.recogniser import MODEL_FILE, NONE, train  # noqa: E402
from scripts.safety_model import TRAINING_SETS as DETECTOR_SETS  # noqa: E402
from scripts.safety_model import as_json, write  # noqa: E402

# The detector's sets and the sets used for fixing since (eval/README.md).
TRAINING_SETS = (
    *DETECTOR_SETS,
    *(f"holdout{n}.jsonl" for n in (24, 26, 27, 30, 31, 33, 34, 36, 42, 44, 47, 48)),
)


def _articles(sources: list[str]) -> list[str]:
    """Every acceptable source that names an item ("A.8"): each is a right reading of the question."""
    return [local for local in (source.split(":", 1)[-1] for source in sources) if "." in local]


def examples(root: Path = ROOT) -> list[tuple[str, str, tuple[str, ...]]]:
    """(school, question as the engine reads it, acceptable articles): English in its Dutch reading."""
    glossary = EnglishGlossary.load(root / "rules")

    def reading(text: str) -> str:
        return glossary.to_dutch(text) if is_english(text) else text

    found: list[tuple[str, str, tuple[str, ...]]] = []
    for name in TRAINING_SETS:
        for line in (root / "eval" / name).read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            item = json.loads(line)
            if item["intent"] != "question":
                continue
            articles = _articles(item["sources"]) if item["sources"] else [NONE]
            found.append((item["school"], reading(item["question"]), tuple(articles)))
    for path in sorted((root / "tests" / "protocol" / "cases").glob("*.yaml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8")):
            if case.get("intent", "question") != "question":
                continue
            sources = case.get("source") or []
            sources = [sources] if isinstance(sources, str) else sources
            verdicts = case.get("verdict", "*")
            unknown = verdicts == "unknown" or verdicts == ["unknown"]
            articles = [NONE] if unknown or not sources else _articles(list(sources))
            found.append((path.stem, reading(case["q"]), tuple(articles)))
    return [example for example in found if example[2]]  # a section without an item names no article


def model_text(root: Path = ROOT) -> str:
    return as_json(train(examples(root)))


def main() -> None:
    write(ROOT / "rules" / MODEL_FILE, model_text())


if __name__ == "__main__":
    main()
