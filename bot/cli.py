"""Command line: `python -m bot ask …`, `python -m bot rules check|concepts|list`, `python -m bot school new`,
`python -m bot chat`, the privacy tasks (`stats`, `export`, `erase`, `purge`), `python -m bot outbox …` and
`python -m bot insights`."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from pydantic import BaseModel, ConfigDict, ValidationError

from bot.protocol.answer import Answer
from bot.protocol.engine import QuestionError, RuleBook, parse_role
from bot.protocol.explain import explain
from bot.protocol.loader import LEXICON_FILE, RulesError, load_lexicon, load_school, school_files
from bot.protocol.model import ROLES
from bot.protocol.problems import review_marks

RULES_DIR = Path(__file__).resolve().parent.parent / "rules"
EXIT_USAGE = 2

_VERDICT_WORDS = {
    "yes": "JA",
    "yes_if": "JA, MITS …",
    "no": "NEE",
    "advised_against": "LIEVER NIET",
    "unknown": "STAAT NIET IN HET PROTOCOL",
    "clarify": "WAT BEDOEL JE PRECIES?",
}


class _JsonlQuestion(BaseModel):
    model_config = ConfigDict(extra="ignore")
    school: str
    role: str
    question: str


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    handler: Any = args.handler
    try:
        return int(handler(args))
    except RulesError as exc:
        print(f"fout in de regels: {exc}", file=sys.stderr)
        return 1


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bot", description="Mag dit? — het protocol in Teams")
    parser.add_argument("--rules", type=Path, default=RULES_DIR, help="folder with the rules files")
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    ask = commands.add_parser("ask", help="answer a question for a school and role")
    ask.add_argument("--school", help="school slug, e.g. de-breul")
    ask.add_argument("--role", help=f"one of {', '.join(ROLES)}")
    ask.add_argument("--json", action="store_true", help="print the answer contract as JSON")
    ask.add_argument("--jsonl", action="store_true", help="read {school, role, question} lines from stdin")
    ask.add_argument("--explain", action="store_true", help="show what was understood and why this answer")
    ask.add_argument("question", nargs="*")
    ask.set_defaults(handler=_ask)

    rules = commands.add_parser("rules", help="work with the rules files")
    rules_commands = rules.add_subparsers(required=True, metavar="ACTION")
    check = rules_commands.add_parser("check", help="validate rules files and list their articles")
    check.add_argument("files", nargs="*", type=Path)
    check.set_defaults(handler=_rules_check)
    from bot.onboarding.commands import add_rules_commands, add_school_commands

    add_rules_commands(rules_commands)  # rules concepts, rules list
    add_school_commands(commands)  # school new

    chat = commands.add_parser("chat", help="ask questions interactively in the terminal")
    chat.add_argument("--school", default="de-breul")
    chat.add_argument("--role", default="leerling")
    chat.set_defaults(handler=_chat)

    from bot.reporting.admin import add_commands

    add_commands(commands)  # stats, export, erase, purge
    from bot.delivery.admin import add_commands as add_outbox_commands

    add_outbox_commands(commands)  # outbox list, retry, explain
    from bot.insights.admin import add_commands as add_insight_commands

    add_insight_commands(commands)  # insights
    from bot.storage.sql.migrate import add_commands as add_database_commands

    add_database_commands(commands)  # db upgrade, current
    return parser


def _ask(args: argparse.Namespace) -> int:
    book = RuleBook.load(args.rules)
    if args.jsonl:
        _answer_lines(book, sys.stdin, sys.stdout)
        return 0
    problems = _check_choice(book, args.school, args.role)
    if problems:
        for problem in problems:
            print(problem, file=sys.stderr)
        return EXIT_USAGE
    question = " ".join(args.question)
    try:
        answer = book.answer(args.school, args.role, question)
    except QuestionError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_USAGE
    if args.explain:
        print(explain(book, args.school, args.role, question))
    elif args.json:
        print(json.dumps(answer.contract(), ensure_ascii=False))
    else:
        print(_readable(answer))
    return 0


def _check_choice(book: RuleBook, school: str | None, role: str | None) -> list[str]:
    problems = []
    if school not in book.slugs:
        problems.append(f"onbekende school {school!r}; kies uit: {', '.join(book.slugs)}")
    try:
        parse_role(role or "")
    except QuestionError:
        problems.append(f"onbekende rol {role!r}; kies uit: {', '.join(ROLES)}")
    return problems


def _answer_lines(book: RuleBook, lines: TextIO, out: TextIO) -> None:
    """One answer (or one error object) per input line, in order; a bad line never stops the rest."""
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            item = _JsonlQuestion.model_validate_json(line)
            result: dict[str, Any] = book.answer(item.school, item.role, item.question).contract()
        except ValidationError as exc:
            result = {"error": f"regel {number}: geen geldige vraag ({exc.error_count()} fouten)"}
        except QuestionError as exc:
            result = {"error": f"regel {number}: {exc}"}
        out.write(json.dumps(result, ensure_ascii=False) + "\n")
        out.flush()


def _readable(answer: Answer) -> str:
    head = f"[{_VERDICT_WORDS[answer.verdict]}]"
    if answer.intent == "report":
        head += " (melding)"
    sources = f"\nBronnen: {', '.join(answer.sources)}" if answer.sources else ""
    options = (
        "".join(f"\n  - {option.topic}" for option in answer.suggestions)
        if answer.verdict == "clarify"
        else ""
    )
    return f"{head}\n{answer.text}{options}{sources}"


def _rules_check(args: argparse.Namespace) -> int:
    folder: Path = args.rules
    files = args.files or school_files(folder)
    try:
        lexicon = load_lexicon(folder / LEXICON_FILE)
    except RulesError as exc:
        print(f"FOUT {exc}")
        return 1
    failed = 0
    for path in files:
        try:
            rules, _ = load_school(path, lexicon, folder=folder)
        except RulesError as exc:
            failed += 1
            print(f"FOUT {path}")
            for problem in exc.details:
                print(f"  - {problem.text}")
                if problem.todo:
                    print(f"    wat te doen: {problem.todo}")
            continue
        total = sum(len(s.articles) for s in rules.sections)
        print(f"OK   {rules.school.slug}: {total} artikelen, {len(rules.situations)} situaties")
        for section in rules.sections:
            ids = [a.id for a in section.articles]
            print(f"     {section.id:<3} {len(ids):>2}  {ids[0]}–{ids[-1]}  {section.title}")
        marked = review_marks(path)
        if marked:
            lines = ", ".join(str(n) for n in marked[:10]) + (" …" if len(marked) > 10 else "")
            print(f"     let op: {len(marked)} voorstel(len) nog gemarkeerd met # REVIEW (regel {lines})")
    return 1 if failed else 0


def _chat(args: argparse.Namespace) -> int:
    book = RuleBook.load(args.rules)
    problems = _check_choice(book, args.school, args.role)
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return EXIT_USAGE
    print(
        f"Mag dit? — {book.school(args.school).school.name}, rol {args.role}. Stel je vraag (leeg = stoppen)."
    )
    for line in sys.stdin:
        if not line.strip():
            break
        print(_readable(book.answer(args.school, args.role, line)) + "\n")
    return 0
