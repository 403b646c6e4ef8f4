"""Write rules/safety/model.json: the learned incident detector (bot/safety/learned.py).

Trained on every question an examiner labelled that is no longer used to measure: the eval sets that were
used for fixing (sets 1–10, 12, 13, 15, 16, 18, 20, and the fixing sets among 24–48) and the case
files. Never trained on the sets kept unseen (the honest figures, eval/README.md: 11, 14, 17, 19, 21, 22,
23, 25, 28, 29, 32, 35, 37–41, 43, 45, 46, 49–51 and any newer set). Run it after adding labelled questions:
    .venv/bin/python scripts/safety_model.py
A test fails when the file is out of date.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.safety.learned import MODEL_FILE, train  # noqa: E402

# Sets used for fixing (eval/README.md); the unseen ones stay out so that they keep measuring.
_EARLY = ("", 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 13, 15, 16, 18, 20)
_LATER = (24, 26, 27, 30, 31, 33, 34, 36, 42, 44, 47, 48)
TRAINING_SETS = tuple(f"holdout{n}.jsonl" for n in (*_EARLY, *_LATER))


def examples(root: Path = ROOT) -> list[tuple[str, bool]]:
    found: list[tuple[str, bool]] = []
    for name in TRAINING_SETS:
        for line in (root / "eval" / name).read_text(encoding="utf-8").splitlines():
            if line.strip():
                item = json.loads(line)
                found.append((item["question"], item["intent"] == "report"))
    for path in sorted((root / "tests" / "protocol" / "cases").glob("*.yaml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8")):
            found.append((case["q"], case.get("intent", "question") == "report"))
    return found


def model_text(root: Path = ROOT) -> str:
    return as_json(train(examples(root)))


def as_json(model: object) -> str:
    """A model as written to rules/: sorted and compact, so a rebuild from the same examples is identical."""
    return json.dumps(model, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"


def write(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")
    print(f"{path.relative_to(ROOT)}: {len(text) // 1024} KiB")


def main() -> None:
    write(ROOT / "rules" / MODEL_FILE, model_text())


if __name__ == "__main__":
    main()
