"""`school new`, `rules check` on a draft, `ask --explain`, `rules list` and `rules concepts` as a coordinator
runs them: real subprocesses."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT
from tests.onboarding.conftest import PROTOCOL
from tests.onboarding.test_draft import filled, rules_with


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603
        [sys.executable, "-m", "bot", *args], capture_output=True, text=True, cwd=ROOT, check=False
    )


def test_a_new_school_from_its_protocol_to_its_first_answer(tmp_path: Path) -> None:
    rules = rules_with(tmp_path, "")
    (rules / "het-baken.yaml").unlink()  # rules_with copied the catalogue beside it
    school = rules / "het-baken.yaml"
    named = ("--name", "Het Baken", "--kind", "po")
    new = _run("--rules", str(rules), "school", "new", "het-baken", "--from", str(PROTOCOL), *named)
    assert new.returncode == 0, new.stderr
    assert f"Concept geschreven: {school}" in new.stdout and "4 TODO's om in te vullen" in new.stdout

    again = _run("--rules", str(rules), "school", "new", "het-baken", "--from", str(PROTOCOL))
    assert again.returncode == 2 and "bestaat al" in again.stderr

    check = _run("--rules", str(rules), "rules", "check", str(school))
    assert check.returncode == 1
    assert "  - section U: summary: still TODO\n    wat te doen: vul dit in" in check.stdout

    school.write_text(filled(school.read_text(encoding="utf-8")), encoding="utf-8")
    check = _run("--rules", str(rules), "rules", "check", str(school))
    assert check.returncode == 0, check.stdout
    assert "OK   het-baken: 10 artikelen" in check.stdout
    assert re.search(r"let op: \d+ voorstel\(len\) nog gemarkeerd met # REVIEW", check.stdout)

    why = _run("--rules", str(rules), "ask", "--school", "het-baken", "--role", "medewerker", "--explain",
               "mag ik ouders appen via whatsapp")  # fmt: skip
    assert why.returncode == 0, why.stderr
    assert "situatie=whatsapp-medewerker-leerlingen" in why.stdout and "het-baken:1.b" in why.stdout


def test_a_bad_slug_is_refused(tmp_path: Path) -> None:
    result = _run("school", "new", "Het Baken", "--from", str(PROTOCOL), "--out", str(tmp_path / "x.yaml"))
    assert result.returncode == 2 and "ongeldige slug" in result.stderr


def test_rules_list_names_every_school_file() -> None:
    result = _run("rules", "list")
    assert result.returncode == 0
    assert result.stdout.split() == sorted(
        p.stem for p in (ROOT / "rules").glob("*.yaml") if p.stem != "lexicon"
    )


def test_rules_concepts_writes_the_document(tmp_path: Path) -> None:
    out = tmp_path / "concepts.md"
    result = _run("rules", "concepts", "--out", str(out))
    assert result.returncode == 0
    assert out.read_text(encoding="utf-8") == (ROOT / "docs" / "concepts.md").read_text(encoding="utf-8")
