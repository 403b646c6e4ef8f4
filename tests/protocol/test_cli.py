"""`python -m bot ask` and `rules check` as a person or a script uses them: a real subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603
        [sys.executable, "-m", "bot", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )


def test_ask_readable() -> None:
    result = _run("ask", "--school", "de-breul", "--role", "medewerker", "mag ik mijn klas appen?")
    assert result.returncode == 0
    assert result.stdout.startswith("[NEE]")
    assert "artikel A.1" in result.stdout
    assert "de-breul:A.1" in result.stdout


def test_ask_json_is_the_contract() -> None:
    result = _run("ask", "--school", "de-breul", "--role", "leerling", "--json", "mag ik op snap in de les")
    answer = json.loads(result.stdout)
    assert set(answer) == {"intent", "verdict", "sources", "text"}
    assert answer["verdict"] == "no"
    # A.4 (for everyone) and E.8 (for pupils) both say it: social media in class only with permission.
    assert answer["sources"][0] in ("de-breul:A.4", "de-breul:E.8")


def test_jsonl_keeps_order_and_survives_bad_lines() -> None:
    lines = [
        json.dumps({"school": "de-breul", "role": "medewerker", "question": "mag ik mijn klas appen"}),
        "this is not json",
        json.dumps({"school": "nergens", "role": "leerling", "question": "hoi"}),
        json.dumps({"school": "de-breul", "role": "directeur", "question": "hoi"}),
        json.dumps({"school": "de-breul", "role": "ouder", "question": "   "}),
        json.dumps({"school": "de-breul", "role": "ouder", "question": "Wat is het adres van de school?"}),
    ]
    result = _run("ask", "--jsonl", stdin="\n".join(lines) + "\n")
    assert result.returncode == 0
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(out) == 6
    assert out[0]["sources"][0] == "de-breul:A.1"
    assert "regel 2" in out[1]["error"]
    assert "onbekende school" in out[2]["error"] and "de-breul" in out[2]["error"]
    assert "onbekende rol" in out[3]["error"] and "medewerker" in out[3]["error"]
    assert "leeg" in out[4]["error"]
    assert out[5]["verdict"] == "unknown"


def test_unknown_school_or_role_exits_2_listing_valid_ones() -> None:
    result = _run("ask", "--school", "nergens", "--role", "pinguin", "mag ik")
    assert result.returncode == 2
    assert "de-breul" in result.stderr
    assert "medewerker, leerling, ouder" in result.stderr


def test_empty_question_is_a_clear_message() -> None:
    result = _run("ask", "--school", "de-breul", "--role", "leerling", "  ")
    assert result.returncode == 2
    assert "de vraag is leeg" in result.stderr


def test_rules_check_lists_sections(tmp_path: Path) -> None:
    result = _run("rules", "check", str(ROOT / "rules" / "de-breul.yaml"))
    assert result.returncode == 0
    assert "OK   de-breul: 46 artikelen" in result.stdout
    assert "E   10  E.1–E.10" in result.stdout


def test_rules_check_fails_on_a_broken_file(tmp_path: Path) -> None:
    broken = tmp_path / "de-breul.yaml"
    broken.write_text((ROOT / "rules" / "de-breul.yaml").read_text().replace("id: A.3", "id: A.2"))
    result = _run("rules", "check", str(broken))
    assert result.returncode == 1
    assert "article A.2: duplicate article id" in result.stdout


def test_explain_shows_the_safety_check_the_concepts_and_the_situations() -> None:
    result = _run(
        "ask",
        "--school",
        "de-breul",
        "--role",
        "leerling",
        "--explain",
        "mag iemand zomaar mijn adres in de groep zetten",
    )
    assert result.returncode == 0
    out = result.stdout
    assert "veiligheid: danger (doxxing) -> melding" in out
    assert "framing: victim" in out
    assert "begrippen (lexicon):" in out
    question = _run(
        "ask", "--school", "de-breul", "--role", "leerling", "--explain", "mag ik op snap in de les"
    )
    assert "veiligheid: geen signaal" in question.stdout
    assert "de-breul:E.8" in question.stdout or "E.8" in question.stdout


def test_explain_says_what_the_second_opinion_made_of_the_answer() -> None:
    uncovered = _run(
        "ask",
        "--school",
        "de-breul",
        "--role",
        "leerling",
        "--explain",
        "mag ik in de pauze in de aula op mn telefoon gamen of is dat ook verboden net als in de les",
    )
    assert "de tweede mening zegt dat het er niet in staat" in uncovered.stdout
    asked_back = _run(
        "ask",
        "--school",
        "willem-van-oranje",
        "--role",
        "leerling",
        "--explain",
        "My online classes were recorded by the teacher. Can I share the recording on Instagram?",
    )
    assert "de tweede mening vraagt terug" in asked_back.stdout
    assert "vraagt terug met: lesopname-delen" in asked_back.stdout


def test_rules_check_says_what_to_do(tmp_path: Path) -> None:
    broken = tmp_path / "de-breul.yaml"
    text = (ROOT / "rules" / "de-breul.yaml").read_text()
    broken.write_text(text.replace("match: {all: [incident]}", "match: {all: [incidnt]}", 1))
    result = _run("rules", "check", str(broken))
    assert result.returncode == 1
    assert "  - situation melding-leerling: match: unknown concept 'incidnt'\n" in result.stdout
    assert "    wat te doen: Bedoel je incident?" in result.stdout
